#include "optimizer/estimate_rows.h"

#include <algorithm>
#include <cmath>

#include "optimizer/plan_rewrite.h"

namespace sluice::optimizer {

using plan::ExprPtr;
using plan::ExprType;
using plan::JoinKind;
using plan::OperatorType;

namespace {

// The share of rows a conjunct keeps: equality 0.1, range comparison 0.3, other 0.5.
double Selectivity(const plan::Expression& conjunct) {
  switch (conjunct.type) {
    case ExprType::kIsNull:
      return 0.1;
    case ExprType::kIsNotNull:
      return 0.9;
    case ExprType::kInList:
      return std::min(0.5, 0.1 * static_cast<double>(conjunct.children.size() - 1));
    case ExprType::kCall: {
      const std::string& f = conjunct.function_name;
      if (f == "=" || f == "<=>") return 0.1;
      if (f == "<" || f == "<=" || f == ">" || f == ">=") return 0.3;
      return 0.5;
    }
    default:
      return 0.5;
  }
}

double AfterConjuncts(double rows, const std::vector<ExprPtr>& conjuncts) {
  for (const ExprPtr& c : conjuncts) rows *= Selectivity(*c);
  return rows;
}

// A tenth of the input per grouping set, at least one row and at most the input.
double Grouped(double input, size_t sets) {
  return std::min(input,
                  std::max(1.0, input / 10) * static_cast<double>(std::max<size_t>(sets, 1)));
}

std::optional<double> EstimateJoin(const plan::LogicalOperator& op) {
  const std::optional<double> l = EstimateRows(*op.children[0]);
  const std::optional<double> r = EstimateRows(*op.children[1]);
  if (!l || !r) return std::nullopt;
  const size_t left_width = op.children[0]->output.size();
  bool keyed = false;
  std::vector<ExprPtr> residual;
  for (const ExprPtr& c : SplitConjuncts(op.condition)) {
    if (IsEquiJoinConjunct(*c, left_width))
      keyed = true;
    else
      residual.push_back(c);
  }
  const double matched = AfterConjuncts(keyed ? std::max(*l, *r) : *l * *r, residual);
  switch (op.join_kind) {
    case JoinKind::kLeft:
      return std::max(matched, *l);
    case JoinKind::kRight:
      return std::max(matched, *r);
    case JoinKind::kFull:
      return std::max(matched, *l + *r);
    case JoinKind::kSemi:
    case JoinKind::kAnti:
      return *l * 0.5;
    case JoinKind::kRightSemi:
    case JoinKind::kRightAnti:
      return *r * 0.5;
    default:
      return matched;
  }
}

}  // namespace

bool IsEquiJoinConjunct(const plan::Expression& conjunct, size_t left_width) {
  if (conjunct.type != ExprType::kCall || conjunct.function_name != "=" ||
      conjunct.children.size() != 2)
    return false;
  // 1: left columns only, 2: right columns only, 0: both or none.
  auto side = [&](const plan::Expression& e) {
    const std::vector<size_t> cols = ColumnsRead(e);
    if (cols.empty()) return 0;
    if (cols.back() < left_width) return 1;
    return cols.front() >= left_width ? 2 : 0;
  };
  const int a = side(*conjunct.children[0]), b = side(*conjunct.children[1]);
  return a != 0 && b != 0 && a != b;
}

std::optional<double> EstimateRows(const plan::LogicalOperator& op) {
  switch (op.type) {
    case OperatorType::kScan: {
      const std::optional<int64_t> rows = op.source->EstimatedRows();
      if (!rows) return std::nullopt;
      return AfterConjuncts(static_cast<double>(*rows), op.scan_filters);
    }
    case OperatorType::kValues: {
      double rows = 0;
      if (op.rows)
        for (const vector::Batch& b : *op.rows) rows += static_cast<double>(b.num_rows());
      return rows;
    }
    case OperatorType::kRange: {
      if (op.range_step == 0) return 0.0;
      const double span =
          (static_cast<double>(op.range_end) - static_cast<double>(op.range_start)) /
          static_cast<double>(op.range_step);
      return std::max(0.0, std::ceil(span));
    }
    case OperatorType::kJoin:
      return EstimateJoin(op);
    case OperatorType::kSetOperation: {
      const std::optional<double> l = EstimateRows(*op.children[0]);
      const std::optional<double> r = EstimateRows(*op.children[1]);
      if (!l || !r) return std::nullopt;
      if (op.set_kind == plan::SetOperationKind::kUnion) return *l + *r;
      return op.set_kind == plan::SetOperationKind::kIntersect ? std::min(*l, *r) : *l;
    }
    default:
      break;
  }
  // One input from here on.
  const std::optional<double> input = EstimateRows(*op.children[0]);
  if (!input) return std::nullopt;
  switch (op.type) {
    case OperatorType::kFilter:
      return AfterConjuncts(*input, SplitConjuncts(op.condition));
    case OperatorType::kAggregate:
      if (op.groups.empty()) return 1.0;
      return Grouped(*input, op.grouping_sets.size());
    case OperatorType::kDistinct:
      return Grouped(*input, 1);
    case OperatorType::kLimit: {
      const double rest = std::max(0.0, *input - static_cast<double>(op.offset));
      return op.limit < 0 ? rest : std::min(rest, static_cast<double>(op.limit));
    }
    case OperatorType::kSort:
      return op.limit < 0 ? *input : std::min(*input, static_cast<double>(op.limit));
    default:  // Project, Window, Generate: as many rows as their input
      return input;
  }
}

}  // namespace sluice::optimizer
