// RejectsSummary: what a reader remembers of its rejects whatever their number: the total,
// a count per (category, column), and the first few rejects by (file, line), kept in a
// bounded heap. The full list goes to a RejectSink. Not thread-safe: each worker keeps
// its own and the reader merges them after the read.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "formats/rejected_row.h"

namespace sluice::formats {

class RejectsSummary {
 public:
  static constexpr size_t kDefaultFirstRows = 5;

  explicit RejectsSummary(size_t first_rows = kDefaultFirstRows) : first_rows_(first_rows) {}

  // Counts `row`; copies it only while it is among the first rows.
  void Add(const RejectedRow& row);
  void Merge(RejectsSummary&& other);

  uint64_t total() const { return total_; }
  // Rejects per (category, column); the column is empty when the whole row is at fault.
  const std::map<std::pair<std::string, std::string>, uint64_t>& counts() const { return counts_; }
  // The first rejects by file and line, in that order (at most first_rows of them).
  std::vector<RejectedRow> FirstRows() const;

 private:
  void Keep(const RejectedRow& row);

  size_t first_rows_;
  uint64_t total_ = 0;
  std::map<std::pair<std::string, std::string>, uint64_t> counts_;
  // Rejects share a few categories: the last one counted saves most map lookups. A copy
  // starts without it (it would point into the other summary's map).
  struct LastCount {
    std::pair<const std::pair<std::string, std::string>, uint64_t>* entry = nullptr;
    LastCount() = default;
    LastCount(const LastCount&) {}
    LastCount& operator=(const LastCount&) {
      entry = nullptr;
      return *this;
    }
  } last_count_;
  std::vector<RejectedRow> first_;  // a max-heap by (file, line): the front is evicted first
};

}  // namespace sluice::formats
