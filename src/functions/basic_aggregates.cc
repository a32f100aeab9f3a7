// count, sum, avg, min, max with Spark's result types: sum of integers is BIGINT (wraps, or
// an error under ANSI), of DECIMAL(p,s) is DECIMAL(p+10,s) (NULL on overflow); avg is DOUBLE,
// or DECIMAL(p+4,s+4) for decimals; min/max keep the type; all but count are NULL without
// input rows.
#include <cmath>

#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "functions/numeric_dispatch.h"
#include "vector/vector_ops.h"

namespace sluice::functions {

using types::Int128;
using types::LogicalType;
using types::TypeId;
using vector::Vector;

namespace {

class CountState : public AggregateState {
 public:
  void Update(const std::vector<const Vector*>&, size_t) override { ++count_; }
  void Merge(const AggregateState& other) override {
    count_ += static_cast<const CountState&>(other).count_;
  }
  Status Finalize(const FunctionContext&, Vector& out, size_t row) const override {
    Set<int64_t>(out, row, count_);
    return Status::OK();
  }

 private:
  int64_t count_ = 0;
};

Result<BoundAggregate> BindCount(const FunctionContext&, const std::vector<BindArgument>& args,
                                 const AggregateCallInfo&) {
  BoundAggregate b;
  b.return_type = TypeId::kBigInt;
  for (const BindArgument& a : args) b.argument_types.push_back(a.type);
  b.make_state = [] { return std::make_unique<CountState>(); };
  b.skip_null_rows = true;  // count(*) has no arguments, so every row counts
  return b;
}

// Sums integers in int64 (wrapping), floats in double, decimals in Int128.
template <typename Acc>
class SumState : public AggregateState {
 public:
  SumState(bool average, LogicalType input) : average_(average), input_(std::move(input)) {}
  void Update(const std::vector<const Vector*>& args, size_t row) override {
    const Vector& v = *args[0];
    if constexpr (std::is_same_v<Acc, double>) {
      sum_ += v.type().id() == TypeId::kFloat ? v.data<float>()[row] : v.data<double>()[row];
    } else if constexpr (std::is_same_v<Acc, Int128>) {
      sum_ += Get<Int128>(v, row);
    } else {
      int64_t x = DispatchFixedWidth(v.type().id(), [&]<typename T>() -> int64_t {
        return static_cast<int64_t>(v.data<T>()[row]);
      });
      if (__builtin_add_overflow(sum_, x, &sum_)) overflow_ = true;
    }
    ++count_;
  }
  void Merge(const AggregateState& other) override {
    const auto& o = static_cast<const SumState&>(other);
    if constexpr (std::is_same_v<Acc, int64_t>) {
      if (__builtin_add_overflow(sum_, o.sum_, &sum_)) overflow_ = true;
    } else {
      sum_ += o.sum_;
    }
    overflow_ |= o.overflow_;
    count_ += o.count_;
  }
  Status Finalize(const FunctionContext& ctx, Vector& out, size_t row) const override {
    if (count_ == 0) {
      out.SetNull(row);
      return Status::OK();
    }
    if constexpr (std::is_same_v<Acc, int64_t>) {
      if (overflow_ && ctx.ansi && !average_)
        return Status::Invalid("[ARITHMETIC_OVERFLOW] long overflow in sum.");
      if (average_)
        Set<double>(out, row, static_cast<double>(sum_) / static_cast<double>(count_));
      else
        Set<int64_t>(out, row, sum_);
    } else if constexpr (std::is_same_v<Acc, double>) {
      Set<double>(out, row, average_ ? sum_ / static_cast<double>(count_) : sum_);
    } else {
      Int128 value = sum_;
      if (average_) {  // rescale from the input scale to the result scale, HALF_UP
        const int up = out.type().scale() - input_.scale();
        Int128 scaled = value * types::PowerOfTen(up);
        Int128 q = scaled / count_, r = scaled % count_;
        if (2 * (r < 0 ? -r : r) >= count_) q += scaled < 0 ? -1 : 1;
        value = q;
      }
      const Int128 limit = types::PowerOfTen(out.type().precision());
      if (value >= limit || value <= -limit) {
        if (ctx.ansi)
          return Status::Invalid("[NUMERIC_VALUE_OUT_OF_RANGE] The sum cannot be represented as " +
                                 out.type().ToString() + ".");
        out.SetNull(row);
        return Status::OK();
      }
      Set<Int128>(out, row, value);
    }
    return Status::OK();
  }

 private:
  bool average_;
  LogicalType input_;
  Acc sum_ = 0;
  int64_t count_ = 0;
  bool overflow_ = false;
};

Result<BoundAggregate> BindSum(bool average, const std::vector<BindArgument>& args,
                               const char* name) {
  if (args.size() != 1) return Status::Invalid(std::string(name) + " takes one argument");
  LogicalType in = args[0].type;
  if (in.id() == TypeId::kString || in.id() == TypeId::kNull) in = TypeId::kDouble;
  if (!in.IsNumeric() && in.id() != TypeId::kInterval)
    return Status::Invalid(std::string("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] ") + name +
                           " requires a numeric argument, not " + args[0].type.ToString());
  BoundAggregate b;
  b.argument_types = {in};
  if (in.id() == TypeId::kDecimal) {
    const int p = in.precision(), s = in.scale();
    b.return_type = average ? LogicalType::Decimal(std::min(38, p + 4), std::min(38, s + 4))
                            : LogicalType::Decimal(std::min(38, p + 10), s);
    b.make_state = [average, in] { return std::make_unique<SumState<Int128>>(average, in); };
  } else if (in.id() == TypeId::kFloat || in.id() == TypeId::kDouble) {
    b.return_type = TypeId::kDouble;
    b.make_state = [average, in] { return std::make_unique<SumState<double>>(average, in); };
  } else if (in.IsInteger()) {
    b.return_type = average ? TypeId::kDouble : TypeId::kBigInt;
    b.make_state = [average, in] { return std::make_unique<SumState<int64_t>>(average, in); };
  } else {
    return Status::Invalid(std::string(name) + " of intervals is not supported yet");
  }
  return b;
}

// min / max: the best value so far, kept in a one-row vector that owns its bytes.
class ExtremeState : public AggregateState {
 public:
  ExtremeState(bool max, Vector value) : max_(max), value_(std::move(value)) {}
  void Update(const std::vector<const Vector*>& args, size_t row) override { Offer(*args[0], row); }
  void Merge(const AggregateState& other) override {
    const auto& o = static_cast<const ExtremeState&>(other);
    if (o.has_value_) Offer(o.value_, 0);
  }
  Status Finalize(const FunctionContext&, Vector& out, size_t row) const override {
    if (!has_value_) {
      out.SetNull(row);
      return Status::OK();
    }
    return vector::CopyRow(value_, 0, out, row);
  }

 private:
  void Offer(const Vector& v, size_t row) {
    if (has_value_) {
      const int c = vector::CompareValues(v, row, value_, 0);
      if (max_ ? c <= 0 : c >= 0) return;
      value_.Reset();
    }
    (void)vector::CopyRow(v, row, value_, 0);
    has_value_ = true;
  }
  bool max_;
  Vector value_;
  bool has_value_ = false;
};

Result<BoundAggregate> BindExtreme(bool max, const std::vector<BindArgument>& args) {
  if (args.size() != 1)
    return Status::Invalid(std::string(max ? "max" : "min") + " takes one argument");
  if (args[0].type.id() == TypeId::kMap)
    return Status::Invalid("[DATATYPE_MISMATCH.INVALID_ORDERING_TYPE] maps cannot be ordered");
  BoundAggregate b;
  b.argument_types = {args[0].type};
  b.return_type = args[0].type;
  LogicalType type = args[0].type;
  b.make_state = [max, type]() -> std::unique_ptr<AggregateState> {
    Result<Vector> v = Vector::Make(type, 1);
    return std::make_unique<ExtremeState>(max, std::move(v).ValueOrDie());
  };
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
                             const AggregateCallInfo&) { return BindSum(false, a, "sum"); }});
  r.Add(AggregateFunction{"avg", "avg(expr) - Returns the mean calculated from values of a group.",
                          [](const FunctionContext&, const std::vector<BindArgument>& a,
                             const AggregateCallInfo&) { return BindSum(true, a, "avg"); }});
  r.AddAlias("mean", "avg");
  r.Add(AggregateFunction{"min", "min(expr) - Returns the minimum value of `expr`.",
                          [](const FunctionContext&, const std::vector<BindArgument>& a,
                             const AggregateCallInfo&) { return BindExtreme(false, a); }});
  r.Add(AggregateFunction{"max", "max(expr) - Returns the maximum value of `expr`.",
                          [](const FunctionContext&, const std::vector<BindArgument>& a,
                             const AggregateCallInfo&) { return BindExtreme(true, a); }});
}

}  // namespace sluice::functions
