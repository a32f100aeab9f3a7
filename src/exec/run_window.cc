// Window functions: not built yet.
#include "exec/executor.h"

namespace sluice::exec {

Result<BatchList> RunWindow(Executor&, const plan::LogicalOperator&, BatchList) {
  return Status::NotImplemented("window functions are not supported yet");
}

}  // namespace sluice::exec
