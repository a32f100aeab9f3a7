// LogicalOperator: one node of a bound query plan. Every operator states its output
// columns (name, type); expressions refer to the input's columns by position (a join's
// input row is the left columns then the right ones).
// Immutable once built: thread-safe to share.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "functions/aggregate_function.h"
#include "plan/expression.h"
#include "plan/table_source.h"
#include "types/schema.h"
#include "vector/batch.h"

namespace sluice::plan {

enum class OperatorType {
  kScan,          // rows of a table source (files, a stored table)
  kValues,        // rows given in the plan (VALUES, literals)
  kRange,         // range(start, end, step)
  kProject,       // expressions
  kFilter,        // condition
  kAggregate,     // groups and aggregates (with grouping sets)
  kWindow,        // input columns + one column per window expression
  kSort,          // sort keys
  kLimit,         // limit / offset
  kDistinct,      // distinct rows
  kSetOperation,  // UNION / INTERSECT / EXCEPT [ALL]
  kJoin,          // join of two inputs
  kGenerate,      // input columns + the rows of a generator (explode, LATERAL VIEW)
};

struct SortKey {
  ExprPtr expr;
  bool descending = false;
  bool nulls_first = true;
};

struct AggregateCall {
  std::string name;  // lower case
  std::vector<ExprPtr> args;
  functions::BoundAggregate bound;
  functions::AggregateCallInfo info;
  ExprPtr filter;  // FILTER (WHERE ...)
  // Ordering inside the group (percentile_cont WITHIN GROUP, collect_list order): unused.
};

enum class WindowFunctionKind {
  kAggregate,  // any aggregate over the frame
  kRowNumber,
  kRank,
  kDenseRank,
  kPercentRank,
  kCumeDist,
  kNtile,
  kLag,
  kLead,
  kFirstValue,
  kLastValue,
  kNthValue,
};

enum class FrameBoundType {
  kUnboundedPreceding,
  kPreceding,
  kCurrentRow,
  kFollowing,
  kUnboundedFollowing
};

struct FrameBound {
  FrameBoundType type = FrameBoundType::kCurrentRow;
  ExprPtr offset;  // kPreceding / kFollowing: a constant (rows, or a value for RANGE)
  // RANGE with an offset: the bound's value over a one-column row holding the order key
  // (the key moved by the offset, in the key's type).
  ExprPtr bound_value;
};

struct WindowCall {
  WindowFunctionKind kind = WindowFunctionKind::kAggregate;
  AggregateCall aggregate;    // kAggregate, and the argument list of the others
  bool ignore_nulls = false;  // lag/lead/first_value/last_value/nth_value
  std::vector<ExprPtr> partition_by;
  std::vector<SortKey> order_by;
  bool rows_frame = false;  // ROWS, else RANGE
  FrameBound frame_start{FrameBoundType::kUnboundedPreceding, nullptr, nullptr};
  FrameBound frame_end{FrameBoundType::kCurrentRow, nullptr, nullptr};
  bool has_frame = false;  // written; else Spark's default for the function
  types::LogicalType result_type;
};

// kRightSemi / kRightAnti: the right input's rows that some / no left row matches (output:
// the right columns). Only the optimizer makes them, from a semi / anti join with its sides
// swapped, so that the hash join builds that join's smaller left side (the right input).
enum class JoinKind { kInner, kLeft, kRight, kFull, kSemi, kAnti, kCross, kRightSemi, kRightAnti };
enum class SetOperationKind { kUnion, kIntersect, kExcept };

struct LogicalOperator;
using OperatorPtr = std::shared_ptr<const LogicalOperator>;

struct LogicalOperator {
  OperatorType type = OperatorType::kValues;
  std::vector<OperatorPtr> children;
  std::vector<types::Field> output;

  // kScan
  std::shared_ptr<const TableSource> source;
  std::vector<size_t> scan_columns;  // which of the source's columns, in output order
  // Conditions over the scan's output columns (the optimizer's pushed filters): rows
  // failing any are left out.
  std::vector<ExprPtr> scan_filters;
  // kValues: rows already evaluated
  std::shared_ptr<const std::vector<vector::Batch>> rows;
  // kRange
  int64_t range_start = 0, range_end = 0, range_step = 1;
  // kProject: expressions; kFilter / kJoin: condition (null: none); kGenerate: generator args
  std::vector<ExprPtr> expressions;
  ExprPtr condition;
  // kAggregate: output = groups then aggregates (then grouping id when grouping_sets)
  std::vector<ExprPtr> groups;
  std::vector<AggregateCall> aggregates;
  // Each set lists the positions in `groups` it keeps; empty means plain GROUP BY.
  std::vector<std::vector<size_t>> grouping_sets;
  // kWindow
  std::vector<WindowCall> windows;
  // kSort
  std::vector<SortKey> sort_keys;
  // kLimit (limit < 0: none); kSort: keep only the first `limit` rows (top-N) when >= 0;
  // kWindow (one row_number() call): keep only each partition's first `limit` rows when >= 0
  int64_t limit = -1, offset = 0;
  // kSetOperation
  SetOperationKind set_kind = SetOperationKind::kUnion;
  bool set_all = false;
  // kJoin
  JoinKind join_kind = JoinKind::kInner;
  // kGenerate: explode / explode_outer / posexplode / inline ... of expressions[0]
  std::string generator;
  bool generator_outer = false;
  // A CTE whose rows may differ from run to run (rand()): it runs once per query and every
  // reference reads the same rows, as Spark materializes it.
  bool shared_result = false;

  types::Schema OutputSchema() const { return types::Schema(output); }
};

// Calls `fn` with each expression slot of `op` (its own, not its children's), in the order
// Spark's plan traversal meets them: projections, condition, groups, aggregate arguments and
// filters, window calls' arguments, keys and frame bounds, sort keys, then scan filters. A slot
// may be null; `fn` may replace what it holds.
Status ForEachExpression(LogicalOperator& op, const std::function<Status(ExprPtr&)>& fn);

// EXPLAIN text: one operator per line, children indented; `annotate` adds text to a line
// (EXPLAIN ANALYZE's rows and time).
std::string PlanToString(
    const LogicalOperator& op,
    const std::function<std::string(const LogicalOperator&)>& annotate = nullptr);

}  // namespace sluice::plan
