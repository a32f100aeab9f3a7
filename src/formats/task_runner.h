// TaskRunner: how a reader runs independent tasks (schema inference over its morsels,
// finding row boundaries in byte ranges). Formats own no threads: the layer above passes
// one in (dataset/pool_task_runner.h runs them on the thread pool). Implementations are
// thread-safe.
#pragma once

#include <cstddef>
#include <functional>

#include "common/status.h"

namespace sluice::formats {

class TaskRunner {
 public:
  virtual ~TaskRunner() = default;
  // How many tasks can run at once.
  virtual size_t size() const = 0;
  // Runs fn(worker, task) for every task in [0, tasks) on `workers` threads (worker <
  // workers), handing tasks out in order; stops at the first error and returns it.
  virtual Status Run(size_t tasks, size_t workers,
                     const std::function<Status(size_t worker, size_t task)>& fn) = 0;
};

}  // namespace sluice::formats
