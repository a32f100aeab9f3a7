#include "memory/memory_reservation.h"

#include <algorithm>
#include <utility>

namespace sluice::memory {

MemoryReservation::MemoryReservation(MemoryReservation&& other) noexcept
    : tracker_(other.tracker_), bytes_(std::exchange(other.bytes_, 0)) {}

MemoryReservation& MemoryReservation::operator=(MemoryReservation&& other) noexcept {
  if (this != &other) {
    tracker_->Release(bytes_);
    tracker_ = other.tracker_;
    bytes_ = std::exchange(other.bytes_, 0);
  }
  return *this;
}

Status MemoryReservation::Grow(int64_t bytes) {
  if (bytes <= 0) return Status::OK();
  SLUICE_RETURN_NOT_OK(tracker_->Reserve(bytes));
  bytes_ += bytes;
  return Status::OK();
}

const MemoryTracker* MemoryReservation::TryGrow(int64_t bytes) {
  if (bytes <= 0) return nullptr;
  const MemoryTracker* refused = tracker_->TryReserve(bytes);
  if (refused == nullptr) bytes_ += bytes;
  return refused;
}

Status MemoryReservation::Resize(int64_t total) {
  if (total >= bytes_) return Grow(total - bytes_);
  Shrink(bytes_ - total);
  return Status::OK();
}

void MemoryReservation::Shrink(int64_t bytes) {
  bytes = std::clamp<int64_t>(bytes, 0, bytes_);
  tracker_->Release(bytes);
  bytes_ -= bytes;
}

}  // namespace sluice::memory
