// TrackedBuffer: a growable, 64-byte aligned byte buffer whose capacity is charged to a
// MemoryTracker. Not thread-safe; one owner at a time.
#pragma once

#include <cstddef>
#include <cstdint>

#include "common/status.h"
#include "memory/memory_tracker.h"

namespace sluice::memory {

class TrackedBuffer {
 public:
  explicit TrackedBuffer(MemoryTracker* tracker = &MemoryTracker::Process()) : tracker_(tracker) {}
  ~TrackedBuffer();
  TrackedBuffer(TrackedBuffer&& other) noexcept;
  TrackedBuffer& operator=(TrackedBuffer&& other) noexcept;
  TrackedBuffer(const TrackedBuffer&) = delete;
  TrackedBuffer& operator=(const TrackedBuffer&) = delete;

  // What the bytes a Reserve adds hold.
  enum class NewBytes { kZeroed, kUndefined };
  // Grows capacity to at least `bytes`, keeping contents; new bytes are zeroed unless the
  // caller writes every one of them before reading it (kUndefined saves a pass over them).
  Status Reserve(size_t bytes, NewBytes fill = NewBytes::kZeroed);
  // Becomes a copy of `other` (its capacity and bytes). The bytes are charged, not
  // reserved: a copy made on write cannot be refused.
  void CopyFrom(const TrackedBuffer& other);
  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  size_t capacity() const { return capacity_; }

 private:
  void Free();
  MemoryTracker* tracker_;
  uint8_t* data_ = nullptr;
  size_t capacity_ = 0;
};

}  // namespace sluice::memory
