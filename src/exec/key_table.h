// KeyTable: the distinct values of a tuple of key columns, each given a dense id in order
// of first appearance (GROUP BY groups, DISTINCT rows, join and set-operation keys).
// Keys are compared as GROUP BY compares them (NULL equals NULL, NaN equals NaN).
// Not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "vector/vector.h"

namespace sluice::exec {

class KeyTable {
 public:
  static Result<KeyTable> Make(const std::vector<types::LogicalType>& key_types);

  // The id of the key at `row` of `keys`, added when new (`*inserted` says which).
  Result<uint32_t> FindOrInsert(const std::vector<const vector::Vector*>& keys, size_t row,
                                bool* inserted = nullptr);
  std::optional<uint32_t> Find(const std::vector<const vector::Vector*>& keys, size_t row) const;
  size_t size() const { return size_; }
  // The stored keys: row `id` of each column.
  const std::vector<vector::Vector>& columns() const { return columns_; }

 private:
  KeyTable() = default;
  uint64_t Hash(const std::vector<const vector::Vector*>& keys, size_t row) const;
  bool Equal(const std::vector<const vector::Vector*>& keys, size_t row, uint32_t id) const;

  std::vector<vector::Vector> columns_;
  std::unordered_multimap<uint64_t, uint32_t> index_;
  size_t size_ = 0;
};

}  // namespace sluice::exec
