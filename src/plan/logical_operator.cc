#include "plan/logical_operator.h"

namespace sluice::plan {

Status ForEachExpression(LogicalOperator& op, const std::function<Status(ExprPtr&)>& fn) {
  for (ExprPtr& e : op.expressions) SLUICE_RETURN_NOT_OK(fn(e));
  SLUICE_RETURN_NOT_OK(fn(op.condition));
  for (ExprPtr& e : op.groups) SLUICE_RETURN_NOT_OK(fn(e));
  auto aggregate = [&](AggregateCall& a) -> Status {
    for (ExprPtr& e : a.args) SLUICE_RETURN_NOT_OK(fn(e));
    return fn(a.filter);
  };
  for (AggregateCall& a : op.aggregates) SLUICE_RETURN_NOT_OK(aggregate(a));
  for (WindowCall& w : op.windows) {
    SLUICE_RETURN_NOT_OK(aggregate(w.aggregate));
    for (ExprPtr& e : w.partition_by) SLUICE_RETURN_NOT_OK(fn(e));
    for (SortKey& k : w.order_by) SLUICE_RETURN_NOT_OK(fn(k.expr));
    for (FrameBound* bound : {&w.frame_start, &w.frame_end}) {
      SLUICE_RETURN_NOT_OK(fn(bound->offset));
      SLUICE_RETURN_NOT_OK(fn(bound->bound_value));
    }
  }
  for (SortKey& k : op.sort_keys) SLUICE_RETURN_NOT_OK(fn(k.expr));
  for (ExprPtr& e : op.scan_filters) SLUICE_RETURN_NOT_OK(fn(e));
  return Status::OK();
}

}  // namespace sluice::plan
