#include "dataset/pool_task_runner.h"

#include <atomic>

#include "parallel/thread_pool.h"

namespace sluice::formats {
namespace {

class ThreadPoolRunner final : public TaskRunner {
 public:
  size_t size() const override { return parallel::ThreadPool::Default().size(); }

  Status Run(size_t tasks, size_t workers,
             const std::function<Status(size_t, size_t)>& fn) override {
    std::atomic<size_t> next{0};
    std::atomic<bool> stop{false};
    return parallel::ThreadPool::Default().RunParallel(workers, [&](size_t worker) -> Status {
      while (!stop.load(std::memory_order_relaxed)) {
        const size_t i = next.fetch_add(1, std::memory_order_relaxed);
        if (i >= tasks) break;
        Status st = fn(worker, i);
        if (!st.ok()) {
          stop = true;
          return st;
        }
      }
      return Status::OK();
    });
  }
};

}  // namespace

TaskRunner& PoolTaskRunner() {
  static ThreadPoolRunner runner;
  return runner;
}

}  // namespace sluice::formats
