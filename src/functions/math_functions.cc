// Spark's math functions on DOUBLE (sin, exp, log10, sqrt, ... as java.lang.Math computes
// them; arguments of other numeric types and strings are cast to DOUBLE), abs, sign,
// pow, atan2, hypot, log with a base, factorial, width_bucket, pi and e.
#include <cmath>
#include <limits>
#include <numbers>

#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "functions/math_function_util.h"
#include "functions/numeric_dispatch.h"
#include "types/civil_date.h"
#include "types/interval.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;

namespace {

// Java's Math.toDegrees / toRadians constants.
constexpr double kRadiansToDegrees = 57.29577951308232;
constexpr double kDegreesToRadians = 0.017453292519943295;

using UnaryMath = double (*)(double);

// An interval as the number Spark's ANSI interval types hold: months for a year-month
// interval, microseconds for a day-time one.
double IntervalNumber(const types::Interval& i) {
  if (i.months != 0) return i.months;
  return static_cast<double>(i.days) * static_cast<double>(types::kMicrosPerDay) +
         static_cast<double>(i.micros);
}

bool IsAnyInterval(const LogicalType& t) {
  return t.id() == TypeId::kInterval || t.IsAnsiInterval();
}

// Row `row` of an interval vector of any kind as one number (months or microseconds).
double IntervalNumberAt(const vector::Vector& v, size_t row) {
  switch (v.type().id()) {
    case TypeId::kYearMonthInterval:
      return v.data<int32_t>()[row];
    case TypeId::kDayTimeInterval:
      return static_cast<double>(v.data<int64_t>()[row]);
    default:
      return IntervalNumber(v.data<types::Interval>()[row]);
  }
}

// A function of one DOUBLE; `asymptote`: arguments at or below it give NULL (the logs).
ScalarFunction Unary(const char* name, UnaryMath f, const char* usage,
                     double asymptote = -std::numeric_limits<double>::infinity()) {
  return ScalarFunction{
      name, usage,
      [name, f, asymptote](const FunctionContext&,
                           const std::vector<BindArgument>& args) -> Result<BoundScalar> {
        SLUICE_RETURN_NOT_OK(CheckArgumentCount(name, args, 1, 1));
        SLUICE_RETURN_NOT_OK(CheckNumeric(name, args, 0));
        BoundScalar bound;
        bound.argument_types = {TypeId::kDouble};
        bound.return_type = TypeId::kDouble;
        bound.kernel = [f, asymptote](const FunctionContext&,
                                      const std::vector<const vector::Vector*>& in, size_t rows,
                                      vector::Vector& out) {
          return MapRows<double>(in, rows, out, [&](double x) -> std::optional<double> {
            if (x <= asymptote) return std::nullopt;
            return f(x);
          });
        };
        return bound;
      }};
}

// A function of two DOUBLEs.
template <typename F>
ScalarFunction Binary(const char* name, F f, const char* usage) {
  return ScalarFunction{name, usage,
                        [name, f](const FunctionContext&,
                                  const std::vector<BindArgument>& args) -> Result<BoundScalar> {
                          SLUICE_RETURN_NOT_OK(CheckArgumentCount(name, args, 2, 2));
                          SLUICE_RETURN_NOT_OK(CheckNumeric(name, args, 0));
                          SLUICE_RETURN_NOT_OK(CheckNumeric(name, args, 1));
                          BoundScalar bound;
                          bound.argument_types = {TypeId::kDouble, TypeId::kDouble};
                          bound.return_type = TypeId::kDouble;
                          bound.kernel = [f](const FunctionContext&,
                                             const std::vector<const vector::Vector*>& in,
                                             size_t rows, vector::Vector& out) {
                            return MapRows<double, double>(in, rows, out, f);
                          };
                          return bound;
                        }};
}

// log(x) or log(base, x): NULL unless both are positive.
Result<BoundScalar> BindLog(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgumentCount("log", args, 1, 2));
  for (size_t i = 0; i < args.size(); ++i) SLUICE_RETURN_NOT_OK(CheckNumeric("log", args, i));
  BoundScalar bound;
  bound.argument_types.assign(args.size(), TypeId::kDouble);
  bound.return_type = TypeId::kDouble;
  bound.kernel = [](const FunctionContext&, const std::vector<const vector::Vector*>& in,
                    size_t rows, vector::Vector& out) {
    if (in.size() == 1)
      return MapRows<double>(in, rows, out, [](double x) -> std::optional<double> {
        if (x <= 0) return std::nullopt;
        return std::log(x);
      });
    return MapRows<double, double>(in, rows, out,
                                   [](double base, double x) -> std::optional<double> {
                                     if (base <= 0 || x <= 0) return std::nullopt;
                                     return std::log(x) / std::log(base);
                                   });
  };
  return bound;
}

// abs keeps the type; abs of the smallest integer is itself (an error under ANSI).
Result<BoundScalar> BindAbs(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgumentCount("abs", args, 1, 1));
  BoundScalar bound;
  if (args[0].type.id() == TypeId::kInterval) {
    bound.argument_types = {TypeId::kInterval};
    bound.return_type = TypeId::kInterval;
    bound.kernel = [](const FunctionContext&, const std::vector<const vector::Vector*>& in,
                      size_t rows, vector::Vector& out) {
      return MapRows<types::Interval>(in, rows, out, [](types::Interval i) {
        return IntervalNumber(i) < 0 ? types::Interval{-i.months, -i.days, -i.micros} : i;
      });
    };
    return bound;
  }
  if (args[0].type.IsAnsiInterval()) {
    // ANSI intervals never wrap: abs of the smallest value is an error (negateExact).
    bound.argument_types = {args[0].type};
    bound.return_type = args[0].type;
    bound.kernel = [](const FunctionContext&, const std::vector<const vector::Vector*>& in,
                      size_t rows, vector::Vector& out) -> Status {
      return DispatchFixedWidth(in[0]->type().id(), [&]<typename T>() -> Status {
        if constexpr (std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>) {
          return MapRows<T>(in, rows, out, [](T x) -> Result<T> {
            if (x == std::numeric_limits<T>::min())
              return Status::Invalid("[ARITHMETIC_OVERFLOW] integer overflow.");
            return x < 0 ? static_cast<T>(-x) : x;
          });
        } else {
          return Status::Internal("abs of an interval");
        }
      });
    };
    return bound;
  }
  SLUICE_RETURN_NOT_OK(CheckNumeric("abs", args, 0));
  const LogicalType t = NumericOrDouble(args[0].type);
  bound.argument_types = {t};
  bound.return_type = t;
  bound.kernel = [t](const FunctionContext& c, const std::vector<const vector::Vector*>& in,
                     size_t rows, vector::Vector& out) -> Status {
    return DispatchFixedWidth(t.id(), [&]<typename T>() -> Status {
      return MapRows<T>(in, rows, out, [&](T x) -> Result<T> {
        if constexpr (std::is_same_v<T, bool>) {
          return x;
        } else if constexpr (std::is_integral_v<T>) {
          if (x == std::numeric_limits<T>::min()) {
            if (c.ansi) return Status::Invalid("[ARITHMETIC_OVERFLOW] integer overflow.");
            return x;
          }
          return x < 0 ? static_cast<T>(-x) : x;
        } else if constexpr (std::is_floating_point_v<T>) {
          return std::fabs(x);
        } else {
          return x < 0 ? -x : x;  // Int128
        }
      });
    });
  };
  return bound;
}

Result<BoundScalar> BindFactorial(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgumentCount("factorial", args, 1, 1));
  SLUICE_RETURN_NOT_OK(CheckNumeric("factorial", args, 0));
  BoundScalar bound;
  bound.argument_types = {TypeId::kInt};
  bound.return_type = TypeId::kBigInt;
  bound.kernel = [](const FunctionContext&, const std::vector<const vector::Vector*>& in,
                    size_t rows, vector::Vector& out) {
    return MapRows<int32_t>(in, rows, out, [](int32_t n) -> std::optional<int64_t> {
      if (n < 0 || n > 20) return std::nullopt;
      int64_t f = 1;
      for (int i = 2; i <= n; ++i) f *= i;
      return f;
    });
  };
  return bound;
}

std::optional<int64_t> WidthBucket(double value, double min, double max, int64_t buckets) {
  if (buckets <= 0 || buckets == std::numeric_limits<int64_t>::max() || std::isnan(value) ||
      min == max || !std::isfinite(min) || !std::isfinite(max))
    return std::nullopt;
  const double lower = std::min(min, max), upper = std::max(min, max);
  if (min < max) {
    if (value < lower) return 0;
    if (value >= upper) return buckets + 1;
    return static_cast<int64_t>(static_cast<double>(buckets) * (value - lower) / (upper - lower)) +
           1;
  }
  if (value > upper) return 0;
  if (value <= lower) return buckets + 1;
  return static_cast<int64_t>(static_cast<double>(buckets) * (upper - value) / (upper - lower)) + 1;
}

// width_bucket over numbers, or over intervals of one kind.
Result<BoundScalar> BindWidthBucket(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgumentCount("width_bucket", args, 4, 4));
  const bool intervals = IsAnyInterval(args[0].type);
  LogicalType value = intervals ? args[0].type : LogicalType(TypeId::kDouble);
  for (size_t i = 0; i < 3; ++i) {
    if (intervals && args[i].type.id() != value.id())
      return UnexpectedType("width_bucket", args, i, "\"INTERVAL\"");
    if (intervals && value.IsAnsiInterval())  // one type holding all three's fields
      value = LogicalType::Interval(std::min(value.interval_start(), args[i].type.interval_start()),
                                    std::max(value.interval_end(), args[i].type.interval_end()));
    if (!intervals) SLUICE_RETURN_NOT_OK(CheckNumeric("width_bucket", args, i));
  }
  SLUICE_RETURN_NOT_OK(CheckNumeric("width_bucket", args, 3));
  BoundScalar bound;
  bound.argument_types = {value, value, value, TypeId::kBigInt};
  bound.return_type = TypeId::kBigInt;
  bound.kernel = [intervals](const FunctionContext&, const std::vector<const vector::Vector*>& in,
                             size_t rows, vector::Vector& out) -> Status {
    if (!intervals) return MapRows<double, double, double, int64_t>(in, rows, out, WidthBucket);
    for (size_t r = 0; r < rows; ++r) {
      bool null = false;
      for (const vector::Vector* a : in) null |= a->IsNull(r);
      std::optional<int64_t> bucket;
      if (!null)
        bucket = WidthBucket(IntervalNumberAt(*in[0], r), IntervalNumberAt(*in[1], r),
                             IntervalNumberAt(*in[2], r), in[3]->data<int64_t>()[r]);
      if (bucket)
        Set<int64_t>(out, r, *bucket);
      else
        out.SetNull(r);
    }
    return Status::OK();
  };
  return bound;
}

double Signum(double x) {
  if (std::isnan(x) || x == 0) return x;
  return x > 0 ? 1.0 : -1.0;
}

// signum of a number (as DOUBLE) or of an interval.
Result<BoundScalar> BindSignum(const FunctionContext& ctx, const std::vector<BindArgument>& args) {
  static const ScalarFunction numeric =
      Unary("signum", Signum,
            "signum(expr) - Returns -1.0, 0.0 or 1.0 as `expr` is negative, 0 or positive.");
  if (args.size() != 1 || !IsAnyInterval(args[0].type)) return numeric.bind(ctx, args);
  BoundScalar bound;
  bound.argument_types = {args[0].type};
  bound.return_type = TypeId::kDouble;
  bound.kernel = [](const FunctionContext&, const std::vector<const vector::Vector*>& in,
                    size_t rows, vector::Vector& out) {
    for (size_t r = 0; r < rows; ++r) {
      if (in[0]->IsNull(r))
        out.SetNull(r);
      else
        Set<double>(out, r, Signum(IntervalNumberAt(*in[0], r)));
    }
    return Status::OK();
  };
  return bound;
}

}  // namespace

void RegisterMathFunctions(FunctionRegistry& r) {
  r.Add(ScalarFunction{"abs", "abs(expr) - Returns the absolute value of the numeric value.",
                       BindAbs});
  r.Add(Unary("sin", std::sin, "sin(expr) - Returns the sine of `expr`."));
  r.Add(Unary("cos", std::cos, "cos(expr) - Returns the cosine of `expr`."));
  r.Add(Unary("tan", std::tan, "tan(expr) - Returns the tangent of `expr`."));
  r.Add(Unary("asin", std::asin, "asin(expr) - Returns the inverse sine of `expr`."));
  r.Add(Unary("acos", std::acos, "acos(expr) - Returns the inverse cosine of `expr`."));
  r.Add(Unary("atan", std::atan, "atan(expr) - Returns the inverse tangent of `expr`."));
  r.Add(Unary("sinh", std::sinh, "sinh(expr) - Returns hyperbolic sine of `expr`."));
  r.Add(Unary("cosh", std::cosh, "cosh(expr) - Returns the hyperbolic cosine of `expr`."));
  r.Add(Unary("tanh", std::tanh, "tanh(expr) - Returns the hyperbolic tangent of `expr`."));
  // Spark's own formulas for the inverse hyperbolic functions, not the C library's.
  r.Add(Unary(
      "asinh",
      [](double x) {
        return x == -std::numeric_limits<double>::infinity() ? x
                                                             : std::log(x + std::sqrt(x * x + 1));
      },
      "asinh(expr) - Returns inverse hyperbolic sine of `expr`."));
  r.Add(Unary(
      "acosh", [](double x) { return std::log(x + std::sqrt(x * x - 1)); },
      "acosh(expr) - Returns inverse hyperbolic cosine of `expr`."));
  r.Add(Unary(
      "atanh", [](double x) { return 0.5 * (std::log1p(x) - std::log1p(-x)); },
      "atanh(expr) - Returns inverse hyperbolic tangent of `expr`."));
  r.Add(Unary(
      "cot", [](double x) { return 1 / std::tan(x); },
      "cot(expr) - Returns the cotangent of `expr`, as if computed by `1/java.lang.Math.tan`."));
  r.Add(Unary(
      "sec", [](double x) { return 1 / std::cos(x); },
      "sec(expr) - Returns the secant of `expr`, as if computed by `1/java.lang.Math.cos`."));
  r.Add(Unary(
      "csc", [](double x) { return 1 / std::sin(x); },
      "csc(expr) - Returns the cosecant of `expr`, as if computed by `1/java.lang.Math.sin`."));
  r.Add(Unary(
      "degrees", [](double x) { return x * kRadiansToDegrees; },
      "degrees(expr) - Converts radians to degrees."));
  r.Add(Unary(
      "radians", [](double x) { return x * kDegreesToRadians; },
      "radians(expr) - Converts degrees to radians."));
  r.Add(Unary("exp", std::exp, "exp(expr) - Returns e to the power of `expr`."));
  r.Add(Unary("expm1", std::expm1, "expm1(expr) - Returns exp(`expr`) - 1."));
  r.Add(Unary(
      "rint", [](double x) { return std::nearbyint(x); },
      "rint(expr) - Returns the double value that is closest in value to the argument and is "
      "equal to a mathematical integer."));
  r.Add(Unary("sqrt", std::sqrt, "sqrt(expr) - Returns the square root of `expr`."));
  // glibc's cbrt is off by an ulp on exact cubes (cbrt(27) = 3.0000000000000004); Java's
  // is not, and the long double one rounds to the same double.
  r.Add(Unary(
      "cbrt", [](double x) { return static_cast<double>(cbrtl(x)); },
      "cbrt(expr) - Returns the cube root of `expr`."));
  r.Add(ScalarFunction{
      "signum", "signum(expr) - Returns -1.0, 0.0 or 1.0 as `expr` is negative, 0 or positive.",
      BindSignum});
  r.AddAlias("sign", "signum");
  r.Add(Unary("ln", std::log, "ln(expr) - Returns the natural logarithm (base e) of `expr`.", 0));
  r.Add(
      Unary("log10", std::log10, "log10(expr) - Returns the logarithm of `expr` with base 10.", 0));
  r.Add(Unary(
      "log2", [](double x) { return std::log(x) / std::numbers::ln2; },
      "log2(expr) - Returns the logarithm of `expr` with base 2.", 0));
  r.Add(Unary("log1p", std::log1p, "log1p(expr) - Returns log(1 + `expr`).", -1));
  r.Add(ScalarFunction{"log", "log(base, expr) - Returns the logarithm of `expr` with `base`.",
                       BindLog});
  r.Add(Binary(
      "pow", [](double x, double y) { return std::pow(x, y); },
      "pow(expr1, expr2) - Raises `expr1` to the power of `expr2`."));
  r.AddAlias("power", "pow");
  // Spark adds 0.0 to both sides so that -0.0 counts as 0.0.
  r.Add(Binary(
      "atan2", [](double y, double x) { return std::atan2(y + 0.0, x + 0.0); },
      "atan2(exprY, exprX) - Returns the angle in radians between the positive x-axis of a plane "
      "and the point given by the coordinates (`exprX`, `exprY`)."));
  r.Add(Binary(
      "hypot", [](double x, double y) { return std::hypot(x, y); },
      "hypot(expr1, expr2) - Returns sqrt(`expr1`**2 + `expr2`**2)."));
  r.Add(ConstantFunction<double>("pi", TypeId::kDouble, std::numbers::pi, "pi() - Returns pi."));
  r.Add(ConstantFunction<double>("e", TypeId::kDouble, std::numbers::e,
                                 "e() - Returns Euler's number, e."));
  r.Add(ScalarFunction{
      "factorial",
      "factorial(expr) - Returns the factorial of `expr`. `expr` is [0..20]. Otherwise, null.",
      BindFactorial});
  r.Add(ScalarFunction{
      "width_bucket",
      "width_bucket(value, min_value, max_value, num_bucket) - Returns the bucket number to which "
      "`value` would be assigned in an equiwidth histogram with `num_bucket` buckets, in the range "
      "`min_value` to `max_value`.",
      BindWidthBucket});
}

}  // namespace sluice::functions
