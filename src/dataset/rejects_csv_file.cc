#include "dataset/rejects_csv_file.h"

#include "formats/csv/csv_writer.h"

namespace sluice::formats {

void AppendRejectCsvLine(std::string* out, const RejectedRow& row) {
  static const csv::CsvOptions options;
  csv::AppendCsvField(out, row.file, options, false);
  *out += ',';
  *out += std::to_string(row.line);
  *out += ',';
  *out += std::to_string(row.byte_offset);
  *out += ',';
  if (!row.column.empty())
    csv::AppendCsvField(out, row.column, options, false);  // empty: the whole row
  *out += ',';
  csv::AppendCsvField(out, row.reason, options, false);
  *out += ',';
  // The raw text is always quoted so that an empty row is not read back as null.
  csv::AppendCsvField(out, row.raw, options, true);
  *out += '\n';
}

Result<std::shared_ptr<RejectsCsvFile>> RejectsCsvFile::Open(io::FileSystem& fs,
                                                             const std::string& path) {
  SLUICE_ASSIGN_OR_RAISE(auto file, fs.OpenWrite(path));
  std::shared_ptr<RejectsCsvFile> sink(new RejectsCsvFile(std::move(file), path));
  sink->buffer_.reserve(kBufferBytes);
  sink->buffer_ = kRejectsCsvHeader;
  return sink;
}

Status RejectsCsvFile::Add(std::span<const RejectedRow> rows) {
  // Formatting is most of the work: each worker does its own before taking the lock.
  std::string lines;
  for (const RejectedRow& row : rows) AppendRejectCsvLine(&lines, row);
  std::lock_guard lock(mu_);
  buffer_ += lines;
  if (buffer_.size() >= kBufferBytes) return FlushLocked();
  return failed_;
}

Status RejectsCsvFile::FlushLocked() {
  if (!failed_.ok()) return failed_;
  if (file_ == nullptr) return Status::Invalid("rejects file '" + path_ + "' is closed");
  Status st = file_->Append(buffer_);
  buffer_.clear();
  if (!st.ok()) failed_ = st.WithContext("writing rejects to '" + path_ + "'");
  return failed_;
}

Status RejectsCsvFile::Flush() {
  std::lock_guard lock(mu_);
  return FlushLocked();
}

Status RejectsCsvFile::Close() {
  std::lock_guard lock(mu_);
  SLUICE_RETURN_NOT_OK(FlushLocked());
  Status st = file_->Close();
  file_.reset();
  return st;
}

}  // namespace sluice::formats
