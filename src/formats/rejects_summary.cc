#include "formats/rejects_summary.h"

#include <algorithm>

namespace sluice::formats {
void RejectsSummary::Add(const RejectedRow& row) {
  ++total_;
  auto*& last = last_count_.entry;
  if (last == nullptr || last->first.first != row.category || last->first.second != row.column)
    last = &*counts_.try_emplace({row.category, row.column}, 0).first;
  ++last->second;
  Keep(row);
}

void RejectsSummary::Keep(const RejectedRow& row) {
  if (first_rows_ == 0) return;
  if (first_.size() == first_rows_) {
    if (!RejectedBefore(row, first_.front())) return;
    std::pop_heap(first_.begin(), first_.end(), RejectedBefore);
    first_.back() = row;
  } else {
    first_.push_back(row);
  }
  std::push_heap(first_.begin(), first_.end(), RejectedBefore);
}

void RejectsSummary::Merge(RejectsSummary&& other) {
  total_ += other.total_;
  for (const auto& [key, count] : other.counts_) counts_[key] += count;
  for (const RejectedRow& row : other.first_) Keep(row);
  other = RejectsSummary(other.first_rows_);
}

std::vector<RejectedRow> RejectsSummary::FirstRows() const {
  std::vector<RejectedRow> rows = first_;
  std::sort(rows.begin(), rows.end(), RejectedBefore);
  return rows;
}

}  // namespace sluice::formats
