#include "memory/memory_tracker.h"

#include <unistd.h>

#include <cctype>
#include <cstdio>

namespace sluice::memory {

MemoryTracker::MemoryTracker(std::string name, int64_t limit, MemoryTracker* parent,
                             ParentLink link)
    : name_(std::move(name)), limit_(limit), parent_(parent), link_(link) {}

MemoryTracker::~MemoryTracker() {
  // Whatever a child still holds is returned to its ancestors.
  if (used() > 0) Release(used());
}

MemoryTracker& MemoryTracker::Process() {
  static MemoryTracker tracker("process", PhysicalMemoryBytes() / 10 * 8);
  return tracker;
}

bool MemoryTracker::TryReserveLocal(int64_t bytes) {
  int64_t current = used_.load(std::memory_order_relaxed);
  do {
    if (current + bytes > limit_.load(std::memory_order_relaxed)) return false;
  } while (!used_.compare_exchange_weak(current, current + bytes, std::memory_order_relaxed));
  int64_t now = current + bytes;
  int64_t peak = peak_.load(std::memory_order_relaxed);
  while (now > peak && !peak_.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
  }
  return true;
}

Status MemoryTracker::Reserve(int64_t bytes) {
  const MemoryTracker* refused = TryReserve(bytes);
  if (refused == nullptr) return Status::OK();
  return Status::OutOfMemory("memory limit of " + FormatBytes(refused->limit()) + " (" +
                             refused->name_ + ") exceeded: " + FormatBytes(refused->used()) +
                             " in use, " + FormatBytes(bytes) +
                             " more requested; raise --memory-limit or SET "
                             "spark.sluice.memory.limit");
}

const MemoryTracker* MemoryTracker::TryReserve(int64_t bytes) {
  if (bytes <= 0) return nullptr;
  if (parent_ != nullptr && link_ == ParentLink::kRoomOnly &&
      parent_->used() + bytes > parent_->limit())
    return parent_;
  if (!TryReserveLocal(bytes)) return this;
  if (parent_ != nullptr && link_ == ParentLink::kCharge) {
    if (const MemoryTracker* refused = parent_->TryReserve(bytes)) {
      used_.fetch_sub(bytes, std::memory_order_relaxed);
      return refused;
    }
  }
  return nullptr;
}

void MemoryTracker::Charge(int64_t bytes) {
  if (bytes <= 0) return;
  int64_t now = used_.fetch_add(bytes, std::memory_order_relaxed) + bytes;
  int64_t peak = peak_.load(std::memory_order_relaxed);
  while (now > peak && !peak_.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
  }
  if (parent_ != nullptr && link_ == ParentLink::kCharge) parent_->Charge(bytes);
}

void MemoryTracker::Release(int64_t bytes) {
  if (bytes <= 0) return;
  used_.fetch_sub(bytes, std::memory_order_relaxed);
  if (parent_ != nullptr && link_ == ParentLink::kCharge) parent_->Release(bytes);
}

std::string FormatBytes(int64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof(buf), u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  return buf;
}

Result<int64_t> ParseByteSize(const std::string& text, int64_t total_memory) {
  size_t pos = 0;
  double value = 0;
  try {
    value = std::stod(text, &pos);
  } catch (...) {
    pos = 0;
  }
  if (pos == 0 || value < 0) {
    return Status::Invalid("expected a size such as 512MB, 4GiB or 50%, found '" + text + "'");
  }
  std::string unit;
  for (size_t i = pos; i < text.size(); ++i) {
    if (!std::isspace(static_cast<unsigned char>(text[i]))) {
      unit += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
    }
  }
  double mult;
  if (unit.empty() || unit == "b")
    mult = 1;
  else if (unit == "k" || unit == "kb" || unit == "kib")
    mult = 1024.0;
  else if (unit == "m" || unit == "mb" || unit == "mib")
    mult = 1024.0 * 1024;
  else if (unit == "g" || unit == "gb" || unit == "gib")
    mult = 1024.0 * 1024 * 1024;
  else if (unit == "t" || unit == "tb" || unit == "tib")
    mult = 1024.0 * 1024 * 1024 * 1024;
  else if (unit == "%")
    mult = static_cast<double>(total_memory) / 100;
  else
    return Status::Invalid("unknown size unit '" + unit + "' in '" + text + "'");
  return static_cast<int64_t>(value * mult);
}

int64_t PhysicalMemoryBytes() {
  return static_cast<int64_t>(sysconf(_SC_PHYS_PAGES)) * sysconf(_SC_PAGE_SIZE);
}

}  // namespace sluice::memory
