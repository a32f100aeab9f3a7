// Outer references of a plan: the kOuterColumn expressions in an operator tree (its
// expressions, and the plans of subqueries inside them). The binder rewrites them (a
// correlated subquery in an aggregate query reads the grouped row); the executor caches the
// subtrees that have none while it runs a correlated subquery per row.
// Pure functions over immutable plans: thread-safe.
#pragma once

#include <functional>

#include "common/status.h"
#include "plan/logical_operator.h"

namespace sluice::plan {

// Called with each outer reference in a tree and the level it reads, counted from the
// tree's own query: 0 is that query's row (a reference from a subquery inside the tree to
// the tree's query), 1 the query directly enclosing the tree, and so on. Returns the
// expression to put in its place, or null to keep the reference.
using OuterReferenceRewrite = std::function<Result<ExprPtr>(const Expression& ref, int level)>;

// The tree with every outer reference replaced by `rewrite`'s answer (nodes where nothing
// changed are shared, not copied). An expression's tree is its own query's.
Result<OperatorPtr> RewriteOuterReferences(const OperatorPtr& op,
                                           const OuterReferenceRewrite& rewrite);
Result<ExprPtr> RewriteOuterReferences(const ExprPtr& e, const OuterReferenceRewrite& rewrite);

// Calls `fn` with each outer reference in the tree and its level (as above).
Status ForEachOuterReference(const LogicalOperator& op,
                             const std::function<void(const Expression& ref, int level)>& fn);

// Whether the tree reads an enclosing query's row or calls a non-deterministic function
// (either way its rows may differ from one run to the next).
bool DependsOnOuterRow(const LogicalOperator& op);
// Whether it calls a non-deterministic function but reads no enclosing query's row.
bool NondeterministicOnly(const LogicalOperator& op);

}  // namespace sluice::plan
