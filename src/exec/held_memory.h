// HeldMemory: the bytes one holder in a blocking operator keeps (a worker's hash table or
// rows, a sort's input and keys), reserved in the operator's MemoryTracker (a child of the
// query's) as they grow and given back when it is destroyed. The reservation grows in
// steps ahead of the bytes held (an eighth more, at least 64 KiB), so that holding more
// costs a comparison until the next step. A refusal is the query's error, naming the
// operator, what it holds and the limit reached; holders that can spill use TryHold.
// Not thread-safe: one per holder (each worker its own); the tracker is shared.
#pragma once

#include <cstddef>

#include "common/status.h"
#include "memory/memory_reservation.h"

namespace sluice::exec {

class HeldMemory {
 public:
  explicit HeldMemory(memory::MemoryTracker& tracker) : reservation_(tracker) {}

  // `bytes` are held now.
  Status Hold(size_t bytes) {
    if (static_cast<int64_t>(bytes) <= reservation_.bytes()) return Status::OK();
    return Grow(static_cast<int64_t>(bytes));
  }
  // Holds `bytes` if the tracker's total then stays within `budget` (and its limits);
  // false, changing nothing, otherwise: the holder spills instead of failing.
  bool TryHold(size_t bytes, int64_t budget);

 private:
  Status Grow(int64_t bytes);
  memory::MemoryReservation reservation_;
};

}  // namespace sluice::exec
