#include "functions/string_extreme_states.h"

#include <string>
#include <string_view>
#include <vector>

namespace sluice::functions {

namespace {

class StringExtremeStates : public AggregateStates {
 public:
  explicit StringExtremeStates(bool max) : max_(max) {}
  void Resize(size_t groups) override {
    values_.resize(groups);
    has_value_.resize(groups, 0);
    size_ = groups;
  }
  void Update(const std::vector<const vector::Vector*>& args, const uint32_t* groups,
              const uint32_t* rows, size_t count) override {
    const vector::StringRef* in = args[0]->data<vector::StringRef>();
    for (size_t i = 0; i < count; ++i) {
      const size_t r = rows ? rows[i] : i;
      Offer(groups[r], in[r].view());
    }
  }
  void Merge(const AggregateStates& other, const uint32_t* from, const uint32_t* to,
             size_t count) override {
    const auto& theirs = static_cast<const StringExtremeStates&>(other);
    for (size_t i = 0; i < count; ++i)
      if (theirs.has_value_[from[i]]) Offer(to[i], theirs.values_[from[i]]);
  }
  Status Finalize(const FunctionContext&, size_t first, size_t count,
                  vector::Vector& out) const override {
    vector::StringRef* refs = out.data<vector::StringRef>();
    for (size_t i = 0; i < count; ++i) {
      if (has_value_[first + i])
        refs[i] = out.heap().Add(values_[first + i]);
      else
        out.SetNull(i);
    }
    return Status::OK();
  }
  size_t memory_bytes() const override {
    return values_.capacity() * sizeof(std::string) + has_value_.capacity() + outside_bytes_;
  }
  size_t group_bytes() const override { return sizeof(std::string) + 1; }

 private:
  // Keeps `value` for group g when it is the first or beats the one kept.
  void Offer(uint32_t g, std::string_view value) {
    std::string& kept = values_[g];
    if (has_value_[g]) {
      const int c = value.compare(kept);
      if (max_ ? c <= 0 : c >= 0) return;
    }
    outside_bytes_ -= OutsideBytes(kept);
    kept.assign(value);
    outside_bytes_ += OutsideBytes(kept);
    has_value_[g] = 1;
  }
  // The bytes a string holds beyond its own object (none while short enough to be inline).
  static size_t OutsideBytes(const std::string& s) {
    return s.capacity() > std::string().capacity() ? s.capacity() + 1 : 0;
  }

  const bool max_;
  std::vector<std::string> values_;
  std::vector<uint8_t> has_value_;
  size_t outside_bytes_ = 0;
};

}  // namespace

std::unique_ptr<AggregateStates> MakeStringExtremeStates(bool max) {
  return std::make_unique<StringExtremeStates>(max);
}

}  // namespace sluice::functions
