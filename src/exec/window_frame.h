// The window operator's shared pieces: the input rows in window order (partitions, peer
// groups), each call's evaluated inputs, the frame of every row, and the functions that
// compute a call's column (window_functions.cc: ranking, offsets and frame values;
// window_aggregate.cc: aggregates over frames).
// Plain data and pure functions: one query thread uses them.
#pragma once

#include <optional>
#include <vector>

#include "common/status.h"
#include "functions/function_context.h"
#include "plan/logical_operator.h"
#include "vector/vector.h"

namespace sluice::exec {

// Positions index `rows`; a row id indexes the values of the whole input (all batches).
struct WindowLayout {
  std::vector<uint32_t> rows;  // row ids grouped by partition, sorted by order keys (stable)
  std::vector<std::pair<size_t, size_t>> partitions;  // [begin, end) positions
  std::vector<uint32_t> peer_begin, peer_end;         // per position: its peer group
  // The first order key per row id, and how it sorts (RANGE frames with offsets).
  const vector::Vector* order_key = nullptr;
  bool descending = false, nulls_first = true;
};

// One call's inputs for every row id.
struct WindowCallValues {
  std::vector<vector::Vector> args;
  // RANGE frames with an offset: the bound's order-key value for the row.
  std::optional<vector::Vector> start_value, end_value;
};

// Whether two calls have the same PARTITION BY and ORDER BY (they share one layout).
bool SameWindowSpec(const plan::WindowCall& a, const plan::WindowCall& b);

// How many of the window's calls, from the first, a call reads the results of (0: it reads only
// the input, whose `input_columns` columns come first). A Window the optimizer fused from
// consecutive ones (fuse_windows.cc) has calls that read earlier calls' results.
size_t ResultsRead(const plan::WindowCall& call, size_t input_columns);
size_t ResultsRead(const plan::Expression& e, size_t input_columns);
// Whether the results `call` reads are among those `done` marks computed (per call).
bool ResultsReady(const plan::WindowCall& call, size_t input_columns,
                  const std::vector<bool>& done);

// Frames [start, end) in positions for the positions of partition [begin, end): a frame
// with end <= start is empty.
void ComputeFrames(const plan::WindowCall& call, const WindowLayout& layout,
                   const WindowCallValues& values, size_t begin, size_t end,
                   std::vector<size_t>& frame_start, std::vector<size_t>& frame_end);

// Writes the call's value for every row id into `out` (made with the call's result type).
Status ComputeRankingFunction(const plan::WindowCall& call, const WindowLayout& layout,
                              const WindowCallValues& values, vector::Vector& out);
Status ComputeOffsetFunction(const plan::WindowCall& call, const WindowLayout& layout,
                             const WindowCallValues& values, vector::Vector& out);
Status ComputeFrameValueFunction(const plan::WindowCall& call, const WindowLayout& layout,
                                 const WindowCallValues& values, vector::Vector& out);
Status ComputeWindowAggregate(const functions::FunctionContext& ctx, const plan::WindowCall& call,
                              const WindowLayout& layout, const WindowCallValues& values,
                              vector::Vector& out);

}  // namespace sluice::exec
