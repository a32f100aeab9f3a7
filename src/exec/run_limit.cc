// LIMIT and OFFSET over an operator's rows, in order: only the batches up to the last row
// kept are read (spilled ones from disk).
#include "exec/executor.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

Result<BatchStore> RunLimit(Executor&, const plan::LogicalOperator& op, BatchStore input) {
  BatchStore out;
  int64_t skip = op.offset;
  int64_t left = op.limit < 0 ? INT64_MAX : op.limit;
  for (size_t i = 0; i < input.batch_count() && left > 0; ++i) {
    SLUICE_ASSIGN_OR_RAISE(vector::Batch in, input.Read(i));
    if (in.selection() != nullptr) {
      SLUICE_ASSIGN_OR_RAISE(in, vector::Compact(in));
    }
    const int64_t n = static_cast<int64_t>(in.num_rows());
    if (skip >= n) {
      skip -= n;
      continue;
    }
    const int64_t take = std::min(n - skip, left);
    if (skip == 0 && take == n) {
      out.Add(std::move(in));
    } else {
      SLUICE_ASSIGN_OR_RAISE(vector::Batch part, vector::SliceBatch(in, static_cast<size_t>(skip),
                                                                    static_cast<size_t>(take)));
      out.Add(std::move(part));
    }
    skip = 0;
    left -= take;
  }
  return out;
}

}  // namespace sluice::exec
