// SelectionVector: the indexes of the rows of a Batch that a filter kept, in order.
// Not thread-safe for writes.
#pragma once

#include <cstdint>
#include <vector>

namespace sluice::vector {

class SelectionVector {
 public:
  void Append(uint32_t row) { rows_.push_back(row); }
  uint32_t operator[](size_t i) const { return rows_[i]; }
  size_t size() const { return rows_.size(); }
  void Clear() { rows_.clear(); }
  const std::vector<uint32_t>& rows() const { return rows_; }

 private:
  std::vector<uint32_t> rows_;
};

}  // namespace sluice::vector
