#include "progress_bar.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "memory/memory_tracker.h"

namespace sluice::cli {

ProgressBar::ProgressBar(std::function<uint64_t()> bytes_done, uint64_t total_bytes)
    : bytes_done_(std::move(bytes_done)), total_bytes_(total_bytes) {
  // Only for a person watching: never when output goes to a pipe or a file.
  if (isatty(STDERR_FILENO) && isatty(STDOUT_FILENO)) thread_ = std::thread([this] { Run(); });
}

ProgressBar::~ProgressBar() { Finish(); }

void ProgressBar::Finish() {
  {
    std::lock_guard lock(mu_);
    done_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (shown_) std::fprintf(stderr, "\r\033[K");
  shown_ = false;
}

void ProgressBar::Run() {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  std::unique_lock lock(mu_);
  while (!cv_.wait_for(lock, std::chrono::milliseconds(200), [this] { return done_; })) {
    double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    if (elapsed < 1.0) continue;
    uint64_t done = bytes_done_();
    double fraction =
        total_bytes_ > 0 ? std::min(1.0, static_cast<double>(done) / total_bytes_) : 0;
    constexpr int kWidth = 30;
    int filled = static_cast<int>(fraction * kWidth);
    std::string bar(static_cast<size_t>(filled), '=');
    bar += std::string(static_cast<size_t>(kWidth - filled), ' ');
    double rate = done / elapsed;
    double eta = rate > 0 && total_bytes_ > done ? (total_bytes_ - done) / rate : 0;
    std::fprintf(stderr, "\r\033[K[%s] %3.0f%% %s / %s  %llu rows  %s/s  ETA %.0fs", bar.c_str(),
                 fraction * 100, memory::FormatBytes(static_cast<int64_t>(done)).c_str(),
                 memory::FormatBytes(static_cast<int64_t>(total_bytes_)).c_str(),
                 static_cast<unsigned long long>(rows_.load()),
                 memory::FormatBytes(static_cast<int64_t>(rate)).c_str(), eta);
    std::fflush(stderr);
    shown_ = true;
  }
}

}  // namespace sluice::cli
