// GroupTable: a hash aggregate's groups. Like KeyTable (the distinct key tuples, dense ids
// in order of first appearance, keys compared as GROUP BY compares them), but made for
// lookups a batch at a time into large tables: each slot holds the id with 32 bits of its
// hash, so a probe past a different key touches no other array, and the rows' slots are
// prefetched ahead of probing. Each group's hash is kept (the merge partitions by it).
// Not thread-safe to change; reads may run on several threads at once.
#pragma once

#include <cstdint>
#include <vector>

#include "common/status.h"
#include "vector/vector.h"

namespace sluice::exec {

class GroupTable {
 public:
  static Result<GroupTable> Make(const std::vector<types::LogicalType>& key_types);

  // ids[r] for every row r in [0, rows) of `keys` (new keys added in row order).
  Status FindOrInsertAll(const std::vector<const vector::Vector*>& keys, size_t rows,
                         std::vector<uint32_t>& ids);
  // The id of the key at `row` of `keys` (whose hash is `hash`, as hashes() has it).
  Result<uint32_t> FindOrInsert(const std::vector<const vector::Vector*>& keys, size_t row,
                                uint64_t hash);
  // The hash of row `row` of `keys`.
  static uint64_t Hash(const std::vector<const vector::Vector*>& keys, size_t row);

  size_t size() const { return hashes_.size(); }
  size_t memory_bytes() const;
  // What one more group costs (its keys as stored so far, hash and slots).
  size_t group_bytes() const;
  // The stored keys (row `id` of each column) and their hashes (per id).
  const std::vector<vector::Vector>& columns() const { return columns_; }
  const std::vector<uint64_t>& hashes() const { return hashes_; }

 private:
  GroupTable() = default;
  // The key's id, or the empty slot where it would go (as ~slot).
  int64_t Probe(const std::vector<const vector::Vector*>& keys, size_t row, uint64_t hash) const;
  Result<uint32_t> Insert(const std::vector<const vector::Vector*>& keys, size_t row, uint64_t hash,
                          size_t slot);
  void Grow();

  std::vector<vector::Vector> columns_;
  std::vector<uint64_t> hashes_;  // per id
  std::vector<uint64_t> slots_;   // the hash's high 32 bits | id + 1; 0 = empty
  std::vector<uint64_t> batch_hashes_;
  std::vector<uint32_t> code_ids_;  // FindOrInsertAll's id per dictionary code of a batch
};

}  // namespace sluice::exec
