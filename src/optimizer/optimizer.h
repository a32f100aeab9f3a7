// The optimizer: rewrites a bound plan into one that gives the same rows faster. A fixed
// sequence of rules (one file each), each a pure function from plan to plan that shares
// the subtrees it leaves unchanged. The root's output (names, order, types) never changes.
#pragma once

#include "common/status.h"
#include "plan/logical_operator.h"

namespace sluice::optimizer {

// Which rules run (tests turn single rules on).
struct OptimizerOptions {
  bool simplify = true;
  bool decorrelate = true;
  bool push_down_filters = true;
  bool prune_columns = true;
  bool rewrite_distinct_aggregates = true;
  bool top_n = true;
  bool fuse_windows = true;
  bool join_order = true;
  bool share_subexpressions = true;
  bool optimize_subqueries = true;
  // spark.sql.legacy.nullInEmptyListBehavior: NULL NOT IN (no rows) is NULL, not true.
  bool null_in_empty_is_null = false;
};

Result<plan::OperatorPtr> Optimize(const plan::OperatorPtr& plan, const OptimizerOptions& options);

// The rules, in the order Optimize runs them (Simplify runs first and last).
plan::OperatorPtr Simplify(const plan::OperatorPtr& plan);
plan::OperatorPtr Decorrelate(const plan::OperatorPtr& plan, const OptimizerOptions& options);
Result<plan::OperatorPtr> PushDownFilters(const plan::OperatorPtr& plan);
Result<plan::OperatorPtr> ReorderJoins(const plan::OperatorPtr& plan);
Result<plan::OperatorPtr> PruneColumns(const plan::OperatorPtr& plan);
Result<plan::OperatorPtr> RewriteDistinctAggregates(const plan::OperatorPtr& plan);
plan::OperatorPtr FuseTopN(const plan::OperatorPtr& plan);
Result<plan::OperatorPtr> FuseWindows(const plan::OperatorPtr& plan);
Result<plan::OperatorPtr> ShareCommonSubexpressions(const plan::OperatorPtr& plan);
Result<plan::OperatorPtr> OptimizeSubqueries(const plan::OperatorPtr& plan,
                                             const OptimizerOptions& options);

}  // namespace sluice::optimizer
