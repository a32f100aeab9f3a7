#include "formats/reject_sink.h"

#include <algorithm>

namespace sluice::formats {

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

Status CollectingRejectSink::Add(std::span<const RejectedRow> rows) {
  std::lock_guard lock(mu_);
  rows_.insert(rows_.end(), rows.begin(), rows.end());
  return Status::OK();
}

std::vector<RejectedRow> CollectingRejectSink::Sorted() const {
  std::lock_guard lock(mu_);
  std::vector<RejectedRow> rows = rows_;
  std::stable_sort(rows.begin(), rows.end(), RejectedBefore);
  return rows;
}

RejectedRow& RejectBuffer::Next() {
  if (used_ == rows_.size()) rows_.emplace_back();
  return rows_[used_++];
}

Status RejectBuffer::Flush() {
  if (used_ == 0) return Status::OK();
  std::span<RejectedRow> rows(rows_.data(), used_);
  used_ = 0;
  for (const RejectedRow& row : rows) summary_.Add(row);
  Status st = sink_ != nullptr ? sink_->Add(rows) : Status::OK();
  // Reuse saves allocations, but a huge row's text is not worth keeping.
  for (RejectedRow& row : rows) {
    if (row.raw.capacity() > kMaxKeptRawBytes) std::string().swap(row.raw);
  }
  return st;
}

}  // namespace sluice::formats
