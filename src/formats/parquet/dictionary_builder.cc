#include "formats/parquet/dictionary_builder.h"

#include <cstring>

#include "common/hash.h"

namespace sluice::formats::parquet {

uint64_t DictionaryBuilder::Hash(std::string_view value) const {
  if (value.size() == 8) {
    uint64_t v;
    std::memcpy(&v, value.data(), 8);
    return HashInt(v);
  }
  if (value.size() == 4) {
    uint32_t v;
    std::memcpy(&v, value.data(), 4);
    return HashInt(v);
  }
  return HashString(value);
}

void DictionaryBuilder::Grow() {
  std::vector<uint64_t> slots(slots_.empty() ? 1024 : slots_.size() * 2, 0);
  const size_t mask = slots.size() - 1;
  for (uint64_t slot : slots_) {
    if (slot == 0) continue;
    // The tag is the hash's upper half; the lower half was the position, so rehash.
    size_t pos = Hash(key(static_cast<uint32_t>((slot & 0xFFFFFFFFu) - 1))) & mask;
    while (slots[pos] != 0) pos = (pos + 1) & mask;
    slots[pos] = slot;
  }
  slots_ = std::move(slots);
}

uint32_t DictionaryBuilder::Insert(std::string_view value) {
  if ((count_ + 1) * 2 > slots_.size()) Grow();  // load factor at most one half
  const uint64_t hash = Hash(value);
  const uint64_t tag = hash >> 32;
  const size_t mask = slots_.size() - 1;
  size_t pos = hash & mask;
  while (slots_[pos] != 0) {
    const uint64_t slot = slots_[pos];
    if ((slot >> 32) == tag) {
      auto index = static_cast<uint32_t>((slot & 0xFFFFFFFFu) - 1);
      if (key(index) == value) return index;
    }
    pos = (pos + 1) & mask;
  }
  auto index = static_cast<uint32_t>(count_++);
  if (fixed_width_ == 0) {
    offsets_.push_back(static_cast<uint32_t>(bytes_.size()));
    const auto length = static_cast<uint32_t>(value.size());
    bytes_.append(reinterpret_cast<const char*>(&length), 4);  // little-endian, as PLAIN
  }
  bytes_.append(value);
  slots_[pos] = (tag << 32) | (index + 1);
  return index;
}

void DictionaryBuilder::Clear() {
  count_ = 0;
  bytes_.clear();
  offsets_.clear();
  slots_.clear();
}

}  // namespace sluice::formats::parquet
