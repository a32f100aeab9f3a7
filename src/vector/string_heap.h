// StringHeap: owns the bytes that a Vector's StringRefs point to, either copied into
// arena blocks or pinned (a shared buffer, such as a mapped input file, kept alive so
// that strings can point straight into it). Not thread-safe; one writer at a time.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "vector/string_ref.h"

namespace sluice::vector {

class StringHeap {
 public:
  // Copies the bytes unless they fit inline.
  StringRef Add(std::string_view s);
  // Keeps `buffer` alive as long as this heap, so StringRefs may point into it.
  void Pin(std::shared_ptr<const void> buffer);
  void Clear();
  size_t allocated_bytes() const { return allocated_; }

 private:
  static constexpr size_t kBlockSize = 64 * 1024;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::vector<std::shared_ptr<const void>> pins_;
  size_t block_used_ = kBlockSize;
  size_t allocated_ = 0;
};

}  // namespace sluice::vector
