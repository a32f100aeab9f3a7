// Projection and filter: streaming pipeline steps, one batch at a time.
#include "exec/pipeline.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

Result<vector::Batch> ProjectBatch(ExpressionEvaluator& eval, const plan::LogicalOperator& op,
                                   const vector::Batch& in) {
  auto schema = std::make_shared<const types::Schema>(op.output);
  SLUICE_ASSIGN_OR_RAISE(vector::Batch batch,
                         vector::Batch::Make(schema, std::max<size_t>(in.num_rows(), 1)));
  for (size_t c = 0; c < op.expressions.size(); ++c) {
    SLUICE_ASSIGN_OR_RAISE(batch.column(c), eval.Evaluate(*op.expressions[c], in, in.num_rows()));
  }
  batch.set_num_rows(in.num_rows());
  return batch;
}

Result<vector::Batch> FilterBatch(ExpressionEvaluator& eval, const plan::Expression& condition,
                                  const vector::Batch& in) {
  SLUICE_ASSIGN_OR_RAISE(std::vector<uint32_t> rows, eval.SelectTrue(condition, in, in.num_rows()));
  return vector::GatherBatch(in, rows);
}

}  // namespace sluice::exec
