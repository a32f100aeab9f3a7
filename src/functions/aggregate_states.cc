#include "functions/aggregate_states.h"

namespace sluice::functions {

namespace {

// An AggregateState object per group (aggregates without array states).
class ObjectStates : public AggregateStates {
 public:
  explicit ObjectStates(const BoundAggregate& bound) : make_state_(bound.make_state) {}
  void Resize(size_t groups) override {
    while (states_.size() < groups) states_.push_back(make_state_());
    size_ = groups;
  }
  void Update(const std::vector<const vector::Vector*>& args, const uint32_t* groups,
              const uint32_t* rows, size_t count) override {
    for (size_t i = 0; i < count; ++i) {
      const size_t r = rows ? rows[i] : i;
      states_[groups[r]]->Update(args, r);
    }
  }
  void Merge(const AggregateStates& other, const uint32_t* from, const uint32_t* to,
             size_t count) override {
    const auto& theirs = static_cast<const ObjectStates&>(other).states_;
    for (size_t i = 0; i < count; ++i) states_[to[i]]->Merge(*theirs[from[i]]);
  }
  Status Finalize(const FunctionContext& ctx, size_t first, size_t count,
                  vector::Vector& out) const override {
    for (size_t i = 0; i < count; ++i)
      SLUICE_RETURN_NOT_OK(states_[first + i]->Finalize(ctx, out, i));
    return Status::OK();
  }
  // Each state estimated: an object with a one-row Vector or a small index (min/max of a
  // string, collect_set) costs about 400-700 bytes (measured with the process's resident
  // memory); what a collect_list or percentile state gathers beyond that is not counted.
  size_t memory_bytes() const override {
    return states_.capacity() * sizeof(states_[0]) + states_.size() * kStateBytes;
  }
  size_t group_bytes() const override { return sizeof(states_[0]) + kStateBytes; }

 private:
  static constexpr size_t kStateBytes = 512;
  std::function<std::unique_ptr<AggregateState>()> make_state_;
  std::vector<std::unique_ptr<AggregateState>> states_;
};

}  // namespace

std::unique_ptr<AggregateStates> MakeAggregateStates(const BoundAggregate& bound) {
  if (bound.make_states) return bound.make_states();
  return std::make_unique<ObjectStates>(bound);
}

}  // namespace sluice::functions
