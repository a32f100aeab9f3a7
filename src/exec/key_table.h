// KeyTable: the distinct values of a tuple of key columns, each given a dense id in order
// of first appearance (GROUP BY groups, DISTINCT rows, join and set-operation keys).
// Keys are compared as GROUP BY compares them (NULL equals NULL, NaN equals NaN).
// An open-addressing hash table (linear probing, at most half full) of ids, each slot
// holding its id's upper hash bits so that probes compare keys only on equal bits without
// reading anything else, and each id's hash kept so that growth rehashes nothing. Not thread-safe
// to change; Find may run on several threads at once.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "common/status.h"
#include "exec/dictionary_lookup.h"
#include "vector/vector.h"

namespace sluice::exec {

class KeyTable {
 public:
  static Result<KeyTable> Make(const std::vector<types::LogicalType>& key_types);

  // The id of the key at `row` of `keys`, added when new (`*inserted` says which).
  Result<uint32_t> FindOrInsert(const std::vector<const vector::Vector*>& keys, size_t row,
                                bool* inserted = nullptr);
  // ids[r] for every row r in [0, rows) of `keys` (new keys added in row order). A key column
  // in dictionary form beside constant ones is looked up once per distinct code (and
  // dictionary: see dictionary_lookup.h).
  Status FindOrInsertAll(const std::vector<const vector::Vector*>& keys, size_t rows,
                         std::vector<uint32_t>& ids);
  std::optional<uint32_t> Find(const std::vector<const vector::Vector*>& keys, size_t row) const;
  size_t size() const { return hashes_.size(); }
  // The bytes it holds.
  size_t memory_bytes() const;
  // The stored keys: row `id` of each column.
  const std::vector<vector::Vector>& columns() const { return columns_; }

 private:
  KeyTable() = default;
  uint64_t Hash(const std::vector<const vector::Vector*>& keys, size_t row) const;
  bool Equal(const std::vector<const vector::Vector*>& keys, size_t row, uint32_t id) const;
  // The key's id, or the empty slot where it would go (as ~slot).
  int64_t Probe(const std::vector<const vector::Vector*>& keys, size_t row, uint64_t hash) const;
  Result<uint32_t> Insert(const std::vector<const vector::Vector*>& keys, size_t row, uint64_t hash,
                          size_t slot);
  void Grow();
  // A slot's value: the hash's upper 32 bits, then id + 1 (0 is an empty slot).
  static uint64_t SlotEntry(uint64_t hash, uint32_t id) {
    return (hash & ~uint64_t{0xFFFFFFFF}) | (uint64_t{id} + 1);
  }

  std::vector<vector::Vector> columns_;
  std::vector<uint64_t> hashes_;  // per id
  std::vector<uint64_t> slots_;   // SlotEntry; 0 = empty
  DictionaryIds dictionary_ids_;  // FindOrInsertAll's ids per dictionary code
};

}  // namespace sluice::exec
