// MorselQueue: hands out the items of a fixed list (file ranges, row groups) to
// whichever worker asks next, so fast workers take more. Thread-safe, lock-free.
#pragma once

#include <atomic>
#include <optional>
#include <vector>

namespace sluice::parallel {

template <typename T>
class MorselQueue {
 public:
  explicit MorselQueue(std::vector<T> morsels) : morsels_(std::move(morsels)) {}

  // The next morsel's index, or nullopt when all are taken.
  std::optional<size_t> NextIndex() {
    size_t i = next_.fetch_add(1, std::memory_order_relaxed);
    if (i >= morsels_.size()) return std::nullopt;
    return i;
  }
  const T& operator[](size_t i) const { return morsels_[i]; }
  size_t size() const { return morsels_.size(); }

 private:
  std::vector<T> morsels_;
  std::atomic<size_t> next_{0};
};

}  // namespace sluice::parallel
