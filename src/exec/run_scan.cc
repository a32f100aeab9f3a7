// Leaf operators: a table source's rows, and range(start, end, step).
#include "exec/executor.h"
#include "exec/expression_evaluator.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

Result<BatchList> RunScan(Executor& ex, const plan::LogicalOperator& op) {
  SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<plan::TableScan> scan,
                         op.source->OpenScan(ex.context(), op.scan_columns));
  ExpressionEvaluator eval(ex, ex.context());
  BatchList out;
  for (size_t i = 0; i < scan->morsel_count(); ++i) {
    SLUICE_RETURN_NOT_OK(scan->ReadMorsel(i, [&](const vector::Batch& batch) -> Status {
      SLUICE_ASSIGN_OR_RAISE(vector::Batch copy, vector::Compact(batch));
      // The optimizer's pushed filters: rows failing any are left out.
      for (const plan::ExprPtr& f : op.scan_filters) {
        SLUICE_ASSIGN_OR_RAISE(std::vector<uint32_t> rows,
                               eval.SelectTrue(*f, copy, copy.num_rows()));
        if (rows.size() == copy.num_rows()) continue;
        SLUICE_ASSIGN_OR_RAISE(copy, vector::GatherBatch(copy, rows));
      }
      if (copy.num_rows() == 0 && !op.scan_filters.empty()) return Status::OK();
      out.push_back(std::move(copy));
      return Status::OK();
    }));
  }
  SLUICE_RETURN_NOT_OK(scan->Finish());
  return out;
}

Result<BatchList> RunRange(Executor& ex, const plan::LogicalOperator& op) {
  auto schema = std::make_shared<const types::Schema>(op.output);
  BatchList out;
  const int64_t step = op.range_step;
  if (step == 0) return Status::Invalid("range: the step must not be 0");
  // Number of values, computed in 128 bits so that extreme bounds do not overflow.
  __int128 span = static_cast<__int128>(op.range_end) - op.range_start;
  __int128 count = 0;
  if ((step > 0 && span > 0) || (step < 0 && span < 0))
    count = (span + step - (step > 0 ? 1 : -1)) / step;
  int64_t value = op.range_start;
  for (__int128 done = 0; done < count;) {
    if (ex.context().IsCancelled()) return Status::Cancelled("the query was cancelled");
    const size_t n = static_cast<size_t>(std::min<__int128>(vector::kVectorSize, count - done));
    SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, vector::Batch::Make(schema, n));
    int64_t* ids = batch.column(0).data<int64_t>();
    for (size_t i = 0; i < n; ++i) {
      ids[i] = value;
      value = static_cast<int64_t>(static_cast<uint64_t>(value) + static_cast<uint64_t>(step));
    }
    batch.set_num_rows(n);
    out.push_back(std::move(batch));
    done += n;
  }
  return out;
}

}  // namespace sluice::exec
