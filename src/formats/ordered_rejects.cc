#include "formats/ordered_rejects.h"

namespace sluice::formats {
namespace {

size_t ApproximateBytes(const RejectedRow& row) {
  return sizeof(RejectedRow) + row.file.size() + row.column.size() + row.category.size() +
         row.reason.size() + row.raw.size();
}

}  // namespace

Status OrderedRejects::Add(size_t i, std::span<const RejectedRow> rows) {
  if (rows.empty()) return Status::OK();
  std::lock_guard lock(mu_);
  Morsel& m = morsels_[i];
  if (m.dropped_from) return Status::OK();  // Replay finds these too
  if (i == head_) return sink_->Add(rows);
  size_t bytes = 0;
  for (const RejectedRow& row : rows) bytes += ApproximateBytes(row);
  if (m.bytes + bytes > budget_bytes_) {
    m.dropped_from = rows.front();
    return Status::OK();
  }
  m.rows.insert(m.rows.end(), rows.begin(), rows.end());
  m.bytes += bytes;
  return Status::OK();
}

Status OrderedRejects::Advance() {
  while (head_ < morsels_.size()) {
    Morsel& m = morsels_[head_];
    if (!m.rows.empty()) {
      Status st = sink_->Add(m.rows);
      std::vector<RejectedRow>().swap(m.rows);
      SLUICE_RETURN_NOT_OK(st);
    }
    if (!m.done) break;  // its further rejects go straight through
    if (m.dropped_from) {
      RejectedRow from = std::move(*m.dropped_from);
      m.dropped_from.reset();
      SLUICE_RETURN_NOT_OK(replay_(head_, from, *sink_));
    }
    ++head_;
  }
  return Status::OK();
}

Status OrderedRejects::Done(size_t i) {
  std::lock_guard lock(mu_);
  morsels_[i].done = true;
  return i == head_ ? Advance() : Status::OK();
}

Status OrderedRejects::Finish() {
  std::lock_guard lock(mu_);
  for (Morsel& m : morsels_) m.done = true;
  return Advance();
}

}  // namespace sluice::formats
