#include "formats/parquet/dictionary_builder.h"

#include "common/hash.h"

namespace sluice::formats::parquet {

std::string_view DictionaryBuilder::entry(uint32_t index) const {
  size_t begin = offsets_[index];
  size_t end = index + 1 < offsets_.size() ? offsets_[index + 1] : bytes_.size();
  return std::string_view(bytes_).substr(begin, end - begin);
}

void DictionaryBuilder::Grow() {
  std::vector<uint32_t> slots(slots_.empty() ? 1024 : slots_.size() * 2, 0);
  const size_t mask = slots.size() - 1;
  for (uint32_t i = 0; i < offsets_.size(); ++i) {
    size_t pos = hashes_[i] & mask;
    while (slots[pos] != 0) pos = (pos + 1) & mask;
    slots[pos] = i + 1;
  }
  slots_ = std::move(slots);
}

uint32_t DictionaryBuilder::Insert(std::string_view value) {
  if ((offsets_.size() + 1) * 2 > slots_.size()) Grow();  // load factor at most one half
  const uint64_t hash = HashString(value);
  const size_t mask = slots_.size() - 1;
  size_t pos = hash & mask;
  while (slots_[pos] != 0) {
    uint32_t index = slots_[pos] - 1;
    if (hashes_[index] == hash && entry(index) == value) return index;
    pos = (pos + 1) & mask;
  }
  auto index = static_cast<uint32_t>(offsets_.size());
  offsets_.push_back(static_cast<uint32_t>(bytes_.size()));
  hashes_.push_back(hash);
  bytes_.append(value);
  slots_[pos] = index + 1;
  return index;
}

void DictionaryBuilder::Clear() {
  bytes_.clear();
  offsets_.clear();
  hashes_.clear();
  slots_.clear();
}

}  // namespace sluice::formats::parquet
