// count, sum, avg, min, max, try_sum, try_avg with Spark's result types: sum of integers is
// BIGINT (wraps, or an error under ANSI), of DECIMAL(p,s) is DECIMAL(p+10,s) (NULL on
// overflow, an error under ANSI); avg is DOUBLE (integers are summed as doubles, as Spark
// does), or DECIMAL(p+4,s+4) for decimals; intervals sum to intervals; try_sum/try_avg give
// NULL on any overflow, ANSI or not; min/max keep the type; all but count are NULL without
// input rows.
#include <cmath>

#include "functions/aggregate_states.h"
#include "functions/aggregate_values.h"
#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "functions/numeric_dispatch.h"
#include "functions/string_extreme_states.h"
#include "types/civil_date.h"
#include "types/decimal.h"
#include "vector/vector_ops.h"

namespace sluice::functions {

using types::Int128;
using types::LogicalType;
using types::TypeId;
using vector::Vector;

namespace {

struct CountOps {
  using State = int64_t;
  using Input = void;
  void Update(State& count) const { ++count; }
  void Merge(State& count, const State& other) const { count += other; }
  Status Finalize(const FunctionContext&, const State& count, Vector& out, size_t row) const {
    Set<int64_t>(out, row, count);
    return Status::OK();
  }
};

Result<BoundAggregate> BindCount(const FunctionContext&, const std::vector<BindArgument>& args,
                                 const AggregateCallInfo&) {
  BoundAggregate b;
  b.return_type = TypeId::kBigInt;
  for (const BindArgument& a : args) b.argument_types.push_back(a.type);
  SetStateOps(b, CountOps{});
  b.skip_null_rows = true;  // count(*) has no arguments, so every row counts
  return b;
}

// try_sum / try_avg: overflow gives NULL even under ANSI.
struct SumKind {
  bool average = false;
  bool try_mode = false;
};

// Sums T values in Acc: integers in int64 (wrapping; averages in double), floats in double,
// decimals in Int128.
template <typename T, typename Acc>
struct SumOps {
  struct State {
    Acc sum = 0;
    int64_t count = 0;
    bool overflow = false;
  };
  using Input = T;

  void Update(State& s, T v) const {
    if constexpr (std::is_same_v<Acc, double>) {
      s.sum += static_cast<double>(v);
    } else {
      s.overflow |= __builtin_add_overflow(s.sum, static_cast<Acc>(v), &s.sum);
    }
    ++s.count;
  }
  void Merge(State& s, const State& o) const {
    if constexpr (std::is_same_v<Acc, double>) {
      s.sum += o.sum;
    } else {
      s.overflow |= __builtin_add_overflow(s.sum, o.sum, &s.sum);
    }
    s.overflow |= o.overflow;
    s.count += o.count;
  }
  Status Finalize(const FunctionContext& ctx, const State& s, Vector& out, size_t row) const {
    if (s.count == 0) {
      out.SetNull(row);
      return Status::OK();
    }
    if constexpr (std::is_same_v<Acc, int64_t>) {
      if (s.overflow && kind.try_mode) {
        out.SetNull(row);
        return Status::OK();
      }
      if (s.overflow && ctx.ansi)
        return Status::Invalid("[ARITHMETIC_OVERFLOW] long overflow in sum.");
      Set<int64_t>(out, row, s.sum);
    } else if constexpr (std::is_same_v<Acc, double>) {
      Set<double>(out, row, kind.average ? s.sum / static_cast<double>(s.count) : s.sum);
    } else {
      // The sum is DECIMAL(p+10, s) (at most 38 digits) for avg too: past that it is NULL.
      Int128 value = s.sum;
      const Int128 sum_limit = types::PowerOfTen(std::min(38, input.precision() + 10));
      bool out_of_range = s.overflow || value >= sum_limit || value <= -sum_limit;
      if (kind.average && !out_of_range) {  // rescale to the result scale, HALF_UP
        const int up = out.type().scale() - input.scale();
        Int128 scaled = 0;
        out_of_range = __builtin_mul_overflow(value, types::PowerOfTen(up), &scaled);
        value = types::DivideHalfUp(scaled, s.count);
      }
      const Int128 limit = types::PowerOfTen(out.type().precision());
      if (out_of_range || value >= limit || value <= -limit) {
        if (ctx.ansi && !kind.try_mode)
          return Status::Invalid("[NUMERIC_VALUE_OUT_OF_RANGE] The sum cannot be represented as " +
                                 out.type().ToString() + ".");
        out.SetNull(row);
        return Status::OK();
      }
      Set<Int128>(out, row, value);
    }
    return Status::OK();
  }

  SumKind kind;
  LogicalType input;
};

// Sets `b`'s states: the sum of `in` (a numeric type) in Acc.
template <typename Acc>
void SetSumOps(BoundAggregate& b, SumKind kind, const LogicalType& in) {
  if (in.id() == TypeId::kDecimal) {  // stored in 8 or 16 bytes by precision
    if (in.FixedWidth() == 8)
      SetStateOps(b, SumOps<int64_t, Acc>{kind, in});
    else
      SetStateOps(b, SumOps<Int128, Acc>{kind, in});
    return;
  }
  DispatchFixedWidth(in.id(), [&]<typename T>() {
    if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, bool>)
      SetStateOps(b, SumOps<T, Acc>{kind, in});
  });
}

// Intervals: the year-month part (months, int32) and the day-time part (days and
// microseconds as one int64 of microseconds, as Spark's DAY TO SECOND) are summed apart; an
// overflow of either is an error (NULL for try_*). The average divides each part by the
// count, rounding HALF_UP.
class IntervalSumState : public AggregateState {
 public:
  IntervalSumState(SumKind kind, TypeId type) : kind_(kind), type_(type) {}
  void Update(const std::vector<const Vector*>& args, size_t row) override {
    // ANSI intervals hold one part: months (year-month) or micros (day-time).
    types::Interval v;
    if (type_ == TypeId::kYearMonthInterval)
      v.months = Get<int32_t>(*args[0], row);
    else if (type_ == TypeId::kDayTimeInterval)
      v.micros = Get<int64_t>(*args[0], row);
    else
      v = Get<types::Interval>(*args[0], row);
    int64_t micros = 0;
    overflow_ |= __builtin_add_overflow(months_, v.months, &months_);
    overflow_ |= __builtin_mul_overflow(int64_t{v.days}, types::kMicrosPerDay, &micros);
    overflow_ |= __builtin_add_overflow(micros, v.micros, &micros);
    overflow_ |= __builtin_add_overflow(micros_, micros, &micros_);
    ++count_;
  }
  void Merge(const AggregateState& other) override {
    const auto& o = static_cast<const IntervalSumState&>(other);
    overflow_ |= o.overflow_;
    overflow_ |= __builtin_add_overflow(months_, o.months_, &months_);
    overflow_ |= __builtin_add_overflow(micros_, o.micros_, &micros_);
    count_ += o.count_;
  }
  Status Finalize(const FunctionContext&, Vector& out, size_t row) const override {
    if (count_ == 0 || (overflow_ && kind_.try_mode)) {
      out.SetNull(row);
      return Status::OK();
    }
    if (overflow_)
      return Status::Invalid("[ARITHMETIC_OVERFLOW] integer overflow in an interval sum.");
    const auto months =
        static_cast<int64_t>(kind_.average ? types::DivideHalfUp(months_, count_) : months_);
    const auto micros =
        static_cast<int64_t>(kind_.average ? types::DivideHalfUp(micros_, count_) : micros_);
    if (type_ == TypeId::kYearMonthInterval) {
      Set<int32_t>(out, row, static_cast<int32_t>(months));
      return Status::OK();
    }
    if (type_ == TypeId::kDayTimeInterval) {
      Set<int64_t>(out, row, micros);
      return Status::OK();
    }
    Set<types::Interval>(out, row,
                         types::Interval{static_cast<int32_t>(months),
                                         static_cast<int32_t>(micros / types::kMicrosPerDay),
                                         micros % types::kMicrosPerDay});
    return Status::OK();
  }

 private:
  SumKind kind_;
  TypeId type_;
  int32_t months_ = 0;
  int64_t micros_ = 0;
  int64_t count_ = 0;
  bool overflow_ = false;
};

Result<BoundAggregate> BindSum(SumKind kind, const std::vector<BindArgument>& args,
                               const char* name) {
  const bool average = kind.average;
  if (args.size() != 1)
    return Status::Invalid(std::string("[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `") + name +
                           "` requires 1 parameters but the actual number is " +
                           std::to_string(args.size()) + ".");
  LogicalType in = args[0].type;
  // Strings and timestamps are read as doubles (a timestamp as its seconds since the epoch),
  // as Spark's implicit casts do.
  if (in.id() == TypeId::kString || in.id() == TypeId::kNull || in.id() == TypeId::kTimestamp ||
      in.id() == TypeId::kTimestampNtz)
    in = TypeId::kDouble;
  if (!in.IsNumeric() && in.id() != TypeId::kInterval && !in.IsAnsiInterval())
    return Status::Invalid(std::string("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] ") + name +
                           " requires a numeric argument, not " + args[0].type.ToString());
  BoundAggregate b;
  b.argument_types = {in};
  if (in.id() == TypeId::kDecimal) {
    const int p = in.precision(), s = in.scale();
    b.return_type = average ? LogicalType::Decimal(std::min(38, p + 4), std::min(38, s + 4))
                            : LogicalType::Decimal(std::min(38, p + 10), s);
    SetSumOps<Int128>(b, kind, in);
  } else if (in.id() == TypeId::kFloat || in.id() == TypeId::kDouble ||
             (average && in.IsInteger())) {
    b.return_type = TypeId::kDouble;
    SetSumOps<double>(b, kind, in);
  } else if (in.IsInteger()) {
    b.return_type = TypeId::kBigInt;
    SetSumOps<int64_t>(b, kind, in);
  } else {
    // The average of an ANSI interval has its kind's full range, as in Spark.
    using types::IntervalField;
    b.return_type = !average || in.id() == TypeId::kInterval ? in
                    : in.id() == TypeId::kYearMonthInterval
                        ? LogicalType::Interval(IntervalField::kYear, IntervalField::kMonth)
                        : LogicalType::Interval(IntervalField::kDay, IntervalField::kSecond);
    b.make_state = [kind, in] { return std::make_unique<IntervalSumState>(kind, in.id()); };
  }
  return b;
}

// min / max: the best value so far.
class ExtremeState : public AggregateState {
 public:
  ExtremeState(bool max, const LogicalType& type) : max_(max), held_(type) {}
  void Update(const std::vector<const Vector*>& args, size_t row) override { Offer(*args[0], row); }
  void Merge(const AggregateState& other) override {
    const auto& o = static_cast<const ExtremeState&>(other);
    if (o.held_.has_value()) Offer(o.held_.value(), 0);
  }
  Status Finalize(const FunctionContext&, Vector& out, size_t row) const override {
    return held_.Write(out, row);
  }

 private:
  void Offer(const Vector& v, size_t row) {
    if (held_.has_value()) {
      const int c = vector::CompareValues(v, row, held_.value(), 0);
      if (max_ ? c <= 0 : c >= 0) return;
    }
    held_.Set(v, row);
  }
  bool max_;
  HeldValue held_;
};

// min / max of a fixed-width type: the value held inline, not in a one-row Vector (a group
// costs a few bytes, not a vector's buffers). Spark's order: NaN above every number.
template <typename T>
struct ExtremeOps {
  struct State {
    T value{};
    bool has_value = false;
  };
  using Input = T;

  static bool Less(T a, T b) {
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(b)) return !std::isnan(a);
      if (std::isnan(a)) return false;
    }
    return a < b;
  }
  void Update(State& s, T v) const {
    if (!s.has_value || (max ? Less(s.value, v) : Less(v, s.value))) s.value = v;
    s.has_value = true;
  }
  void Merge(State& s, const State& o) const {
    if (o.has_value) Update(s, o.value);
  }
  Status Finalize(const FunctionContext&, const State& s, Vector& out, size_t row) const {
    if (s.has_value)
      out.data<T>()[row] = s.value;
    else
      out.SetNull(row);
    return Status::OK();
  }

  bool max;
};

// Sets `b`'s states: min / max of `type`.
void SetExtremeOps(BoundAggregate& b, bool max, const LogicalType& type) {
  auto fixed = [&]<typename T>() { SetStateOps(b, ExtremeOps<T>{max}); };
  switch (type.id()) {
    case TypeId::kBoolean:
      return fixed.operator()<bool>();
    case TypeId::kTinyInt:
      return fixed.operator()<int8_t>();
    case TypeId::kSmallInt:
      return fixed.operator()<int16_t>();
    case TypeId::kInt:
    case TypeId::kDate:
    case TypeId::kYearMonthInterval:
      return fixed.operator()<int32_t>();
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
    case TypeId::kDayTimeInterval:
      return fixed.operator()<int64_t>();
    case TypeId::kFloat:
      return fixed.operator()<float>();
    case TypeId::kDouble:
      return fixed.operator()<double>();
    case TypeId::kDecimal:  // stored in 8 or 16 bytes by precision
      return type.FixedWidth() == 8 ? fixed.operator()<int64_t>() : fixed.operator()<Int128>();
    case TypeId::kString:
    case TypeId::kBinary:
      b.make_state = [max, type] { return std::make_unique<ExtremeState>(max, type); };
      b.make_states = [max] { return MakeStringExtremeStates(max); };
      return;
    default:
      b.make_state = [max, type] { return std::make_unique<ExtremeState>(max, type); };
  }
}

Result<BoundAggregate> BindExtreme(bool max, const std::vector<BindArgument>& args) {
  if (args.size() != 1)
    return Status::Invalid(
        std::string("[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `") + (max ? "max" : "min") +
        "` requires 1 parameters but the actual number is " + std::to_string(args.size()) + ".");
  if (args[0].type.id() == TypeId::kMap)
    return Status::Invalid("[DATATYPE_MISMATCH.INVALID_ORDERING_TYPE] maps cannot be ordered");
  BoundAggregate b;
  b.argument_types = {args[0].type};
  b.return_type = args[0].type;
  SetExtremeOps(b, max, args[0].type);
  return b;
}

// regr_avgx / regr_avgy: avg of one side of the (y, x) pairs where neither is NULL.
class PairSideState : public AggregateState {
 public:
  PairSideState(std::unique_ptr<AggregateState> inner, size_t side)
      : inner_(std::move(inner)), side_(side) {}
  void Update(const std::vector<const Vector*>& args, size_t row) override {
    inner_->Update({args[side_]}, row);
  }
  void Merge(const AggregateState& other) override {
    inner_->Merge(*static_cast<const PairSideState&>(other).inner_);
  }
  Status Finalize(const FunctionContext& ctx, Vector& out, size_t row) const override {
    return inner_->Finalize(ctx, out, row);
  }

 private:
  std::unique_ptr<AggregateState> inner_;
  size_t side_;
};

Result<BoundAggregate> BindRegression(const std::string& name,
                                      const std::vector<BindArgument>& args) {
  if (args.size() != 2)
    return Status::Invalid("[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `" + name +
                           "` requires 2 parameters but the actual number is " +
                           std::to_string(args.size()) + ".");
  std::vector<LogicalType> types;
  for (const BindArgument& a : args) {
    LogicalType t = a.type;
    if (t.id() == TypeId::kString || t.id() == TypeId::kNull) t = TypeId::kDouble;
    if (!t.IsNumeric())
      return Status::Invalid("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] `" + name +
                             "` requires numeric arguments, not " + a.type.ToString());
    types.push_back(t);
  }
  if (name == "regr_count") {
    BoundAggregate b;
    b.return_type = TypeId::kBigInt;
    b.argument_types = types;
    SetStateOps(b, CountOps{});
    return b;
  }
  const size_t side = name == "regr_avgx" ? 1 : 0;
  SLUICE_ASSIGN_OR_RAISE(BoundAggregate b,
                         BindSum({true, false}, {{types[side], nullptr}}, name.c_str()));
  b.argument_types = types;
  auto inner = b.make_state;
  b.make_states = nullptr;  // the arrays read argument 0, not `side`
  b.make_state = [inner, side] { return std::make_unique<PairSideState>(inner(), side); };
  return b;
}

}  // namespace

void RegisterBasicAggregates(FunctionRegistry& r) {
  r.Add(AggregateFunction{
      "count",
      "count(*) - Returns the total number of retrieved rows, including rows containing null.",
      BindCount});
  r.Add(AggregateFunction{"sum", "sum(expr) - Returns the sum calculated from values of a group.",
                          [](const FunctionContext&, const std::vector<BindArgument>& a,
                             const AggregateCallInfo&) { return BindSum({}, a, "sum"); }});
  r.Add(AggregateFunction{
      "avg", "avg(expr) - Returns the mean calculated from values of a group.",
      [](const FunctionContext&, const std::vector<BindArgument>& a, const AggregateCallInfo&) {
        return BindSum({true, false}, a, "avg");
      }});
  r.AddAlias("mean", "avg");
  for (const char* name : {"regr_count", "regr_avgx", "regr_avgy"}) {
    r.Add(
        AggregateFunction{name,
                          std::string(name) + "(y, x) - Returns " +
                              (name[5] == 'c' ? "the number of non-null number pairs in a group."
                                              : std::string("the average of the ") +
                                                    (name[9] == 'x' ? "independent" : "dependent") +
                                                    " variable for non-null pairs in a group."),
                          [name](const FunctionContext&, const std::vector<BindArgument>& a,
                                 const AggregateCallInfo&) { return BindRegression(name, a); }});
  }
  r.Add(AggregateFunction{
      "try_sum",
      "try_sum(expr) - Returns the sum calculated from values of a group and the result is null "
      "on overflow.",
      [](const FunctionContext&, const std::vector<BindArgument>& a, const AggregateCallInfo&) {
        return BindSum({false, true}, a, "try_sum");
      }});
  r.Add(AggregateFunction{
      "try_avg",
      "try_avg(expr) - Returns the mean calculated from values of a group and the result is null "
      "on overflow.",
      [](const FunctionContext&, const std::vector<BindArgument>& a, const AggregateCallInfo&) {
        return BindSum({true, true}, a, "try_avg");
      }});
  r.Add(AggregateFunction{"min", "min(expr) - Returns the minimum value of `expr`.",
                          [](const FunctionContext&, const std::vector<BindArgument>& a,
                             const AggregateCallInfo&) { return BindExtreme(false, a); }});
  r.Add(AggregateFunction{"max", "max(expr) - Returns the maximum value of `expr`.",
                          [](const FunctionContext&, const std::vector<BindArgument>& a,
                             const AggregateCallInfo&) { return BindExtreme(true, a); }});
}

}  // namespace sluice::functions
