// Window functions that are not aggregates: ranking (row_number, rank, dense_rank,
// percent_rank, cume_dist, ntile) over peer groups, lag/lead over partition positions (frames
// do not apply), and first_value/last_value/nth_value over each row's frame. IGNORE NULLS
// searches the partition's non-NULL positions.
#include <algorithm>

#include "exec/gather_rows.h"
#include "exec/window_frame.h"
#include "functions/kernel_util.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

using plan::WindowFunctionKind;
using vector::Vector;

namespace {

// Positions in [begin, end) whose value of `v` is not NULL, ascending.
std::vector<size_t> NonNullPositions(const WindowLayout& layout, const Vector& v, size_t begin,
                                     size_t end) {
  std::vector<size_t> out;
  for (size_t pos = begin; pos < end; ++pos)
    if (!v.IsNull(layout.rows[pos])) out.push_back(pos);
  return out;
}

int32_t ConstantInt(const Vector& v, uint32_t row) { return v.data<int32_t>()[row]; }

// A one-row NULL of `type`: CopyRow from it writes a NULL that keeps nested rows aligned.
Result<Vector> NullValue(const types::LogicalType& type) {
  SLUICE_ASSIGN_OR_RAISE(Vector v, Vector::Make(type, 1));
  v.SetNull(0);
  return v;
}

}  // namespace

Status ComputeRankingFunction(const plan::WindowCall& call, const WindowLayout& layout,
                              const WindowCallValues& values, Vector& out) {
  for (const auto& [begin, end] : layout.partitions) {
    const int64_t n = static_cast<int64_t>(end - begin);
    int32_t dense = 0;
    for (size_t pos = begin; pos < end; ++pos) {
      const uint32_t row = layout.rows[pos];
      const int64_t index = static_cast<int64_t>(pos - begin);
      const int64_t rank = static_cast<int64_t>(layout.peer_begin[pos] - begin) + 1;
      if (layout.peer_begin[pos] == pos) ++dense;
      switch (call.kind) {
        case WindowFunctionKind::kRowNumber:
          functions::Set<int32_t>(out, row, static_cast<int32_t>(index + 1));
          break;
        case WindowFunctionKind::kRank:
          functions::Set<int32_t>(out, row, static_cast<int32_t>(rank));
          break;
        case WindowFunctionKind::kDenseRank:
          functions::Set<int32_t>(out, row, dense);
          break;
        case WindowFunctionKind::kPercentRank:
          functions::Set<double>(
              out, row, n <= 1 ? 0.0 : static_cast<double>(rank - 1) / static_cast<double>(n - 1));
          break;
        case WindowFunctionKind::kCumeDist:
          functions::Set<double>(
              out, row, static_cast<double>(layout.peer_end[pos] - begin) / static_cast<double>(n));
          break;
        case WindowFunctionKind::kNtile: {
          // The first n % buckets buckets hold one row more than the others.
          const int64_t buckets = ConstantInt(values.args[0], row);
          const int64_t size = n / buckets, bigger = n % buckets;
          const int64_t in_bigger = bigger * (size + 1);
          const int64_t bucket =
              index < in_bigger ? index / (size + 1) : bigger + (index - in_bigger) / size;
          functions::Set<int32_t>(out, row, static_cast<int32_t>(bucket + 1));
          break;
        }
        default:
          return Status::Internal("not a ranking function");
      }
    }
  }
  return Status::OK();
}

Status ComputeOffsetFunction(const plan::WindowCall& call, const WindowLayout& layout,
                             const WindowCallValues& values, Vector& out) {
  const Vector& input = values.args[0];
  SLUICE_ASSIGN_OR_RAISE(const Vector null_value, NullValue(out.type()));
  const int sign = call.kind == WindowFunctionKind::kLead ? 1 : -1;
  // refs[row id]: the input row it takes, or the default's row (source 1); one gather.
  const Vector& fallback = values.args.size() > 2 ? values.args[2] : null_value;
  std::vector<uint64_t> refs(layout.rows.size());
  for (const auto& [begin, end] : layout.partitions) {
    std::vector<size_t> non_null;
    if (call.ignore_nulls) non_null = NonNullPositions(layout, input, begin, end);
    for (size_t pos = begin; pos < end; ++pos) {
      const uint32_t row = layout.rows[pos];
      const int64_t offset =
          sign * (values.args.size() > 1 ? int64_t{ConstantInt(values.args[1], row)} : 1);
      std::optional<size_t> target;
      if (offset == 0) {
        target = pos;
      } else if (!call.ignore_nulls) {
        const int64_t t = static_cast<int64_t>(pos) + offset;
        if (t >= static_cast<int64_t>(begin) && t < static_cast<int64_t>(end))
          target = static_cast<size_t>(t);
      } else {
        // The |offset|-th non-NULL value after (lead) or before (lag) this row.
        const int64_t after =
            std::upper_bound(non_null.begin(), non_null.end(), pos) - non_null.begin();
        const int64_t before =
            std::lower_bound(non_null.begin(), non_null.end(), pos) - non_null.begin();
        const int64_t i = offset > 0 ? after + offset - 1 : before + offset;
        if (i >= 0 && i < static_cast<int64_t>(non_null.size()))
          target = non_null[static_cast<size_t>(i)];
      }
      refs[row] = target                   ? MakeRowRef(0, layout.rows[*target])
                  : values.args.size() > 2 ? MakeRowRef(1, row)
                                           : MakeRowRef(1, 0);
    }
  }
  return ColumnGatherer({&input, &fallback}, out.type()).Gather(refs.data(), refs.size(), out);
}

Status ComputeFrameValueFunction(const plan::WindowCall& call, const WindowLayout& layout,
                                 const WindowCallValues& values, Vector& out) {
  const Vector& input = values.args[0];
  SLUICE_ASSIGN_OR_RAISE(const Vector null_value, NullValue(out.type()));
  std::vector<size_t> frame_start, frame_end;
  std::vector<uint64_t> refs(layout.rows.size());  // as in ComputeOffsetFunction
  for (const auto& [begin, end] : layout.partitions) {
    ComputeFrames(call, layout, values, begin, end, frame_start, frame_end);
    std::vector<size_t> non_null;
    if (call.ignore_nulls) non_null = NonNullPositions(layout, input, begin, end);
    for (size_t pos = begin; pos < end; ++pos) {
      const uint32_t row = layout.rows[pos];
      const size_t s = frame_start[pos], e = frame_end[pos];
      std::optional<size_t> target;
      if (call.kind == WindowFunctionKind::kLastValue) {
        if (!call.ignore_nulls) {
          if (s < e) target = e - 1;
        } else {
          auto it = std::lower_bound(non_null.begin(), non_null.end(), e);
          if (it != non_null.begin() && *(it - 1) >= s) target = *(it - 1);
        }
      } else {
        // first_value is nth_value(x, 1).
        const int64_t nth = call.kind == WindowFunctionKind::kNthValue && values.args.size() > 1
                                ? ConstantInt(values.args[1], row)
                                : 1;
        if (!call.ignore_nulls) {
          if (static_cast<int64_t>(e - s) >= nth) target = s + static_cast<size_t>(nth - 1);
        } else {
          const size_t first =
              std::lower_bound(non_null.begin(), non_null.end(), s) - non_null.begin();
          const size_t i = first + static_cast<size_t>(nth - 1);
          if (i < non_null.size() && non_null[i] < e) target = non_null[i];
        }
      }
      refs[row] = target ? MakeRowRef(0, layout.rows[*target]) : MakeRowRef(1, 0);
    }
  }
  return ColumnGatherer({&input, &null_value}, out.type()).Gather(refs.data(), refs.size(), out);
}

}  // namespace sluice::exec
