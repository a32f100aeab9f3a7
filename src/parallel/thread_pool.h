// ThreadPool: a fixed set of worker threads (by default one per core) running
// submitted tasks in FIFO order. The threads start with the first submitted task, so a
// process that never runs anything in parallel (`SELECT 1`) does not pay for them.
// RunParallel runs one task function per worker slot and waits (running queued tasks
// meanwhile, so nesting cannot deadlock), the shape every morsel-driven operator uses; a
// TaskGroup waits the same way for a set of tasks that may queue more (a task that yields
// re-queues its rest). Thread-safe. No exception escapes a task: it becomes the Status of
// the call that ran it.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "common/status.h"

namespace sluice::parallel {

// Runs `task`, turning an exception it throws into an error: std::bad_alloc into
// OutOfMemory, anything else into Internal with its message.
Status RunCatching(const std::function<Status()>& task);

class ThreadPool {
 public:
  explicit ThreadPool(size_t threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // The process-wide pool: SLUICE_THREADS or the number of cores.
  static ThreadPool& Default();

  size_t size() const { return threads_; }
  // Queues a task that reports its own errors (an exception it throws is dropped, never
  // let out of the worker); TaskGroup gives the caller a task's error.
  void Submit(std::function<void()> task);

  // Runs task(worker_index) for worker_index in [0, parallelism) and waits for all;
  // returns the first error. With parallelism 1 it runs on the calling thread.
  Status RunParallel(size_t parallelism, const std::function<Status(size_t)>& task);
  // Runs task(i) for every i in [0, count), each once, on up to size() workers taking the
  // next i as they finish; returns the first error, after which no further i starts.
  Status ForEach(size_t count, const std::function<Status(size_t)>& task);

  // Runs queued tasks on the calling thread until `done()` holds, so a thread waiting for
  // the result of a submitted task never idles while work is queued. `done` is polled
  // between tasks and at least every millisecond; it must be thread-safe.
  void HelpUntil(const std::function<bool()>& done);

 private:
  void StartWorkers();
  void WorkerLoop();
  // Runs one queued task on the calling thread; false if the queue was empty.
  bool TryRunOne();
  void RunTask(std::function<void()>& task);
  std::mutex mu_;
  std::condition_variable cv_;          // workers: a task was queued
  std::condition_variable helpers_cv_;  // HelpUntil: a task was queued or finished
  std::deque<std::function<void()>> queue_;
  const size_t threads_;
  std::once_flag started_;
  std::vector<std::thread> workers_;
  bool stopping_ = false;
};

// Tasks whose first error the caller waits for. Once a task failed, queued tasks of the
// group that have not started are skipped, and failed() tells running ones to stop taking
// work. A task may submit more tasks to its group (Wait waits for those too).
class TaskGroup {
 public:
  explicit TaskGroup(ThreadPool& pool) : pool_(pool) {}
  // Waits for the tasks still queued or running: they may refer to the caller's state.
  ~TaskGroup() { static_cast<void>(Wait()); }
  TaskGroup(const TaskGroup&) = delete;
  TaskGroup& operator=(const TaskGroup&) = delete;

  void Submit(std::function<Status()> task);
  // Runs `task` on the calling thread, its error counted as a submitted task's.
  void Run(const std::function<Status()>& task);
  // Runs queued tasks until every task of the group finished; the first error.
  Status Wait();
  bool failed() const { return failed_.load(std::memory_order_relaxed); }

 private:
  void Done(Status status);
  ThreadPool& pool_;
  std::mutex mu_;
  size_t pending_ = 0;
  Status first_error_;
  std::atomic<bool> failed_{false};
};

}  // namespace sluice::parallel
