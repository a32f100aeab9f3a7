// DictionaryBuilder: assigns each distinct value (its PLAIN bytes) a dense index, as a
// dictionary-encoded column chunk needs. Entries live back to back in one string (the
// dictionary page's body); lookups go through a flat open-addressing table of indices,
// so a hit costs one hash and one comparison, with no allocation. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::formats::parquet {

class DictionaryBuilder {
 public:
  // The value's index, adding it if new.
  uint32_t Insert(std::string_view value);

  size_t size() const { return offsets_.size(); }
  // All entries, PLAIN-encoded back to back.
  const std::string& bytes() const { return bytes_; }
  std::string_view entry(uint32_t index) const;
  void Clear();

 private:
  void Grow();

  std::string bytes_;
  std::vector<uint32_t> offsets_;  // entry i starts at offsets_[i]
  std::vector<uint64_t> hashes_;   // per entry
  std::vector<uint32_t> slots_;    // entry index + 1; 0 is empty
};

}  // namespace sluice::formats::parquet
