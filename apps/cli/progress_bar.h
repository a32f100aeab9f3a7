// ProgressBar: a one-line progress display (percent, bytes, rows, rate, ETA) on stderr,
// shown only when stdout and stderr are terminals and the work has lasted over a second. Runs its
// own refresh thread; Update() is thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace sluice::cli {

class ProgressBar {
 public:
  // `bytes_done` is polled; `total_bytes` may be 0 when unknown.
  ProgressBar(std::function<uint64_t()> bytes_done, uint64_t total_bytes);
  ~ProgressBar();
  void AddRows(uint64_t rows) { rows_.fetch_add(rows, std::memory_order_relaxed); }
  // Stops the refresh thread and clears the line.
  void Finish();

 private:
  void Run();
  std::function<uint64_t()> bytes_done_;
  uint64_t total_bytes_;
  std::atomic<uint64_t> rows_{0};
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  bool shown_ = false;
  std::thread thread_;
};

}  // namespace sluice::cli
