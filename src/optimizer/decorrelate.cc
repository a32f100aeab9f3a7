// Subquery decorrelation: correlated subqueries that would run once per distinct outer tuple
// become joins that run once. The correlated conjuncts of the subquery's WHERE are pulled up
// out of its plan into the join's condition; what is left of
// the subquery reads no outer row.
//   [NOT] EXISTS as a filter conjunct      -> left semi / anti join
//   x IN (subquery) as a filter conjunct   -> left semi join on x = y and the correlation
//   x NOT IN (subquery) likewise           -> left anti join, null-aware: a subquery row
//                                             blocks x unless x = y is false
//   scalar global aggregate in Project or Filter -> left join with the aggregate grouped by
//                                             the correlation keys; a count reads 0 where
//                                             nothing matched (the "count bug")
// Only correlations with an equality between an inner and an outer expression are rewritten
// (the join then hashes), and only when every such equality is of a type the join's hash
// compares as `=` does (not FLOAT/DOUBLE or nested); any other form, and any subquery whose
// remaining plan still reads an outer row, is left to the per-tuple evaluation.
#include <algorithm>
#include <optional>

#include "functions/function_registry.h"
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
using plan::MakeNode;
using plan::OperatorPtr;
using plan::OperatorType;
using types::TypeId;

// Whether a plan's operator reads no enclosing row and calls nothing non-deterministic.
bool Independent(const LogicalOperator& op) { return !plan::DependsOnOuterRow(op); }

// Which rows an expression reads: bit 0 the subquery's own columns, bit 1 the directly
// enclosing row, bit 2 anything else (a further enclosing row, a subquery, a
// non-deterministic call, a lambda), which keeps it out of a join.
int Reads(const Expression& e) {
  int reads = 0;
  if (e.type == ExprType::kColumn) reads |= 1;
  if (e.type == ExprType::kOuterColumn) reads |= e.outer_depth == 1 ? 2 : 4;
  if (e.subquery || e.type == ExprType::kLambda) reads |= 4;
  if (e.type == ExprType::kCall && !e.deterministic) reads |= 4;
  for (const ExprPtr& c : e.children) reads |= Reads(*c);
  return reads;
}

// Join keys must match as `=` does: floating point (-0.0, NaN) and nested values are kept
// out.
bool Hashable(const types::LogicalType& t) {
  switch (t.id()) {
    case TypeId::kBoolean:
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInt:
    case TypeId::kBigInt:
    case TypeId::kDecimal:
    case TypeId::kString:
    case TypeId::kBinary:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
      return true;
    default:
      return false;
  }
}

// inner = outer (either order): the join hashes it, whatever its type.
bool IsEquality(const Expression& e) {
  if (e.type != ExprType::kCall || e.function_name != "=" || e.children.size() != 2) return false;
  const int a = Reads(*e.children[0]), b = Reads(*e.children[1]);
  return (a == 1 && b == 2) || (a == 2 && b == 1);
}

bool IsKeyEquality(const Expression& e) {
  return IsEquality(e) && Hashable(e.children[0]->result_type);
}

// Whether the correlation can be a hash join's: some key, and every equality a key.
bool Hashes(const std::vector<ExprPtr>& conjuncts) {
  bool key = false;
  for (const ExprPtr& c : conjuncts) {
    if (IsEquality(*c) && !IsKeyEquality(*c)) return false;
    key |= IsKeyEquality(*c);
  }
  return key;
}

// A conjunct pulled out of a subquery: its columns are the subquery plan's output, its
// outer references (depth 1) the enclosing operator's input row.
struct Pulled {
  OperatorPtr plan;  // the subquery's plan without the conjuncts: reads no outer row
  std::vector<ExprPtr> conjuncts;
};

// Pulls the correlated conjuncts out of `op`'s Filters, through Projects (which then also
// output the columns the conjuncts read, after their own) and the left side of semi and
// anti joins. `existence_only`: only whether rows exist matters (EXISTS, IN), so a Distinct
// or a Sort may go. Null when it cannot.
std::optional<Pulled> PullUp(const OperatorPtr& op, bool existence_only) {
  if (Independent(*op)) return Pulled{op, {}};
  if (op->shared_result) return std::nullopt;
  if (existence_only &&
      (op->type == OperatorType::kDistinct || (op->type == OperatorType::kSort && op->limit < 0))) {
    return PullUp(op->children[0], existence_only);
  }
  const bool filtering_join =
      op->type == OperatorType::kJoin &&
      (op->join_kind == JoinKind::kSemi || op->join_kind == JoinKind::kAnti);
  if (op->type != OperatorType::kFilter && op->type != OperatorType::kProject && !filtering_join)
    return std::nullopt;
  std::optional<Pulled> below = PullUp(op->children[0], existence_only);
  if (!below) return std::nullopt;
  if (filtering_join) {
    // It keeps or drops each left row whole, so conjuncts over the left side pass above it
    // (a subquery decorrelated inside this one left such a join under its conjuncts). The
    // condition's right columns follow any columns the left side now adds.
    const size_t width = op->children[0]->output.size();
    const int64_t added = static_cast<int64_t>(below->plan->output.size() - width);
    auto join = std::make_shared<LogicalOperator>(*op);
    join->children[0] = below->plan;
    join->output = below->plan->output;
    Result<ExprPtr> condition = ReplaceColumns(op->condition, [&](const Expression& c) -> ExprPtr {
      if (c.column_index < width || added == 0) return nullptr;
      return plan::MakeColumn(c.column_index + added, c.result_type, c.name);
    });
    if (!condition.ok()) return std::nullopt;
    join->condition = *condition;
    if (!Independent(*join)) return std::nullopt;
    below->plan = join;
    return below;
  }
  if (op->type == OperatorType::kFilter) {
    std::vector<ExprPtr> local;
    for (const ExprPtr& c : SplitConjuncts(op->condition)) {
      const int reads = Reads(*c);
      if (reads & 2) {
        if (reads & 4) return std::nullopt;
        below->conjuncts.push_back(c);
      } else {
        local.push_back(c);
      }
    }
    below->plan = MakeFilter(below->plan, local);
    if (!Independent(*below->plan)) return std::nullopt;
    return below;
  }
  // A Project: the columns the pulled conjuncts read pass through it, after its own.
  auto project = std::make_shared<LogicalOperator>(*op);
  project->children = {below->plan};
  if (!Independent(*project)) return std::nullopt;
  std::vector<int> map(below->plan->output.size(), -1);
  for (const ExprPtr& c : below->conjuncts) {
    for (size_t i : ColumnsRead(*c)) {
      if (map[i] >= 0) continue;
      map[i] = static_cast<int>(project->expressions.size());
      const types::Field& f = below->plan->output[i];
      project->expressions.push_back(plan::MakeColumn(i, f.type, f.name));
      project->output.push_back(f);
    }
  }
  for (ExprPtr& c : below->conjuncts) {
    Result<ExprPtr> moved = RemapColumns(c, map);
    if (!moved.ok()) return std::nullopt;
    c = *moved;
  }
  below->plan = project;
  return below;
}

// `e` (no subqueries) over a join's row: outer references to the enclosing row become its
// columns (the join's left side), the subquery's columns move right by `left_width`.
ExprPtr ToJoinRow(const ExprPtr& e, size_t left_width) {
  auto copy = std::make_shared<Expression>(*e);
  if (e->type == ExprType::kColumn) {
    copy->column_index += left_width;
  } else if (e->type == ExprType::kOuterColumn) {
    copy->type = ExprType::kColumn;
    copy->outer_depth = 0;
  }
  for (ExprPtr& c : copy->children) c = ToJoinRow(c, left_width);
  return copy;
}

OperatorPtr MakeJoin(JoinKind kind, const OperatorPtr& left, const OperatorPtr& right,
                     const std::vector<ExprPtr>& conjuncts) {
  auto join = std::make_shared<LogicalOperator>();
  join->type = OperatorType::kJoin;
  join->join_kind = kind;
  join->children = {left, right};
  join->output = left->output;
  if (kind == JoinKind::kLeft)
    for (types::Field f : right->output) {
      f.nullable = true;
      join->output.push_back(f);
    }
  join->condition = MakeAnd(conjuncts);
  return join;
}

// A semi or anti join whose condition is only keys needs one right row per key: the right
// side becomes its distinct keys, so a left row meets at most one candidate however many
// rows share its key. `condition` is over the join's row (`width` left columns).
void DistinctKeys(size_t width, OperatorPtr& right, std::vector<ExprPtr>& condition) {
  auto project = std::make_shared<LogicalOperator>();
  project->type = OperatorType::kProject;
  project->children = {right};
  std::vector<ExprPtr> keyed;
  for (const ExprPtr& c : condition) {
    if (c->type != ExprType::kCall || c->function_name != "=" || c->children.size() != 2) return;
    const std::vector<size_t> a = ColumnsRead(*c->children[0]);
    const bool right_first = !a.empty() && a.front() >= width;
    const ExprPtr& left_side = c->children[right_first ? 1 : 0];
    const ExprPtr& right_side = c->children[right_first ? 0 : 1];
    const std::vector<size_t> l = ColumnsRead(*left_side), r = ColumnsRead(*right_side);
    if (l.empty() || l.back() >= width || r.empty() || r.front() < width) return;
    const std::string name = "k" + std::to_string(keyed.size());
    project->expressions.push_back(ShiftColumns(right_side, -static_cast<int64_t>(width)));
    project->output.push_back({name, right_side->result_type, true});
    auto eq = std::make_shared<Expression>(*c);
    eq->children = {left_side,
                    plan::MakeColumn(width + keyed.size(), right_side->result_type, name)};
    keyed.push_back(eq);
  }
  auto distinct = std::make_shared<LogicalOperator>();
  distinct->type = OperatorType::kDistinct;
  distinct->children = {project};
  distinct->output = project->output;
  right = distinct;
  condition = keyed;
}

// An EXISTS / IN conjunct of a filter over `input`, as a semi or anti join of `input`.
std::optional<OperatorPtr> SemiJoin(const OperatorPtr& input, const ExprPtr& conjunct,
                                    const OptimizerOptions& options) {
  const Expression* e = conjunct.get();
  bool negated = false;
  while (e->type == ExprType::kNot) {
    negated = !negated;
    e = e->children[0].get();
  }
  if ((e->type != ExprType::kExists && e->type != ExprType::kInSubquery) || !e->correlated)
    return std::nullopt;
  negated = negated != e->negated;
  std::optional<Pulled> pulled = PullUp(e->subquery, true);
  if (!pulled || !Hashes(pulled->conjuncts)) return std::nullopt;
  const size_t width = input->output.size();
  std::vector<ExprPtr> condition;
  for (const ExprPtr& c : pulled->conjuncts) condition.push_back(ToJoinRow(c, width));
  OperatorPtr left = input;
  if (e->type == ExprType::kInSubquery) {
    // Each probe against the subquery's column of the same position (the binder cast both
    // to one type).
    std::vector<ExprPtr> equal;
    for (size_t i = 0; i < e->children.size(); ++i) {
      const ExprPtr& probe = e->children[i];
      if ((Reads(*probe) & ~1) || !Hashable(probe->result_type)) return std::nullopt;
      const types::Field& column = pulled->plan->output[i];
      ExprPtr eq =
          MakeBinaryCall("=", {probe, plan::MakeColumn(width + i, column.type, column.name)});
      if (!eq) return std::nullopt;
      equal.push_back(eq);
    }
    if (!negated) {
      condition.insert(condition.end(), equal.begin(), equal.end());
    } else {
      // A row blocks the probe unless the comparison is false: NULL blocks too.
      ExprPtr all = MakeAnd(equal);
      ExprPtr yes = MakeConstantOf(
          TypeId::kBoolean, [](vector::Vector& v) { v.data<bool>()[0] = true; }, "true");
      condition.push_back(MakeNode(ExprType::kCoalesce, TypeId::kBoolean, {all, yes},
                                   "coalesce(" + all->name + ", true)"));
      if (options.null_in_empty_is_null) {
        // The legacy rule makes a NULL probe's answer NULL even with no rows: a single
        // probe's NULL then never passes; with several probes it depends on the rows.
        if (e->children.size() != 1) return std::nullopt;
        const ExprPtr& probe = e->children[0];
        left = MakeFilter(input, {MakeNode(ExprType::kIsNotNull, TypeId::kBoolean, {probe},
                                           "(" + probe->name + " IS NOT NULL)")});
      }
    }
  }
  OperatorPtr right = pulled->plan;
  DistinctKeys(width, right, condition);
  return MakeJoin(negated ? JoinKind::kAnti : JoinKind::kSemi, left, right, condition);
}

// The value of an aggregate over no rows, where it is known: count and count_if give 0,
// these others NULL.
std::optional<ExprPtr> EmptyValue(const plan::AggregateCall& a) {
  static const char* const kNullOnEmpty[] = {
      "sum",        "avg",       "mean",     "min",         "max",       "first",
      "last",       "any_value", "max_by",   "min_by",      "stddev",    "stddev_samp",
      "stddev_pop", "variance",  "var_samp", "var_pop",     "bool_and",  "bool_or",
      "every",      "any",       "some",     "first_value", "last_value"};
  if (a.name == "count" || a.name == "count_if") {
    if (a.bound.return_type.id() != TypeId::kBigInt) return std::nullopt;
    return MakeConstantOf(
        TypeId::kBigInt, [](vector::Vector& v) { v.data<int64_t>()[0] = 0; }, "0");
  }
  for (const char* name : kNullOnEmpty)
    if (a.name == name) return ExprPtr();
  return std::nullopt;
}

// A correlated scalar subquery that is a global aggregate (under Projects) as a left join
// of `input` with the aggregate grouped by the correlation keys; `value` is then its
// answer over the join's row.
struct ScalarJoin {
  OperatorPtr join;
  ExprPtr value;
};

std::optional<ScalarJoin> ScalarAggregateJoin(const OperatorPtr& input, const Expression& e) {
  // The answer as an expression over the aggregate's output: the Projects composed.
  std::vector<OperatorPtr> projects;
  OperatorPtr op = e.subquery;
  while (op->type == OperatorType::kProject && !op->shared_result) {
    projects.push_back(op);
    op = op->children[0];
  }
  if (op->type != OperatorType::kAggregate || !op->groups.empty() || !op->grouping_sets.empty() ||
      op->shared_result)
    return std::nullopt;
  const OperatorPtr aggregate = op;
  ExprPtr value = plan::MakeColumn(0, e.subquery->output[0].type, e.subquery->output[0].name);
  for (const OperatorPtr& p : projects) {
    for (const ExprPtr& x : p->expressions)
      if (!IsMovable(*x) || HasLambda(*x)) return std::nullopt;
    Result<ExprPtr> next =
        ReplaceColumns(value, [&](const Expression& c) { return p->expressions[c.column_index]; });
    if (!next.ok()) return std::nullopt;
    value = *next;
  }
  std::optional<Pulled> pulled = PullUp(aggregate->children[0], false);
  if (!pulled || pulled->conjuncts.empty()) return std::nullopt;
  // Every correlation must be a key: the aggregate's groups are the inner sides.
  auto grouped = std::make_shared<LogicalOperator>(*aggregate);
  grouped->children = {pulled->plan};
  grouped->output.clear();
  std::vector<ExprPtr> outer_keys;
  std::vector<const Expression*> equalities;
  for (const ExprPtr& c : pulled->conjuncts) {
    if (!IsKeyEquality(*c)) return std::nullopt;
    const bool inner_first = Reads(*c->children[0]) == 1;
    const ExprPtr& inner = c->children[inner_first ? 0 : 1];
    grouped->groups.push_back(inner);
    grouped->output.push_back({inner->name, inner->result_type, true});
    outer_keys.push_back(c->children[inner_first ? 1 : 0]);
    equalities.push_back(c.get());
  }
  if (!Independent(*grouped)) return std::nullopt;
  const size_t keys = grouped->groups.size();
  for (const types::Field& f : aggregate->output) grouped->output.push_back(f);

  const size_t width = input->output.size();
  std::vector<ExprPtr> condition;
  for (size_t k = 0; k < keys; ++k) {
    auto eq = std::make_shared<Expression>(*equalities[k]);
    eq->children = {
        ToJoinRow(outer_keys[k], 0),
        plan::MakeColumn(width + k, grouped->groups[k]->result_type, grouped->output[k].name)};
    condition.push_back(eq);
  }
  // Aggregate j is column width + keys + j of the join's row; where no group matched, its
  // value over no rows.
  std::vector<ExprPtr> columns;
  for (size_t j = 0; j < aggregate->aggregates.size(); ++j) {
    std::optional<ExprPtr> empty = EmptyValue(aggregate->aggregates[j]);
    if (!empty) return std::nullopt;
    const types::Field& f = aggregate->output[j];
    ExprPtr column = plan::MakeColumn(width + keys + j, f.type, f.name);
    if (*empty)
      column = MakeNode(ExprType::kCoalesce, f.type, {column, *empty},
                        "coalesce(" + f.name + ", " + (*empty)->name + ")");
    columns.push_back(column);
  }
  Result<ExprPtr> answer =
      ReplaceColumns(value, [&](const Expression& c) { return columns.at(c.column_index); });
  if (!answer.ok()) return std::nullopt;
  return ScalarJoin{MakeJoin(JoinKind::kLeft, input, grouped, condition), *answer};
}

// `e` with each correlated scalar subquery it evaluates directly (not under a lambda)
// answered through a left join added to `*input`.
ExprPtr JoinScalarSubqueries(const ExprPtr& e, OperatorPtr* input) {
  if (e->type == ExprType::kLambda) return e;
  if (e->type == ExprType::kScalarSubquery && e->correlated) {
    std::optional<ScalarJoin> joined = ScalarAggregateJoin(*input, *e);
    if (!joined) return e;
    *input = joined->join;
    return joined->value;
  }
  std::shared_ptr<Expression> copy;
  for (size_t i = 0; i < e->children.size(); ++i) {
    ExprPtr c = JoinScalarSubqueries(e->children[i], input);
    if (c == e->children[i]) continue;
    if (!copy) copy = std::make_shared<Expression>(*e);
    // For EXPLAIN: the name shows the answer where it showed the subquery.
    const std::string& old_name = e->children[i]->name;
    if (size_t at = copy->name.find(old_name); at != std::string::npos && !old_name.empty())
      copy->name.replace(at, old_name.size(), c->name);
    copy->children[i] = std::move(c);
  }
  return copy ? ExprPtr(copy) : e;
}

// A Project or Filter whose correlated scalar subqueries are answered by left joins.
OperatorPtr RewriteScalars(const OperatorPtr& op) {
  OperatorPtr input = op->children[0];
  auto copy = std::make_shared<LogicalOperator>(*op);
  if (op->type == OperatorType::kProject) {
    for (ExprPtr& x : copy->expressions) x = JoinScalarSubqueries(x, &input);
  } else {
    copy->condition = JoinScalarSubqueries(op->condition, &input);
  }
  if (input == op->children[0]) return op;
  copy->children = {input};
  if (op->type == OperatorType::kProject) return copy;
  // The filter now sees the joined columns: a projection drops them again.
  copy->output = input->output;
  auto project = std::make_shared<LogicalOperator>();
  project->type = OperatorType::kProject;
  project->children = {copy};
  project->output = op->output;
  for (size_t i = 0; i < op->output.size(); ++i)
    project->expressions.push_back(plan::MakeColumn(i, op->output[i].type, op->output[i].name));
  return project;
}

// A filter's EXISTS / IN conjuncts as semi and anti joins, in order: the conjuncts before
// one stay in a filter below its join, so each still sees only the rows it saw before.
OperatorPtr RewriteFilter(const OperatorPtr& op, const OptimizerOptions& options) {
  OperatorPtr below = op->children[0];
  std::vector<ExprPtr> pending;
  auto filtered = [&] {
    return pending.empty() ? below : RewriteScalars(MakeFilter(below, pending));
  };
  bool changed = false;
  for (const ExprPtr& c : SplitConjuncts(op->condition)) {
    std::optional<OperatorPtr> join = SemiJoin(filtered(), c, options);
    if (!join) {
      pending.push_back(c);
      continue;
    }
    below = *join;
    pending.clear();
    changed = true;
  }
  return changed ? filtered() : RewriteScalars(op);
}

// `e` with the plans of its subqueries decorrelated.
ExprPtr InSubqueries(const ExprPtr& e, const OptimizerOptions& options) {
  if (!e) return e;
  std::shared_ptr<Expression> copy;
  for (size_t i = 0; i < e->children.size(); ++i) {
    ExprPtr c = InSubqueries(e->children[i], options);
    if (c == e->children[i]) continue;
    if (!copy) copy = std::make_shared<Expression>(*e);
    copy->children[i] = std::move(c);
  }
  if (e->subquery) {
    OperatorPtr sub = Decorrelate(e->subquery, options);
    if (sub != e->subquery) {
      if (!copy) copy = std::make_shared<Expression>(*e);
      copy->subquery = sub;
    }
  }
  return copy ? ExprPtr(copy) : e;
}

}  // namespace

OperatorPtr Decorrelate(const OperatorPtr& plan, const OptimizerOptions& options) {
  if (plan->shared_result) return plan;
  OperatorPtr op = *RewriteChildren(
      plan, [&](const OperatorPtr& c) -> Result<OperatorPtr> { return Decorrelate(c, options); });
  // Subqueries inside first (a nested correlation may then vanish from this level).
  if (op->type == OperatorType::kProject || op->type == OperatorType::kFilter ||
      op->type == OperatorType::kJoin) {
    auto copy = std::make_shared<LogicalOperator>(*op);
    bool changed = false;
    for (ExprPtr& x : copy->expressions) {
      ExprPtr next = InSubqueries(x, options);
      changed |= next != x;
      x = next;
    }
    ExprPtr condition = InSubqueries(copy->condition, options);
    changed |= condition != copy->condition;
    copy->condition = condition;
    if (changed) op = copy;
  }
  if (op->type == OperatorType::kFilter) return RewriteFilter(op, options);
  if (op->type == OperatorType::kProject) return RewriteScalars(op);
  return op;
}

}  // namespace sluice::optimizer
