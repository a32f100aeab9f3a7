#include "exec/key_table.h"

#include "vector/vector_ops.h"

namespace sluice::exec {

namespace {
constexpr uint64_t kSeed = 0x12345;
}

size_t KeyTable::memory_bytes() const {
  size_t bytes = hashes_.capacity() * sizeof(uint64_t) + slots_.capacity() * sizeof(uint64_t);
  for (const vector::Vector& c : columns_) bytes += c.memory_bytes();
  return bytes;
}

Result<KeyTable> KeyTable::Make(const std::vector<types::LogicalType>& key_types) {
  KeyTable t;
  for (const types::LogicalType& type : key_types) {
    SLUICE_ASSIGN_OR_RAISE(vector::Vector v, vector::Vector::Make(type, 64));
    t.columns_.push_back(std::move(v));
  }
  t.slots_.assign(16, 0);
  return t;
}

uint64_t KeyTable::Hash(const std::vector<const vector::Vector*>& keys, size_t row) const {
  uint64_t h = kSeed;
  for (const vector::Vector* k : keys) h = vector::HashValue(*k, row, h);
  return h;
}

bool KeyTable::Equal(const std::vector<const vector::Vector*>& keys, size_t row,
                     uint32_t id) const {
  for (size_t c = 0; c < keys.size(); ++c)
    if (!vector::ValuesEqual(*keys[c], row, columns_[c], id)) return false;
  return true;
}

int64_t KeyTable::Probe(const std::vector<const vector::Vector*>& keys, size_t row,
                        uint64_t hash) const {
  const size_t mask = slots_.size() - 1;
  for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const uint64_t entry = slots_[slot];
    if (entry == 0) return ~static_cast<int64_t>(slot);
    const auto id = static_cast<uint32_t>(entry) - 1;
    if ((entry >> 32) == (hash >> 32) && Equal(keys, row, id)) return id;
  }
}

std::optional<uint32_t> KeyTable::Find(const std::vector<const vector::Vector*>& keys,
                                       size_t row) const {
  const int64_t at = Probe(keys, row, Hash(keys, row));
  if (at < 0) return std::nullopt;
  return static_cast<uint32_t>(at);
}

Result<uint32_t> KeyTable::Insert(const std::vector<const vector::Vector*>& keys, size_t row,
                                  uint64_t hash, size_t slot) {
  const uint32_t id = static_cast<uint32_t>(hashes_.size());
  for (size_t c = 0; c < keys.size(); ++c) {
    vector::Vector& column = columns_[c];
    if (id >= column.capacity()) SLUICE_RETURN_NOT_OK(column.Reserve(column.capacity() * 2));
    SLUICE_RETURN_NOT_OK(vector::CopyRow(*keys[c], row, column, id));
  }
  hashes_.push_back(hash);
  slots_[slot] = SlotEntry(hash, id);
  if (hashes_.size() * 2 > slots_.size()) Grow();
  return id;
}

void KeyTable::Grow() {
  slots_.assign(slots_.size() * 2, 0);
  const size_t mask = slots_.size() - 1;
  for (uint32_t id = 0; id < hashes_.size(); ++id) {
    size_t slot = hashes_[id] & mask;
    while (slots_[slot] != 0) slot = (slot + 1) & mask;
    slots_[slot] = SlotEntry(hashes_[id], id);
  }
}

Result<uint32_t> KeyTable::FindOrInsert(const std::vector<const vector::Vector*>& keys, size_t row,
                                        bool* inserted) {
  const uint64_t hash = Hash(keys, row);
  const int64_t at = Probe(keys, row, hash);
  if (inserted) *inserted = at < 0;
  if (at >= 0) return static_cast<uint32_t>(at);
  return Insert(keys, row, hash, static_cast<size_t>(~at));
}

Status KeyTable::FindOrInsertAll(const std::vector<const vector::Vector*>& keys, size_t rows,
                                 std::vector<uint32_t>& ids) {
  ids.resize(rows);
  if (const int c = DictionaryKey(keys, rows); c >= 0)
    return dictionary_ids_.LookUp(keys, c, rows, ids,
                                  [&](size_t r) { return FindOrInsert(keys, r); });
  std::vector<uint64_t> hashes(rows, kSeed);
  for (const vector::Vector* k : keys) vector::HashColumn(*k, rows, hashes.data());
  for (size_t r = 0; r < rows; ++r) {
    const int64_t at = Probe(keys, r, hashes[r]);
    if (at >= 0) {
      ids[r] = static_cast<uint32_t>(at);
    } else {
      SLUICE_ASSIGN_OR_RAISE(ids[r], Insert(keys, r, hashes[r], static_cast<size_t>(~at)));
    }
  }
  return Status::OK();
}

}  // namespace sluice::exec
