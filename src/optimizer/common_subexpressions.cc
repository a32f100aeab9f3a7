// Common subexpressions: an expression a projection or an aggregate computes more than once
// for every row (`upper(s)` in `upper(s) AS a, upper(s) || '!' AS b`, `price * qty` in
// `sum(price * qty), avg(price * qty)`) is computed once, by a projection below that adds it
// as a column, and every use reads that column.
// Only occurrences evaluated for every row count: a CASE branch, a COALESCE fallback or the
// right side of AND/OR may be skipped, and computing it for every row could raise an error
// that the query as written never raises (ANSI casts, assert_true). Lambda bodies, subqueries
// and non-deterministic calls are never shared.
#include <algorithm>

#include "optimizer/optimizer.h"
#include "optimizer/plan_rewrite.h"

namespace sluice::optimizer {

using plan::Expression;
using plan::ExprPtr;
using plan::ExprType;
using plan::OperatorPtr;
using plan::OperatorType;

namespace {

// A computation (not a column or a constant) that may move to a projection below.
bool Shareable(const Expression& e) {
  switch (e.type) {
    case ExprType::kColumn:
    case ExprType::kOuterColumn:
    case ExprType::kConstant:
    case ExprType::kLambda:
    case ExprType::kLambdaVariable:
      return false;
    default:
      break;
  }
  // Without a column it is a constant, which simplification folds.
  if (!IsMovable(e) || ColumnsRead(e).empty()) return false;
  // A higher-order call reads its lambdas' variables; a variable outside its lambda means
  // nothing.
  std::function<bool(const Expression&)> has_lambda = [&](const Expression& x) {
    if (x.type == ExprType::kLambda || x.type == ExprType::kLambdaVariable) return true;
    return std::any_of(x.children.begin(), x.children.end(),
                       [&](const ExprPtr& c) { return has_lambda(*c); });
  };
  return !has_lambda(e);
}

// The children evaluated for every row the expression is.
size_t AlwaysEvaluatedChildren(const Expression& e) {
  switch (e.type) {
    case ExprType::kCase:
    case ExprType::kCoalesce:
    case ExprType::kAnd:
    case ExprType::kOr:
      return std::min<size_t>(1, e.children.size());
    case ExprType::kLambda:
      return 0;
    default:
      return e.children.size();
  }
}

struct Candidate {
  ExprPtr expr;
  int count = 0;
};

// Counts the shareable expressions of `e` evaluated for every row.
void Count(const ExprPtr& e, std::vector<Candidate>& candidates) {
  if (Shareable(*e)) {
    auto it = std::find_if(candidates.begin(), candidates.end(),
                           [&](const Candidate& c) { return plan::SameExpression(*c.expr, *e); });
    if (it == candidates.end())
      candidates.push_back({e, 1});
    else
      ++it->count;
  }
  for (size_t i = 0; i < AlwaysEvaluatedChildren(*e); ++i) Count(e->children[i], candidates);
}

// The repeated candidates reached from the top without passing through a larger repeated
// one (an expression inside a shared one is computed only by it).
void MarkUsed(const ExprPtr& e, const std::vector<Candidate>& repeated, std::vector<bool>& used) {
  for (size_t i = 0; i < repeated.size(); ++i)
    if (plan::SameExpression(*repeated[i].expr, *e)) {
      used[i] = true;
      return;
    }
  if (e->type == ExprType::kLambda) return;
  for (const ExprPtr& c : e->children) MarkUsed(c, repeated, used);
}

// `e` with each shared expression replaced by its column of the projection below.
ExprPtr Replace(const ExprPtr& e, const std::vector<ExprPtr>& shared, size_t first_column) {
  for (size_t i = 0; i < shared.size(); ++i)
    if (plan::SameExpression(*shared[i], *e))
      return plan::MakeColumn(first_column + i, e->result_type, e->name);
  if (e->type == ExprType::kLambda) return e;
  std::vector<ExprPtr> children;
  bool changed = false;
  for (const ExprPtr& c : e->children) {
    children.push_back(Replace(c, shared, first_column));
    changed = changed || children.back() != c;
  }
  if (!changed) return e;
  auto copy = std::make_shared<Expression>(*e);
  copy->children = std::move(children);
  return copy;
}

// The expressions of `op` that are evaluated per input row, each with whether it is for
// every row. An aggregate's filtered arguments count only for the rows passing the filter.
std::vector<std::pair<ExprPtr*, bool>> RowExpressions(plan::LogicalOperator& op) {
  std::vector<std::pair<ExprPtr*, bool>> out;
  if (op.type == OperatorType::kProject) {
    for (ExprPtr& e : op.expressions) out.push_back({&e, true});
    return out;
  }
  for (ExprPtr& e : op.groups) out.push_back({&e, true});
  for (plan::AggregateCall& call : op.aggregates) {
    for (ExprPtr& e : call.args) out.push_back({&e, call.filter == nullptr});
    if (call.filter) out.push_back({&call.filter, true});
  }
  return out;
}

// `op` (a projection or an aggregate) over a projection computing its repeated
// expressions; `op` itself when none repeats.
OperatorPtr ShareWithin(const OperatorPtr& op) {
  auto copy = std::make_shared<plan::LogicalOperator>(*op);
  std::vector<std::pair<ExprPtr*, bool>> exprs = RowExpressions(*copy);
  std::vector<Candidate> candidates;
  for (const auto& [e, every_row] : exprs)
    if (*e && every_row) Count(*e, candidates);
  std::vector<Candidate> repeated;
  for (const Candidate& c : candidates)
    if (c.count > 1) repeated.push_back(c);
  if (repeated.empty()) return op;
  std::vector<bool> used(repeated.size());
  for (const auto& [e, every_row] : exprs)
    if (*e) MarkUsed(*e, repeated, used);
  std::vector<ExprPtr> shared;
  for (size_t i = 0; i < repeated.size(); ++i)
    if (used[i]) shared.push_back(repeated[i].expr);

  // The projection below passes the input's columns through and adds the shared ones.
  const plan::OperatorPtr& input = op->children[0];
  auto below = std::make_shared<plan::LogicalOperator>();
  below->type = OperatorType::kProject;
  below->children = {input};
  for (size_t c = 0; c < input->output.size(); ++c) {
    below->expressions.push_back(plan::MakeColumn(c, input->output[c].type, input->output[c].name));
    below->output.push_back(input->output[c]);
  }
  for (const ExprPtr& e : shared) {
    below->expressions.push_back(e);
    below->output.push_back({e->name, e->result_type, true});
  }
  for (const auto& [e, every_row] : exprs)
    if (*e) *e = Replace(*e, shared, input->output.size());
  copy->children = {below};
  return copy;
}

}  // namespace

Result<OperatorPtr> ShareCommonSubexpressions(const OperatorPtr& plan) {
  SLUICE_ASSIGN_OR_RAISE(OperatorPtr op, RewriteChildren(plan, ShareCommonSubexpressions));
  if (op->type != OperatorType::kProject && op->type != OperatorType::kAggregate) return op;
  return ShareWithin(op);
}

}  // namespace sluice::optimizer
