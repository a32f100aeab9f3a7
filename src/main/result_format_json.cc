#include "main/result_format_json.h"

#include "common/json_text.h"

namespace sluice::main {

void AppendJsonRow(const types::Schema& schema, const vector::Batch& batch, size_t row,
                   const JsonTextOptions& o, std::string* out) {
  out->push_back('{');
  for (size_t c = 0; c < batch.num_columns(); ++c) {
    if (c > 0) out->push_back(',');
    AppendJsonString(out, schema.field(c).name);
    out->push_back(':');
    functions::AppendJsonValue(batch.column(c), row, o, out);
  }
  out->push_back('}');
}

}  // namespace sluice::main
