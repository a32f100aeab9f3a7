#include "exec/group_table.h"

#include "exec/dictionary_lookup.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

namespace {

constexpr uint64_t kSeed = 0x6a09e667;
constexpr uint64_t kTagMask = 0xffffffff00000000ULL;
// Rows ahead whose slot is prefetched.
constexpr size_t kPrefetchDistance = 16;

uint64_t Entry(uint64_t hash, uint32_t id) { return (hash & kTagMask) | (uint64_t{id} + 1); }

}  // namespace

Result<GroupTable> GroupTable::Make(const std::vector<types::LogicalType>& key_types) {
  GroupTable t;
  for (const types::LogicalType& type : key_types) {
    SLUICE_ASSIGN_OR_RAISE(vector::Vector v, vector::Vector::Make(type, 64));
    t.columns_.push_back(std::move(v));
  }
  t.slots_.assign(16, 0);
  return t;
}

size_t GroupTable::memory_bytes() const {
  size_t bytes = (hashes_.capacity() + slots_.capacity()) * sizeof(uint64_t);
  for (const vector::Vector& c : columns_) bytes += c.memory_bytes();
  return bytes;
}

size_t GroupTable::group_bytes() const {
  size_t bytes = 3 * sizeof(uint64_t);  // its hash, and two slots (at most half are used)
  for (const vector::Vector& c : columns_) bytes += c.memory_bytes() / c.capacity();
  return bytes;
}

uint64_t GroupTable::Hash(const std::vector<const vector::Vector*>& keys, size_t row) {
  uint64_t h = kSeed;
  for (const vector::Vector* k : keys) h = vector::HashValue(*k, row, h);
  return h;
}

int64_t GroupTable::Probe(const std::vector<const vector::Vector*>& keys, size_t row,
                          uint64_t hash) const {
  const size_t mask = slots_.size() - 1;
  const uint64_t tag = hash & kTagMask;
  for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const uint64_t entry = slots_[slot];
    if (entry == 0) return ~static_cast<int64_t>(slot);
    if ((entry & kTagMask) != tag) continue;
    const uint32_t id = static_cast<uint32_t>(entry) - 1;
    bool equal = true;
    for (size_t c = 0; c < keys.size() && equal; ++c)
      equal = vector::ValuesEqual(*keys[c], row, columns_[c], id);
    if (equal) return id;
  }
}

Result<uint32_t> GroupTable::Insert(const std::vector<const vector::Vector*>& keys, size_t row,
                                    uint64_t hash, size_t slot) {
  const uint32_t id = static_cast<uint32_t>(hashes_.size());
  for (size_t c = 0; c < keys.size(); ++c) {
    vector::Vector& column = columns_[c];
    if (id >= column.capacity()) SLUICE_RETURN_NOT_OK(column.Reserve(column.capacity() * 2));
    SLUICE_RETURN_NOT_OK(vector::CopyRow(*keys[c], row, column, id));
  }
  hashes_.push_back(hash);
  slots_[slot] = Entry(hash, id);
  if (hashes_.size() * 2 > slots_.size()) Grow();
  return id;
}

void GroupTable::Grow() {
  slots_.assign(slots_.size() * 2, 0);
  const size_t mask = slots_.size() - 1;
  for (uint32_t id = 0; id < hashes_.size(); ++id) {
    size_t slot = hashes_[id] & mask;
    while (slots_[slot] != 0) slot = (slot + 1) & mask;
    slots_[slot] = Entry(hashes_[id], id);
  }
}

Result<uint32_t> GroupTable::FindOrInsert(const std::vector<const vector::Vector*>& keys,
                                          size_t row, uint64_t hash) {
  const int64_t at = Probe(keys, row, hash);
  if (at >= 0) return static_cast<uint32_t>(at);
  return Insert(keys, row, hash, static_cast<size_t>(~at));
}

Status GroupTable::FindOrInsertAll(const std::vector<const vector::Vector*>& keys, size_t rows,
                                   std::vector<uint32_t>& ids) {
  if (const int c = DictionaryKey(keys, rows); c >= 0)
    return LookUpByCode(keys, c, rows, code_ids_, ids,
                        [&](size_t r) { return FindOrInsert(keys, r, Hash(keys, r)); });
  batch_hashes_.assign(rows, kSeed);
  for (const vector::Vector* k : keys) vector::HashColumn(*k, rows, batch_hashes_.data());
  ids.resize(rows);
  for (size_t r = 0; r < rows; ++r) {
    if (r + kPrefetchDistance < rows)
      __builtin_prefetch(&slots_[batch_hashes_[r + kPrefetchDistance] & (slots_.size() - 1)]);
    SLUICE_ASSIGN_OR_RAISE(ids[r], FindOrInsert(keys, r, batch_hashes_[r]));
  }
  return Status::OK();
}

}  // namespace sluice::exec
