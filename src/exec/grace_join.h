// Grace hash join: an equality join whose right side does not fit in memory. Both inputs are
// split by the hash of their keys (the join's key expressions, evaluated and hashed alike on
// each side) into 2^kSpillBits partitions on disk; then partition after partition, on the
// driving thread, the right rows are built into a JoinHashTable that the partition's left rows
// probe, and its unmatched right rows follow (right and full joins). A partition whose right
// rows are still too big splits again by the next hash bits; one whose right rows all fall in a
// single sub-partition (one key, or a few sharing their hash: skew) is joined as a block nested
// loop instead: its right rows in chunks that fit, each probed by every left row of the
// partition, the left rows' matches kept across the chunks so that left, semi, anti and full
// joins give each left row's outcome once. Rows with a NULL key match nothing and are output
// (when the join keeps them) from whichever partition they fell in. A join without keys (no
// equality: a nested loop) has all its rows in one partition, joined as that nested loop.
// The output goes through a RowSpiller, so it may spill too.
#pragma once

#include "exec/batch_store.h"
#include "exec/executor.h"

namespace sluice::exec {

// Whether `join` (whose right input's rows are `right`) runs as a grace join: its right rows
// are spilled or their table would pass the join's SpillBudget.
bool NeedsGraceJoin(const plan::LogicalOperator& join, const BatchStore& right,
                    memory::MemoryTracker& memory);

// The rows of `join` over its inputs' rows; with `needed` >= 0 (a LIMIT above), it stops
// between batches once it made that many.
Result<BatchStore> RunGraceJoin(Executor& ex, const plan::LogicalOperator& join, BatchStore left,
                                BatchStore right, int64_t needed = -1);

}  // namespace sluice::exec
