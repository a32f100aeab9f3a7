// Aggregates that pick one of the group's values: first/last (first_value, last_value,
// any_value) keep NULLs unless told to ignore them; min_by/max_by return the value paired
// with the least/greatest ordering value (rows with a NULL ordering value are skipped).
#include "functions/aggregate_values.h"
#include "functions/function_registry.h"
#include "functions/kernel_util.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;
using vector::Vector;

namespace {

// first keeps the first row it sees; last replaces it with every later one. Merging takes
// the other state's value only where the ordering says so (first: when this one is empty).
class FirstLastState : public AggregateState {
 public:
  FirstLastState(const LogicalType& type, bool last, bool ignore_nulls)
      : held_(type), last_(last), ignore_nulls_(ignore_nulls) {}
  void Update(const std::vector<const Vector*>& args, size_t row) override { Offer(*args[0], row); }
  void Merge(const AggregateState& other) override {
    const auto& o = static_cast<const FirstLastState&>(other);
    if (o.held_.has_value()) Offer(o.held_.value(), 0);
  }
  Status Finalize(const FunctionContext&, Vector& out, size_t row) const override {
    return held_.Write(out, row);
  }

 private:
  void Offer(const Vector& v, size_t row) {
    if (ignore_nulls_ && v.IsNull(row)) return;
    if (!last_ && held_.has_value()) return;
    held_.Set(v, row);
  }
  HeldValue held_;
  bool last_;
  bool ignore_nulls_;
};

Result<BoundAggregate> BindFirstLast(const std::string& name, bool last,
                                     const std::vector<BindArgument>& args,
                                     const AggregateCallInfo& info) {
  if (args.empty() || args.size() > 2)
    return Status::Invalid("[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `" + name +
                           "` requires [1, 2] parameters but the actual number is " +
                           std::to_string(args.size()) + ".");
  bool ignore_nulls = info.ignore_nulls;
  if (args.size() == 2) {
    const Vector* c = args[1].constant;
    if (args[1].type.id() != TypeId::kBoolean || c == nullptr || c->IsNull(0))
      return Status::Invalid("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] The second argument of `" +
                             name + "` must be a boolean literal.");
    ignore_nulls |= c->data<bool>()[0];
  }
  BoundAggregate b;
  b.return_type = args[0].type;
  for (const BindArgument& a : args) b.argument_types.push_back(a.type);
  b.skip_null_rows = false;
  LogicalType type = args[0].type;
  b.make_state = [type, last, ignore_nulls] {
    return std::make_unique<FirstLastState>(type, last, ignore_nulls);
  };
  return b;
}

class ByState : public AggregateState {
 public:
  ByState(const LogicalType& value, const LogicalType& order, bool max)
      : value_(value), order_(order), max_(max) {}
  void Update(const std::vector<const Vector*>& args, size_t row) override {
    Offer(*args[0], row, *args[1], row);
  }
  void Merge(const AggregateState& other) override {
    const auto& o = static_cast<const ByState&>(other);
    if (o.order_.has_value()) Offer(o.value_.value(), 0, o.order_.value(), 0);
  }
  Status Finalize(const FunctionContext&, Vector& out, size_t row) const override {
    return value_.Write(out, row);
  }

 private:
  void Offer(const Vector& value, size_t vrow, const Vector& order, size_t orow) {
    if (order.IsNull(orow)) return;
    if (order_.has_value()) {
      const int c = vector::CompareValues(order, orow, order_.value(), 0);
      if (max_ ? c <= 0 : c >= 0) return;
    }
    order_.Set(order, orow);
    value_.Set(value, vrow);
  }
  HeldValue value_;
  HeldValue order_;
  bool max_;
};

Result<BoundAggregate> BindBy(const std::string& name, bool max,
                              const std::vector<BindArgument>& args) {
  if (args.size() != 2)
    return Status::Invalid("[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `" + name +
                           "` requires 2 parameters but the actual number is " +
                           std::to_string(args.size()) + ".");
  if (args[1].type.id() == TypeId::kMap)
    return Status::Invalid("[DATATYPE_MISMATCH.INVALID_ORDERING_TYPE] The `" + name +
                           "` does not support ordering on type \"" + args[1].type.ToString() +
                           "\".");
  BoundAggregate b;
  b.return_type = args[0].type;
  b.argument_types = {args[0].type, args[1].type};
  b.skip_null_rows = false;
  LogicalType value = args[0].type, order = args[1].type;
  b.make_state = [value, order, max] { return std::make_unique<ByState>(value, order, max); };
  return b;
}

void AddFirstLast(FunctionRegistry& r, const std::string& name, bool last, const char* usage) {
  r.Add(AggregateFunction{
      name, usage,
      [name, last](const FunctionContext&, const std::vector<BindArgument>& a,
                   const AggregateCallInfo& info) { return BindFirstLast(name, last, a, info); }});
}

}  // namespace

void RegisterSelectionAggregates(FunctionRegistry& r) {
  AddFirstLast(r, "first", false,
               "first(expr[, isIgnoreNull]) - Returns the first value of `expr` for a group of "
               "rows. If `isIgnoreNull` is true, returns only non-null values.");
  AddFirstLast(r, "first_value", false,
               "first_value(expr[, isIgnoreNull]) - Returns the first value of `expr` for a "
               "group of rows. If `isIgnoreNull` is true, returns only non-null values.");
  AddFirstLast(r, "any_value", false,
               "any_value(expr[, isIgnoreNull]) - Returns some value of `expr` for a group of "
               "rows. If `isIgnoreNull` is true, returns only non-null values.");
  AddFirstLast(r, "last", true,
               "last(expr[, isIgnoreNull]) - Returns the last value of `expr` for a group of "
               "rows. If `isIgnoreNull` is true, returns only non-null values");
  AddFirstLast(r, "last_value", true,
               "last_value(expr[, isIgnoreNull]) - Returns the last value of `expr` for a group "
               "of rows. If `isIgnoreNull` is true, returns only non-null values");
  r.Add(AggregateFunction{
      "min_by", "min_by(x, y) - Returns the value of `x` associated with the minimum value of `y`.",
      [](const FunctionContext&, const std::vector<BindArgument>& a, const AggregateCallInfo&) {
        return BindBy("min_by", false, a);
      }});
  r.Add(AggregateFunction{
      "max_by", "max_by(x, y) - Returns the value of `x` associated with the maximum value of `y`.",
      [](const FunctionContext&, const std::vector<BindArgument>& a, const AggregateCallInfo&) {
        return BindBy("max_by", true, a);
      }});
}

}  // namespace sluice::functions
