// The collect sink: a pipeline's rows as they are, in morsel order (so a scan's rows keep
// their file order whatever thread read them). With a limit, finished morsels are counted
// in order: once the morsels before the first unfinished one hold the rows needed, no
// further morsel is started, and the answer is the same whatever the threads did.
// Each worker keeps its rows in memory within a share of the query's room (reserved; the
// reservation passes to the sink in Combine), and writes the rest to its own spill file.
#include <map>
#include <mutex>

#include "exec/pipeline.h"

namespace sluice::exec {

namespace {

struct CollectLocal : SinkLocalState {
  explicit CollectLocal(std::unique_ptr<RowSpiller> spiller) : spiller(std::move(spiller)) {}
  std::map<size_t, BatchStore> by_morsel;
  std::unique_ptr<RowSpiller> spiller;
};

class CollectSink : public PipelineSink {
 public:
  CollectSink(Executor& ex, const plan::LogicalOperator& shown, int64_t limit)
      : ex_(ex),
        shown_(shown),
        memory_(ex.OperatorMemory(shown)),
        limit_(limit),
        budget_(SpillBudget(memory_)) {}

  Result<std::unique_ptr<SinkLocalState>> MakeLocal() override {
    return std::unique_ptr<SinkLocalState>(std::make_unique<CollectLocal>(
        std::make_unique<RowSpiller>(memory_, ex_.temp_directory(), budget_)));
  }
  Status Consume(ExpressionEvaluator&, SinkLocalState& state, size_t morsel,
                 vector::Batch batch) override {
    auto& local = static_cast<CollectLocal&>(state);
    return local.spiller->Add(std::move(batch), local.by_morsel[morsel]);
  }
  Status MorselDone(SinkLocalState& local, size_t morsel) override {
    if (limit_ < 0) return Status::OK();
    const BatchStore& rows = static_cast<CollectLocal&>(local).by_morsel[morsel];
    std::lock_guard lock(mu_);
    rows_of_done_[morsel] = rows.row_count();
    // Advance over the finished prefix.
    for (auto it = rows_of_done_.find(prefix_end_); it != rows_of_done_.end();
         it = rows_of_done_.find(++prefix_end_))
      prefix_rows_ += it->second;
    if (prefix_rows_ >= static_cast<size_t>(limit_)) satisfied_ = true;
    return Status::OK();
  }
  bool Satisfied() const override { return satisfied_.load(); }
  int64_t RowLimit() const override { return limit_; }
  Status Combine(std::unique_ptr<SinkLocalState> state) override {
    auto& local = static_cast<CollectLocal&>(*state);
    SLUICE_RETURN_NOT_OK(local.spiller->Finish());
    if (local.spiller->spilled()) ex_.RecordSpill(shown_, local.spiller->spilled_bytes());
    for (auto& [morsel, batches] : local.by_morsel) by_morsel_[morsel] = std::move(batches);
    spillers_.push_back(std::move(local.spiller));
    return Status::OK();
  }
  Result<BatchStore> Finish() override {
    BatchStore out;
    for (auto& [morsel, batches] : by_morsel_) {
      // Past the finished prefix that holds the limit's rows, nothing is needed.
      if (satisfied_ && morsel >= prefix_end_) break;
      if (limit_ >= 0 && out.row_count() >= static_cast<uint64_t>(limit_)) break;
      out.Append(std::move(batches));
    }
    return out;
  }

 private:
  Executor& ex_;
  const plan::LogicalOperator& shown_;
  memory::MemoryTracker& memory_;
  const int64_t limit_;
  const int64_t budget_;  // of the workers' rows in memory
  std::mutex mu_;
  std::map<size_t, size_t> rows_of_done_;  // finished morsels' rows; guarded by mu_
  size_t prefix_end_ = 0;                  // first morsel not finished; guarded by mu_
  size_t prefix_rows_ = 0;                 // rows before it; guarded by mu_
  std::atomic<bool> satisfied_{false};
  std::map<size_t, BatchStore> by_morsel_;
  std::vector<std::unique_ptr<RowSpiller>> spillers_;  // hold the rows combined
};

}  // namespace

std::unique_ptr<PipelineSink> MakeCollectSink(Executor& ex, const plan::LogicalOperator& shown,
                                              int64_t limit) {
  return std::make_unique<CollectSink>(ex, shown, limit);
}

}  // namespace sluice::exec
