#include "vector/string_heap.h"

#include <cstring>

namespace sluice::vector {

StringRef StringHeap::Add(std::string_view s) {
  if (s.size() <= StringRef::kInlineBytes) return StringRef(s);
  if (s.size() > kBlockSize / 4) {
    // Large strings get a block of their own so that blocks stay mostly full.
    blocks_.emplace_back(new char[s.size()]);
    allocated_ += s.size();
    std::memcpy(blocks_.back().get(), s.data(), s.size());
    char* big = blocks_.back().get();
    // Keep the current small-string block last so later Adds continue filling it.
    if (blocks_.size() >= 2 && block_used_ < kBlockSize) std::swap(blocks_[blocks_.size() - 1], blocks_[blocks_.size() - 2]);
    return StringRef(big, static_cast<uint32_t>(s.size()));
  }
  if (block_used_ + s.size() > kBlockSize) {
    blocks_.emplace_back(new char[kBlockSize]);
    allocated_ += kBlockSize;
    block_used_ = 0;
  }
  char* dst = blocks_.back().get() + block_used_;
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
  blocks_.clear();
  pins_.clear();
  block_used_ = kBlockSize;
  allocated_ = 0;
}

}  // namespace sluice::vector
