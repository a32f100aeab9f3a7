#include "formats/csv/csv_writer.h"

#include <algorithm>

#include "types/civil_date.h"
#include "vector/value_formatter.h"

namespace sluice::formats::csv {

void AppendCsvField(std::string* out, std::string_view value, const CsvOptions& options,
                    bool force_quote) {
  const char quote = options.quote;
  const char escape = options.escape;
  // One pass finds the quotes and escapes that quoting has to protect.
  auto is_special = [&](char c) { return c == quote || (c == escape && escape != '\0'); };
  bool needs_quote = force_quote || (quote != '\0' && value.empty());
  if (!needs_quote && quote != '\0') {
    // Quote what the reader would otherwise split, trim, or take for a comment or quote.
    needs_quote = value.find(options.delimiter) != std::string_view::npos ||
                  std::any_of(value.begin(), value.end(),
                              [&](char c) { return c == '\r' || c == '\n' || is_special(c); }) ||
                  (options.comment != '\0' && value[0] == options.comment) ||
                  value.front() == ' ' || value.back() == ' ';
  }
  if (!needs_quote) {
    out->append(value);
    return;
  }
  out->push_back(quote);
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (!is_special(c)) continue;
    if (c == quote && options.escape_quotes) {
      out->append(value.substr(run, i - run));
      out->push_back(escape != '\0' ? escape : quote);
      run = i;
    } else if (c == escape && escape != quote) {
      out->append(value.substr(run, i - run));
      out->push_back(escape);  // an escape before a quote would otherwise be eaten
      run = i;
    }
  }
  out->append(value.substr(run));
  out->push_back(quote);
}

CsvWriter::CsvWriter(std::unique_ptr<io::OutputStream> out, types::Schema schema,
                     CsvOptions options)
    : out_(std::move(out)),
      schema_(std::move(schema)),
      options_(std::move(options)),
      date_format_(options_.date_format.value_or(*types::DateTimeFormat::Compile("yyyy-MM-dd"))),
      timestamp_format_(options_.timestamp_format.value_or(
          *types::DateTimeFormat::Compile("yyyy-MM-dd'T'HH:mm:ss.SSSXXX"))),
      timestamp_ntz_format_(options_.timestamp_ntz_format.value_or(
          *types::DateTimeFormat::Compile("yyyy-MM-dd'T'HH:mm:ss.SSS"))) {}

namespace {
Status CheckWritable(const types::Schema& schema) {
  for (const types::Field& f : schema.fields()) {
    if (f.type.IsNested() || f.type.id() == types::TypeId::kInterval || f.type.IsAnsiInterval()) {
      return Status::Invalid("CSV data source does not support " + f.type.ToString() +
                             " (column '" + f.name + "')");
    }
  }
  return Status::OK();
}
}  // namespace

Result<std::unique_ptr<CsvWriter>> CsvWriter::Open(io::FileSystem& fs, const std::string& path,
                                                   const types::Schema& schema,
                                                   const CsvOptions& options) {
  SLUICE_RETURN_NOT_OK(CheckWritable(schema));  // before the file is created
  SLUICE_ASSIGN_OR_RAISE(io::Codec codec, io::CodecFromName(options.compression));
  SLUICE_ASSIGN_OR_RAISE(auto file, fs.OpenWrite(path));
  SLUICE_ASSIGN_OR_RAISE(auto stream, io::OpenCompressingStream(codec, std::move(file)));
  return Make(std::move(stream), schema, options);
}

Result<std::unique_ptr<CsvWriter>> CsvWriter::Make(std::unique_ptr<io::OutputStream> out,
                                                   const types::Schema& schema,
                                                   const CsvOptions& options) {
  SLUICE_RETURN_NOT_OK(CheckWritable(schema));
  std::unique_ptr<CsvWriter> writer(new CsvWriter(std::move(out), schema, options));
  if (options.header) {
    for (size_t i = 0; i < schema.size(); ++i) {
      if (i > 0) writer->buffer_ += options.delimiter;
      AppendCsvField(&writer->buffer_, schema.field(i).name, options, options.quote_all);
    }
    writer->buffer_ += '\n';
  }
  return writer;
}

void CsvWriter::AppendValue(const vector::Vector& v, size_t row) {
  using types::TypeId;
  if (v.IsNull(row)) {
    // Spark writes null as nullValue unquoted, and an empty string as a quoted "".
    buffer_ += options_.null_value;
    return;
  }
  std::string text;
  switch (v.type().id()) {
    case TypeId::kDate:
      text = date_format_.Format(
          static_cast<int64_t>(v.data<int32_t>()[row]) * types::kMicrosPerDay, 0, "");
      break;
    case TypeId::kTimestamp:
      text = timestamp_format_.FormatInstant(v.data<int64_t>()[row], options_.session_time_zone);
      break;
    case TypeId::kTimestampNtz:
      text = timestamp_ntz_format_.Format(v.data<int64_t>()[row], 0, "");
      break;
    default:
      text = vector::FormatValue(v, row, options_.session_time_zone);
      break;
  }
  bool force = options_.quote_all;
  // A value that reads back as null must be quoted to stay a value.
  if (!force && !text.empty() && text == options_.null_value) force = true;
  AppendCsvField(&buffer_, text, options_, force);
}

Status CsvWriter::Write(const vector::Batch& batch, size_t max_rows) {
  std::vector<uint32_t> rows(std::min(batch.num_selected(), max_rows));
  for (size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<uint32_t>(batch.selected_row(i));
  std::vector<size_t> columns(batch.num_columns());
  for (size_t c = 0; c < columns.size(); ++c) columns[c] = c;
  return WriteRows(batch, rows, columns);
}

Status CsvWriter::WriteRows(const vector::Batch& batch, const std::vector<uint32_t>& rows,
                            const std::vector<size_t>& columns) {
  for (uint32_t row : rows) {
    for (size_t c = 0; c < columns.size(); ++c) {
      if (c > 0) buffer_ += options_.delimiter;
      AppendValue(batch.column(columns[c]), row);
    }
    buffer_ += '\n';
    ++rows_;
    if (buffer_.size() >= (1 << 20)) {
      SLUICE_RETURN_NOT_OK(out_->Write(buffer_));
      buffer_.clear();
    }
  }
  return Status::OK();
}

Status CsvWriter::Finish() {
  if (!buffer_.empty()) SLUICE_RETURN_NOT_OK(out_->Write(buffer_));
  buffer_.clear();
  return out_->Finish();
}

}  // namespace sluice::formats::csv
