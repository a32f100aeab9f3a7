#include "main/where_filter.h"

#include "exec/executor.h"
#include "exec/expression_evaluator.h"
#include "main/scan_pushdown.h"
#include "sql/binder.h"
#include "sql/parser.h"
#include "vector/vector_ops.h"

namespace sluice::main {

Result<std::shared_ptr<WhereFilter>> WhereFilter::Make(std::string_view text,
                                                       const types::Schema& schema,
                                                       const types::TimeZone& zone,
                                                       bool case_sensitive) {
  auto filter = std::shared_ptr<WhereFilter>(new WhereFilter(zone));
  filter->ctx_.zone = &filter->zone_;
  filter->ctx_.case_sensitive = case_sensitive;
  SLUICE_ASSIGN_OR_RAISE(sql::ExprPtr parsed, sql::ParseExpression(text));
  SLUICE_ASSIGN_OR_RAISE(filter->condition_,
                         sql::BindScalarExpression(*parsed, schema.fields(), filter->ctx_, text));
  if (filter->condition_->result_type.id() != types::TypeId::kBoolean)
    return Status::Invalid("the condition is of type " +
                           filter->condition_->result_type.ToString() +
                           ", not BOOLEAN: " + std::string(text));
  filter->pushdown_ =
      PushdownPredicates(std::vector<plan::ExprPtr>{filter->condition_}, schema.fields(), zone);
  return filter;
}

Result<vector::Batch> WhereFilter::Apply(const vector::Batch& batch) const {
  SLUICE_ASSIGN_OR_RAISE(vector::Batch rows, vector::Compact(batch));
  exec::Executor executor(ctx_);
  exec::ExpressionEvaluator eval(executor, ctx_);
  SLUICE_ASSIGN_OR_RAISE(std::vector<uint32_t> kept,
                         eval.SelectTrue(*condition_, rows, rows.num_rows()));
  if (kept.size() == rows.num_rows()) return rows;
  return vector::GatherBatch(rows, kept);
}

}  // namespace sluice::main
