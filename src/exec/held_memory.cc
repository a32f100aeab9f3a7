#include "exec/held_memory.h"

#include <algorithm>

namespace sluice::exec {

bool HeldMemory::TryHold(size_t bytes, int64_t budget) {
  const int64_t more = static_cast<int64_t>(bytes) - reservation_.bytes();
  if (more <= 0) return true;
  if (reservation_.tracker().used() > budget - more) return false;
  return reservation_.TryGrow(more) == nullptr;
}

Status HeldMemory::Grow(int64_t bytes) {
  constexpr int64_t kMinStep = 64 << 10;
  const int64_t ahead = bytes + std::max(bytes / 8, kMinStep);
  if (reservation_.TryGrow(ahead - reservation_.bytes()) == nullptr) return Status::OK();
  // Close to the limit: the bytes held may still fit without the step ahead.
  const memory::MemoryTracker* refused = reservation_.TryGrow(bytes - reservation_.bytes());
  if (refused == nullptr) return Status::OK();
  const memory::MemoryTracker& op = reservation_.tracker();
  const memory::MemoryTracker* query = op.parent() != nullptr ? op.parent() : &op;
  const int64_t unreserved = bytes - reservation_.bytes();
  return Status::OutOfMemory("memory limit of " + memory::FormatBytes(refused->limit()) +
                             (refused == query ? "" : " (" + refused->name() + ")") +
                             " exceeded by " + op.name() + " (holding " +
                             memory::FormatBytes(op.used() + unreserved) + "; query total " +
                             memory::FormatBytes(query->used() + unreserved) +
                             "); raise --memory-limit or SET spark.sluice.memory.limit");
}

}  // namespace sluice::exec
