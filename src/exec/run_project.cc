// Projection and filter: expressions evaluated batch by batch.
#include "exec/executor.h"
#include "exec/expression_evaluator.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

Result<BatchList> RunProject(Executor& ex, const plan::LogicalOperator& op, BatchList input) {
  auto schema = std::make_shared<const types::Schema>(op.output);
  ExpressionEvaluator eval(ex, ex.context());
  BatchList out;
  for (const vector::Batch& in : input) {
    if (ex.context().IsCancelled()) return Status::Cancelled("the query was cancelled");
    SLUICE_ASSIGN_OR_RAISE(vector::Batch batch,
                           vector::Batch::Make(schema, std::max<size_t>(in.num_rows(), 1)));
    for (size_t c = 0; c < op.expressions.size(); ++c) {
      SLUICE_ASSIGN_OR_RAISE(vector::Vector v,
                             eval.Evaluate(*op.expressions[c], in, in.num_rows()));
      batch.column(c) = std::move(v);
    }
    batch.set_num_rows(in.num_rows());
    out.push_back(std::move(batch));
  }
  return out;
}

Result<BatchList> RunFilter(Executor& ex, const plan::LogicalOperator& op, BatchList input) {
  ExpressionEvaluator eval(ex, ex.context());
  BatchList out;
  for (const vector::Batch& in : input) {
    SLUICE_ASSIGN_OR_RAISE(std::vector<uint32_t> rows,
                           eval.SelectTrue(*op.condition, in, in.num_rows()));
    if (rows.empty()) continue;
    SLUICE_ASSIGN_OR_RAISE(vector::Batch kept, vector::GatherBatch(in, rows));
    out.push_back(std::move(kept));
  }
  return out;
}

Result<BatchList> RunLimit(Executor&, const plan::LogicalOperator& op, BatchList input) {
  BatchList out;
  int64_t skip = op.offset;
  int64_t left = op.limit < 0 ? INT64_MAX : op.limit;
  for (vector::Batch& in : input) {
    if (left == 0) break;
    const int64_t n = static_cast<int64_t>(in.num_rows());
    if (skip >= n) {
      skip -= n;
      continue;
    }
    const int64_t take = std::min(n - skip, left);
    if (skip == 0 && take == n) {
      out.push_back(std::move(in));
    } else {
      std::vector<uint32_t> rows;
      for (int64_t i = skip; i < skip + take; ++i) rows.push_back(static_cast<uint32_t>(i));
      SLUICE_ASSIGN_OR_RAISE(vector::Batch part, vector::GatherBatch(in, rows));
      out.push_back(std::move(part));
    }
    skip = 0;
    left -= take;
  }
  return out;
}

}  // namespace sluice::exec
