#include "main/result_format.h"

#include "main/result_format_json.h"
#include "main/result_format_table.h"
#include "vector/value_formatter.h"

namespace sluice::main {
namespace {

// RFC 4180: a field holding a comma, quote or line break is quoted, its quotes doubled.
// An empty string is quoted too, so that it differs from NULL (an empty field), as
// Spark's CSV writer does.
void AppendCsvField(std::string_view text, std::string* out) {
  if (!text.empty() && text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(text);
    return;
  }
  out->push_back('"');
  for (char c : text) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

// Calls `row_fn(batch, row)` for every live row of every batch, in order (a spilled batch is
// read back when its turn comes).
template <typename Fn>
Status ForEachRow(const exec::BatchStore& batches, Fn row_fn) {
  for (size_t b = 0; b < batches.batch_count(); ++b) {
    SLUICE_ASSIGN_OR_RAISE(const vector::Batch batch, batches.Read(b));
    for (size_t i = 0; i < batch.num_selected(); ++i) row_fn(batch, batch.selected_row(i));
  }
  return Status::OK();
}

}  // namespace

Status WriteResult(const types::Schema& schema, const exec::BatchStore& batches,
                   ResultFormat format, const ResultFormatOptions& o, std::ostream& out) {
  std::string line;
  switch (format) {
    case ResultFormat::kTsvWithSchema:
      out << CatalogString(schema) << '\n';
      [[fallthrough]];
    case ResultFormat::kTsv:
      SLUICE_RETURN_NOT_OK(ForEachRow(batches, [&](const vector::Batch& batch, size_t row) {
        line.clear();
        for (size_t c = 0; c < batch.num_columns(); ++c) {
          if (c > 0) line.push_back('\t');
          line += HiveText(batch.column(c), row, o);
        }
        out << line << '\n';
      }));
      break;
    case ResultFormat::kCsv:
      for (size_t c = 0; c < schema.size(); ++c) {
        if (c > 0) line.push_back(',');
        AppendCsvField(schema.field(c).name, &line);
      }
      out << line << '\n';
      SLUICE_RETURN_NOT_OK(ForEachRow(batches, [&](const vector::Batch& batch, size_t row) {
        line.clear();
        for (size_t c = 0; c < batch.num_columns(); ++c) {
          if (c > 0) line.push_back(',');
          const vector::Vector& v = batch.column(c);
          if (!v.IsNull(row) && v.type().id() != types::TypeId::kNull)
            AppendCsvField(vector::FormatValue(v, row, *o.zone), &line);
        }
        out << line << '\n';
      }));
      break;
    case ResultFormat::kJson: {
      const JsonTextOptions json{.zone = o.zone};
      SLUICE_RETURN_NOT_OK(ForEachRow(batches, [&](const vector::Batch& batch, size_t row) {
        line.clear();
        AppendJsonRow(schema, batch, row, json, &line);
        out << line << '\n';
      }));
      break;
    }
    case ResultFormat::kTable: {
      std::vector<std::string> header;
      for (const types::Field& field : schema.fields()) header.push_back(field.name);
      std::vector<std::vector<std::string>> rows;
      SLUICE_RETURN_NOT_OK(ForEachRow(batches, [&](const vector::Batch& batch, size_t row) {
        std::vector<std::string>& cells = rows.emplace_back();
        for (size_t c = 0; c < batch.num_columns(); ++c)
          cells.push_back(vector::FormatValue(batch.column(c), row, *o.zone));
      }));
      WriteTable(header, rows, 0, out);
      break;
    }
  }
  out.flush();
  return out ? Status::OK() : Status::IOError("cannot write the query result");
}

}  // namespace sluice::main
