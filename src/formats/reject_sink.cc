#include "formats/reject_sink.h"

#include <algorithm>

namespace sluice::formats {

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
