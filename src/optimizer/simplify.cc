// Simplification: a Filter whose condition folded to TRUE goes away, one that folded to
// FALSE or NULL becomes no rows, and so does a LIMIT 0 (its input is not read: a CSV scan
// would report rejected rows of a query that returns none); a Project of exactly its
// input's columns under the same names goes away (a renaming one stays: batches carry their
// column names up to the result).
#include "optimizer/optimizer.h"
#include "optimizer/plan_rewrite.h"

namespace sluice::optimizer {

namespace {

using plan::ExprType;
using plan::OperatorPtr;
using plan::OperatorType;

bool IsIdentityProject(const plan::LogicalOperator& op) {
  const std::vector<types::Field>& input = op.children[0]->output;
  if (op.expressions.size() != input.size()) return false;
  for (size_t i = 0; i < input.size(); ++i) {
    const plan::Expression& e = *op.expressions[i];
    if (e.type != ExprType::kColumn || e.column_index != i) return false;
    if (!(op.output[i].type == input[i].type)) return false;
    if (op.output[i].name != input[i].name) return false;
  }
  return true;
}

OperatorPtr NoRows(const plan::LogicalOperator& op) {
  auto empty = std::make_shared<plan::LogicalOperator>();
  empty->type = OperatorType::kValues;
  empty->output = op.output;
  empty->rows = std::make_shared<const std::vector<vector::Batch>>();
  return empty;
}

}  // namespace

OperatorPtr Simplify(const OperatorPtr& plan) {
  if (plan->shared_result) return plan;
  OperatorPtr op = *RewriteChildren(
      plan, [](const OperatorPtr& c) -> Result<OperatorPtr> { return Simplify(c); });
  if (op->type == OperatorType::kProject && IsIdentityProject(*op)) return op->children[0];
  if (op->type == OperatorType::kLimit && op->limit == 0) return NoRows(*op);
  if (op->type != OperatorType::kFilter || !op->condition->IsConstant()) return op;
  const vector::Vector& value = *op->condition->constant;
  if (value.type().id() != types::TypeId::kBoolean && !value.IsNull(0)) return op;
  if (!value.IsNull(0) && value.data<bool>()[0]) return op->children[0];
  return NoRows(*op);
}

}  // namespace sluice::optimizer
