// Pipeline sources besides table scans: an operator's rows (in memory or spilled: a morsel
// reads its blocks back), a VALUES list, and range(start, end, step), split into morsels of
// a few batches.
#include "exec/pipeline.h"

namespace sluice::exec {

namespace {

constexpr size_t kBatchesPerMorsel = 4;

class BatchStoreScan : public plan::TableScan {
 public:
  explicit BatchStoreScan(BatchStore batches) : batches_(std::move(batches)) {}

  size_t morsel_count() const override {
    return (batches_.batch_count() + kBatchesPerMorsel - 1) / kBatchesPerMorsel;
  }
  Status ReadMorsel(size_t i, const plan::BatchConsumer& consume) override {
    const size_t end = std::min(batches_.batch_count(), (i + 1) * kBatchesPerMorsel);
    for (size_t b = i * kBatchesPerMorsel; b < end; ++b) {
      // Each morsel is read once: its batches' memory goes as soon as they went through.
      SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, batches_.Take(b));
      SLUICE_RETURN_NOT_OK(consume(batch));
    }
    return Status::OK();
  }
  Status Finish() override { return Status::OK(); }

 private:
  BatchStore batches_;
};

class RangeScan : public plan::TableScan {
 public:
  RangeScan(std::shared_ptr<const types::Schema> schema, int64_t start, int64_t step,
            __int128 count)
      : schema_(std::move(schema)), start_(start), step_(step), count_(count) {}

  size_t morsel_count() const override {
    return static_cast<size_t>((count_ + kRowsPerMorsel - 1) / kRowsPerMorsel);
  }
  Status ReadMorsel(size_t i, const plan::BatchConsumer& consume) override {
    const __int128 first = static_cast<__int128>(i) * kRowsPerMorsel;
    const __int128 end = std::min<__int128>(count_, first + kRowsPerMorsel);
    for (__int128 done = first; done < end;) {
      const size_t n = static_cast<size_t>(std::min<__int128>(vector::kVectorSize, end - done));
      SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, vector::Batch::Make(schema_, n));
      int64_t* ids = batch.column(0).data<int64_t>();
      // start + k * step wraps around as Spark's range does (in two's complement).
      for (size_t r = 0; r < n; ++r)
        ids[r] =
            static_cast<int64_t>(static_cast<uint64_t>(start_) +
                                 static_cast<uint64_t>(done + r) * static_cast<uint64_t>(step_));
      batch.set_num_rows(n);
      SLUICE_RETURN_NOT_OK(consume(batch));
      done += n;
    }
    return Status::OK();
  }
  Status Finish() override { return Status::OK(); }

 private:
  static constexpr size_t kRowsPerMorsel = kBatchesPerMorsel * vector::kVectorSize;
  std::shared_ptr<const types::Schema> schema_;
  int64_t start_, step_;
  __int128 count_;
};

}  // namespace

std::unique_ptr<plan::TableScan> MakeBatchStoreScan(BatchStore batches) {
  return std::make_unique<BatchStoreScan>(std::move(batches));
}

Result<std::unique_ptr<plan::TableScan>> MakeRangeScan(const plan::LogicalOperator& op) {
  const int64_t step = op.range_step;
  if (step == 0) return Status::Invalid("range: the step must not be 0");
  // The number of values, in 128 bits so that extreme bounds do not overflow.
  const __int128 span = static_cast<__int128>(op.range_end) - op.range_start;
  __int128 count = 0;
  if ((step > 0 && span > 0) || (step < 0 && span < 0))
    count = (span + step - (step > 0 ? 1 : -1)) / step;
  return std::unique_ptr<plan::TableScan>(std::make_unique<RangeScan>(
      std::make_shared<const types::Schema>(op.output), op.range_start, step, count));
}

}  // namespace sluice::exec
