// PoolTaskRunner: the readers' TaskRunner over the process-wide thread pool.
#pragma once

#include "formats/task_runner.h"

namespace sluice::formats {

// The runner over parallel::ThreadPool::Default(); lives as long as the process.
TaskRunner& PoolTaskRunner();

}  // namespace sluice::formats
