#include "optimizer/optimizer.h"

namespace sluice::optimizer {

Result<plan::OperatorPtr> Optimize(const plan::OperatorPtr& plan, const OptimizerOptions& options) {
  plan::OperatorPtr p = plan;
  // Constant filters go first so that pushdown does not carry them down.
  if (options.simplify) p = Simplify(p);
  // Before pushdown, which then moves the conjuncts pulled out of subqueries.
  if (options.decorrelate) p = Decorrelate(p, options);
  if (options.push_down_filters) {
    SLUICE_ASSIGN_OR_RAISE(p, PushDownFilters(p));
  }
  // After pushdown, which moves WHERE conditions into the joins they connect.
  if (options.join_order) {
    SLUICE_ASSIGN_OR_RAISE(p, ReorderJoins(p));
  }
  if (options.prune_columns) {
    SLUICE_ASSIGN_OR_RAISE(p, PruneColumns(p));
  }
  // After pruning, which would find nothing to drop in the two aggregates it makes.
  if (options.rewrite_distinct_aggregates) {
    SLUICE_ASSIGN_OR_RAISE(p, RewriteDistinctAggregates(p));
  }
  if (options.top_n) p = FuseTopN(p);
  // After top-N, which only a Window of one row_number() call takes.
  if (options.fuse_windows) {
    SLUICE_ASSIGN_OR_RAISE(p, FuseWindows(p));
  }
  // Last: the projections it adds would hide their operators from the rules above.
  if (options.share_subexpressions) {
    SLUICE_ASSIGN_OR_RAISE(p, ShareCommonSubexpressions(p));
  }
  // Pruning leaves projections of exactly their input behind.
  if (options.simplify) p = Simplify(p);
  // Last: Decorrelate has made joins of the subqueries it could.
  if (options.optimize_subqueries) {
    SLUICE_ASSIGN_OR_RAISE(p, OptimizeSubqueries(p, options));
  }
  return p;
}

}  // namespace sluice::optimizer
