// The external sort's merge: sorted runs in spill files (a sort's input in order, cut into
// chunks that each fit its memory, each sorted and written) merged into one sorted sequence.
// Each run holds one block in memory at a time, its keys evaluated again and encoded by a
// SortKeyEncoder whose batch index is the run's, so that equal keys order by run, then by
// position in the run: input order, as the in-memory sort keeps it. A tournament (loser) tree
// over the runs' current entries picks each next row; output rows are gathered into batches.
// More runs than the memory's blocks allow are merged in passes of consecutive runs.
// Driven by one thread (the executor's).
#pragma once

#include <memory>
#include <vector>

#include "exec/batch_store.h"
#include "exec/expression_evaluator.h"
#include "exec/sort_key_encoder.h"
#include "plan/logical_operator.h"

namespace sluice::exec {

class Executor;

// The values of `op`'s sort keys for the rows of `batch` (no selection).
Result<std::vector<vector::Vector>> EvaluateSortKeys(ExpressionEvaluator& eval,
                                                     const plan::LogicalOperator& op,
                                                     const vector::Batch& batch);
// The bytes `keys` hold beyond `batch`'s columns (a key that is a column shares its buffers).
size_t SortKeyBytes(const std::vector<vector::Vector>& keys, const vector::Batch& batch);
// The encoder of `op`'s sort keys over keys[k][b] (key k of batch b).
SortKeyEncoder MakeSortKeyEncoder(const plan::LogicalOperator& op,
                                  std::vector<std::vector<const vector::Vector*>> keys);

// Merges `runs` (sorted by `op`'s keys, in input order) into a store that spills past the
// operator's budget. `block_bytes`: about what one block of a run holds in memory with its
// keys and entries (how many runs one pass may merge). A top-N (op.limit >= 0) keeps only the
// first `limit` rows. Records the bytes it spills.
Result<BatchStore> MergeSortedRuns(Executor& ex, const plan::LogicalOperator& op,
                                   std::vector<std::unique_ptr<SpillFile>> runs,
                                   size_t block_bytes);

}  // namespace sluice::exec
