// The plans of the subqueries left in expressions (uncorrelated ones, and correlated ones
// Decorrelate could not make joins) are optimized too, each as a plan of its own: pruning,
// pushdown, the DISTINCT rewrite and the rest apply inside them, as in the query around them.
// Runs last, after Decorrelate has taken the subqueries it makes joins. A subquery's outer
// references read the enclosing row, which its own plan's rules never move; an operator every
// reference shares (a CTE run once) is left as it is, so that it stays one object.
#include "optimizer/optimizer.h"
#include "optimizer/plan_rewrite.h"

namespace sluice::optimizer {

using plan::Expression;
using plan::ExprPtr;
using plan::OperatorPtr;

namespace {

Result<ExprPtr> OptimizeIn(const ExprPtr& e, const OptimizerOptions& options) {
  if (!e) return e;
  std::shared_ptr<Expression> copy;
  auto target = [&]() -> Expression& {
    if (!copy) copy = std::make_shared<Expression>(*e);
    return *copy;
  };
  for (size_t i = 0; i < e->children.size(); ++i) {
    SLUICE_ASSIGN_OR_RAISE(ExprPtr child, OptimizeIn(e->children[i], options));
    if (child != e->children[i]) target().children[i] = child;
  }
  if (e->subquery) {
    SLUICE_ASSIGN_OR_RAISE(OperatorPtr plan, Optimize(e->subquery, options));
    if (plan != e->subquery) target().subquery = plan;
  }
  return copy ? ExprPtr(copy) : e;
}

}  // namespace

Result<OperatorPtr> OptimizeSubqueries(const OperatorPtr& op, const OptimizerOptions& options) {
  if (op->shared_result) return op;
  SLUICE_ASSIGN_OR_RAISE(OperatorPtr out, RewriteChildren(op, [&](const OperatorPtr& child) {
                           return OptimizeSubqueries(child, options);
                         }));
  auto copy = std::make_shared<plan::LogicalOperator>(*out);
  bool changed = false;
  SLUICE_RETURN_NOT_OK(plan::ForEachExpression(*copy, [&](ExprPtr& e) -> Status {
    SLUICE_ASSIGN_OR_RAISE(ExprPtr next, OptimizeIn(e, options));
    changed |= next != e;
    e = next;
    return Status::OK();
  }));
  return changed ? OperatorPtr(copy) : out;
}

}  // namespace sluice::optimizer
