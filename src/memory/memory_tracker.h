// MemoryTracker: counts the bytes a query (or the whole process) holds and refuses
// reservations past its limit, so blocking operators know when to spill instead of
// the process being killed. Trackers form a tree: a child charges its parent too, or
// (ParentLink::kRoomOnly) only needs room there: a query's reservations cover vectors
// that already charged the process tracker, so charging it again would count them twice.
// Thread-safe: reservations are lock-free atomic updates.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "common/status.h"

namespace sluice::memory {

enum class ParentLink { kCharge, kRoomOnly };

class MemoryTracker {
 public:
  static constexpr int64_t kUnlimited = INT64_MAX;

  explicit MemoryTracker(std::string name, int64_t limit = kUnlimited,
                         MemoryTracker* parent = nullptr, ParentLink link = ParentLink::kCharge);
  ~MemoryTracker();
  MemoryTracker(const MemoryTracker&) = delete;
  MemoryTracker& operator=(const MemoryTracker&) = delete;

  // The process-wide root; its limit defaults to 80% of physical memory.
  static MemoryTracker& Process();

  // Reserves `bytes` here and in every ancestor, or nothing and OutOfMemory.
  Status Reserve(int64_t bytes);
  // As Reserve; on refusal, the tracker (this or an ancestor) whose limit refused.
  const MemoryTracker* TryReserve(int64_t bytes);
  // Counts bytes that are already allocated and cannot be refused (small arenas), so
  // that used() stays true; callers that can spill check used() against limit().
  void Charge(int64_t bytes);
  void Release(int64_t bytes);

  int64_t used() const { return used_.load(std::memory_order_relaxed); }
  int64_t peak() const { return peak_.load(std::memory_order_relaxed); }
  int64_t limit() const { return limit_; }
  void set_limit(int64_t limit) { limit_ = limit; }
  const std::string& name() const { return name_; }
  MemoryTracker* parent() const { return parent_; }

 private:
  bool TryReserveLocal(int64_t bytes);

  std::string name_;
  std::atomic<int64_t> limit_;
  MemoryTracker* parent_;
  const ParentLink link_;
  std::atomic<int64_t> used_{0};
  std::atomic<int64_t> peak_{0};
};

// "1.5 GiB" style rendering and parsing ("512MB", "2g", "80%") for --memory-limit.
std::string FormatBytes(int64_t bytes);
Result<int64_t> ParseByteSize(const std::string& text, int64_t total_memory);
int64_t PhysicalMemoryBytes();

}  // namespace sluice::memory
