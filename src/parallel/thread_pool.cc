#include "parallel/thread_pool.h"

#include <atomic>
#include <chrono>
#include <cstdlib>

namespace sluice::parallel {

ThreadPool::ThreadPool(size_t threads) {
  if (threads == 0) threads = 1;
  for (size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { WorkerLoop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (std::thread& t : workers_) t.join();
}

ThreadPool& ThreadPool::Default() {
  static ThreadPool pool([] {
    const char* env = std::getenv("SLUICE_THREADS");
    if (env != nullptr && std::atoi(env) > 0) return static_cast<size_t>(std::atoi(env));
    return static_cast<size_t>(std::max(1u, std::thread::hardware_concurrency()));
  }());
  return pool;
}

void ThreadPool::Submit(std::function<void()> task) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(task));
  }
  cv_.notify_one();
  helpers_cv_.notify_all();
}

bool ThreadPool::TryRunOne() {
  std::function<void()> task;
  {
    std::lock_guard lock(mu_);
    if (queue_.empty()) return false;
    task = std::move(queue_.front());
    queue_.pop_front();
  }
  task();
  helpers_cv_.notify_all();
  return true;
}

void ThreadPool::WorkerLoop() {
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
    helpers_cv_.notify_all();  // what a helper waits for may have happened now
  }
}

Status ThreadPool::RunParallel(size_t parallelism, const std::function<Status(size_t)>& task) {
  if (parallelism <= 1) return task(0);
  std::mutex mu;
  size_t remaining = parallelism;
  Status first_error;
  // Slot 0 runs on the caller so that a pool busy with the caller's own task cannot deadlock.
  for (size_t i = 1; i < parallelism; ++i) {
    Submit([&, i] {
      Status st = task(i);
      std::lock_guard lock(mu);
      if (!st.ok() && first_error.ok()) first_error = st;
      --remaining;
    });
  }
  Status st = task(0);
  {
    std::lock_guard lock(mu);
    if (!st.ok() && first_error.ok()) first_error = st;
    --remaining;
  }
  // Run queued tasks while waiting, so nested RunParallel calls never starve the pool.
  HelpUntil([&] {
    std::lock_guard lock(mu);
    return remaining == 0;
  });
  std::lock_guard lock(mu);
  return first_error;
}

void ThreadPool::HelpUntil(const std::function<bool()>& done) {
  while (!done()) {
    if (!TryRunOne()) {
      // Woken by a new task or a finished one; the timeout covers a wake-up that came
      // between done() and the wait.
      std::unique_lock lock(mu_);
      if (queue_.empty()) helpers_cv_.wait_for(lock, std::chrono::milliseconds(1));
    }
  }
}

Status ThreadPool::ForEach(size_t count, const std::function<Status(size_t)>& task) {
  std::atomic<size_t> next{0};
  return RunParallel(std::min(size(), count), [&](size_t) -> Status {
    for (size_t i; (i = next.fetch_add(1)) < count;) SLUICE_RETURN_NOT_OK(task(i));
    return Status::OK();
  });
}

}  // namespace sluice::parallel
