// Executor: runs a logical plan and returns its rows as batches. Chains of streaming
// operators (filter, projection, generator) over a source run as parallel pipelines
// (exec/pipeline.h) into a sink: the collected rows, or a hash aggregate; the other
// operators take their inputs' batches and produce their own (one per file: exec/run_*.cc).
// Uncorrelated subqueries run once per query and are cached; correlated ones run per outer
// row with that row on the outer-row stack, their parts that do not read it cached too.
// One executor per query, driven by one thread (its pipelines' workers only evaluate), but
// for independent inputs (a pipeline's join build sides and operator-result source, a set
// operation's inputs) that share none of its caches: they run at once on the pool. It owns
// the query's MemoryTracker, one per operator under it that its holders reserve in, and the
// TempDirectory its operators spill into.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "common/status.h"
#include "exec/batch_store.h"
#include "exec/key_table.h"
#include "exec/temp_directory.h"
#include "functions/function_context.h"
#include "memory/memory_tracker.h"
#include "plan/logical_operator.h"
#include "vector/batch.h"

namespace sluice::exec {

// An uncorrelated IN subquery's rows, hashed once per query: the rows without a NULL in a
// KeyTable, the others by (batch, row) (they can only make an answer NULL).
struct InSubqueryLookup {
  KeyTable rows;
  std::vector<std::pair<uint32_t, uint32_t>> rows_with_null;
};

class PipelineSink;

class Executor {
 public:
  // `memory_limit`: the query's; the process tracker's limit bounds it too. Operators spill
  // through `temp_fs` (default the local one) into a folder under `temp_parent` (default
  // TempDirectory::SystemDefault()).
  explicit Executor(const functions::FunctionContext& ctx,
                    int64_t memory_limit = memory::MemoryTracker::kUnlimited,
                    std::shared_ptr<io::FileSystem> temp_fs = nullptr,
                    std::string temp_parent = "");

  // The operator's rows: in memory, or partly in spill files when they did not fit.
  Result<BatchStore> Run(const plan::LogicalOperator& op);
  // Runs an uncorrelated subquery once and keeps its rows (in memory) for the rest of the
  // query.
  Result<const BatchList*> RunCached(const plan::LogicalOperator& op);

  // Hash lookups of uncorrelated IN subqueries, by expression (built on first use).
  std::map<const plan::Expression*, InSubqueryLookup>& in_lookups() { return in_lookups_; }
  // EXPLAIN ANALYZE: record each operator's output rows and time (its inputs' excluded).
  void EnableProfile() { profile_enabled_ = true; }
  bool profiling() const { return profile_enabled_; }
  // "rows=N time=X ms" for an operator that ran, empty otherwise.
  std::string ProfileOf(const plan::LogicalOperator& op) const;
  // A pipeline's measurement of an operator it ran: its output rows and own (CPU) time.
  void RecordProfile(const plan::LogicalOperator& op, uint64_t rows, double seconds);
  // The bytes an operator spilled to disk (by the driving thread).
  void RecordSpill(const plan::LogicalOperator& op, uint64_t bytes);

  // The folder the query's operators spill into (deleted once the executor and every spill
  // file in it went).
  const std::shared_ptr<TempDirectory>& temp_directory() const { return temp_; }

  // The query's memory: what its operators reserved (reservations are released as their
  // holders go, so it is back to zero once a run returned, whether or not it failed).
  const memory::MemoryTracker& memory() const { return memory_; }
  // The tracker `op`'s holders reserve in, made on first use (by the driving thread, before
  // any worker uses it); EXPLAIN ANALYZE shows its peak.
  memory::MemoryTracker& OperatorMemory(const plan::LogicalOperator& op);

  // Rows of enclosing queries (one-row batches), innermost last.
  std::vector<const vector::Batch*>& outer_rows() { return outer_rows_; }
  const functions::FunctionContext& context() const { return ctx_; }

 private:
  Result<BatchStore> RunOperator(const plan::LogicalOperator& op);
  // The operators that take their inputs whole (sort, window, limit, set operations).
  Result<BatchStore> RunBlocking(const plan::LogicalOperator& op, std::vector<BatchStore> inputs);
  // Runs `top` and the streaming operators below it down to their source as one pipeline
  // into `sink` (the operator `sink_op`, or collected rows when null).
  Result<BatchStore> RunPipelineFrom(const plan::LogicalOperator& top, PipelineSink& sink,
                                     const plan::LogicalOperator* sink_op);
  // Runs the independent `inputs` (of `tree`) and passes each one's rows to `use` with its
  // index: at once on the thread pool when the tree is TreeParallelSafe and nothing ties
  // them to this thread, else one after another in order.
  Status RunInputs(const std::vector<const plan::LogicalOperator*>& inputs,
                   const plan::LogicalOperator& tree,
                   const std::function<Status(size_t, BatchStore)>& use);
  // Whether Run answers `op` from the cache (see Run).
  bool RunsCached(const plan::LogicalOperator& op);
  bool DependsOnOuterRow(const plan::LogicalOperator& op);

  const functions::FunctionContext& ctx_;
  std::shared_ptr<TempDirectory> temp_;
  // Before the operators' trackers, which give back what they hold to it when destroyed.
  memory::MemoryTracker memory_;
  std::mutex operator_memory_mu_;  // inputs running at once make their trackers
  std::map<const plan::LogicalOperator*, std::unique_ptr<memory::MemoryTracker>> operator_memory_;
  std::vector<const vector::Batch*> outer_rows_;
  std::map<const plan::LogicalOperator*, BatchList> cache_;
  std::map<const plan::LogicalOperator*, bool> depends_on_outer_row_;
  std::map<const plan::Expression*, InSubqueryLookup> in_lookups_;
  struct OperatorProfile {
    uint64_t rows = 0;
    double seconds = 0;     // its own
    double elapsed = 0;     // with its inputs
    bool measured = false;  // by a pipeline
    uint64_t spilled = 0;   // bytes
  };
  bool profile_enabled_ = false;
  std::map<const plan::LogicalOperator*, OperatorProfile> profile_;
};

// Operators that need all their input (one file each).
Result<BatchStore> RunWindow(Executor& ex, const plan::LogicalOperator& op, BatchStore input);
Result<BatchStore> RunSort(Executor& ex, const plan::LogicalOperator& op, BatchStore input);
Result<BatchStore> RunLimit(Executor& ex, const plan::LogicalOperator& op, BatchStore input);
Result<BatchStore> RunSetOperation(Executor& ex, const plan::LogicalOperator& op, BatchStore left,
                                   BatchStore right);

// Helpers shared by operators.
size_t CountRows(const BatchList& batches);
// The bytes the batches hold (buffers they share counted each time).
size_t MemoryBytes(const vector::Batch& batch);
size_t MemoryBytes(const BatchList& batches);
// Rebuilds `batches` (any sizes) as batches of the given schema of up to kVectorSize rows.
Result<BatchList> Rebatch(const std::shared_ptr<const types::Schema>& schema,
                          const BatchList& batches);

}  // namespace sluice::exec
