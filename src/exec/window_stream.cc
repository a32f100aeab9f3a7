// The streamed window (window_stream.h). Rows are numbered in sorted order (a row's global
// index); each batch read keeps its rows, the calls' arguments and each row's partition and
// peer group ordinals (a row starts a new one when its keys differ from the row before). A
// batch leaves once what its rows need has been read: the end of the last row's peer group,
// and the `lead` rows after it; batches stay (only their arguments) while `lag` may reach
// them (a frame's reach counts as lag's and lead's). Per call, the state carried from row to
// row: the partition's and peer group's first rows (ranking), a running aggregate state, the
// whole-partition values of the first pass; a sliding frame's rows are visited for each row.
#include "exec/window_stream.h"

#include <algorithm>
#include <deque>
#include <memory>
#include <optional>

#include "common/check.h"
#include "exec/expression_evaluator.h"
#include "exec/held_memory.h"
#include "exec/window_frame.h"
#include "functions/kernel_util.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

using plan::FrameBoundType;
using plan::WindowFunctionKind;
using vector::Vector;

namespace {

bool RunningFrame(const plan::WindowCall& call) {
  return call.frame_start.type == FrameBoundType::kUnboundedPreceding &&
         call.frame_end.type == FrameBoundType::kCurrentRow;
}

// Every row of the partition: UNBOUNDED .. UNBOUNDED, or RANGE without ORDER BY (all peers).
bool WholeFrame(const plan::WindowCall& call) {
  return call.frame_start.type == FrameBoundType::kUnboundedPreceding &&
         (call.frame_end.type == FrameBoundType::kUnboundedFollowing ||
          (RunningFrame(call) && !call.rows_frame && call.order_by.empty()));
}

// A ROWS frame between two offsets from the current row (n PRECEDING, CURRENT ROW, n FOLLOWING).
bool SlidingFrame(const plan::WindowCall& call) {
  auto offset = [](const plan::FrameBound& b) {
    return b.type == FrameBoundType::kPreceding || b.type == FrameBoundType::kCurrentRow ||
           b.type == FrameBoundType::kFollowing;
  };
  return call.rows_frame && offset(call.frame_start) && offset(call.frame_end);
}

// A sliding frame's bound as rows from the current one (PRECEDING counts backwards; the binder
// makes the offset an INT constant).
int64_t RowsFrom(const plan::FrameBound& bound) {
  if (bound.type == FrameBoundType::kCurrentRow) return 0;
  const int64_t n = bound.offset->constant->data<int32_t>()[0];
  return bound.type == FrameBoundType::kPreceding ? -n : n;
}

bool IsFrameValue(const plan::WindowCall& call) {
  return call.kind == WindowFunctionKind::kFirstValue ||
         call.kind == WindowFunctionKind::kLastValue || call.kind == WindowFunctionKind::kNthValue;
}

// ROWS from the partition's first row to an offset from the current row (UNBOUNDED PRECEDING
// .. n PRECEDING or m FOLLOWING).
bool RunningToOffset(const plan::WindowCall& call) {
  return call.rows_frame && call.frame_start.type == FrameBoundType::kUnboundedPreceding &&
         (call.frame_end.type == FrameBoundType::kPreceding ||
          call.frame_end.type == FrameBoundType::kFollowing);
}

// The rows, as offsets from the current one, a call looks at one by one for each row (nullopt:
// it is computed otherwise): a sliding frame's, or the rows where last_value from the
// partition's start to an offset finds its frame's last row.
std::optional<std::pair<int64_t, int64_t>> VisitedRows(const plan::WindowCall& call) {
  if (SlidingFrame(call) && (call.kind == WindowFunctionKind::kAggregate || IsFrameValue(call)))
    return std::pair{RowsFrom(call.frame_start), RowsFrom(call.frame_end)};
  if (call.kind == WindowFunctionKind::kLastValue && !call.ignore_nulls && RunningToOffset(call))
    return std::pair{std::min<int64_t>(RowsFrom(call.frame_end), 0), RowsFrom(call.frame_end)};
  return std::nullopt;
}

// A call over the whole partition, computed by the first pass: an aggregate or a frame value.
bool IsWhole(const plan::WindowCall& call) {
  return WholeFrame(call) && (call.kind == WindowFunctionKind::kAggregate || IsFrameValue(call));
}

// The rows a call visits for each row are at most this many: wider frames would take too long.
constexpr int64_t kMaxVisitedRows = 1024;

bool CanStream(const plan::WindowCall& call) {
  if (call.aggregate.filter) return false;  // (the binder refuses FILTER in windows)
  if (auto rows = VisitedRows(call)) return rows->second - rows->first < kMaxVisitedRows;
  if (IsWhole(call)) return true;
  switch (call.kind) {
    case WindowFunctionKind::kRowNumber:
    case WindowFunctionKind::kRank:
    case WindowFunctionKind::kDenseRank:
    case WindowFunctionKind::kPercentRank:
    case WindowFunctionKind::kCumeDist:
    case WindowFunctionKind::kNtile:
      return true;
    case WindowFunctionKind::kLag:
    case WindowFunctionKind::kLead:
      return !call.ignore_nulls;
    case WindowFunctionKind::kAggregate:  // a running state
      return RunningFrame(call) || RunningToOffset(call);
    case WindowFunctionKind::kFirstValue:  // the partition's first row, once the frame has rows
      return !call.ignore_nulls && (RunningFrame(call) || RunningToOffset(call));
    case WindowFunctionKind::kLastValue:  // the current row, or its peer group's last
      return !call.ignore_nulls && RunningFrame(call);
    default:
      return false;
  }
}

bool NeedsPartitionSize(const plan::WindowCall& call) {
  return call.kind == WindowFunctionKind::kPercentRank ||
         call.kind == WindowFunctionKind::kCumeDist || call.kind == WindowFunctionKind::kNtile;
}

// Needs its peer group's last row: cume_dist, a RANGE running aggregate or last_value.
bool NeedsPeerEnd(const plan::WindowCall& call) {
  return call.kind == WindowFunctionKind::kCumeDist ||
         ((call.kind == WindowFunctionKind::kAggregate ||
           call.kind == WindowFunctionKind::kLastValue) &&
          !IsWhole(call) && !call.rows_frame);
}

// Numbers the partitions and peer groups of sorted rows, batch after batch: a row whose
// partition keys (the first `partition_keys` of its keys) differ from the row before starts a
// partition; one whose order keys differ, a peer group.
class GroupNumbering {
 public:
  explicit GroupNumbering(size_t partition_keys) : partition_keys_(partition_keys) {}

  void Number(std::vector<Vector> keys, size_t rows, std::vector<uint64_t>& partition,
              std::vector<uint64_t>& peer) {
    partition.resize(rows);
    peer.resize(rows);
    for (size_t r = 0; r < rows; ++r) {
      const std::vector<Vector>& before = r == 0 ? previous_ : keys;
      const size_t row_before = r == 0 ? previous_row_ : r - 1;
      if (!started_) {
        started_ = true;
      } else if (!SamePartition(before, row_before, keys, r)) {
        ++partition_;
        ++peer_;
      } else if (!SamePeers(before, row_before, keys, r)) {
        ++peer_;
      }
      partition[r] = partition_;
      peer[r] = peer_;
    }
    if (rows > 0) {
      previous_ = std::move(keys);
      previous_row_ = rows - 1;
    }
  }

 private:
  bool SamePartition(const std::vector<Vector>& a, size_t ra, const std::vector<Vector>& b,
                     size_t rb) const {
    for (size_t k = 0; k < partition_keys_; ++k)
      if (!vector::ValuesEqual(a[k], ra, b[k], rb)) return false;
    return true;
  }
  bool SamePeers(const std::vector<Vector>& a, size_t ra, const std::vector<Vector>& b,
                 size_t rb) const {
    for (size_t k = partition_keys_; k < a.size(); ++k)
      if (vector::CompareValues(a[k], ra, b[k], rb) != 0) return false;
    return true;
  }

  const size_t partition_keys_;
  std::vector<Vector> previous_;  // the keys of the last batch numbered
  size_t previous_row_ = 0;
  bool started_ = false;
  uint64_t partition_ = 0, peer_ = 0;
};

// A batch of sorted rows and what the calls need of it.
struct Block {
  std::vector<Vector> columns;            // the rows' (moved out when the block leaves)
  std::vector<std::vector<Vector>> args;  // [call][argument]
  std::vector<uint64_t> partition, peer;  // ordinals per row
  uint64_t first = 0;                     // the global index of its row 0
  size_t bytes = 0;
  size_t size() const { return partition.size(); }
};

class WindowStream {
 public:
  // `op`: calls of one PARTITION BY and ORDER BY, its output the input's columns and theirs;
  // output column i is column order[i] of those. `memory`: the window's.
  WindowStream(Executor& ex, memory::MemoryTracker& memory, const plan::LogicalOperator& op,
               std::vector<size_t> order, std::shared_ptr<const types::Schema> schema)
      : ex_(ex),
        op_(op),
        spec_(op.windows[0]),
        memory_(memory),
        eval_(ex, ex.context()),
        schema_(std::move(schema)),
        order_(std::move(order)),
        first_pass_held_(memory_),
        held_(memory_) {
    for (const plan::WindowCall& call : op.windows) {
      needs_sizes_ |= NeedsPartitionSize(call);
      needs_first_pass_ |= NeedsPartitionSize(call) || IsWhole(call);
      needs_peer_end_ |= NeedsPeerEnd(call);
    }
  }

  Status Run(BatchStore input, RowSpiller& output, BatchStore& out) {
    SLUICE_ASSIGN_OR_RAISE(BatchStore sorted, Sort(std::move(input)));
    SLUICE_RETURN_NOT_OK(PrepareCalls());
    HeldMemory sorted_held(memory_);  // its rows in memory, until the window returns
    SLUICE_RETURN_NOT_OK(sorted_held.Hold(sorted.memory_bytes()));
    if (needs_first_pass_) SLUICE_RETURN_NOT_OK(FirstPass(sorted));
    for (size_t i = 0; i < sorted.batch_count(); ++i) {
      SLUICE_RETURN_NOT_OK(ex_.context().CheckCancelled());
      SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, sorted.Take(i));
      if (batch.selection() != nullptr) {
        SLUICE_ASSIGN_OR_RAISE(batch, vector::Compact(batch));
      }
      SLUICE_RETURN_NOT_OK(Load(std::move(batch)));
      SLUICE_RETURN_NOT_OK(EmitReady(/*all=*/false, output, out));
    }
    return EmitReady(/*all=*/true, output, out);
  }

 private:
  // The rows sorted by the partition keys, then the order keys.
  Result<BatchStore> Sort(BatchStore input) {
    sort_.type = plan::OperatorType::kSort;
    sort_.output.assign(op_.output.begin(),
                        op_.output.end() - static_cast<ptrdiff_t>(op_.windows.size()));
    for (const plan::ExprPtr& k : spec_.partition_by) sort_.sort_keys.push_back({k, false, true});
    for (const plan::SortKey& k : spec_.order_by) sort_.sort_keys.push_back(k);
    if (sort_.sort_keys.empty()) return input;
    SLUICE_ASSIGN_OR_RAISE(BatchStore sorted, RunSort(ex_, sort_, std::move(input)));
    return sorted;
  }

  // Constant arguments (ntile's buckets, lag and lead's offsets) and running states.
  Status PrepareCalls() {
    for (const plan::WindowCall& call : op_.windows) {
      int64_t constant = 1;
      if ((call.kind == WindowFunctionKind::kNtile || call.kind == WindowFunctionKind::kLag ||
           call.kind == WindowFunctionKind::kLead || call.kind == WindowFunctionKind::kNthValue) &&
          call.aggregate.args.size() > (call.kind == WindowFunctionKind::kNtile ? 0 : 1)) {
        const size_t at = call.kind == WindowFunctionKind::kNtile ? 0 : 1;
        SLUICE_ASSIGN_OR_RAISE(Vector v, eval_.EvaluateConstant(*call.aggregate.args[at]));
        constant = v.data<int32_t>()[0];
      }
      constants_.push_back(constant);
      if (call.kind == WindowFunctionKind::kLag) lag_max_ = std::max(lag_max_, constant);
      if (call.kind == WindowFunctionKind::kLead) lead_max_ = std::max(lead_max_, constant);
      if (call.kind == WindowFunctionKind::kLag && constant < 0)
        lead_max_ = std::max(lead_max_, -constant);
      if (call.kind == WindowFunctionKind::kLead && constant < 0)
        lag_max_ = std::max(lag_max_, -constant);
      visited_.push_back(VisitedRows(call));
      if (visited_.back()) {
        // The rows it visits reach back and ahead as lag and lead do.
        lag_max_ = std::max(lag_max_, -visited_.back()->first);
        lead_max_ = std::max(lead_max_, visited_.back()->second);
      }
      // A running aggregate to an offset adds the rows up to there: ahead (m FOLLOWING) or
      // behind (n PRECEDING).
      if (call.kind == WindowFunctionKind::kAggregate && RunningToOffset(call)) {
        lead_max_ = std::max(lead_max_, RowsFrom(call.frame_end));
        lag_max_ = std::max(lag_max_, -RowsFrom(call.frame_end));
      }
      added_.push_back(0);
      running_.push_back(nullptr);
      whole_.emplace_back();
      SLUICE_ASSIGN_OR_RAISE(Vector first, Vector::Make(call.result_type, 1));
      first_values_.push_back(std::move(first));
    }
    SLUICE_ASSIGN_OR_RAISE(null_values_, NullValues());
    return Status::OK();
  }

  Result<std::vector<Vector>> NullValues() const {
    std::vector<Vector> out;
    for (const plan::WindowCall& call : op_.windows) {
      SLUICE_ASSIGN_OR_RAISE(Vector v, Vector::Make(call.result_type, 1));
      v.SetNull(0);
      out.push_back(std::move(v));
    }
    return out;
  }

  Result<std::vector<Vector>> EvaluateKeys(const vector::Batch& batch) {
    std::vector<Vector> keys;
    for (const plan::SortKey& k : sort_.sort_keys) {
      SLUICE_ASSIGN_OR_RAISE(Vector v, eval_.Evaluate(*k.expr, batch, batch.num_rows()));
      keys.push_back(std::move(v));
    }
    return keys;
  }

  Result<std::vector<Vector>> EvaluateArgs(const plan::WindowCall& call,
                                           const vector::Batch& batch) {
    std::vector<Vector> args;
    if (call.kind != WindowFunctionKind::kAggregate && call.kind != WindowFunctionKind::kLag &&
        call.kind != WindowFunctionKind::kLead && call.kind != WindowFunctionKind::kFirstValue &&
        call.kind != WindowFunctionKind::kLastValue && call.kind != WindowFunctionKind::kNthValue)
      return args;
    for (const plan::ExprPtr& a : call.aggregate.args) {
      SLUICE_ASSIGN_OR_RAISE(Vector v, eval_.Evaluate(*a, batch, batch.num_rows()));
      args.push_back(std::move(v));
    }
    return args;
  }

  // Adds the row unless a NULL argument leaves it out of the aggregate.
  void Add(const plan::WindowCall& call, functions::AggregateState& state,
           const std::vector<Vector>& args, size_t row) {
    pointers_.clear();
    for (const Vector& a : args) {
      if (call.aggregate.bound.skip_null_rows && a.IsNull(row)) return;
      pointers_.push_back(&a);
    }
    state.Update(pointers_, row);
  }

  // Counts each partition's rows and computes the whole-partition aggregates' and frame values'
  // values.
  Status FirstPass(const BatchStore& sorted) {
    GroupNumbering numbering(spec_.partition_by.size());
    const size_t calls = op_.windows.size();
    std::vector<std::unique_ptr<functions::AggregateState>> states(calls);
    // A frame value's: the value found (kept when its row passes), its row in the batch being
    // read, and the rows counted towards nth_value.
    std::vector<std::optional<Vector>> values(calls);
    std::vector<int64_t> found_row(calls, -1), counted(calls, 0);
    std::vector<std::vector<Vector>> args(calls);
    std::vector<uint64_t> partition, peer;
    HeldMemory& held = first_pass_held_;
    size_t bytes = 0;
    // Keeps the value found in the batch being read before its arguments go.
    auto keep_found = [&]() -> Status {
      for (size_t c = 0; c < calls; ++c) {
        if (found_row[c] < 0) continue;
        SLUICE_ASSIGN_OR_RAISE(values[c], Vector::Make(op_.windows[c].result_type, 1));
        SLUICE_RETURN_NOT_OK(
            vector::CopyRow(args[c][0], static_cast<size_t>(found_row[c]), *values[c], 0));
        found_row[c] = -1;
      }
      return Status::OK();
    };
    auto finish_partition = [&]() -> Status {
      SLUICE_RETURN_NOT_OK(keep_found());
      for (size_t c = 0; c < calls; ++c) {
        if (!IsWhole(op_.windows[c])) continue;
        std::vector<Vector>& chunks = whole_[c];
        const size_t p = sizes_.size() - 1, at = p % vector::kVectorSize;
        if (at == 0) {
          SLUICE_ASSIGN_OR_RAISE(Vector v, Vector::Make(op_.windows[c].result_type));
          chunks.push_back(std::move(v));
          bytes += chunks.back().memory_bytes();
        }
        if (states[c]) {
          SLUICE_RETURN_NOT_OK(states[c]->Finalize(ex_.context(), chunks.back(), at));
        } else {
          SLUICE_RETURN_NOT_OK(
              vector::CopyRow(values[c] ? *values[c] : null_values_[c], 0, chunks.back(), at));
        }
      }
      bytes += sizeof(uint64_t);
      return held.Hold(bytes);
    };
    for (size_t i = 0; i < sorted.batch_count(); ++i) {
      SLUICE_RETURN_NOT_OK(ex_.context().CheckCancelled());
      SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, sorted.Read(i));
      if (batch.selection() != nullptr) {
        SLUICE_ASSIGN_OR_RAISE(batch, vector::Compact(batch));
      }
      SLUICE_ASSIGN_OR_RAISE(std::vector<Vector> keys, EvaluateKeys(batch));
      numbering.Number(std::move(keys), batch.num_rows(), partition, peer);
      SLUICE_RETURN_NOT_OK(keep_found());
      for (size_t c = 0; c < calls; ++c)
        if (IsWhole(op_.windows[c])) {
          SLUICE_ASSIGN_OR_RAISE(args[c], EvaluateArgs(op_.windows[c], batch));
        }
      for (size_t r = 0; r < batch.num_rows(); ++r) {
        if (partition[r] == sizes_.size()) {
          if (!sizes_.empty()) SLUICE_RETURN_NOT_OK(finish_partition());
          sizes_.push_back(0);
          for (size_t c = 0; c < calls; ++c) {
            const plan::WindowCall& call = op_.windows[c];
            if (!IsWhole(call)) continue;
            if (call.kind == WindowFunctionKind::kAggregate)
              states[c] = call.aggregate.bound.make_state();
            values[c].reset();
            counted[c] = 0;
          }
        }
        ++sizes_.back();
        for (size_t c = 0; c < calls; ++c) {
          const plan::WindowCall& call = op_.windows[c];
          if (states[c]) {
            Add(call, *states[c], args[c], r);
          } else if (IsWhole(call) && !(call.ignore_nulls && args[c][0].IsNull(r))) {
            // first_value is nth_value(x, 1); last_value takes every row in turn.
            const int64_t nth = call.kind == WindowFunctionKind::kNthValue ? constants_[c] : 1;
            if (call.kind == WindowFunctionKind::kLastValue || ++counted[c] == nth)
              found_row[c] = static_cast<int64_t>(r);
          }
        }
      }
    }
    if (!sizes_.empty()) SLUICE_RETURN_NOT_OK(finish_partition());
    return Status::OK();
  }

  Status Load(vector::Batch batch) {
    Block block;
    block.first = loaded_;
    SLUICE_ASSIGN_OR_RAISE(std::vector<Vector> keys, EvaluateKeys(batch));
    numbering_.Number(std::move(keys), batch.num_rows(), block.partition, block.peer);
    block.bytes = MemoryBytes(batch) + block.size() * 2 * sizeof(uint64_t);
    for (const plan::WindowCall& call : op_.windows) {
      SLUICE_ASSIGN_OR_RAISE(std::vector<Vector> args, EvaluateArgs(call, batch));
      for (const Vector& a : args) block.bytes += a.memory_bytes();
      block.args.push_back(std::move(args));
    }
    for (size_t c = 0; c < batch.num_columns(); ++c)
      block.columns.push_back(std::move(batch.column(c)));
    loaded_ += block.size();
    if (block.size() == 0) return Status::OK();
    buffered_bytes_ += block.bytes;
    blocks_.push_back(std::move(block));
    return held_.Hold(buffered_bytes_);
  }

  // Computes and hands on the blocks whose rows have all they need (all: the input is read).
  Status EmitReady(bool all, RowSpiller& output, BatchStore& out) {
    while (emitted_ < blocks_.size()) {
      const Block& b = blocks_[emitted_];
      const uint64_t last = b.first + b.size() - 1;
      if (!all && (loaded_ <= last + static_cast<uint64_t>(lead_max_) ||
                   (needs_peer_end_ && blocks_.back().peer.back() == b.peer.back())))
        return Status::OK();
      SLUICE_RETURN_NOT_OK(ex_.context().CheckCancelled());
      SLUICE_ASSIGN_OR_RAISE(vector::Batch result, Compute(blocks_[emitted_]));
      SLUICE_RETURN_NOT_OK(output.Add(std::move(result), out));
      next_ = last + 1;
      ++emitted_;
      // Blocks lag can no longer reach go.
      while (emitted_ > 0 &&
             blocks_.front().first + blocks_.front().size() + static_cast<uint64_t>(lag_max_) <=
                 next_) {
        buffered_bytes_ -= blocks_.front().bytes;
        blocks_.pop_front();
        --emitted_;
      }
    }
    return Status::OK();
  }

  // The index of the block holding global row `g` (loaded, not dropped).
  size_t BlockOf(uint64_t g) const {
    SLUICE_CHECK(!blocks_.empty() && g >= blocks_.front().first);  // not dropped
    auto it = std::upper_bound(blocks_.begin(), blocks_.end(), g,
                               [](uint64_t x, const Block& b) { return x < b.first; });
    return static_cast<size_t>(it - blocks_.begin()) - 1;
  }
  std::pair<const Block*, size_t> Locate(uint64_t g) const {
    const Block& b = blocks_[BlockOf(g)];
    return {&b, static_cast<size_t>(g - b.first)};
  }

  // The global index past the last row of row `g`'s peer group (within what is loaded; peer
  // ordinals ascend).
  uint64_t PeerEnd(uint64_t g) const {
    size_t i = BlockOf(g);
    const uint64_t peer = blocks_[i].peer[g - blocks_[i].first];
    for (; i < blocks_.size(); ++i) {
      const Block& b = blocks_[i];
      const auto from = b.peer.begin() + static_cast<ptrdiff_t>(g > b.first ? g - b.first : 0);
      const auto end = std::upper_bound(from, b.peer.end(), peer);
      if (end != b.peer.end()) return b.first + static_cast<uint64_t>(end - b.peer.begin());
    }
    return loaded_;
  }

  // Call c's value at row `r` of `out` for global row g from the rows it visits: those of g's
  // partition from g + visited_[c]->first to g + visited_[c]->second (loaded, as their reach is
  // lag's and lead's).
  Status ComputeVisited(size_t c, uint64_t g, Vector& out, size_t r) {
    const plan::WindowCall& call = op_.windows[c];
    const int64_t from = std::max(static_cast<int64_t>(g) + visited_[c]->first,
                                  static_cast<int64_t>(partition_begin_));
    const int64_t to =
        std::min(static_cast<int64_t>(g) + visited_[c]->second, static_cast<int64_t>(loaded_) - 1);
    frame_rows_.clear();
    for (int64_t t = from; t <= to; ++t) {
      auto [block, row] = Locate(static_cast<uint64_t>(t));
      if (block->partition[row] != partition_) break;
      frame_rows_.push_back({block, row});
    }
    if (call.kind == WindowFunctionKind::kAggregate) {
      std::unique_ptr<functions::AggregateState> state = call.aggregate.bound.make_state();
      for (const auto& [block, row] : frame_rows_) Add(call, *state, block->args[c], row);
      return state->Finalize(ex_.context(), out, r);
    }
    // first_value is nth_value(x, 1); last_value counts from the frame's end.
    const bool last = call.kind == WindowFunctionKind::kLastValue;
    int64_t nth = call.kind == WindowFunctionKind::kNthValue ? constants_[c] : 1;
    for (size_t i = 0; i < frame_rows_.size(); ++i) {
      const auto& [block, row] = frame_rows_[last ? frame_rows_.size() - 1 - i : i];
      if (call.ignore_nulls && block->args[c][0].IsNull(row)) continue;
      if (--nth == 0) return vector::CopyRow(block->args[c][0], row, out, r);
    }
    return vector::CopyRow(null_values_[c], 0, out, r);
  }

  Result<vector::Batch> Compute(Block& b) {
    const size_t n = b.size();
    std::vector<Vector> results;
    for (const plan::WindowCall& call : op_.windows) {
      SLUICE_ASSIGN_OR_RAISE(Vector v, Vector::Make(call.result_type, n));
      results.push_back(std::move(v));
    }
    for (size_t r = 0; r < n; ++r) {
      const uint64_t g = b.first + r;
      const bool new_partition = g == 0 || b.partition[r] != partition_;
      if (new_partition) {
        partition_ = b.partition[r];
        partition_begin_ = g;
        dense_ = 0;
        for (size_t c = 0; c < op_.windows.size(); ++c) {
          const plan::WindowCall& call = op_.windows[c];
          if (visited_[c] || IsWhole(call)) continue;
          if (call.kind == WindowFunctionKind::kAggregate) {
            running_[c] = call.aggregate.bound.make_state();
            added_[c] = g;
          }
          if (call.kind == WindowFunctionKind::kFirstValue) {
            SLUICE_ASSIGN_OR_RAISE(first_values_[c], Vector::Make(call.result_type, 1));
            SLUICE_RETURN_NOT_OK(vector::CopyRow(b.args[c][0], r, first_values_[c], 0));
          }
        }
      }
      const bool new_peer = new_partition || b.peer[r] != peer_;
      if (new_peer) {
        peer_ = b.peer[r];
        peer_begin_ = g;
        ++dense_;
        if (needs_peer_end_) peer_end_ = PeerEnd(g);
      }
      const int64_t index = static_cast<int64_t>(g - partition_begin_);
      const int64_t rank = static_cast<int64_t>(peer_begin_ - partition_begin_) + 1;
      const int64_t size = needs_sizes_ ? static_cast<int64_t>(sizes_[partition_]) : 0;
      for (size_t c = 0; c < op_.windows.size(); ++c) {
        const plan::WindowCall& call = op_.windows[c];
        Vector& out = results[c];
        if (visited_[c]) {
          SLUICE_RETURN_NOT_OK(ComputeVisited(c, g, out, r));
          continue;
        }
        if (IsWhole(call)) {
          SLUICE_RETURN_NOT_OK(vector::CopyRow(whole_[c][partition_ / vector::kVectorSize],
                                               partition_ % vector::kVectorSize, out, r));
          continue;
        }
        switch (call.kind) {
          case WindowFunctionKind::kRowNumber:
            functions::Set<int32_t>(out, r, static_cast<int32_t>(index + 1));
            break;
          case WindowFunctionKind::kRank:
            functions::Set<int32_t>(out, r, static_cast<int32_t>(rank));
            break;
          case WindowFunctionKind::kDenseRank:
            functions::Set<int32_t>(out, r, static_cast<int32_t>(dense_));
            break;
          case WindowFunctionKind::kPercentRank:
            functions::Set<double>(
                out, r,
                size <= 1 ? 0.0 : static_cast<double>(rank - 1) / static_cast<double>(size - 1));
            break;
          case WindowFunctionKind::kCumeDist:
            functions::Set<double>(
                out, r,
                static_cast<double>(peer_end_ - partition_begin_) / static_cast<double>(size));
            break;
          case WindowFunctionKind::kNtile: {
            // The first size % buckets buckets hold one row more than the others.
            const int64_t buckets = constants_[c];
            const int64_t each = size / buckets, bigger = size % buckets;
            const int64_t in_bigger = bigger * (each + 1);
            const int64_t bucket =
                index < in_bigger ? index / (each + 1) : bigger + (index - in_bigger) / each;
            functions::Set<int32_t>(out, r, static_cast<int32_t>(bucket + 1));
            break;
          }
          case WindowFunctionKind::kLag:
          case WindowFunctionKind::kLead: {
            const int64_t offset =
                call.kind == WindowFunctionKind::kLead ? constants_[c] : -constants_[c];
            const int64_t t = static_cast<int64_t>(g) + offset;
            if (t >= static_cast<int64_t>(partition_begin_) && t < static_cast<int64_t>(loaded_)) {
              auto [block, row] = Locate(static_cast<uint64_t>(t));
              if (block->partition[row] == partition_) {
                SLUICE_RETURN_NOT_OK(vector::CopyRow(block->args[c][0], row, out, r));
                break;
              }
            }
            if (b.args[c].size() > 2)
              SLUICE_RETURN_NOT_OK(vector::CopyRow(b.args[c][2], r, out, r));
            else
              SLUICE_RETURN_NOT_OK(vector::CopyRow(null_values_[c], 0, out, r));
            break;
          }
          case WindowFunctionKind::kFirstValue: {
            // A frame ending n PRECEDING holds no row for the partition's first n rows.
            const bool empty =
                RunningToOffset(call) && static_cast<int64_t>(g) + RowsFrom(call.frame_end) <
                                             static_cast<int64_t>(partition_begin_);
            SLUICE_RETURN_NOT_OK(
                vector::CopyRow(empty ? null_values_[c] : first_values_[c], 0, out, r));
            break;
          }
          case WindowFunctionKind::kLastValue:
            if (call.rows_frame) {
              SLUICE_RETURN_NOT_OK(vector::CopyRow(b.args[c][0], r, out, r));
            } else {
              auto [block, row] = Locate(peer_end_ - 1);
              SLUICE_RETURN_NOT_OK(vector::CopyRow(block->args[c][0], row, out, r));
            }
            break;
          case WindowFunctionKind::kAggregate:
            if (RunningToOffset(call)) {
              // Adds the rows of the partition up to g + m (m < 0: PRECEDING).
              const int64_t until = static_cast<int64_t>(g) + RowsFrom(call.frame_end);
              for (; static_cast<int64_t>(added_[c]) <= until && added_[c] < loaded_; ++added_[c]) {
                auto [block, row] = Locate(added_[c]);
                if (block->partition[row] != partition_) break;
                Add(call, *running_[c], block->args[c], row);
              }
            } else if (call.rows_frame) {
              Add(call, *running_[c], b.args[c], r);
            } else if (new_peer) {
              for (uint64_t p = g; p < peer_end_; ++p) {
                auto [block, row] = Locate(p);
                Add(call, *running_[c], block->args[c], row);
              }
            }
            SLUICE_RETURN_NOT_OK(running_[c]->Finalize(ex_.context(), out, r));
            break;
          default:
            return Status::Internal("a window function the stream cannot compute");
        }
      }
    }
    std::vector<Vector> made = std::move(b.columns);
    for (Vector& v : results) made.push_back(std::move(v));
    std::vector<Vector> columns;
    for (size_t i : order_) columns.push_back(std::move(made[i]));
    return vector::Batch::FromColumns(schema_, std::move(columns), n);
  }

  Executor& ex_;
  const plan::LogicalOperator& op_;
  const plan::WindowCall& spec_;  // the PARTITION BY and ORDER BY every call shares
  memory::MemoryTracker& memory_;
  ExpressionEvaluator eval_;
  const std::shared_ptr<const types::Schema> schema_;
  const std::vector<size_t> order_;
  plan::LogicalOperator sort_;  // the sort of the rows by partition and order keys
  bool needs_sizes_ = false, needs_first_pass_ = false, needs_peer_end_ = false;

  // Per call.
  std::vector<int64_t> constants_;
  std::vector<Vector> null_values_;
  std::vector<std::unique_ptr<functions::AggregateState>> running_;
  std::vector<Vector> first_values_;  // first_value: the partition's first row
  std::vector<std::optional<std::pair<int64_t, int64_t>>> visited_;  // VisitedRows
  std::vector<uint64_t> added_;  // a running aggregate to an offset: rows added up to here
  std::vector<std::pair<const Block*, size_t>> frame_rows_;  // ComputeVisited's
  std::vector<std::vector<Vector>> whole_;  // [call][partition / kVectorSize]: first pass

  std::vector<const Vector*> pointers_;  // Add's arguments
  std::vector<uint64_t> sizes_;          // rows per partition ordinal: first pass
  HeldMemory first_pass_held_;           // the first pass's sizes and values
  int64_t lag_max_ = 0, lead_max_ = 0;

  GroupNumbering numbering_{spec_.partition_by.size()};
  std::deque<Block> blocks_;  // loaded: those before `emitted_` have left
  size_t emitted_ = 0, buffered_bytes_ = 0;
  HeldMemory held_;  // the blocks
  uint64_t loaded_ = 0, next_ = 0;
  // The current row's partition and peer group.
  uint64_t partition_ = 0, peer_ = 0, partition_begin_ = 0, peer_begin_ = 0, peer_end_ = 0;
  int64_t dense_ = 0;
};

}  // namespace

bool CanStreamWindow(const plan::LogicalOperator& op) {
  return std::all_of(op.windows.begin(), op.windows.end(), CanStream);
}

namespace {

// `e` reading call k's result from column `input_columns + column_of[k]` (where a pass put it).
plan::ExprPtr MoveResultColumns(const plan::ExprPtr& e, size_t input_columns,
                                const std::vector<size_t>& column_of) {
  if (!e || ResultsRead(*e, input_columns) == 0) return e;
  auto copy = std::make_shared<plan::Expression>(*e);
  if (copy->type == plan::ExprType::kColumn && copy->column_index >= input_columns)
    copy->column_index = input_columns + column_of[copy->column_index - input_columns];
  for (plan::ExprPtr& c : copy->children) c = MoveResultColumns(c, input_columns, column_of);
  return copy;
}

// `call` reading the results of earlier calls where the passes put them.
plan::WindowCall WithResultsMoved(plan::WindowCall call, size_t input_columns,
                                  const std::vector<size_t>& column_of) {
  auto move = [&](plan::ExprPtr& e) { e = MoveResultColumns(e, input_columns, column_of); };
  for (plan::ExprPtr& a : call.aggregate.args) move(a);
  move(call.aggregate.filter);
  for (plan::ExprPtr& p : call.partition_by) move(p);
  for (plan::SortKey& k : call.order_by) move(k.expr);
  return call;
}

}  // namespace

// One pass per PARTITION BY and ORDER BY (in order of first appearance), each adding its
// calls' columns after the columns so far; the last puts the columns in the window's order. A
// call that reads other calls' results (a fused Window) goes in a pass after theirs.
Status RunWindowStream(Executor& ex, const plan::LogicalOperator& op, BatchStore input,
                       RowSpiller& output, BatchStore& out) {
  memory::MemoryTracker& memory = ex.OperatorMemory(op);
  const size_t input_columns = op.output.size() - op.windows.size();
  std::vector<bool> done(op.windows.size(), false);
  std::vector<size_t> made;  // the windows' calls in the order their columns are made
  std::vector<size_t> column_of(op.windows.size());  // [call]: its place in `made`
  plan::LogicalOperator pass;
  pass.type = plan::OperatorType::kWindow;
  pass.output.assign(op.output.begin(), op.output.begin() + static_cast<ptrdiff_t>(input_columns));
  for (size_t i = 0; i < op.windows.size(); ++i) {
    if (done[i]) continue;
    pass.windows.clear();
    const std::vector<bool> before = done;  // a pass's calls read only earlier passes' columns
    for (size_t j = i; j < op.windows.size(); ++j) {
      if (done[j] || !ResultsReady(op.windows[j], input_columns, before) ||
          !SameWindowSpec(op.windows[i], op.windows[j]))
        continue;
      pass.windows.push_back(WithResultsMoved(op.windows[j], input_columns, column_of));
      pass.output.push_back(op.output[input_columns + j]);
      column_of[j] = made.size();
      made.push_back(j);
      done[j] = true;
    }
    const bool last = made.size() == op.windows.size();
    std::vector<size_t> order(pass.output.size());
    for (size_t c = 0; c < order.size(); ++c) order[c] = c;
    if (last)
      for (size_t k = 0; k < made.size(); ++k) order[input_columns + made[k]] = input_columns + k;
    WindowStream stream(ex, memory, pass, std::move(order),
                        std::make_shared<const types::Schema>(last ? op.output : pass.output));
    if (last) return stream.Run(std::move(input), output, out);
    RowSpiller pass_output(memory, ex.temp_directory(), SpillBudget(memory));
    BatchStore rows;
    SLUICE_RETURN_NOT_OK(stream.Run(std::move(input), pass_output, rows));
    SLUICE_RETURN_NOT_OK(pass_output.Finish());
    ex.RecordSpill(op, pass_output.spilled_bytes());
    input = std::move(rows);
  }
  return Status::Internal("a window without calls");
}

Result<BatchStore> RunWindowStream(Executor& ex, const plan::LogicalOperator& op,
                                   BatchStore input) {
  memory::MemoryTracker& memory = ex.OperatorMemory(op);
  RowSpiller output(memory, ex.temp_directory(), SpillBudget(memory));
  BatchStore out;
  SLUICE_RETURN_NOT_OK(RunWindowStream(ex, op, std::move(input), output, out));
  SLUICE_RETURN_NOT_OK(output.Finish());
  ex.RecordSpill(op, output.spilled_bytes());
  return out;
}

}  // namespace sluice::exec
