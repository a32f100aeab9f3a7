// A window whose rows do not fit in memory and cannot be split by partition keys (no
// PARTITION BY, or one window partition larger than memory): the rows are sorted by the partition
// and order keys (the external sort, run_sort.cc) and the calls evaluated over the sorted
// rows a batch at a time, each keeping only the state it needs across batches.
#pragma once

#include "exec/batch_store.h"
#include "exec/executor.h"

namespace sluice::exec {

// Whether RunWindowStream can compute every call of the window: each is row_number, rank,
// dense_rank, percent_rank, cume_dist, ntile, lag or lead; an aggregate over the running frame
// (UNBOUNDED PRECEDING .. CURRENT ROW), over ROWS from UNBOUNDED PRECEDING to an offset, or over
// the whole partition; first_value, last_value or nth_value over the whole partition;
// first_value from UNBOUNDED PRECEDING or last_value up to the current row or an offset
// (without IGNORE NULLS); or an aggregate or frame value over a ROWS frame between two offsets
// (n PRECEDING .. m FOLLOWING) of at most 1,024 rows.
bool CanStreamWindow(const plan::LogicalOperator& op);

// The window over `input`, one pass per distinct PARTITION BY and ORDER BY of its calls, each
// over the rows sorted by them; its output goes through a RowSpiller. It holds a batch of rows plus
// what the calls look at: the rows of the current peer group (RANGE running aggregates, cume_dist),
// the next k rows (lead), the last k (lag); a first pass over the sorted rows counts each
// partition's rows (percent_rank, cume_dist, ntile) and computes its whole-partition aggregates.
Result<BatchStore> RunWindowStream(Executor& ex, const plan::LogicalOperator& op, BatchStore input);
// The same, its output added to `out` through `output` (a spilled window's, over one of its
// partitions).
Status RunWindowStream(Executor& ex, const plan::LogicalOperator& op, BatchStore input,
                       RowSpiller& output, BatchStore& out);

}  // namespace sluice::exec
