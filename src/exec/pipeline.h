// Pipeline: a source split into morsels, a chain of streaming operators (filter,
// projection, generator) and a sink, run morsel-driven on the thread pool. Each worker
// has its own evaluator and local sink state; its task takes the next morsel, pushes its
// batches through the chain into that state and queues the worker's next task (so
// pipelines running at once share the threads); once no morsel is left the local states
// are combined in worker order and the sink finishes. Blocking operators are sinks
// (collect, hash aggregate), so a query runs as pipelines that end where an operator needs
// all its input.
// A pipeline whose expressions run subqueries or non-deterministic functions runs on one
// thread in morsel order: the executor's subquery caches belong to one thread, and
// rand(seed) must give the same rows on every run. A join whose right rows' outcome is
// known only once every left row probed (right, full, right semi and right anti joins) sends
// those rows down the rest of the pipeline once every morsel was read.
#pragma once

#include <memory>
#include <vector>

#include "exec/executor.h"
#include "exec/expression_evaluator.h"
#include "exec/hash_join.h"
#include "plan/table_source.h"

namespace sluice::exec {

// One worker's part of a sink.
class SinkLocalState {
 public:
  virtual ~SinkLocalState() = default;
};

class PipelineSink {
 public:
  virtual ~PipelineSink() = default;
  virtual Result<std::unique_ptr<SinkLocalState>> MakeLocal() = 0;
  // A batch of morsel `morsel` (batches of one morsel arrive in order, on one worker).
  virtual Status Consume(ExpressionEvaluator& eval, SinkLocalState& local, size_t morsel,
                         vector::Batch batch) = 0;
  // Morsel `morsel`'s last batch went to `local`.
  virtual Status MorselDone(SinkLocalState& /*local*/, size_t /*morsel*/) { return Status::OK(); }
  // Whether the rows so far are all it needs: workers take no further morsel.
  virtual bool Satisfied() const { return false; }
  // The most rows it keeps (a LIMIT's), or -1: an operator below it may stop after as many.
  virtual int64_t RowLimit() const { return -1; }
  // Called once per worker, in worker order, after every morsel was read.
  virtual Status Combine(std::unique_ptr<SinkLocalState> local) = 0;
  virtual Result<BatchStore> Finish() = 0;
};

// A streaming operator: kFilter, kProject, kGenerate, or a join's probe of its built side.
struct PipelineStep {
  const plan::LogicalOperator* op;
  std::unique_ptr<JoinHashTable> join;  // kJoin
};

// The operators a pipeline runs: `steps` bottom-up, each reading the previous one's output
// (the first reads the source's).
struct Pipeline {
  std::unique_ptr<plan::TableScan> source;
  // A scan's pushed-down filters: source rows failing any are left out.
  std::vector<plan::ExprPtr> source_filters;
  std::vector<PipelineStep> steps;
  // The operator whose rows the source gives (for EXPLAIN ANALYZE), and the sink's.
  const plan::LogicalOperator* source_op = nullptr;
  const plan::LogicalOperator* sink_op = nullptr;
  // Expressions the sink evaluates (it may run subqueries too).
  std::vector<const plan::Expression*> sink_expressions;
};

Result<BatchStore> RunPipeline(Executor& ex, Pipeline& pipeline, PipelineSink& sink);

// Whether several threads may evaluate `e` at once (see above).
bool ParallelSafe(const plan::Expression& e);
// Whether every expression of the tree is, and it holds no CTE whose rows are shared: then
// it may run while another part of the query runs (the executor's caches stay untouched).
bool TreeParallelSafe(const plan::LogicalOperator& op);

// Sources for an operator's rows (in memory or spilled) and for range().
std::unique_ptr<plan::TableScan> MakeBatchStoreScan(BatchStore batches);
Result<std::unique_ptr<plan::TableScan>> MakeRangeScan(const plan::LogicalOperator& range);

// Sinks.
// `limit` >= 0: only the first `limit` rows in morsel order are needed (LIMIT over a
// pipeline); morsels after a complete prefix that holds them are not read.
// Each holds what it keeps in `memory` (a reservation per worker and one for the result).
// The collect sink's workers spill the rows past their budget (in order), recorded for
// `shown`, the pipeline's top operator; the aggregate's spilled bytes are recorded for `shown`
// (the plan's operator it runs).
std::unique_ptr<PipelineSink> MakeCollectSink(Executor& ex, const plan::LogicalOperator& shown,
                                              int64_t limit = -1);
Result<std::unique_ptr<PipelineSink>> MakeAggregateSink(Executor& ex,
                                                        const plan::LogicalOperator& aggregate,
                                                        const plan::LogicalOperator& shown,
                                                        memory::MemoryTracker& memory);

// Streaming steps, one batch at a time (`in` without a selection).
Result<vector::Batch> ProjectBatch(ExpressionEvaluator& eval, const plan::LogicalOperator& op,
                                   const vector::Batch& in);
// The rows of `in` where the condition holds (none: a batch of no rows).
Result<vector::Batch> FilterBatch(ExpressionEvaluator& eval, const plan::Expression& condition,
                                  const vector::Batch& in);
// A generator's rows for the rows of `in`, in batches of up to kVectorSize rows.
Status GenerateBatch(ExpressionEvaluator& eval, const plan::LogicalOperator& op,
                     const vector::Batch& in, const std::function<Status(vector::Batch)>& emit);

}  // namespace sluice::exec
