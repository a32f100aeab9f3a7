// Column pruning: each operator produces only the columns something above it reads, and a
// scan reads only those (for Parquet, fewer column chunks). Removing a column moves the
// ones after it, so every expression above is remapped, including correlated subqueries'
// outer references to an operator's row. The root keeps its output as it was.
#include <numeric>

#include "optimizer/optimizer.h"
#include "optimizer/plan_rewrite.h"

namespace sluice::optimizer {

namespace {

using plan::ExprPtr;
using plan::LogicalOperator;
using plan::OperatorPtr;
using plan::OperatorType;

// The new operator and where each of the old one's output columns went (-1: removed).
struct Pruned {
  OperatorPtr op;
  std::vector<int> map;
};

std::vector<int> Identity(size_t width) {
  std::vector<int> map(width);
  std::iota(map.begin(), map.end(), 0);
  return map;
}

Result<Pruned> Prune(const OperatorPtr& op, std::vector<bool> required);

// A child of an operator that reads all its columns.
Result<OperatorPtr> PruneNone(const OperatorPtr& op) {
  SLUICE_ASSIGN_OR_RAISE(Pruned p, Prune(op, std::vector<bool>(op->output.size(), true)));
  if (p.map != Identity(op->output.size()))
    return Status::Internal("optimizer: a column was pruned that is read");
  return p.op;
}

Status Mark(const std::vector<ExprPtr>& exprs, std::vector<bool>& read) {
  for (const ExprPtr& e : exprs) SLUICE_RETURN_NOT_OK(MarkColumnsRead(e, read));
  return Status::OK();
}

Status Remap(std::vector<ExprPtr>& exprs, const std::vector<int>& map) {
  for (ExprPtr& e : exprs) {
    SLUICE_ASSIGN_OR_RAISE(e, RemapColumns(e, map));
  }
  return Status::OK();
}

Status MarkAggregate(const plan::AggregateCall& a, std::vector<bool>& read) {
  SLUICE_RETURN_NOT_OK(Mark(a.args, read));
  return MarkColumnsRead(a.filter, read);
}

Status RemapAggregate(plan::AggregateCall& a, const std::vector<int>& map) {
  SLUICE_RETURN_NOT_OK(Remap(a.args, map));
  SLUICE_ASSIGN_OR_RAISE(a.filter, RemapColumns(a.filter, map));
  return Status::OK();
}

Result<Pruned> PruneScan(const OperatorPtr& op, std::vector<bool> read) {
  SLUICE_RETURN_NOT_OK(Mark(op->scan_filters, read));
  // Keep one column so that the scan still says how many rows there are.
  if (!read.empty() && std::find(read.begin(), read.end(), true) == read.end()) read[0] = true;
  if (std::find(read.begin(), read.end(), false) == read.end())
    return Pruned{op, Identity(read.size())};
  auto copy = std::make_shared<LogicalOperator>(*op);
  copy->scan_columns.clear();
  copy->output.clear();
  std::vector<int> map(read.size(), -1);
  for (size_t i = 0; i < read.size(); ++i) {
    if (!read[i]) continue;
    map[i] = static_cast<int>(copy->output.size());
    copy->scan_columns.push_back(op->scan_columns[i]);
    copy->output.push_back(op->output[i]);
  }
  SLUICE_RETURN_NOT_OK(Remap(copy->scan_filters, map));
  return Pruned{copy, map};
}

Result<Pruned> PruneProject(const OperatorPtr& op, std::vector<bool> keep) {
  if (!keep.empty() && std::find(keep.begin(), keep.end(), true) == keep.end()) keep[0] = true;
  std::vector<bool> read(op->children[0]->output.size(), false);
  auto copy = std::make_shared<LogicalOperator>(*op);
  copy->expressions.clear();
  copy->output.clear();
  std::vector<int> map(keep.size(), -1);
  for (size_t i = 0; i < keep.size(); ++i) {
    if (!keep[i]) continue;
    map[i] = static_cast<int>(copy->output.size());
    copy->expressions.push_back(op->expressions[i]);
    copy->output.push_back(op->output[i]);
  }
  SLUICE_RETURN_NOT_OK(Mark(copy->expressions, read));
  SLUICE_ASSIGN_OR_RAISE(Pruned child, Prune(op->children[0], read));
  copy->children[0] = child.op;
  SLUICE_RETURN_NOT_OK(Remap(copy->expressions, child.map));
  return Pruned{copy, map};
}

// Filter, Sort, Limit: the input's columns pass through, plus what the operator reads.
Result<Pruned> PrunePassThrough(const OperatorPtr& op, std::vector<bool> read) {
  auto copy = std::make_shared<LogicalOperator>(*op);
  SLUICE_RETURN_NOT_OK(MarkColumnsRead(op->condition, read));
  for (const plan::SortKey& k : op->sort_keys) SLUICE_RETURN_NOT_OK(MarkColumnsRead(k.expr, read));
  SLUICE_ASSIGN_OR_RAISE(Pruned child, Prune(op->children[0], read));
  copy->children[0] = child.op;
  copy->output = child.op->output;
  SLUICE_ASSIGN_OR_RAISE(copy->condition, RemapColumns(op->condition, child.map));
  for (plan::SortKey& k : copy->sort_keys) {
    SLUICE_ASSIGN_OR_RAISE(k.expr, RemapColumns(k.expr, child.map));
  }
  return Pruned{copy, child.map};
}

// Groups stay; aggregates nothing reads go (as in Spark: their errors go with them).
Result<Pruned> PruneAggregate(const OperatorPtr& op, const std::vector<bool>& required) {
  const size_t group_count = op->groups.size();
  auto copy = std::make_shared<LogicalOperator>(*op);
  copy->aggregates.clear();
  copy->output.assign(op->output.begin(), op->output.begin() + group_count);
  std::vector<int> map = Identity(group_count);
  map.resize(op->output.size(), -1);
  for (size_t i = 0; i < op->aggregates.size(); ++i) {
    if (!required[group_count + i]) continue;
    map[group_count + i] = static_cast<int>(copy->output.size());
    copy->aggregates.push_back(op->aggregates[i]);
    copy->output.push_back(op->output[group_count + i]);
  }
  if (!op->grouping_sets.empty()) {  // the grouping id, last
    map.back() = static_cast<int>(copy->output.size());
    copy->output.push_back(op->output.back());
  }
  std::vector<bool> read(op->children[0]->output.size(), false);
  SLUICE_RETURN_NOT_OK(Mark(copy->groups, read));
  for (const plan::AggregateCall& a : copy->aggregates)
    SLUICE_RETURN_NOT_OK(MarkAggregate(a, read));
  SLUICE_ASSIGN_OR_RAISE(Pruned child, Prune(op->children[0], read));
  copy->children[0] = child.op;
  SLUICE_RETURN_NOT_OK(Remap(copy->groups, child.map));
  for (plan::AggregateCall& a : copy->aggregates)
    SLUICE_RETURN_NOT_OK(RemapAggregate(a, child.map));
  return Pruned{copy, map};
}

// Window and Generate: the input's columns, then columns of their own that stay.
Result<Pruned> PruneAppending(const OperatorPtr& op, const std::vector<bool>& required) {
  const size_t width = op->children[0]->output.size();
  std::vector<bool> read(required.begin(), required.begin() + width);
  SLUICE_RETURN_NOT_OK(Mark(op->expressions, read));
  for (const plan::WindowCall& w : op->windows) {
    SLUICE_RETURN_NOT_OK(MarkAggregate(w.aggregate, read));
    SLUICE_RETURN_NOT_OK(Mark(w.partition_by, read));
    for (const plan::SortKey& k : w.order_by) SLUICE_RETURN_NOT_OK(MarkColumnsRead(k.expr, read));
  }
  SLUICE_ASSIGN_OR_RAISE(Pruned child, Prune(op->children[0], read));
  auto copy = std::make_shared<LogicalOperator>(*op);
  copy->children[0] = child.op;
  SLUICE_RETURN_NOT_OK(Remap(copy->expressions, child.map));
  for (plan::WindowCall& w : copy->windows) {
    // Frame bound values read a row of the order key alone, not the input.
    SLUICE_RETURN_NOT_OK(RemapAggregate(w.aggregate, child.map));
    SLUICE_RETURN_NOT_OK(Remap(w.partition_by, child.map));
    for (plan::SortKey& k : w.order_by) {
      SLUICE_ASSIGN_OR_RAISE(k.expr, RemapColumns(k.expr, child.map));
    }
  }
  copy->output = child.op->output;
  std::vector<int> map(child.map);
  for (size_t i = width; i < op->output.size(); ++i) {
    map.push_back(static_cast<int>(copy->output.size()));
    copy->output.push_back(op->output[i]);
  }
  return Pruned{copy, map};
}

Result<Pruned> PruneJoin(const OperatorPtr& op, const std::vector<bool>& required) {
  const size_t left_width = op->children[0]->output.size();
  const size_t right_width = op->children[1]->output.size();
  const plan::JoinKind kind = op->join_kind;
  // Semi and anti joins output one side's columns: the left's, or the right's.
  const bool left_only = kind == plan::JoinKind::kSemi || kind == plan::JoinKind::kAnti;
  const bool right_only = kind == plan::JoinKind::kRightSemi || kind == plan::JoinKind::kRightAnti;
  std::vector<bool> read(left_width + right_width, false);
  std::copy(required.begin(), required.end(), read.begin() + (right_only ? left_width : 0));
  SLUICE_RETURN_NOT_OK(MarkColumnsRead(op->condition, read));
  SLUICE_ASSIGN_OR_RAISE(
      Pruned left,
      Prune(op->children[0], std::vector<bool>(read.begin(), read.begin() + left_width)));
  SLUICE_ASSIGN_OR_RAISE(
      Pruned right,
      Prune(op->children[1], std::vector<bool>(read.begin() + left_width, read.end())));
  std::vector<int> map = left.map;
  const int new_left_width = static_cast<int>(left.op->output.size());
  for (int to : right.map) map.push_back(to < 0 ? -1 : new_left_width + to);
  auto copy = std::make_shared<LogicalOperator>(*op);
  copy->children = {left.op, right.op};
  SLUICE_ASSIGN_OR_RAISE(copy->condition, RemapColumns(op->condition, map));
  copy->output = right_only ? right.op->output : left.op->output;
  if (left_only) {
    map.resize(left_width);
  } else if (right_only) {
    map = right.map;
  } else {
    copy->output.insert(copy->output.end(), right.op->output.begin(), right.op->output.end());
  }
  return Pruned{copy, map};
}

Result<Pruned> Prune(const OperatorPtr& op, std::vector<bool> required) {
  // A shared result must stay the one operator every reference reads.
  if (op->shared_result) return Pruned{op, Identity(op->output.size())};
  switch (op->type) {
    case OperatorType::kScan:
      return PruneScan(op, std::move(required));
    case OperatorType::kProject:
      return PruneProject(op, std::move(required));
    case OperatorType::kFilter:
    case OperatorType::kSort:
    case OperatorType::kLimit:
      return PrunePassThrough(op, std::move(required));
    case OperatorType::kAggregate:
      return PruneAggregate(op, required);
    case OperatorType::kWindow:
    case OperatorType::kGenerate:
      return PruneAppending(op, required);
    case OperatorType::kJoin:
      return PruneJoin(op, required);
    default: {  // Distinct and set operations read every column; Values, Range have none.
      SLUICE_ASSIGN_OR_RAISE(OperatorPtr next, RewriteChildren(op, PruneNone));
      return Pruned{next, Identity(op->output.size())};
    }
  }
}

}  // namespace

Result<OperatorPtr> PruneColumns(const OperatorPtr& plan) { return PruneNone(plan); }

}  // namespace sluice::optimizer
