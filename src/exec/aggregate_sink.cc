// Hash aggregation as a pipeline sink: each worker aggregates its morsels into its own
// AggregateTable. Afterwards, one worker's table is the result unless a DISTINCT aggregate
// needs merging; else the tables merge by partition: each table's groups are split by the
// high bits of their keys' hash, and partition p of every table merges into one table on
// whichever thread takes p (partitions share no group, so they merge and emit their rows in
// parallel; the result is partition after partition). Few groups make one partition.
#include "exec/aggregate_table.h"
#include "exec/pipeline.h"
#include "parallel/thread_pool.h"

namespace sluice::exec {

namespace {

// Partitions when the worker tables hold this many groups in all (fewer: one partition).
constexpr size_t kPartitionedGroups = 1 << 14;
constexpr int kPartitionBits = 5;

class AggregateSink : public PipelineSink {
 public:
  AggregateSink(const plan::LogicalOperator& op, const functions::FunctionContext& ctx,
                memory::MemoryTracker& memory)
      : op_(op), ctx_(ctx), memory_(memory) {}

  Result<std::unique_ptr<SinkLocalState>> MakeLocal() override {
    SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<AggregateTable> table,
                           AggregateTable::Make(op_, memory_, /*defer_distinct=*/true));
    return std::unique_ptr<SinkLocalState>(std::make_unique<Local>(std::move(table)));
  }
  Status Consume(ExpressionEvaluator& eval, SinkLocalState& local, size_t,
                 vector::Batch batch) override {
    return static_cast<Local&>(local).table->Consume(eval, batch);
  }
  Status Combine(std::unique_ptr<SinkLocalState> local) override {
    workers_.push_back(std::move(static_cast<Local&>(*local).table));
    return Status::OK();
  }
  Result<BatchList> Finish() override {
    if (workers_.size() == 1 && !workers_[0]->defers_distinct()) {
      results_.push_back(std::move(workers_[0]));
    } else {
      SLUICE_RETURN_NOT_OK(MergePartitions());
    }
    workers_.clear();
    // A global aggregate has one group even without input rows (and one partition).
    if (op_.groups.empty() && op_.grouping_sets.empty() && results_[0]->size() == 0)
      SLUICE_RETURN_NOT_OK(results_[0]->AddEmptyGroup());
    std::vector<BatchList> outs(results_.size());
    SLUICE_RETURN_NOT_OK(parallel::ThreadPool::Default().ForEach(
        results_.size(), [&](size_t p) { return results_[p]->Emit(ctx_, outs[p]); }));
    BatchList out;
    for (BatchList& part : outs)
      for (vector::Batch& b : part) out.push_back(std::move(b));
    return out;
  }

 private:
  struct Local : SinkLocalState {
    explicit Local(std::unique_ptr<AggregateTable> t) : table(std::move(t)) {}
    std::unique_ptr<AggregateTable> table;
  };

  Status MergePartitions() {
    size_t groups = 0;
    for (const std::unique_ptr<AggregateTable>& w : workers_) groups += w->size();
    const int bits = groups >= kPartitionedGroups ? kPartitionBits : 0;
    parallel::ThreadPool& pool = parallel::ThreadPool::Default();
    std::vector<AggregateTable::Partitioning> parts(workers_.size());
    SLUICE_RETURN_NOT_OK(pool.ForEach(workers_.size(), [&](size_t w) {
      parts[w] = workers_[w]->Partition(bits);
      return Status::OK();
    }));
    const size_t partitions = size_t{1} << bits;
    results_.resize(partitions);
    return pool.ForEach(partitions, [&](size_t p) -> Status {
      SLUICE_ASSIGN_OR_RAISE(results_[p],
                             AggregateTable::Make(op_, memory_, /*defer_distinct=*/false));
      for (size_t w = 0; w < workers_.size(); ++w)
        SLUICE_RETURN_NOT_OK(results_[p]->Merge(*workers_[w], parts[w], p));
      return Status::OK();
    });
  }

  const plan::LogicalOperator& op_;
  const functions::FunctionContext& ctx_;
  memory::MemoryTracker& memory_;
  std::vector<std::unique_ptr<AggregateTable>> workers_;
  // The result: one table per partition (they hold the memory of the rows they emit).
  std::vector<std::unique_ptr<AggregateTable>> results_;
};

}  // namespace

Result<std::unique_ptr<PipelineSink>> MakeAggregateSink(Executor& ex,
                                                        const plan::LogicalOperator& op,
                                                        memory::MemoryTracker& memory) {
  return std::unique_ptr<PipelineSink>(std::make_unique<AggregateSink>(op, ex.context(), memory));
}

}  // namespace sluice::exec
