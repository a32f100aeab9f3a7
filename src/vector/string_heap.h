// StringHeap: owns the bytes that a Vector's StringRefs point to, either copied into
// arena blocks or pinned (a shared buffer, such as a mapped input file, kept alive so
// that strings can point straight into it). Arena blocks are charged to a MemoryTracker.
// Not thread-safe; one writer at a time.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "memory/memory_tracker.h"
#include "vector/string_ref.h"

namespace sluice::vector {

class StringHeap {
 public:
  explicit StringHeap(memory::MemoryTracker* tracker = &memory::MemoryTracker::Process())
      : tracker_(tracker) {}
  ~StringHeap() { Clear(); }
  StringHeap(const StringHeap&) = delete;
  StringHeap& operator=(const StringHeap&) = delete;

  // Copies the bytes unless they fit inline.
  StringRef Add(std::string_view s);
  // Keeps `buffer` alive as long as this heap, so StringRefs may point into it.
  void Pin(std::shared_ptr<const void> buffer);
  void Clear();
  size_t allocated_bytes() const { return allocated_; }
  // The buffers it keeps alive; with no bytes allocated, every non-inline string it holds
  // lies in them, so another heap pinning them may hold the same StringRefs.
  const std::vector<std::shared_ptr<const void>>& pins() const { return pins_; }

 private:
  // The first block is small: a heap holding one value (an aggregate group's min or max)
  // takes 256 bytes, not 64 KiB. The next ones are full-sized (blocks growing step by step
  // held a third more memory per batch of strings).
  static constexpr size_t kFirstBlockSize = 256;
  static constexpr size_t kBlockSize = 64 * 1024;
  char* NewBlock(size_t size);
  memory::MemoryTracker* tracker_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::vector<std::shared_ptr<const void>> pins_;
  char* current_ = nullptr;  // the block small strings are appended to
  size_t block_used_ = 0;
  size_t block_size_ = 0;  // current_'s
  size_t allocated_ = 0;
};

}  // namespace sluice::vector
