// Top-N: a Limit over a Sort (directly or through projections, which keep rows one for one)
// tells the sort to keep only the first limit + offset rows, so it orders a bounded set
// instead of every row. Per partition likewise: a Filter requiring `row_number() <= k` (or
// `= 1`, `< k`) directly over the Window of that one call tells the window to keep only
// each partition's first k rows (QUALIFY row_number() OVER (...) = 1); the filter stays.
#include "optimizer/optimizer.h"
#include "optimizer/plan_rewrite.h"

namespace sluice::optimizer {

using plan::OperatorPtr;
using plan::OperatorType;

namespace {

// `op` (a Sort, or Projects over one) with the sort keeping `keep` rows; null when there is
// no such sort.
OperatorPtr WithTopN(const OperatorPtr& op, int64_t keep) {
  if (op->shared_result) return nullptr;
  if (op->type == OperatorType::kSort) {
    if (op->limit >= 0 && op->limit <= keep) return nullptr;
    auto top = std::make_shared<plan::LogicalOperator>(*op);
    top->limit = keep;
    return top;
  }
  if (op->type != OperatorType::kProject) return nullptr;
  OperatorPtr child = WithTopN(op->children[0], keep);
  if (!child) return nullptr;
  auto copy = std::make_shared<plan::LogicalOperator>(*op);
  copy->children[0] = child;
  return copy;
}

// The k of a conjunct `column <= k`, `column < k + 1` or `column = 1` (either side) over
// INT column `column`; -1 when it is none of these.
int64_t RowNumberBound(const plan::Expression& e, size_t column) {
  if (e.type != plan::ExprType::kCall || e.children.size() != 2) return -1;
  std::string op = e.function_name;
  const plan::Expression *left = e.children[0].get(), *right = e.children[1].get();
  if (right->type == plan::ExprType::kColumn) {  // k >= column: column <= k
    std::swap(left, right);
    if (op == ">=")
      op = "<=";
    else if (op == ">")
      op = "<";
    else if (op != "=" && op != "==")
      return -1;
  }
  if (left->type != plan::ExprType::kColumn || left->column_index != column ||
      !right->IsConstant() || right->result_type.id() != types::TypeId::kInt ||
      right->constant->IsNull(0))
    return -1;
  const int64_t k = right->constant->data<int32_t>()[0];
  if (op == "<=") return std::max<int64_t>(k, 0);
  if (op == "<") return std::max<int64_t>(k - 1, 0);
  if ((op == "=" || op == "==") && k == 1) return 1;
  return -1;
}

// `filter` over a Window of one row_number() call, the window keeping each partition's
// first rows when a conjunct bounds the call; null otherwise.
OperatorPtr WithWindowTopN(const plan::LogicalOperator& filter) {
  const OperatorPtr& window = filter.children[0];
  if (window->type != OperatorType::kWindow || window->shared_result ||
      window->windows.size() != 1 ||
      window->windows[0].kind != plan::WindowFunctionKind::kRowNumber)
    return nullptr;
  int64_t keep = -1;
  for (const plan::ExprPtr& c : SplitConjuncts(filter.condition)) {
    const int64_t k = RowNumberBound(*c, window->output.size() - 1);
    if (k >= 0 && (keep < 0 || k < keep)) keep = k;
  }
  if (keep < 0 || (window->limit >= 0 && window->limit <= keep)) return nullptr;
  auto top = std::make_shared<plan::LogicalOperator>(*window);
  top->limit = keep;
  auto copy = std::make_shared<plan::LogicalOperator>(filter);
  copy->children[0] = top;
  return copy;
}

}  // namespace

OperatorPtr FuseTopN(const OperatorPtr& plan) {
  OperatorPtr op = *RewriteChildren(
      plan, [](const OperatorPtr& c) -> Result<OperatorPtr> { return FuseTopN(c); });
  if (op->type == OperatorType::kFilter) {
    OperatorPtr top = WithWindowTopN(*op);
    return top ? top : op;
  }
  if (op->type != OperatorType::kLimit || op->limit < 0) return op;
  const int64_t keep = op->limit > INT64_MAX - op->offset ? INT64_MAX : op->limit + op->offset;
  OperatorPtr child = WithTopN(op->children[0], keep);
  if (!child) return op;
  auto copy = std::make_shared<plan::LogicalOperator>(*op);
  copy->children[0] = child;
  return copy;
}

}  // namespace sluice::optimizer
