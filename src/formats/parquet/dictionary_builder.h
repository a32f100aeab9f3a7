// DictionaryBuilder: assigns each distinct value a dense index, as a dictionary-encoded
// column chunk needs. Entries live back to back, PLAIN-encoded, in one string (the
// dictionary page's body); lookups go through a flat open-addressing table whose slots
// carry part of the hash, so a miss rarely touches an entry and a hit costs one
// comparison, with no allocation. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::formats::parquet {

class DictionaryBuilder {
 public:
  // `fixed_width` > 0 when every value has that many bytes (INT32, DOUBLE, ...).
  explicit DictionaryBuilder(size_t fixed_width = 0) : fixed_width_(fixed_width) {}

  // The value's index, adding it if new: its PLAIN bytes when of fixed width, else its
  // bytes without the length prefix (which the entry gets).
  uint32_t Insert(std::string_view value);

  size_t size() const { return count_; }
  // All entries, PLAIN-encoded back to back.
  const std::string& bytes() const { return bytes_; }
  std::string_view entry(uint32_t index) const {
    if (fixed_width_ > 0)
      return std::string_view(bytes_).substr(index * fixed_width_, fixed_width_);
    const size_t end = index + 1 < offsets_.size() ? offsets_[index + 1] : bytes_.size();
    return std::string_view(bytes_).substr(offsets_[index], end - offsets_[index]);
  }
  // The entry as Insert took it (without the length prefix).
  std::string_view key(uint32_t index) const {
    return fixed_width_ > 0 ? entry(index) : entry(index).substr(4);
  }
  void Clear();

 private:
  void Grow();
  uint64_t Hash(std::string_view value) const;

  size_t fixed_width_;
  size_t count_ = 0;
  std::string bytes_;
  std::vector<uint32_t> offsets_;  // entry i starts at offsets_[i] (variable width only)
  std::vector<uint64_t> slots_;    // (hash tag << 32) | (entry index + 1); 0 is empty
};

}  // namespace sluice::formats::parquet
