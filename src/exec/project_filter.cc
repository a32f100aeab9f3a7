// Projection and filter: streaming pipeline steps, one batch at a time.
#include "exec/pipeline.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

Result<vector::Batch> ProjectBatch(ExpressionEvaluator& eval, const plan::LogicalOperator& op,
                                   const vector::Batch& in) {
  std::vector<vector::Vector> columns;
  columns.reserve(op.expressions.size());
  for (const plan::ExprPtr& e : op.expressions) {
    SLUICE_ASSIGN_OR_RAISE(vector::Vector v, eval.Evaluate(*e, in, in.num_rows()));
    columns.push_back(std::move(v));
  }
  return vector::Batch::FromColumns(std::make_shared<const types::Schema>(op.output),
                                    std::move(columns), in.num_rows());
}

Result<vector::Batch> FilterBatch(ExpressionEvaluator& eval, const plan::Expression& condition,
                                  const vector::Batch& in) {
  SLUICE_ASSIGN_OR_RAISE(std::vector<uint32_t> rows, eval.SelectTrue(condition, in, in.num_rows()));
  return vector::GatherBatch(in, rows);
}

}  // namespace sluice::exec
