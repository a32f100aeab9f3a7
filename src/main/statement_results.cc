#include "main/statement_results.h"

#include "exec/executor.h"
#include "functions/kernel_util.h"

namespace sluice::main {

std::string QuotedName(const std::vector<std::string>& name) {
  std::string out;
  for (const std::string& p : name) out += (out.empty() ? "`" : ".`") + p + "`";
  return out;
}

QueryResult CommandResult() {
  return QueryResult{std::make_shared<const types::Schema>(), {}, false};
}

Result<QueryResult> TextRows(const std::vector<std::string>& names,
                             const std::vector<std::vector<std::string>>& rows) {
  std::vector<types::Field> fields;
  for (const std::string& n : names) fields.push_back({n, types::TypeId::kString, true});
  QueryResult result;
  result.schema = std::make_shared<const types::Schema>(fields);
  result.returns_rows = true;
  for (size_t start = 0; start < rows.size(); start += vector::kVectorSize) {
    const size_t n = std::min(vector::kVectorSize, rows.size() - start);
    SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, vector::Batch::Make(result.schema, n));
    for (size_t r = 0; r < n; ++r)
      for (size_t c = 0; c < names.size(); ++c)
        functions::Set<std::string>(batch.column(c), r, rows[start + r][c]);
    batch.set_num_rows(n);
    result.batches.push_back(std::move(batch));
  }
  return result;
}

}  // namespace sluice::main
