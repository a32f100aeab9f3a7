// Helpers the optimizer's rules share: conjuncts, the columns an expression reads, column
// substitution, and copying an operator with new children.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common/status.h"
#include "plan/logical_operator.h"

namespace sluice::optimizer {

// a AND b AND c as [a, b, c]; MakeAnd is the inverse (null for none).
std::vector<plan::ExprPtr> SplitConjuncts(const plan::ExprPtr& e);
plan::ExprPtr MakeAnd(const std::vector<plan::ExprPtr>& conjuncts);

// Whether an expression may be evaluated elsewhere in the plan: it holds no subquery, no
// non-deterministic call and no outer reference.
bool IsMovable(const plan::Expression& e);
// Whether an expression holds a lambda (whose variable slots are local to it).
bool HasLambda(const plan::Expression& e);

// Marks in `read` (sized to the input's width) the input columns an expression reads,
// including through correlated subqueries' outer references to its row.
Status MarkColumnsRead(const plan::ExprPtr& e, std::vector<bool>& read);
// The input columns an expression reads, when it holds no subquery (sorted, unique).
std::vector<size_t> ColumnsRead(const plan::Expression& e);

// `e` with every input column reference replaced by `replace(column)` (null: keep it). An
// outer reference to the row from a correlated subquery follows the same map; there the
// replacement must be a column reference.
Result<plan::ExprPtr> ReplaceColumns(
    const plan::ExprPtr& e, const std::function<plan::ExprPtr(const plan::Expression&)>& replace);
// `e` with column i moved to map[i] (every column it reads must be mapped); null stays null.
Result<plan::ExprPtr> RemapColumns(const plan::ExprPtr& e, const std::vector<int>& map);
// `e` with every column index shifted by `delta` (no subqueries).
plan::ExprPtr ShiftColumns(const plan::ExprPtr& e, int64_t delta);

// A call of the binary function `name` ("=", "<", "/", ...) over two expressions; null when it
// would need casts of them.
plan::ExprPtr MakeBinaryCall(const std::string& name, std::vector<plan::ExprPtr> args);
// A constant of `type` whose one row `set` writes.
plan::ExprPtr MakeConstantOf(types::TypeId type, const std::function<void(vector::Vector&)>& set,
                             std::string name);

// A Filter over `input` (input itself when there are no conjuncts).
plan::OperatorPtr MakeFilter(const plan::OperatorPtr& input,
                             const std::vector<plan::ExprPtr>& conjuncts);

// `op` with each child replaced by `rewrite(child)`; `op` itself when none changed.
Result<plan::OperatorPtr> RewriteChildren(
    const plan::OperatorPtr& op,
    const std::function<Result<plan::OperatorPtr>(const plan::OperatorPtr&)>& rewrite);

}  // namespace sluice::optimizer
