// Join order and build side. A tree of inner joins (cross joins with conditions are inner
// joins once filters are pushed down), seen through Projects of bare columns (USING,
// NATURAL), is taken apart into its relations and the conjuncts of its conditions, then
// rebuilt left-deep: the largest relation by EstimateRows probes (the first one stays
// unless another is over twice its size), and each next join builds the smallest relation
// an equality connects to those joined so far (an unconnected one only when none is
// connected: no cross product where the conditions avoid one). Each conjunct goes to the
// first join holding all it reads. A Project on top restores the columns' order and names.
// Outer, semi and anti joins and conditions that may not move (subqueries,
// non-deterministic calls) end a tree; a tree with a relation without an estimate, or
// whose order stays, is kept as written.
// An outer, semi or anti hash join (one with an equality key) whose right side (the side
// built) is estimated over twice its left swaps its sides: LEFT and RIGHT outer joins trade
// kinds (a Project restores the columns' order), FULL stays FULL, and LEFT SEMI / ANTI
// become RIGHT SEMI / ANTI, which output the right input's (now the written left side's)
// rows.
#include <algorithm>
#include <map>
#include <numeric>

#include "optimizer/estimate_rows.h"
#include "optimizer/optimizer.h"
#include "optimizer/plan_rewrite.h"

namespace sluice::optimizer {

namespace {

using plan::ExprPtr;
using plan::ExprType;
using plan::JoinKind;
using plan::LogicalOperator;
using plan::OperatorPtr;
using plan::OperatorType;

bool IsInnerJoin(const LogicalOperator& op) {
  if (op.type != OperatorType::kJoin || op.shared_result) return false;
  if (op.join_kind != JoinKind::kInner && op.join_kind != JoinKind::kCross) return false;
  const std::vector<ExprPtr> conjuncts = SplitConjuncts(op.condition);
  return std::all_of(conjuncts.begin(), conjuncts.end(),
                     [](const ExprPtr& c) { return IsMovable(*c); });
}

bool IsColumnProjectOfJoin(const LogicalOperator& op) {
  return op.type == OperatorType::kProject && !op.shared_result && IsInnerJoin(*op.children[0]) &&
         std::all_of(op.expressions.begin(), op.expressions.end(),
                     [](const ExprPtr& e) { return e->type == ExprType::kColumn; });
}

// A join tree taken apart: its relations' columns side by side are the tree's columns.
struct JoinTree {
  std::vector<OperatorPtr> relations;
  std::vector<size_t> first_column;  // per relation
  size_t width = 0;
  std::vector<ExprPtr> conjuncts;  // over the tree's columns
};

// Adds `op`'s relations and conjuncts to `tree`; gives the tree column of each of op's
// output columns.
Result<std::vector<int>> Flatten(const OperatorPtr& op, JoinTree& tree) {
  if (IsInnerJoin(*op)) {
    SLUICE_ASSIGN_OR_RAISE(std::vector<int> columns, Flatten(op->children[0], tree));
    SLUICE_ASSIGN_OR_RAISE(std::vector<int> right, Flatten(op->children[1], tree));
    columns.insert(columns.end(), right.begin(), right.end());
    for (const ExprPtr& c : SplitConjuncts(op->condition)) {
      SLUICE_ASSIGN_OR_RAISE(ExprPtr moved, RemapColumns(c, columns));
      tree.conjuncts.push_back(moved);
    }
    return columns;
  }
  if (IsColumnProjectOfJoin(*op)) {
    SLUICE_ASSIGN_OR_RAISE(std::vector<int> below, Flatten(op->children[0], tree));
    std::vector<int> columns;
    for (const ExprPtr& e : op->expressions) columns.push_back(below[e->column_index]);
    return columns;
  }
  std::vector<int> columns(op->output.size());
  std::iota(columns.begin(), columns.end(), static_cast<int>(tree.width));
  tree.relations.push_back(op);
  tree.first_column.push_back(tree.width);
  tree.width += op->output.size();
  return columns;
}

// The relations an expression reads, as a bit per relation (trees are small).
using RelationSet = std::vector<bool>;

RelationSet RelationsRead(const plan::Expression& e, const JoinTree& tree) {
  RelationSet set(tree.relations.size(), false);
  for (size_t c : ColumnsRead(e)) {
    const auto it = std::upper_bound(tree.first_column.begin(), tree.first_column.end(), c);
    set[static_cast<size_t>(it - tree.first_column.begin()) - 1] = true;
  }
  return set;
}

bool Within(const RelationSet& set, const RelationSet& joined) {
  for (size_t i = 0; i < set.size(); ++i)
    if (set[i] && !joined[i]) return false;
  return true;
}

bool Only(const RelationSet& set, size_t relation) {
  for (size_t i = 0; i < set.size(); ++i)
    if (set[i] != (i == relation)) return false;
  return true;
}

// Whether an equality conjunct compares relation `r` alone with some of `joined`.
bool Connects(const plan::Expression& c, const JoinTree& tree, const RelationSet& joined,
              size_t r) {
  if (c.type != ExprType::kCall || c.function_name != "=" || c.children.size() != 2) return false;
  const RelationSet a = RelationsRead(*c.children[0], tree);
  const RelationSet b = RelationsRead(*c.children[1], tree);
  auto in_joined = [&](const RelationSet& s) {
    return std::find(s.begin(), s.end(), true) != s.end() && Within(s, joined);
  };
  return (in_joined(a) && Only(b, r)) || (in_joined(b) && Only(a, r));
}

// The order to join the relations in (see the file comment).
std::vector<size_t> ChooseOrder(const JoinTree& tree, const std::vector<double>& rows) {
  const size_t n = rows.size();
  const size_t largest =
      static_cast<size_t>(std::max_element(rows.begin(), rows.end()) - rows.begin());
  std::vector<size_t> order = {rows[largest] > 2 * rows[0] ? largest : 0};
  RelationSet joined(n, false);
  joined[order[0]] = true;
  while (order.size() < n) {
    std::optional<size_t> best, best_connected;
    for (size_t r = 0; r < n; ++r) {
      if (joined[r]) continue;
      if (!best || rows[r] < rows[*best]) best = r;
      const bool connected =
          std::any_of(tree.conjuncts.begin(), tree.conjuncts.end(),
                      [&](const ExprPtr& c) { return Connects(*c, tree, joined, r); });
      if (connected && (!best_connected || rows[r] < rows[*best_connected])) best_connected = r;
    }
    const size_t next = best_connected ? *best_connected : *best;
    order.push_back(next);
    joined[next] = true;
  }
  return order;
}

// The tree's relations joined left-deep in `order`, each conjunct at the first join that
// holds all it reads; `position` gets each tree column's place in the result.
Result<OperatorPtr> BuildLeftDeep(const JoinTree& tree, const std::vector<size_t>& order,
                                  std::vector<int>& position) {
  position.assign(tree.width, -1);
  std::vector<RelationSet> reads;
  for (const ExprPtr& c : tree.conjuncts) reads.push_back(RelationsRead(*c, tree));
  std::vector<bool> placed(tree.conjuncts.size(), false);
  RelationSet joined(tree.relations.size(), false);
  OperatorPtr built;
  size_t width = 0;
  for (size_t r : order) {
    SLUICE_ASSIGN_OR_RAISE(OperatorPtr relation, ReorderJoins(tree.relations[r]));
    for (size_t c = 0; c < relation->output.size(); ++c)
      position[tree.first_column[r] + c] = static_cast<int>(width + c);
    width += relation->output.size();
    joined[r] = true;
    if (!built) {
      built = relation;
      continue;
    }
    std::vector<ExprPtr> condition;
    for (size_t i = 0; i < tree.conjuncts.size(); ++i) {
      if (placed[i] || !Within(reads[i], joined)) continue;
      placed[i] = true;
      SLUICE_ASSIGN_OR_RAISE(ExprPtr moved, RemapColumns(tree.conjuncts[i], position));
      condition.push_back(moved);
    }
    auto join = std::make_shared<LogicalOperator>();
    join->type = OperatorType::kJoin;
    join->children = {built, relation};
    join->output = built->output;
    join->output.insert(join->output.end(), relation->output.begin(), relation->output.end());
    join->join_kind = condition.empty() ? JoinKind::kCross : JoinKind::kInner;
    join->condition = MakeAnd(condition);
    built = join;
  }
  return built;
}

// `join` with its sides swapped when that builds the smaller side (see the file comment).
Result<OperatorPtr> ChooseBuildSide(const OperatorPtr& join) {
  if (join->type != OperatorType::kJoin || join->shared_result) return join;
  static const std::map<JoinKind, JoinKind> kSwapped = {{JoinKind::kLeft, JoinKind::kRight},
                                                        {JoinKind::kRight, JoinKind::kLeft},
                                                        {JoinKind::kFull, JoinKind::kFull},
                                                        {JoinKind::kSemi, JoinKind::kRightSemi},
                                                        {JoinKind::kAnti, JoinKind::kRightAnti}};
  const auto swapped = kSwapped.find(join->join_kind);
  if (swapped == kSwapped.end()) return join;
  const OperatorPtr& left = join->children[0];
  const OperatorPtr& right = join->children[1];
  const size_t left_width = left->output.size(), right_width = right->output.size();
  const std::vector<ExprPtr> conjuncts = SplitConjuncts(join->condition);
  const bool movable = std::all_of(conjuncts.begin(), conjuncts.end(),
                                   [](const ExprPtr& c) { return IsMovable(*c); });
  const bool keyed = std::any_of(conjuncts.begin(), conjuncts.end(), [&](const ExprPtr& c) {
    return IsEquiJoinConjunct(*c, left_width);
  });
  const std::optional<double> left_rows = EstimateRows(*left), right_rows = EstimateRows(*right);
  if (!movable || !keyed || !left_rows || !right_rows || *right_rows <= 2 * *left_rows) return join;
  // The columns' places in the swapped join's row: the right side's first.
  std::vector<int> position(left_width + right_width);
  std::iota(position.begin(), position.begin() + left_width, static_cast<int>(right_width));
  std::iota(position.begin() + left_width, position.end(), 0);
  auto copy = std::make_shared<LogicalOperator>(*join);
  copy->join_kind = swapped->second;
  copy->children = {right, left};
  SLUICE_ASSIGN_OR_RAISE(copy->condition, RemapColumns(join->condition, position));
  if (join->join_kind == JoinKind::kSemi || join->join_kind == JoinKind::kAnti)
    return OperatorPtr(copy);  // its output stays the written left side's columns
  copy->output.assign(join->output.begin() + static_cast<std::ptrdiff_t>(left_width),
                      join->output.end());
  copy->output.insert(copy->output.end(), join->output.begin(),
                      join->output.begin() + static_cast<std::ptrdiff_t>(left_width));
  auto project = std::make_shared<LogicalOperator>();
  project->type = OperatorType::kProject;
  project->children = {copy};
  project->output = join->output;
  for (size_t i = 0; i < join->output.size(); ++i)
    project->expressions.push_back(plan::MakeColumn(static_cast<size_t>(position[i]),
                                                    join->output[i].type, join->output[i].name));
  return OperatorPtr(project);
}

}  // namespace

Result<OperatorPtr> ReorderJoins(const OperatorPtr& plan) {
  auto recurse = [](const OperatorPtr& op) { return RewriteChildren(op, ReorderJoins); };
  if (!IsInnerJoin(*plan) && !IsColumnProjectOfJoin(*plan)) {
    SLUICE_ASSIGN_OR_RAISE(OperatorPtr next, recurse(plan));
    return ChooseBuildSide(next);
  }
  JoinTree tree;
  SLUICE_ASSIGN_OR_RAISE(std::vector<int> output, Flatten(plan, tree));
  std::vector<double> rows;
  for (const OperatorPtr& r : tree.relations) {
    const std::optional<double> estimate = EstimateRows(*r);
    if (!estimate) return recurse(plan);
    rows.push_back(*estimate);
  }
  const std::vector<size_t> order = ChooseOrder(tree, rows);
  if (std::is_sorted(order.begin(), order.end())) return recurse(plan);
  std::vector<int> position;
  SLUICE_ASSIGN_OR_RAISE(OperatorPtr joined, BuildLeftDeep(tree, order, position));
  auto project = std::make_shared<LogicalOperator>();
  project->type = OperatorType::kProject;
  project->children = {joined};
  project->output = plan->output;
  for (size_t i = 0; i < output.size(); ++i) {
    project->expressions.push_back(plan::MakeColumn(static_cast<size_t>(position[output[i]]),
                                                    plan->output[i].type, plan->output[i].name));
  }
  return OperatorPtr(project);
}

}  // namespace sluice::optimizer
