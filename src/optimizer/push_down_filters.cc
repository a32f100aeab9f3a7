// Predicate pushdown: a filter's conjuncts move down the plan as far as they keep the
// answer, ending in a join's condition or a scan's scan_filters, so fewer rows flow up.
// Conjuncts holding a subquery or a non-deterministic call never move, nothing moves across
// a Limit, and an operator shared between references (shared_result) is left as it is.
#include <algorithm>
#include <set>

#include "optimizer/optimizer.h"
#include "optimizer/plan_rewrite.h"
#include "plan/outer_references.h"

namespace sluice::optimizer {

namespace {

using plan::Expression;
using plan::ExprPtr;
using plan::ExprType;
using plan::JoinKind;
using plan::LogicalOperator;
using plan::OperatorPtr;
using plan::OperatorType;
using Conjuncts = std::vector<ExprPtr>;

// An expression a conjunct may be rewritten to read instead of a column (lambda slots of
// two expressions would not mix).
bool Substitutable(const Expression& e) { return IsMovable(e) && !HasLambda(e); }

bool AllOf(const std::vector<size_t>& columns, const std::function<bool(size_t)>& pred) {
  return std::all_of(columns.begin(), columns.end(), pred);
}

Result<OperatorPtr> Push(const OperatorPtr& op, Conjuncts filters);

Result<OperatorPtr> Fresh(const OperatorPtr& op) { return Push(op, {}); }

// The filters stay above `op`; its inputs are still searched for filters of their own.
Result<OperatorPtr> Stop(const OperatorPtr& op, const Conjuncts& filters) {
  SLUICE_ASSIGN_OR_RAISE(OperatorPtr next, RewriteChildren(op, Fresh));
  return MakeFilter(next, filters);
}

Result<OperatorPtr> WithChild(const OperatorPtr& op, const Conjuncts& down, const Conjuncts& stay) {
  SLUICE_ASSIGN_OR_RAISE(OperatorPtr child, Push(op->children[0], down));
  auto copy = std::make_shared<LogicalOperator>(*op);
  copy->children[0] = child;
  return MakeFilter(copy, stay);
}

// Conjuncts over an operator's output that read only columns `pass` accepts go below it
// rewritten by `rewrite`; the others stay above.
Result<OperatorPtr> PushThrough(const OperatorPtr& op, const Conjuncts& filters,
                                const std::function<bool(size_t)>& pass,
                                const std::function<ExprPtr(const Expression&)>& rewrite) {
  Conjuncts down, stay;
  for (const ExprPtr& f : filters) {
    if (!AllOf(ColumnsRead(*f), pass)) {
      stay.push_back(f);
      continue;
    }
    SLUICE_ASSIGN_OR_RAISE(ExprPtr moved, ReplaceColumns(f, rewrite));
    down.push_back(moved);
  }
  return WithChild(op, down, stay);
}

// Whether the rows reaching a conjunct must stay those the bound plan gives it: a
// non-deterministic call's values follow the rows it sees. A correlated subquery is taken
// as one without looking inside.
bool Blocks(const Expression& e) {
  if (e.type == ExprType::kCall && !e.deterministic) return true;
  if (e.subquery && (e.correlated || plan::NondeterministicOnly(*e.subquery))) return true;
  return std::any_of(e.children.begin(), e.children.end(),
                     [](const ExprPtr& c) { return Blocks(*c); });
}

Result<OperatorPtr> PushFilter(const OperatorPtr& op, const Conjuncts& filters) {
  // Conjuncts before the first blocking one go down (the movable ones); from there on, and
  // those from above when one blocks, they stay.
  Conjuncts down, stay;
  bool blocked = false;
  for (const ExprPtr& c : SplitConjuncts(op->condition)) {
    blocked = blocked || Blocks(*c);
    (!blocked && IsMovable(*c) ? down : stay).push_back(c);
  }
  if (!blocked) down.insert(down.end(), filters.begin(), filters.end());
  SLUICE_ASSIGN_OR_RAISE(OperatorPtr child, Push(op->children[0], down));
  return MakeFilter(MakeFilter(child, stay), blocked ? filters : Conjuncts());
}

Result<OperatorPtr> PushProject(const OperatorPtr& op, const Conjuncts& filters) {
  // Spark's rule too: below a non-deterministic column the filter would change its values.
  for (const ExprPtr& e : op->expressions)
    if (!IsMovable(*e)) return Stop(op, filters);
  return PushThrough(
      op, filters, [&](size_t i) { return Substitutable(*op->expressions[i]); },
      [&](const Expression& c) { return op->expressions[c.column_index]; });
}

Result<OperatorPtr> PushAggregate(const OperatorPtr& op, const Conjuncts& filters) {
  // A global aggregate gives a row even for no input: nothing may go below it.
  const bool global =
      op->groups.empty() || std::any_of(op->grouping_sets.begin(), op->grouping_sets.end(),
                                        [](const std::vector<size_t>& s) { return s.empty(); });
  if (global) return Stop(op, filters);
  // A group column outside some grouping set is NULL in that set's rows.
  auto in_every_set = [&](size_t g) {
    return std::all_of(
        op->grouping_sets.begin(), op->grouping_sets.end(),
        [&](const std::vector<size_t>& s) { return std::find(s.begin(), s.end(), g) != s.end(); });
  };
  // (A conjunct reading no column keeps all rows or none, above or below.)
  return PushThrough(
      op, filters,
      [&](size_t i) {
        return i < op->groups.size() && Substitutable(*op->groups[i]) && in_every_set(i);
      },
      [&](const Expression& c) { return op->groups[c.column_index]; });
}

Result<OperatorPtr> PushWindow(const OperatorPtr& op, const Conjuncts& filters) {
  // Columns every window call partitions by: a filter on them removes whole partitions.
  std::set<size_t> common;
  for (size_t w = 0; w < op->windows.size(); ++w) {
    std::set<size_t> mine;
    for (const ExprPtr& e : op->windows[w].partition_by)
      if (e->type == ExprType::kColumn) mine.insert(e->column_index);
    if (w == 0) {
      common = mine;
    } else {
      std::set<size_t> both;
      std::set_intersection(common.begin(), common.end(), mine.begin(), mine.end(),
                            std::inserter(both, both.begin()));
      common = both;
    }
  }
  return PushThrough(
      op, filters, [&](size_t i) { return common.count(i) > 0; },
      [](const Expression&) { return ExprPtr(); });
}

Result<OperatorPtr> PushGenerate(const OperatorPtr& op, const Conjuncts& filters) {
  for (const ExprPtr& e : op->expressions)
    if (!IsMovable(*e)) return Stop(op, filters);
  const size_t width = op->children[0]->output.size();
  return PushThrough(
      op, filters, [&](size_t i) { return i < width; },
      [](const Expression&) { return ExprPtr(); });
}

Result<OperatorPtr> PushUnion(const OperatorPtr& op, const Conjuncts& filters) {
  // Both inputs must have the union's types for its conditions to read them unchanged.
  for (const OperatorPtr& child : op->children)
    for (size_t i = 0; i < op->output.size(); ++i)
      if (!(child->output[i].type == op->output[i].type)) return Stop(op, filters);
  auto copy = std::make_shared<LogicalOperator>(*op);
  for (OperatorPtr& child : copy->children) {
    // The same columns by position, named as this input names them (for EXPLAIN).
    Conjuncts mine;
    for (const ExprPtr& f : filters) {
      SLUICE_ASSIGN_OR_RAISE(ExprPtr renamed, ReplaceColumns(f, [&](const Expression& c) {
                               const types::Field& field = child->output[c.column_index];
                               return plan::MakeColumn(c.column_index, field.type, field.name);
                             }));
      mine.push_back(renamed);
    }
    SLUICE_ASSIGN_OR_RAISE(child, Push(child, mine));
  }
  return OperatorPtr(copy);
}

Result<OperatorPtr> PushJoin(const OperatorPtr& op, const Conjuncts& filters) {
  const size_t left_width = op->children[0]->output.size();
  enum Side { kLeft, kRight, kBoth };
  auto side = [&](const Expression& e) {
    const std::vector<size_t> cols = ColumnsRead(e);
    if (cols.empty()) return kBoth;
    if (cols.back() < left_width) return kLeft;
    if (cols.front() >= left_width) return kRight;
    return kBoth;
  };
  const JoinKind kind = op->join_kind;
  const bool inner = kind == JoinKind::kInner || kind == JoinKind::kCross;
  // Which filters from above may go to each side, and which ON conjuncts.
  const bool above_left =
      inner || kind == JoinKind::kLeft || kind == JoinKind::kSemi || kind == JoinKind::kAnti;
  const bool above_right = inner || kind == JoinKind::kRight;
  const bool on_left = inner || kind == JoinKind::kRight || kind == JoinKind::kSemi;
  const bool on_right =
      inner || kind == JoinKind::kLeft || kind == JoinKind::kSemi || kind == JoinKind::kAnti;

  Conjuncts left, right, condition, above;
  for (const ExprPtr& c : SplitConjuncts(op->condition)) {
    const Side s = IsMovable(*c) ? side(*c) : kBoth;
    if (s == kLeft && on_left)
      left.push_back(c);
    else if (s == kRight && on_right)
      right.push_back(ShiftColumns(c, -static_cast<int64_t>(left_width)));
    else
      condition.push_back(c);
  }
  for (const ExprPtr& f : filters) {
    const Side s = side(*f);
    if (s == kLeft && above_left)
      left.push_back(f);
    else if (s == kRight && above_right)
      right.push_back(ShiftColumns(f, -static_cast<int64_t>(left_width)));
    else if (inner)
      condition.push_back(f);
    else
      above.push_back(f);
  }
  auto copy = std::make_shared<LogicalOperator>(*op);
  SLUICE_ASSIGN_OR_RAISE(copy->children[0], Push(op->children[0], left));
  SLUICE_ASSIGN_OR_RAISE(copy->children[1], Push(op->children[1], right));
  copy->condition = MakeAnd(condition);
  // A cross join with a condition is an inner join (an equality makes it a hash join).
  if (kind == JoinKind::kCross && copy->condition) copy->join_kind = JoinKind::kInner;
  return MakeFilter(copy, above);
}

Result<OperatorPtr> Push(const OperatorPtr& op, Conjuncts filters) {
  if (op->shared_result) return MakeFilter(op, filters);
  switch (op->type) {
    case OperatorType::kFilter:
      return PushFilter(op, filters);
    case OperatorType::kProject:
      return PushProject(op, filters);
    case OperatorType::kSort:
      // A top-N sort keeps rows by position, as a Limit does.
      if (op->limit >= 0) return Stop(op, filters);
      return WithChild(op, filters, {});
    case OperatorType::kDistinct:
      return WithChild(op, filters, {});
    case OperatorType::kAggregate:
      return PushAggregate(op, filters);
    case OperatorType::kWindow:
      return PushWindow(op, filters);
    case OperatorType::kGenerate:
      return PushGenerate(op, filters);
    case OperatorType::kSetOperation:
      if (op->set_kind == plan::SetOperationKind::kUnion) return PushUnion(op, filters);
      return Stop(op, filters);
    case OperatorType::kJoin:
      return PushJoin(op, filters);
    case OperatorType::kScan: {
      if (filters.empty()) return op;
      auto copy = std::make_shared<LogicalOperator>(*op);
      copy->scan_filters.insert(copy->scan_filters.end(), filters.begin(), filters.end());
      return OperatorPtr(copy);
    }
    default:  // Limit, Values, Range
      return Stop(op, filters);
  }
}

}  // namespace

Result<OperatorPtr> PushDownFilters(const OperatorPtr& plan) { return Push(plan, {}); }

}  // namespace sluice::optimizer
