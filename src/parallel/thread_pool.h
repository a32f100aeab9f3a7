// ThreadPool: a fixed set of worker threads (by default one per core) running
// submitted tasks in FIFO order. RunParallel runs one task function per worker slot
// and waits (running queued tasks meanwhile, so nesting cannot deadlock), the shape
// every morsel-driven operator uses; HelpUntil waits the same way for submitted tasks.
// Thread-safe.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "common/status.h"

namespace sluice::parallel {

class ThreadPool {
 public:
  explicit ThreadPool(size_t threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // The process-wide pool: SLUICE_THREADS or the number of cores.
  static ThreadPool& Default();

  size_t size() const { return workers_.size(); }
  void Submit(std::function<void()> task);

  // Runs task(worker_index) for worker_index in [0, parallelism) and waits for all;
  // returns the first error. With parallelism 1 it runs on the calling thread.
  Status RunParallel(size_t parallelism, const std::function<Status(size_t)>& task);
  // Runs task(i) for every i in [0, count), each once, on up to size() workers taking the
  // next i as they finish; returns the first error.
  Status ForEach(size_t count, const std::function<Status(size_t)>& task);

  // Runs queued tasks on the calling thread until `done()` holds, so a thread waiting for
  // the result of a submitted task never idles while work is queued. `done` is polled
  // between tasks and at least every millisecond; it must be thread-safe.
  void HelpUntil(const std::function<bool()>& done);

 private:
  void WorkerLoop();
  // Runs one queued task on the calling thread; false if the queue was empty.
  bool TryRunOne();
  std::mutex mu_;
  std::condition_variable cv_;          // workers: a task was queued
  std::condition_variable helpers_cv_;  // HelpUntil: a task was queued or finished
  std::deque<std::function<void()>> queue_;
  std::vector<std::thread> workers_;
  bool stopping_ = false;
};

}  // namespace sluice::parallel
