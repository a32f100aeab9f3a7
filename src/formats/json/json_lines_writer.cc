#include "formats/json/json_lines_writer.h"

#include "common/json_text.h"
#include "functions/json_writer.h"

namespace sluice::formats::json {

namespace {
constexpr size_t kFlushBytes = 1 << 20;
}  // namespace

JsonLinesWriter::JsonLinesWriter(std::unique_ptr<io::OutputStream> out, types::Schema schema,
                                 JsonReadOptions options)
    : out_(std::move(out)), schema_(std::move(schema)), options_(std::move(options)) {
  for (const types::Field& f : schema_.fields()) {
    std::string key;
    AppendJsonString(&key, f.name);
    keys_.push_back(key + ":");
  }
}

Result<std::unique_ptr<JsonLinesWriter>> JsonLinesWriter::Open(io::FileSystem& fs,
                                                               const std::string& path,
                                                               const types::Schema& schema,
                                                               const JsonReadOptions& options) {
  SLUICE_ASSIGN_OR_RAISE(io::Codec codec, io::CodecFromName(options.compression));
  SLUICE_ASSIGN_OR_RAISE(auto file, fs.OpenWrite(path));
  SLUICE_ASSIGN_OR_RAISE(auto stream, io::OpenCompressingStream(codec, std::move(file)));
  return std::unique_ptr<JsonLinesWriter>(new JsonLinesWriter(std::move(stream), schema, options));
}

Status JsonLinesWriter::WriteRows(const vector::Batch& batch, const std::vector<uint32_t>& rows,
                                  const std::vector<size_t>& columns) {
  functions::JsonWriteOptions o =
      functions::WriteOptionsOf(options_.date_times, &options_.session_time_zone);
  o.ignore_null_fields = options_.ignore_null_fields;
  for (uint32_t row : rows) {
    buffer_.push_back('{');
    bool first = true;
    for (size_t i = 0; i < columns.size(); ++i) {
      const vector::Vector& v = batch.column(columns[i]);
      if (v.IsNull(row) && options_.ignore_null_fields) continue;
      if (!first) buffer_.push_back(',');
      first = false;
      buffer_ += keys_[i];
      functions::AppendJsonValue(v, row, o, &buffer_);
    }
    buffer_ += "}\n";
    if (buffer_.size() >= kFlushBytes) {
      SLUICE_RETURN_NOT_OK(out_->Write(buffer_));
      buffer_.clear();
    }
  }
  return Status::OK();
}

Status JsonLinesWriter::Finish() {
  if (!buffer_.empty()) SLUICE_RETURN_NOT_OK(out_->Write(buffer_));
  buffer_.clear();
  return out_->Finish();
}

}  // namespace sluice::formats::json
