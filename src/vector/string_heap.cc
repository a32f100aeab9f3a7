#include "vector/string_heap.h"

#include <algorithm>
#include <cstring>

namespace sluice::vector {

char* StringHeap::NewBlock(size_t size) {
  blocks_.emplace_back(new char[size]);
  allocated_ += size;
  tracker_->Charge(static_cast<int64_t>(size));
  return blocks_.back().get();
}

StringRef StringHeap::Add(std::string_view s) {
  if (s.size() <= StringRef::kInlineBytes) return StringRef(s);
  if (s.size() > kBlockSize / 4) {
    // Large strings get a block of their own so that blocks stay mostly full.
    char* big = NewBlock(s.size());
    std::memcpy(big, s.data(), s.size());
    return StringRef(big, static_cast<uint32_t>(s.size()));
  }
  if (current_ == nullptr || block_used_ + s.size() > block_size_) {
    block_size_ = std::max(current_ == nullptr ? kFirstBlockSize : kBlockSize, s.size());
    current_ = NewBlock(block_size_);
    block_used_ = 0;
  }
  char* dst = current_ + block_used_;
  std::memcpy(dst, s.data(), s.size());
  block_used_ += s.size();
  return StringRef(dst, static_cast<uint32_t>(s.size()));
}

void StringHeap::Pin(std::shared_ptr<const void> buffer) {
  for (const auto& p : pins_) {
    if (p == buffer) return;
  }
  pins_.push_back(std::move(buffer));
}

void StringHeap::Clear() {
  tracker_->Release(static_cast<int64_t>(allocated_));
  blocks_.clear();
  pins_.clear();
  current_ = nullptr;
  block_used_ = 0;
  block_size_ = 0;
  allocated_ = 0;
}

}  // namespace sluice::vector
