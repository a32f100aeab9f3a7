// MemoryReservation: bytes reserved in a MemoryTracker on behalf of one holder (an
// operator's table, a worker's rows), given back when the reservation is destroyed, so an
// error path cannot leak them. Not thread-safe: one owner at a time (the tracker is shared).
#pragma once

#include <cstdint>

#include "common/status.h"
#include "memory/memory_tracker.h"

namespace sluice::memory {

class MemoryReservation {
 public:
  explicit MemoryReservation(MemoryTracker& tracker) : tracker_(&tracker) {}
  ~MemoryReservation() { tracker_->Release(bytes_); }
  MemoryReservation(MemoryReservation&& other) noexcept;
  MemoryReservation& operator=(MemoryReservation&& other) noexcept;
  MemoryReservation(const MemoryReservation&) = delete;
  MemoryReservation& operator=(const MemoryReservation&) = delete;

  // Reserves `bytes` more; on OutOfMemory the reservation is unchanged.
  Status Grow(int64_t bytes);
  // As Grow; on refusal, the tracker whose limit refused (nullptr: reserved).
  const MemoryTracker* TryGrow(int64_t bytes);
  // Grows or shrinks the reservation to `total` bytes.
  Status Resize(int64_t total);
  // Gives back `bytes` (at most what it holds).
  void Shrink(int64_t bytes);

  int64_t bytes() const { return bytes_; }
  MemoryTracker& tracker() const { return *tracker_; }

 private:
  MemoryTracker* tracker_;
  int64_t bytes_ = 0;
};

}  // namespace sluice::memory
