// Top-N: a Limit over a Sort (directly or through projections, which keep rows one for one)
// tells the sort to keep only the first limit + offset rows, so it orders a bounded set
// instead of every row.
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

}  // namespace

OperatorPtr FuseTopN(const OperatorPtr& plan) {
  OperatorPtr op = *RewriteChildren(
      plan, [](const OperatorPtr& c) -> Result<OperatorPtr> { return FuseTopN(c); });
  if (op->type != OperatorType::kLimit || op->limit < 0) return op;
  const int64_t keep = op->limit > INT64_MAX - op->offset ? INT64_MAX : op->limit + op->offset;
  OperatorPtr child = WithTopN(op->children[0], keep);
  if (!child) return op;
  auto copy = std::make_shared<plan::LogicalOperator>(*op);
  copy->children[0] = child;
  return copy;
}

}  // namespace sluice::optimizer
