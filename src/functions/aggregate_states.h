// AggregateStates: one aggregate's states for every group of a hash aggregate, indexed by
// group id. The common fixed-width aggregates (count, sum, avg, min, max) describe their
// state as an Ops type (below) and keep the states in one array, updated for a batch by one
// loop with no object, allocation or virtual call per group; the others keep an
// AggregateState object per group. The same Ops also makes the AggregateState that window
// frames use, so each aggregate's rules are written once.
// Not thread-safe; each belongs to one table.
#pragma once

#include <cstdint>
#include <memory>
#include <type_traits>
#include <vector>

#include "functions/aggregate_function.h"

namespace sluice::functions {

class AggregateStates {
 public:
  virtual ~AggregateStates() = default;
  size_t size() const { return size_; }
  // Adds empty states up to `groups`.
  virtual void Resize(size_t groups) = 0;
  // For each i < count, row r = rows[i] (or i when `rows` is null) of `args` into group
  // groups[r].
  virtual void Update(const std::vector<const vector::Vector*>& args, const uint32_t* groups,
                      const uint32_t* rows, size_t count) = 0;
  // Merges other's group from[i] into group to[i] for each i < count (`other` is made from
  // the same binding).
  virtual void Merge(const AggregateStates& other, const uint32_t* from, const uint32_t* to,
                     size_t count) = 0;
  // The results of groups [first, first + count) at rows [0, count) of `out`.
  virtual Status Finalize(const FunctionContext& ctx, size_t first, size_t count,
                          vector::Vector& out) const = 0;
  virtual size_t memory_bytes() const = 0;
  // What one more group's state costs (before it sees rows).
  virtual size_t group_bytes() const = 0;

 protected:
  size_t size_ = 0;
};

// The states for `bound`: its array states, or one of its objects per group.
std::unique_ptr<AggregateStates> MakeAggregateStates(const BoundAggregate& bound);

// An Ops type says how one aggregate keeps a fixed-width state:
//   using State = ...;   // trivially copyable; State{} is the empty state
//   using Input = T;     // the argument's C++ type (read as data<T>()), or void if unread
//   void Update(State&, Input) const;   // Update(State&) when Input is void
//   void Merge(State&, const State&) const;
//   Status Finalize(const FunctionContext&, const State&, vector::Vector& out, size_t row) const;
template <typename Ops>
class ArrayStates : public AggregateStates {
 public:
  explicit ArrayStates(Ops ops) : ops_(std::move(ops)) {}
  void Resize(size_t groups) override {
    states_.resize(groups);
    size_ = groups;
  }
  void Update(const std::vector<const vector::Vector*>& args, const uint32_t* groups,
              const uint32_t* rows, size_t count) override {
    using Input = typename Ops::Input;
    typename Ops::State* states = states_.data();
    if constexpr (std::is_void_v<Input>) {
      for (size_t i = 0; i < count; ++i) ops_.Update(states[groups[rows ? rows[i] : i]]);
    } else {
      const Input* in = args[0]->data<Input>();
      if (rows) {
        for (size_t i = 0; i < count; ++i) ops_.Update(states[groups[rows[i]]], in[rows[i]]);
      } else {
        for (size_t r = 0; r < count; ++r) ops_.Update(states[groups[r]], in[r]);
      }
    }
  }
  void Merge(const AggregateStates& other, const uint32_t* from, const uint32_t* to,
             size_t count) override {
    const auto& theirs = static_cast<const ArrayStates&>(other).states_;
    for (size_t i = 0; i < count; ++i) ops_.Merge(states_[to[i]], theirs[from[i]]);
  }
  Status Finalize(const FunctionContext& ctx, size_t first, size_t count,
                  vector::Vector& out) const override {
    for (size_t i = 0; i < count; ++i)
      SLUICE_RETURN_NOT_OK(ops_.Finalize(ctx, states_[first + i], out, i));
    return Status::OK();
  }
  size_t memory_bytes() const override { return states_.capacity() * sizeof(typename Ops::State); }
  size_t group_bytes() const override { return sizeof(typename Ops::State); }

 private:
  Ops ops_;
  std::vector<typename Ops::State> states_;
};

// One Ops state as an AggregateState (window frames, and states merged one at a time).
template <typename Ops>
class OpsState : public AggregateState {
 public:
  explicit OpsState(Ops ops) : ops_(std::move(ops)) {}
  void Update(const std::vector<const vector::Vector*>& args, size_t row) override {
    if constexpr (std::is_void_v<typename Ops::Input>) {
      ops_.Update(state_);
    } else {
      ops_.Update(state_, args[0]->data<typename Ops::Input>()[row]);
    }
  }
  void Merge(const AggregateState& other) override {
    ops_.Merge(state_, static_cast<const OpsState&>(other).state_);
  }
  Status Finalize(const FunctionContext& ctx, vector::Vector& out, size_t row) const override {
    return ops_.Finalize(ctx, state_, out, row);
  }

 private:
  Ops ops_;
  typename Ops::State state_{};
};

// Sets both of `b`'s state makers from `ops`.
template <typename Ops>
void SetStateOps(BoundAggregate& b, Ops ops) {
  b.make_state = [ops] { return std::make_unique<OpsState<Ops>>(ops); };
  b.make_states = [ops] { return std::make_unique<ArrayStates<Ops>>(ops); };
}

}  // namespace sluice::functions
