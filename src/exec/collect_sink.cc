// The collect sink: a pipeline's rows as they are, in morsel order (so a scan's rows keep
// their file order whatever thread read them).
#include <map>

#include "exec/pipeline.h"

namespace sluice::exec {

namespace {

struct CollectLocal : SinkLocalState {
  std::map<size_t, BatchList> by_morsel;
};

class CollectSink : public PipelineSink {
 public:
  Result<std::unique_ptr<SinkLocalState>> MakeLocal() override {
    return std::unique_ptr<SinkLocalState>(std::make_unique<CollectLocal>());
  }
  Status Consume(ExpressionEvaluator&, SinkLocalState& local, size_t morsel,
                 vector::Batch batch) override {
    static_cast<CollectLocal&>(local).by_morsel[morsel].push_back(std::move(batch));
    return Status::OK();
  }
  Status Combine(std::unique_ptr<SinkLocalState> local) override {
    for (auto& [morsel, batches] : static_cast<CollectLocal&>(*local).by_morsel)
      by_morsel_[morsel] = std::move(batches);
    return Status::OK();
  }
  Result<BatchList> Finish() override {
    BatchList out;
    for (auto& [morsel, batches] : by_morsel_)
      for (vector::Batch& b : batches) out.push_back(std::move(b));
    return out;
  }

 private:
  std::map<size_t, BatchList> by_morsel_;
};

}  // namespace

std::unique_ptr<PipelineSink> MakeCollectSink() { return std::make_unique<CollectSink>(); }

}  // namespace sluice::exec
