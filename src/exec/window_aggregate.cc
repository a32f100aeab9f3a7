// Aggregates over frames. Both frame bounds only move forward, so the frame is a queue of
// rows, kept as two stacks of aggregate states (states can be merged but not shrunk): the
// back is one state that rows are added to; the front holds, for each of its rows, the state
// of that row and every later front row. When a row leaves an empty front, the back's rows
// become the front (one new state per row). Each row is added at most twice, and a frame's
// value is one front state merged with the back: O(n) updates and merges per partition.
// Running frames (UNBOUNDED PRECEDING ..) never leave the back: no merges at all.
#include <memory>

#include "exec/window_frame.h"

namespace sluice::exec {

using functions::AggregateState;
using vector::Vector;

namespace {

class FrameQueue {
 public:
  FrameQueue(const plan::AggregateCall& call, const WindowLayout& layout,
             const WindowCallValues& values)
      : call_(call), layout_(layout) {
    for (const Vector& a : values.args) args_.push_back(&a);
  }

  size_t begin() const { return begin_; }
  size_t end() const { return end_; }

  // An empty queue starting at position `at`.
  void Reset(size_t at) {
    begin_ = end_ = front_begin_ = front_end_ = at;
    front_.clear();
    back_ = call_.bound.make_state();
  }
  void PushBack() { Add(*back_, end_++); }
  void PopFront() {
    if (begin_ == front_end_) {
      // The back's rows become the front, each with the state of itself and what follows.
      front_begin_ = begin_;
      front_end_ = end_;
      front_.resize(end_ - begin_);
      for (size_t pos = end_; pos-- > begin_;) {
        std::unique_ptr<AggregateState> state = call_.bound.make_state();
        Add(*state, pos);
        if (pos + 1 < end_) state->Merge(*front_[pos + 1 - front_begin_]);
        front_[pos - front_begin_] = std::move(state);
      }
      back_ = call_.bound.make_state();
    }
    front_[begin_ - front_begin_].reset();
    ++begin_;
  }

  Status Finalize(const functions::FunctionContext& ctx, Vector& out, size_t row) const {
    const bool has_front = begin_ < front_end_, has_back = front_end_ < end_;
    if (has_front && has_back) {
      std::unique_ptr<AggregateState> state = call_.bound.make_state();
      state->Merge(*front_[begin_ - front_begin_]);
      state->Merge(*back_);
      return state->Finalize(ctx, out, row);
    }
    if (has_front) return front_[begin_ - front_begin_]->Finalize(ctx, out, row);
    return back_->Finalize(ctx, out, row);  // the back, or an empty frame's empty state
  }

 private:
  // Adds the row at `pos` unless a NULL argument leaves it out.
  void Add(AggregateState& state, size_t pos) const {
    const uint32_t row = layout_.rows[pos];
    if (call_.bound.skip_null_rows)
      for (const Vector* a : args_)
        if (a->IsNull(row)) return;
    state.Update(args_, row);
  }

  const plan::AggregateCall& call_;
  const WindowLayout& layout_;
  std::vector<const Vector*> args_;
  size_t begin_ = 0, end_ = 0;
  // front_[i] covers positions [front_begin_ + i, front_end_); the back [front_end_, end_).
  size_t front_begin_ = 0, front_end_ = 0;
  std::vector<std::unique_ptr<AggregateState>> front_;
  std::unique_ptr<AggregateState> back_;
};

}  // namespace

Status ComputeWindowAggregate(const functions::FunctionContext& ctx, const plan::WindowCall& call,
                              const WindowLayout& layout, const WindowCallValues& values,
                              Vector& out) {
  FrameQueue queue(call.aggregate, layout, values);
  std::vector<size_t> frame_start, frame_end;
  for (const auto& [begin, end] : layout.partitions) {
    ComputeFrames(call, layout, values, begin, end, frame_start, frame_end);
    queue.Reset(begin);
    for (size_t pos = begin; pos < end; ++pos) {
      const size_t s = frame_start[pos], e = frame_end[pos];
      if (s > queue.end()) queue.Reset(s);
      while (queue.end() < e) queue.PushBack();
      while (queue.begin() < s) queue.PopFront();
      SLUICE_RETURN_NOT_OK(queue.Finalize(ctx, out, layout.rows[pos]));
    }
  }
  return Status::OK();
}

}  // namespace sluice::exec
