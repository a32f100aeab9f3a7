// The collect sink: a pipeline's rows as they are, in morsel order (so a scan's rows keep
// their file order whatever thread read them). With a limit, finished morsels are counted
// in order: once the morsels before the first unfinished one hold the rows needed, no
// further morsel is started, and the answer is the same whatever the threads did.
// Each worker reserves for the rows it keeps; its reservation passes to the sink in Combine.
#include <map>
#include <mutex>

#include "exec/held_memory.h"
#include "exec/pipeline.h"

namespace sluice::exec {

namespace {

struct CollectLocal : SinkLocalState {
  explicit CollectLocal(memory::MemoryTracker& memory) : held(memory) {}
  std::map<size_t, BatchList> by_morsel;
  size_t bytes = 0;
  HeldMemory held;
};

class CollectSink : public PipelineSink {
 public:
  CollectSink(memory::MemoryTracker& memory, int64_t limit) : memory_(memory), limit_(limit) {}

  Result<std::unique_ptr<SinkLocalState>> MakeLocal() override {
    return std::unique_ptr<SinkLocalState>(std::make_unique<CollectLocal>(memory_));
  }
  Status Consume(ExpressionEvaluator&, SinkLocalState& state, size_t morsel,
                 vector::Batch batch) override {
    auto& local = static_cast<CollectLocal&>(state);
    local.bytes += MemoryBytes(batch);
    local.by_morsel[morsel].push_back(std::move(batch));
    return local.held.Hold(local.bytes);
  }
  Status MorselDone(SinkLocalState& local, size_t morsel) override {
    if (limit_ < 0) return Status::OK();
    const BatchList& rows = static_cast<CollectLocal&>(local).by_morsel[morsel];
    std::lock_guard lock(mu_);
    rows_of_done_[morsel] = CountRows(rows);
    // Advance over the finished prefix.
    for (auto it = rows_of_done_.find(prefix_end_); it != rows_of_done_.end();
         it = rows_of_done_.find(++prefix_end_))
      prefix_rows_ += it->second;
    if (prefix_rows_ >= static_cast<size_t>(limit_)) satisfied_ = true;
    return Status::OK();
  }
  bool Satisfied() const override { return satisfied_.load(); }
  Status Combine(std::unique_ptr<SinkLocalState> state) override {
    auto& local = static_cast<CollectLocal&>(*state);
    for (auto& [morsel, batches] : local.by_morsel) by_morsel_[morsel] = std::move(batches);
    held_.push_back(std::move(local.held));
    return Status::OK();
  }
  Result<BatchList> Finish() override {
    BatchList out;
    size_t rows = 0;
    for (auto& [morsel, batches] : by_morsel_) {
      // Past the finished prefix that holds the limit's rows, nothing is needed.
      if (satisfied_ && morsel >= prefix_end_) break;
      for (vector::Batch& b : batches) {
        if (limit_ >= 0 && rows >= static_cast<size_t>(limit_)) break;
        rows += b.num_rows();
        out.push_back(std::move(b));
      }
    }
    return out;
  }

 private:
  memory::MemoryTracker& memory_;
  const int64_t limit_;
  std::mutex mu_;
  std::map<size_t, size_t> rows_of_done_;  // finished morsels' rows; guarded by mu_
  size_t prefix_end_ = 0;                  // first morsel not finished; guarded by mu_
  size_t prefix_rows_ = 0;                 // rows before it; guarded by mu_
  std::atomic<bool> satisfied_{false};
  std::map<size_t, BatchList> by_morsel_;
  std::vector<HeldMemory> held_;  // the workers' reservations, for the rows combined
};

}  // namespace

std::unique_ptr<PipelineSink> MakeCollectSink(memory::MemoryTracker& memory, int64_t limit) {
  return std::make_unique<CollectSink>(memory, limit);
}

}  // namespace sluice::exec
