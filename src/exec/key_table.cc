#include "exec/key_table.h"

#include "vector/vector_ops.h"

namespace sluice::exec {

Result<KeyTable> KeyTable::Make(const std::vector<types::LogicalType>& key_types) {
  KeyTable t;
  for (const types::LogicalType& type : key_types) {
    SLUICE_ASSIGN_OR_RAISE(vector::Vector v, vector::Vector::Make(type, 64));
    t.columns_.push_back(std::move(v));
  }
  return t;
}

uint64_t KeyTable::Hash(const std::vector<const vector::Vector*>& keys, size_t row) const {
  uint64_t h = 0x12345;
  for (const vector::Vector* k : keys) h = vector::HashValue(*k, row, h);
  return h;
}

bool KeyTable::Equal(const std::vector<const vector::Vector*>& keys, size_t row,
                     uint32_t id) const {
  for (size_t c = 0; c < keys.size(); ++c)
    if (!vector::ValuesEqual(*keys[c], row, columns_[c], id)) return false;
  return true;
}

std::optional<uint32_t> KeyTable::Find(const std::vector<const vector::Vector*>& keys,
                                       size_t row) const {
  auto [begin, end] = index_.equal_range(Hash(keys, row));
  for (auto it = begin; it != end; ++it)
    if (Equal(keys, row, it->second)) return it->second;
  return std::nullopt;
}

Result<uint32_t> KeyTable::FindOrInsert(const std::vector<const vector::Vector*>& keys, size_t row,
                                        bool* inserted) {
  const uint64_t h = Hash(keys, row);
  auto [begin, end] = index_.equal_range(h);
  for (auto it = begin; it != end; ++it) {
    if (Equal(keys, row, it->second)) {
      if (inserted) *inserted = false;
      return it->second;
    }
  }
  const uint32_t id = static_cast<uint32_t>(size_);
  for (size_t c = 0; c < keys.size(); ++c) {
    vector::Vector& column = columns_[c];
    if (id >= column.capacity()) SLUICE_RETURN_NOT_OK(column.Reserve(column.capacity() * 2));
    SLUICE_RETURN_NOT_OK(vector::CopyRow(*keys[c], row, column, id));
  }
  index_.emplace(h, id);
  ++size_;
  if (inserted) *inserted = true;
  return id;
}

}  // namespace sluice::exec
