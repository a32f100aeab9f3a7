#include "memory/tracked_buffer.h"

#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

namespace sluice::memory {

TrackedBuffer::~TrackedBuffer() { Free(); }

TrackedBuffer::TrackedBuffer(TrackedBuffer&& other) noexcept
    : tracker_(other.tracker_), data_(other.data_), capacity_(other.capacity_) {
  other.data_ = nullptr;
  other.capacity_ = 0;
}

TrackedBuffer& TrackedBuffer::operator=(TrackedBuffer&& other) noexcept {
  if (this != &other) {
    Free();
    tracker_ = other.tracker_;
    data_ = std::exchange(other.data_, nullptr);
    capacity_ = std::exchange(other.capacity_, 0);
  }
  return *this;
}

void TrackedBuffer::Free() {
  if (data_ != nullptr) {
    std::free(data_);
    tracker_->Release(static_cast<int64_t>(capacity_));
    data_ = nullptr;
    capacity_ = 0;
  }
}

void TrackedBuffer::CopyFrom(const TrackedBuffer& other) {
  Free();
  if (other.capacity_ == 0) return;
  data_ = static_cast<uint8_t*>(std::aligned_alloc(64, other.capacity_));
  if (data_ == nullptr) throw std::bad_alloc();
  tracker_->Charge(static_cast<int64_t>(other.capacity_));
  capacity_ = other.capacity_;
  std::memcpy(data_, other.data_, capacity_);
}

Status TrackedBuffer::Reserve(size_t bytes, NewBytes fill) {
  if (bytes <= capacity_) return Status::OK();
  size_t new_capacity = std::max(bytes, capacity_ * 2);
  new_capacity = (new_capacity + 63) / 64 * 64;
  SLUICE_RETURN_NOT_OK(tracker_->Reserve(static_cast<int64_t>(new_capacity - capacity_)));
  auto* fresh = static_cast<uint8_t*>(std::aligned_alloc(64, new_capacity));
  if (fresh == nullptr) {
    tracker_->Release(static_cast<int64_t>(new_capacity - capacity_));
    return Status::OutOfMemory("allocation of " + FormatBytes(new_capacity) + " failed");
  }
  if (capacity_ > 0) std::memcpy(fresh, data_, capacity_);
  if (fill == NewBytes::kZeroed) std::memset(fresh + capacity_, 0, new_capacity - capacity_);
  if (data_ != nullptr) std::free(data_);
  data_ = fresh;
  capacity_ = new_capacity;
  return Status::OK();
}

}  // namespace sluice::memory
