// LIMIT and OFFSET over an operator's rows, in order.
#include "exec/executor.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

Result<BatchList> RunLimit(Executor&, const plan::LogicalOperator& op, BatchList input) {
  BatchList out;
  int64_t skip = op.offset;
  int64_t left = op.limit < 0 ? INT64_MAX : op.limit;
  for (vector::Batch& in : input) {
    if (left == 0) break;
    const int64_t n = static_cast<int64_t>(in.num_rows());
    if (skip >= n) {
      skip -= n;
      continue;
    }
    const int64_t take = std::min(n - skip, left);
    if (skip == 0 && take == n) {
      out.push_back(std::move(in));
    } else {
      SLUICE_ASSIGN_OR_RAISE(vector::Batch part, vector::SliceBatch(in, static_cast<size_t>(skip),
                                                                    static_cast<size_t>(take)));
      out.push_back(std::move(part));
    }
    skip = 0;
    left -= take;
  }
  return out;
}

}  // namespace sluice::exec
