// GroupTable: a hash aggregate's groups. Like KeyTable (the distinct key tuples, dense ids
// in order of first appearance, keys compared as GROUP BY compares them), but made for
// lookups a batch at a time into large tables: each slot holds the id with 32 bits of its
// hash, so a probe past a different key touches no other array, and the rows' slots are
// prefetched ahead of probing. Each group's hash is kept (the merge partitions by it).
// String keys are not copied one by one: a batch that adds many groups is kept alive
// (its key vectors pinned) and the groups point into it; one that adds few has their
// strings copied afterwards. A merge from another table pins that table's key columns.
// Not thread-safe to change; reads may run on several threads at once.
#pragma once

#include <cstdint>
#include <vector>

#include "common/status.h"
#include "exec/dictionary_lookup.h"
#include "vector/vector.h"

namespace sluice::exec {

class GroupTable {
 public:
  static Result<GroupTable> Make(const std::vector<types::LogicalType>& key_types);

  // ids[r] for every row r in [0, rows) of `keys` (new keys added in row order); `hashes`,
  // when given, are the rows' hashes as HashAll makes them.
  Status FindOrInsertAll(const std::vector<const vector::Vector*>& keys, size_t rows,
                         std::vector<uint32_t>& ids, const uint64_t* hashes = nullptr);
  // The id of the key at `row` of `keys` (whose hash is `hash`, as hashes() has it).
  Result<uint32_t> FindOrInsert(const std::vector<const vector::Vector*>& keys, size_t row,
                                uint64_t hash);
  // ids[i] for the groups `theirs[i]` of `other` (with the hashes it keeps); new groups'
  // strings stay in other's key columns, which this table then keeps alive.
  Status MergeFrom(const GroupTable& other, const std::vector<uint32_t>& theirs,
                   std::vector<uint32_t>& ids);
  // The hash of row `row` of `keys`.
  static uint64_t Hash(const std::vector<const vector::Vector*>& keys, size_t row);
  // hashes[r] = Hash(keys, r) for every row r in [0, rows), a column at a time.
  static void HashAll(const std::vector<const vector::Vector*>& keys, size_t rows,
                      std::vector<uint64_t>& hashes);

  size_t size() const { return hashes_.size(); }
  // Its arrays and the key bytes it keeps (copied or pinned).
  size_t memory_bytes() const;
  // The bytes of the string key columns and what they pin (our share of it).
  size_t string_bytes() const;
  // What one more group costs (its keys as stored so far, hash and slots).
  size_t group_bytes() const;
  // The stored keys (row `id` of each column) and their hashes (per id).
  const std::vector<vector::Vector>& columns() const { return columns_; }
  const std::vector<uint64_t>& hashes() const { return hashes_; }

 private:
  // How a key column's values are compared and copied: strings by their StringRefs (the
  // bytes kept apart), integers as words, the others by vector_ops.
  enum class KeyKind : uint8_t { kString, kWord4, kWord8, kOther };
  static KeyKind KindOf(const types::LogicalType& type);

  GroupTable() = default;
  bool KeyEqual(const vector::Vector& key, size_t row, size_t c, uint32_t id) const;
  // The key's id, or the empty slot where it would go (as ~slot).
  int64_t Probe(const std::vector<const vector::Vector*>& keys, size_t row, uint64_t hash) const;
  // Adds the key, a string by its reference only (KeepStrings then keeps its bytes).
  Result<uint32_t> Insert(const std::vector<const vector::Vector*>& keys, size_t row, uint64_t hash,
                          size_t slot);
  Result<uint32_t> FindOrInsertRef(const std::vector<const vector::Vector*>& keys, size_t row,
                                   uint64_t hash);
  // Keeps the bytes of the strings of groups [first, size()), read from `keys`: pins the
  // vectors when `pin` (the bytes pinned), else copies the strings into the columns' heaps.
  Result<size_t> KeepStrings(const std::vector<const vector::Vector*>& keys, uint32_t first,
                             bool pin);
  // KeepStrings after a batch of `rows` rows: pins it when it added many groups.
  Status KeepBatchStrings(const std::vector<const vector::Vector*>& keys, size_t rows,
                          uint32_t first);
  void Grow();

  std::vector<vector::Vector> columns_;
  std::vector<KeyKind> kinds_;    // per key column
  size_t pinned_bytes_ = 0;       // the bytes of the vectors pinned (our share of them)
  std::vector<uint64_t> hashes_;  // per id
  std::vector<uint64_t> slots_;   // the hash's high 32 bits | id + 1; 0 = empty
  std::vector<uint64_t> batch_hashes_;
  DictionaryIds dictionary_ids_;  // FindOrInsertAll's ids per dictionary code
};

}  // namespace sluice::exec
