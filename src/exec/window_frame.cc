// Frames of ROWS (positions moved by constants) and RANGE (peer groups, or the rows whose
// order key lies between the two bounds' values). Both bounds only move forward as the
// current row does, so a RANGE bound is found by a pointer that walks the partition once.
#include "exec/window_frame.h"

#include <algorithm>

#include "vector/vector_ops.h"

namespace sluice::exec {

using plan::FrameBoundType;

namespace {

// A ROWS offset (the binder makes it an INT constant); PRECEDING counts backwards.
int64_t RowsOffset(const plan::FrameBound& bound) {
  const int64_t n = bound.offset->constant->data<int32_t>()[0];
  return bound.type == FrameBoundType::kPreceding ? -n : n;
}

// <0, 0, >0 as the order key of row `row` sorts before, with or after `bound`'s value for
// row `current`.
int CompareToBound(const WindowLayout& layout, uint32_t row, const vector::Vector& bound,
                   uint32_t current) {
  const vector::Vector& key = *layout.order_key;
  int c = vector::CompareValues(key, row, bound, current, layout.nulls_first);
  if (layout.descending && !key.IsNull(row) && !bound.IsNull(current)) c = -c;
  return c;
}

}  // namespace

void ComputeFrames(const plan::WindowCall& call, const WindowLayout& layout,
                   const WindowCallValues& values, size_t begin, size_t end,
                   std::vector<size_t>& frame_start, std::vector<size_t>& frame_end) {
  frame_start.resize(layout.rows.size());
  frame_end.resize(layout.rows.size());
  const auto clamp = [&](int64_t p) {
    return static_cast<size_t>(
        std::clamp<int64_t>(p, static_cast<int64_t>(begin), static_cast<int64_t>(end)));
  };
  size_t range_start = begin, range_end = begin;  // the RANGE pointers
  for (size_t pos = begin; pos < end; ++pos) {
    const uint32_t row = layout.rows[pos];
    size_t s = begin, e = end;
    switch (call.frame_start.type) {
      case FrameBoundType::kUnboundedPreceding:
        s = begin;
        break;
      case FrameBoundType::kCurrentRow:
        s = call.rows_frame ? pos : layout.peer_begin[pos];
        break;
      case FrameBoundType::kPreceding:
      case FrameBoundType::kFollowing:
        if (call.rows_frame) {
          s = clamp(static_cast<int64_t>(pos) + RowsOffset(call.frame_start));
        } else {
          while (range_start < end &&
                 CompareToBound(layout, layout.rows[range_start], *values.start_value, row) < 0)
            ++range_start;
          s = range_start;
        }
        break;
      case FrameBoundType::kUnboundedFollowing:
        s = end;
        break;
    }
    switch (call.frame_end.type) {
      case FrameBoundType::kUnboundedPreceding:
        e = begin;
        break;
      case FrameBoundType::kCurrentRow:
        e = call.rows_frame ? pos + 1 : layout.peer_end[pos];
        break;
      case FrameBoundType::kPreceding:
      case FrameBoundType::kFollowing:
        if (call.rows_frame) {
          e = clamp(static_cast<int64_t>(pos) + RowsOffset(call.frame_end) + 1);
        } else {
          while (range_end < end &&
                 CompareToBound(layout, layout.rows[range_end], *values.end_value, row) <= 0)
            ++range_end;
          e = range_end;
        }
        break;
      case FrameBoundType::kUnboundedFollowing:
        e = end;
        break;
    }
    frame_start[pos] = s;
    frame_end[pos] = std::max(e, s);
  }
}

bool SameWindowSpec(const plan::WindowCall& a, const plan::WindowCall& b) {
  if (a.partition_by.size() != b.partition_by.size() || a.order_by.size() != b.order_by.size())
    return false;
  for (size_t i = 0; i < a.partition_by.size(); ++i)
    if (!plan::SameExpression(*a.partition_by[i], *b.partition_by[i])) return false;
  for (size_t i = 0; i < a.order_by.size(); ++i) {
    const plan::SortKey &x = a.order_by[i], &y = b.order_by[i];
    if (x.descending != y.descending || x.nulls_first != y.nulls_first ||
        !plan::SameExpression(*x.expr, *y.expr))
      return false;
  }
  return true;
}

size_t ResultsRead(const plan::Expression& e, size_t input_columns) {
  size_t n = 0;
  if (e.type == plan::ExprType::kColumn && e.column_index >= input_columns)
    n = e.column_index - input_columns + 1;
  for (const plan::ExprPtr& c : e.children) n = std::max(n, ResultsRead(*c, input_columns));
  return n;
}

size_t ResultsRead(const plan::WindowCall& call, size_t input_columns) {
  size_t n = 0;
  auto read = [&](const plan::ExprPtr& e) {
    if (e) n = std::max(n, ResultsRead(*e, input_columns));
  };
  for (const plan::ExprPtr& a : call.aggregate.args) read(a);
  read(call.aggregate.filter);
  for (const plan::ExprPtr& p : call.partition_by) read(p);
  for (const plan::SortKey& k : call.order_by) read(k.expr);
  return n;
}

bool ResultsReady(const plan::WindowCall& call, size_t input_columns,
                  const std::vector<bool>& done) {
  const size_t reads = ResultsRead(call, input_columns);
  return std::all_of(done.begin(), done.begin() + static_cast<ptrdiff_t>(reads),
                     [](bool d) { return d; });
}

}  // namespace sluice::exec
