#include "parallel/thread_pool.h"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <new>
#include <string>

namespace sluice::parallel {

Status RunCatching(const std::function<Status()>& task) {
  try {
    return task();
  } catch (const std::bad_alloc&) {
    return Status::OutOfMemory("memory ran out: an allocation failed (std::bad_alloc)");
  } catch (const std::exception& e) {
    return Status::Internal(std::string("unexpected exception: ") + e.what());
  } catch (...) {
    return Status::Internal("unexpected exception of an unknown type");
  }
}

ThreadPool::ThreadPool(size_t threads) : threads_(std::max<size_t>(threads, 1)) {}

void ThreadPool::StartWorkers() {
  std::call_once(started_, [this] {
    for (size_t i = 0; i < threads_; ++i) workers_.emplace_back([this] { WorkerLoop(); });
  });
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
  StartWorkers();
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
  RunTask(task);
  return true;
}

void ThreadPool::RunTask(std::function<void()>& task) {
  // Submit's tasks report their own errors; a throwing one must not end the process.
  try {
    task();
  } catch (...) {
  }
  task = nullptr;            // its captures go before the waiter can see it finished
  helpers_cv_.notify_all();  // what a helper waits for may have happened now
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
    RunTask(task);
  }
}

Status ThreadPool::RunParallel(size_t parallelism, const std::function<Status(size_t)>& task) {
  if (parallelism <= 1) return RunCatching([&] { return task(0); });
  TaskGroup group(*this);
  for (size_t i = 1; i < parallelism; ++i) group.Submit([&task, i] { return task(i); });
  // Slot 0 runs on the caller so that a pool busy with the caller's own task cannot deadlock;
  // waiting runs queued tasks, so nested RunParallel calls never starve the pool.
  group.Run([&] { return task(0); });
  return group.Wait();
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
  std::atomic<bool> failed{false};
  return RunParallel(std::min(size(), count), [&](size_t) -> Status {
    for (size_t i; !failed.load(std::memory_order_relaxed) && (i = next.fetch_add(1)) < count;) {
      Status st = RunCatching([&] { return task(i); });
      if (!st.ok()) {
        failed = true;
        return st;
      }
    }
    return Status::OK();
  });
}

void TaskGroup::Submit(std::function<Status()> task) {
  {
    std::lock_guard lock(mu_);
    ++pending_;
  }
  pool_.Submit([this, task = std::move(task)]() mutable {
    Status st = failed() ? Status::OK() : RunCatching(task);
    task = nullptr;  // before Wait can return
    Done(std::move(st));
  });
}

void TaskGroup::Run(const std::function<Status()>& task) {
  {
    std::lock_guard lock(mu_);
    ++pending_;
  }
  Done(failed() ? Status::OK() : RunCatching(task));
}

void TaskGroup::Done(Status status) {
  std::lock_guard lock(mu_);
  if (!status.ok() && first_error_.ok()) {
    first_error_ = std::move(status);
    failed_ = true;
  }
  --pending_;
}

Status TaskGroup::Wait() {
  pool_.HelpUntil([this] {
    std::lock_guard lock(mu_);
    return pending_ == 0;
  });
  std::lock_guard lock(mu_);
  return first_error_;
}

}  // namespace sluice::parallel
