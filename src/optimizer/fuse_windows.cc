// Consecutive windows: a Window over (projections over) another Window whose calls all share a
// partition key becomes one Window computing both operators' calls, then the projections.
// `lag(ts) OVER w`, then `sum(CASE ... lag ...) OVER w`, then `lead(ts) OVER (PARTITION BY
// user, session ...)` is one spread of the rows by user, not three, and the second call reuses
// the first one's sorted partitions. The upper calls read the lower calls' results: their
// expressions are rewritten over the lower Window's output (input columns, then its calls'
// results), which the executor evaluates as the calls are computed in order (run_window.cc).
#include "optimizer/optimizer.h"
#include "optimizer/plan_rewrite.h"

namespace sluice::optimizer {

using plan::ExprPtr;
using plan::LogicalOperator;
using plan::OperatorPtr;
using plan::OperatorType;

namespace {

bool Fusable(const LogicalOperator& window) {
  return window.type == OperatorType::kWindow && !window.shared_result && window.limit < 0;
}

// The calls' expressions a row's values feed (not the frame bounds, which read the order key).
Status RewriteCall(plan::WindowCall& call,
                   const std::function<Result<ExprPtr>(const ExprPtr&)>& rewrite) {
  for (ExprPtr& a : call.aggregate.args) {
    SLUICE_ASSIGN_OR_RAISE(a, rewrite(a));
  }
  if (call.aggregate.filter) {
    SLUICE_ASSIGN_OR_RAISE(call.aggregate.filter, rewrite(call.aggregate.filter));
  }
  for (ExprPtr& p : call.partition_by) {
    SLUICE_ASSIGN_OR_RAISE(p, rewrite(p));
  }
  for (plan::SortKey& k : call.order_by) {
    SLUICE_ASSIGN_OR_RAISE(k.expr, rewrite(k.expr));
  }
  return Status::OK();
}

// Whether some partition key of the first call is a partition key of every call: the fused
// Window can still spread its rows over the workers (and spill) by it.
bool SharePartitionKey(const std::vector<plan::WindowCall>& calls) {
  for (const ExprPtr& key : calls[0].partition_by) {
    bool everywhere = true;
    for (const plan::WindowCall& call : calls)
      everywhere &= plan::ContainsExpression(call.partition_by, *key);
    if (everywhere) return true;
  }
  return false;
}

// `upper` fused with the Window below it (through projections), or null.
Result<OperatorPtr> FuseWith(const OperatorPtr& upper) {
  // exprs[i]: upper's input column i as an expression over the lower Window's output.
  std::vector<ExprPtr> exprs;
  OperatorPtr below = upper->children[0];
  for (size_t i = 0; i < below->output.size(); ++i)
    exprs.push_back(plan::MakeColumn(i, below->output[i].type, below->output[i].name));
  while (below->type == OperatorType::kProject && !below->shared_result) {
    for (const ExprPtr& e : below->expressions)
      if (!IsMovable(*e)) return OperatorPtr();
    const OperatorPtr project = below;
    for (ExprPtr& e : exprs) {
      SLUICE_ASSIGN_OR_RAISE(e, ReplaceColumns(e, [&](const plan::Expression& c) {
                               return project->expressions[c.column_index];
                             }));
    }
    below = project->children[0];
  }
  if (!Fusable(*below)) return OperatorPtr();
  for (const plan::WindowCall& call : upper->windows) {
    std::vector<ExprPtr> read(call.aggregate.args);
    if (call.aggregate.filter) read.push_back(call.aggregate.filter);
    read.insert(read.end(), call.partition_by.begin(), call.partition_by.end());
    for (const plan::SortKey& k : call.order_by) read.push_back(k.expr);
    for (const ExprPtr& e : read)
      if (!IsMovable(*e)) return OperatorPtr();
  }
  auto fused = std::make_shared<LogicalOperator>(*below);
  for (plan::WindowCall call : upper->windows) {
    SLUICE_RETURN_NOT_OK(RewriteCall(call, [&](const ExprPtr& e) {
      return ReplaceColumns(e, [&](const plan::Expression& c) { return exprs[c.column_index]; });
    }));
    fused->windows.push_back(std::move(call));
  }
  if (!SharePartitionKey(fused->windows)) return OperatorPtr();
  const size_t width = upper->children[0]->output.size();
  for (size_t k = width; k < upper->output.size(); ++k) {
    exprs.push_back(
        plan::MakeColumn(fused->output.size(), upper->output[k].type, upper->output[k].name));
    fused->output.push_back(upper->output[k]);
  }
  auto project = std::make_shared<LogicalOperator>();
  project->type = OperatorType::kProject;
  project->children = {fused};
  project->expressions = std::move(exprs);
  project->output = upper->output;
  return OperatorPtr(project);
}

}  // namespace

Result<OperatorPtr> FuseWindows(const OperatorPtr& plan) {
  SLUICE_ASSIGN_OR_RAISE(OperatorPtr op, RewriteChildren(plan, FuseWindows));
  if (!Fusable(*op)) return op;
  SLUICE_ASSIGN_OR_RAISE(OperatorPtr fused, FuseWith(op));
  return fused ? fused : op;
}

}  // namespace sluice::optimizer
