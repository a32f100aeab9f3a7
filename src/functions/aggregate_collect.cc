// Aggregates that gather values: collect_list (array_agg) keeps every non-NULL value in
// arrival order, collect_set the distinct ones in order of first arrival, and mode the most
// frequent value (the least of those on a tie, so the answer does not depend on the order).
// collect_* give an empty array without input rows; mode gives NULL.
#include <unordered_map>

#include "functions/aggregate_values.h"
#include "functions/function_registry.h"
#include "functions/kernel_util.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;
using vector::Vector;

namespace {

enum class Gather { kList, kSet, kMode };

class GatherState : public AggregateState {
 public:
  GatherState(const LogicalType& type, Gather kind) : values_(type), kind_(kind) {}
  void Update(const std::vector<const Vector*>& args, size_t row) override {
    Add(*args[0], row, 1);
  }
  void Merge(const AggregateState& other) override {
    const auto& o = static_cast<const GatherState&>(other);
    for (size_t i = 0; i < o.values_.size(); ++i)
      Add(o.values_.values(), i, kind_ == Gather::kList ? 1 : o.counts_[i]);
  }
  Status Finalize(const FunctionContext&, Vector& out, size_t row) const override {
    const Vector& v = values_.values();
    if (kind_ != Gather::kMode) {
      std::vector<uint32_t> rows(values_.size());
      for (size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<uint32_t>(i);
      return values_.WriteArray(rows, out, row);
    }
    if (values_.size() == 0) {
      out.SetNull(row);
      return Status::OK();
    }
    size_t best = 0;
    for (size_t i = 1; i < values_.size(); ++i) {
      if (counts_[i] > counts_[best] ||
          (counts_[i] == counts_[best] && vector::CompareValues(v, i, v, best) < 0))
        best = i;
    }
    return vector::CopyRow(v, best, out, row);
  }

 private:
  void Add(const Vector& src, size_t row, int64_t count) {
    if (kind_ == Gather::kList) {
      values_.Append(src, row);
      return;
    }
    const uint64_t h = vector::HashValue(src, row);
    auto [it, end] = index_.equal_range(h);
    for (; it != end; ++it) {
      if (vector::ValuesEqual(src, row, values_.values(), it->second)) {
        counts_[it->second] += count;
        return;
      }
    }
    index_.emplace(h, static_cast<uint32_t>(values_.size()));
    values_.Append(src, row);
    counts_.push_back(count);
  }
  ValueList values_;
  Gather kind_;
  std::vector<int64_t> counts_;                        // per distinct value (set, mode)
  std::unordered_multimap<uint64_t, uint32_t> index_;  // hash -> value
};

void AddGather(FunctionRegistry& r, const std::string& name, Gather kind, const char* usage) {
  r.Add(AggregateFunction{
      name, usage,
      [name, kind](const FunctionContext&, const std::vector<BindArgument>& args,
                   const AggregateCallInfo&) -> Result<BoundAggregate> {
        if (args.size() != 1)
          return Status::Invalid("[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `" + name +
                                 "` requires 1 parameters but the actual number is " +
                                 std::to_string(args.size()) + ".");
        if (kind != Gather::kList && args[0].type.id() == TypeId::kMap)
          return Status::Invalid("[DATATYPE_MISMATCH.UNSUPPORTED_INPUT_TYPE] The input of `" +
                                 name + "` can't be \"" + args[0].type.ToString() +
                                 "\" type data.");
        BoundAggregate b;
        b.argument_types = {args[0].type};
        b.return_type = kind == Gather::kMode ? args[0].type : LogicalType::Array(args[0].type);
        LogicalType type = args[0].type;
        b.make_state = [type, kind] { return std::make_unique<GatherState>(type, kind); };
        return b;
      }});
}

}  // namespace

void RegisterCollectAggregates(FunctionRegistry& r) {
  const char* list = "collect_list(expr) - Collects and returns a list of non-unique elements.";
  AddGather(r, "collect_list", Gather::kList, list);
  AddGather(r, "array_agg", Gather::kList, list);
  AddGather(r, "collect_set", Gather::kSet,
            "collect_set(expr) - Collects and returns a set of unique elements.");
  AddGather(r, "mode", Gather::kMode,
            "mode(col) - Returns the most frequent value for the values within `col`. NULL "
            "values are ignored. If all the values are NULL, or there are 0 rows, returns NULL.");
}

}  // namespace sluice::functions
