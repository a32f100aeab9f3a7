// ScratchPool: the working state of a morsel read (decoders, a batch, counters) that
// readers lend to whichever thread reads a morsel and take back after it, so state is
// reused from morsel to morsel without the reader knowing the caller's threads. There are
// never more objects than morsels read at once. Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace sluice::formats {

template <typename T>
class ScratchPool {
 public:
  // An idle object, or null when every one is lent out (the caller makes a new one).
  std::unique_ptr<T> Take() {
    std::lock_guard lock(mu_);
    if (idle_.empty()) return nullptr;
    std::unique_ptr<T> out = std::move(idle_.back());
    idle_.pop_back();
    return out;
  }
  void Give(std::unique_ptr<T> object) {
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(object));
  }
  // Every object, once none is lent out (after a read): to merge their counts.
  std::vector<std::unique_ptr<T>>& idle() { return idle_; }
  void Clear() { idle_.clear(); }

 private:
  std::mutex mu_;
  std::vector<std::unique_ptr<T>> idle_;  // guarded by mu_ while morsels are read
};

}  // namespace sluice::formats
