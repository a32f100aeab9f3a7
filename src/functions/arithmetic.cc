// + - * / % div and unary minus with Spark's types: integers keep the wider integer type
// (overflow wraps, or is an error under ANSI), FLOAT/DOUBLE follow IEEE, `/` gives DOUBLE
// unless decimals are involved, decimals follow DecimalPrecision (overflow is NULL, or an
// error under ANSI), division by zero is NULL (an error under ANSI). Strings are read as
// DOUBLE. Dates, timestamps and intervals go to datetime_arithmetic.
#include <cmath>
#include <limits>

#include "functions/datetime_arithmetic.h"
#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "functions/numeric_dispatch.h"
#include "functions/type_coercion.h"

namespace sluice::functions {

using types::DivideHalfUp;
using types::Int128;
using types::LogicalType;
using types::TypeId;

namespace {

bool IsDatetimeOrInterval(const LogicalType& t) {
  return t.id() == TypeId::kDate || t.id() == TypeId::kTimestamp ||
         t.id() == TypeId::kTimestampNtz || t.id() == TypeId::kInterval || t.IsAnsiInterval();
}

bool IsInterval(const LogicalType& t) { return t.id() == TypeId::kInterval || t.IsAnsiInterval(); }

Status Overflow(const char* what) {
  return Status::Invalid(std::string("[ARITHMETIC_OVERFLOW] ") + what +
                         " overflow. If necessary set \"spark.sql.ansi.enabled\" to \"false\" "
                         "to bypass this error.");
}

Status DivideByZero() {
  return Status::Invalid(
      "[DIVIDE_BY_ZERO] Division by zero. Use `try_divide` to tolerate divisor being 0 and "
      "return NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass "
      "this error.");
}

// Operands as Spark coerces them: NULL takes the other side's type, strings become DOUBLE.
LogicalType Operand(const LogicalType& t, const LogicalType& other) {
  if (t.id() == TypeId::kNull) {
    if (other.id() == TypeId::kNull || other.id() == TypeId::kString) return TypeId::kDouble;
    return other;
  }
  if (t.id() == TypeId::kString) return TypeId::kDouble;
  return t;
}

bool WithinPrecision(Int128 v, int precision) {
  const Int128 limit = types::PowerOfTen(precision);
  return v < limit && v > -limit;
}

// a * 10^n, false on 128-bit overflow.
bool ScaleUp(Int128 a, int n, Int128* out) {
  if (n > 38) return a == 0 ? (*out = 0, true) : false;
  const Int128 f = types::PowerOfTen(n);
  const Int128 max = std::numeric_limits<Int128>::max();
  if (a != 0 && (a > max / f || a < -(max / f))) return false;
  *out = a * f;
  return true;
}

Result<std::optional<Int128>> DecimalOp(char op, Int128 a, int sa, Int128 b, int sb,
                                        const LogicalType& result, bool ansi) {
  const int s = result.scale();
  Int128 r = 0;
  bool ok = true;
  switch (op) {
    case '+':
    case '-': {
      const int common = std::max(sa, sb);
      Int128 x, y;
      ok = ScaleUp(a, common - sa, &x) && ScaleUp(b, common - sb, &y);
      if (ok) r = op == '+' ? x + y : x - y;
      if (ok && common > s) r = DivideHalfUp(r, types::PowerOfTen(common - s));
      break;
    }
    case '*': {
      // The exact product has scale sa + sb; round to s.
      if (a != 0 && b != 0 &&
          (a > std::numeric_limits<Int128>::max() / (b < 0 ? -b : b) ||
           a < -(std::numeric_limits<Int128>::max() / (b < 0 ? -b : b)))) {
        ok = false;
        break;
      }
      r = a * b;
      if (sa + sb > s)
        r = DivideHalfUp(r, types::PowerOfTen(sa + sb - s));
      else
        ok = ScaleUp(r, s - (sa + sb), &r);
      break;
    }
    case '/': {
      if (b == 0) {
        if (ansi) return DivideByZero();
        return std::optional<Int128>();
      }
      // a / b at scale s: a * 10^(s + sb - sa) / b.
      Int128 x;
      ok = ScaleUp(a, s + sb - sa, &x);
      if (ok) r = DivideHalfUp(x, b);
      break;
    }
    case '%': {
      if (b == 0) {
        if (ansi) return DivideByZero();
        return std::optional<Int128>();
      }
      const int common = std::max(sa, sb);
      Int128 x, y;
      ok = ScaleUp(a, common - sa, &x) && ScaleUp(b, common - sb, &y);
      if (ok) {
        r = x % y;
        if (common > s) r = DivideHalfUp(r, types::PowerOfTen(common - s));
      }
      break;
    }
  }
  if (!ok || !WithinPrecision(r, result.precision())) {
    if (ansi)
      return Status::Invalid("[NUMERIC_VALUE_OUT_OF_RANGE] The value cannot be represented as " +
                             result.ToString() + ".");
    return std::optional<Int128>();
  }
  return std::optional<Int128>(r);
}

template <typename T>
Result<std::optional<T>> IntegerOp(char op, T a, T b, bool ansi) {
  using U = std::make_unsigned_t<T>;
  switch (op) {
    case '+': {
      T r;
      if (__builtin_add_overflow(a, b, &r)) {
        if (ansi) return Overflow("integer");
        r = static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
      }
      return std::optional<T>(r);
    }
    case '-': {
      T r;
      if (__builtin_sub_overflow(a, b, &r)) {
        if (ansi) return Overflow("integer");
        r = static_cast<T>(static_cast<U>(a) - static_cast<U>(b));
      }
      return std::optional<T>(r);
    }
    case '*': {
      T r;
      if (__builtin_mul_overflow(a, b, &r)) {
        if (ansi) return Overflow("integer");
        r = static_cast<T>(static_cast<U>(a) * static_cast<U>(b));
      }
      return std::optional<T>(r);
    }
    case '%':
      if (b == 0) {
        if (ansi) return DivideByZero();
        return std::optional<T>();
      }
      if (b == -1) return std::optional<T>(0);
      return std::optional<T>(static_cast<T>(a % b));
  }
  return std::optional<T>();
}

template <typename T>
Result<std::optional<T>> FloatOp(char op, T a, T b, bool ansi) {
  switch (op) {
    case '+':
      return std::optional<T>(a + b);
    case '-':
      return std::optional<T>(a - b);
    case '*':
      return std::optional<T>(a * b);
    case '/':
      if (b == 0) {
        if (ansi) return DivideByZero();
        return std::optional<T>();
      }
      return std::optional<T>(a / b);
    case '%':
      if (b == 0) {
        if (ansi) return DivideByZero();
        return std::optional<T>();
      }
      return std::optional<T>(std::fmod(a, b));
  }
  return std::optional<T>();
}

Result<BoundScalar> BindArithmetic(char op, const FunctionContext& ctx,
                                   const std::vector<BindArgument>& args) {
  if (args.size() != 2) return Status::Invalid("arithmetic takes two arguments");
  if ((op == '+' || op == '-') &&
      (IsDatetimeOrInterval(args[0].type) || IsDatetimeOrInterval(args[1].type)))
    return BindDatetimeArithmetic(op, ctx, args);
  if ((op == '*' || op == '/') && (IsInterval(args[0].type) || IsInterval(args[1].type)))
    return BindDatetimeArithmetic(op, ctx, args);
  LogicalType a = Operand(args[0].type, args[1].type);
  LogicalType b = Operand(args[1].type, args[0].type);
  if (!a.IsNumeric() || !b.IsNumeric())
    return Status::Invalid(std::string("[DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE] The operator ") +
                           op + " requires numeric operands, not " + args[0].type.ToString() +
                           " and " + args[1].type.ToString());
  BoundScalar bound;
  if (a.id() == TypeId::kDecimal || b.id() == TypeId::kDecimal) {
    if (a.id() == TypeId::kFloat || a.id() == TypeId::kDouble || b.id() == TypeId::kFloat ||
        b.id() == TypeId::kDouble) {
      a = b = TypeId::kDouble;
    } else {
      if (a.id() != TypeId::kDecimal) a = DecimalForIntegral(a.id());
      if (b.id() != TypeId::kDecimal) b = DecimalForIntegral(b.id());
      LogicalType result = DecimalResultType(op, a, b, ctx.allow_precision_loss);
      bound.argument_types = {a, b};
      bound.return_type = result;
      const int sa = a.scale(), sb = b.scale();
      bound.kernel = [op, sa, sb, result](const FunctionContext& c,
                                          const std::vector<const vector::Vector*>& in, size_t rows,
                                          vector::Vector& out) {
        return MapRows<Int128, Int128>(in, rows, out, [&](Int128 x, Int128 y) {
          return DecimalOp(op, x, sa, y, sb, result, c.ansi);
        });
      };
      return bound;
    }
  }
  if (op == '/') a = b = TypeId::kDouble;
  std::optional<LogicalType> common = WiderType(a, b);
  if (!common) return Status::Invalid("no common numeric type");
  bound.argument_types = {*common, *common};
  bound.return_type = *common;
  bound.kernel = [op, type = *common](const FunctionContext& c,
                                      const std::vector<const vector::Vector*>& in, size_t rows,
                                      vector::Vector& out) -> Status {
    return DispatchFixedWidth(type.id(), [&]<typename T>() -> Status {
      if constexpr (std::is_floating_point_v<T>) {
        return MapRows<T, T>(in, rows, out, [&](T x, T y) { return FloatOp<T>(op, x, y, c.ansi); });
      } else if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        return MapRows<T, T>(in, rows, out,
                             [&](T x, T y) { return IntegerOp<T>(op, x, y, c.ansi); });
      } else {
        return Status::Internal("arithmetic on " + type.ToString());
      }
    });
  };
  return bound;
}

Result<BoundScalar> BindIntegralDivide(const FunctionContext&,
                                       const std::vector<BindArgument>& args) {
  if (args.size() != 2) return Status::Invalid("div takes two arguments");
  BoundScalar bound;
  const LogicalType &a = args[0].type, &b = args[1].type;
  if (a.IsAnsiInterval() || b.IsAnsiInterval()) {
    // Intervals of one kind: how many times b fits in a (months or microseconds).
    if (a.id() != b.id())
      return Status::Invalid(
          "[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] div requires intervals of "
          "one kind, not " +
          a.ToString() + " and " + b.ToString());
    const LogicalType t = LogicalType::Interval(std::min(a.interval_start(), b.interval_start()),
                                                std::max(a.interval_end(), b.interval_end()));
    bound.argument_types = {t, t};
    bound.return_type = TypeId::kBigInt;
    bound.kernel = [ym = t.id() == TypeId::kYearMonthInterval](
                       const FunctionContext& c, const std::vector<const vector::Vector*>& in,
                       size_t rows, vector::Vector& out) -> Status {
      auto divide = [&](int64_t x, int64_t y) -> Result<std::optional<int64_t>> {
        if (y == 0) {
          if (c.ansi) return DivideByZero();
          return std::optional<int64_t>();
        }
        return std::optional<int64_t>(x / y);
      };
      if (ym) return MapRows<int32_t, int32_t>(in, rows, out, divide);
      return MapRows<int64_t, int64_t>(in, rows, out, divide);
    };
    return bound;
  }
  bound.argument_types = {TypeId::kBigInt, TypeId::kBigInt};
  bound.return_type = TypeId::kBigInt;
  bound.kernel = [](const FunctionContext& c, const std::vector<const vector::Vector*>& in,
                    size_t rows, vector::Vector& out) {
    return MapRows<int64_t, int64_t>(in, rows, out,
                                     [&](int64_t x, int64_t y) -> Result<std::optional<int64_t>> {
                                       if (y == 0) {
                                         if (c.ansi) return DivideByZero();
                                         return std::optional<int64_t>();
                                       }
                                       if (x == std::numeric_limits<int64_t>::min() && y == -1) {
                                         if (c.ansi) return Overflow("long");
                                         return std::optional<int64_t>(x);
                                       }
                                       return std::optional<int64_t>(x / y);
                                     });
  };
  return bound;
}

Result<BoundScalar> BindNegative(const FunctionContext&, const std::vector<BindArgument>& args) {
  if (args.size() != 1) return Status::Invalid("negative takes one argument");
  LogicalType t = args[0].type.id() == TypeId::kString || args[0].type.id() == TypeId::kNull
                      ? LogicalType(TypeId::kDouble)
                      : args[0].type;
  if (!t.IsNumeric() && !IsInterval(t))
    return Status::Invalid(
        "[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] negative requires a numeric argument, not " +
        args[0].type.ToString());
  BoundScalar bound;
  bound.argument_types = {t};
  bound.return_type = t;
  bound.kernel = [t](const FunctionContext& c, const std::vector<const vector::Vector*>& in,
                     size_t rows, vector::Vector& out) -> Status {
    if (t.id() == TypeId::kInterval)
      return MapRows<types::Interval>(in, rows, out, [](types::Interval v) {
        return types::Interval{-v.months, -v.days, -v.micros};
      });
    return DispatchFixedWidth(t.id(), [&]<typename T>() -> Status {
      return MapRows<T>(in, rows, out, [&](T x) -> Result<T> {
        if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
          if (x == std::numeric_limits<T>::min()) {
            // ANSI intervals never wrap (Math.negateExact).
            if (c.ansi || t.IsAnsiInterval()) return Overflow("integer");
            return x;
          }
          return static_cast<T>(-x);
        } else if constexpr (std::is_same_v<T, bool>) {
          return x;
        } else {
          return static_cast<T>(-x);
        }
      });
    });
  };
  return bound;
}

ScalarFunction Arithmetic(const char* name, char op, const char* usage) {
  return ScalarFunction{name, usage,
                        [op](const FunctionContext& ctx, const std::vector<BindArgument>& args) {
                          return BindArithmetic(op, ctx, args);
                        }};
}

}  // namespace

void RegisterArithmeticFunctions(FunctionRegistry& r) {
  r.Add(Arithmetic("+", '+', "expr1 + expr2 - Returns `expr1`+`expr2`."));
  r.Add(Arithmetic("-", '-', "expr1 - expr2 - Returns `expr1`-`expr2`."));
  r.Add(Arithmetic("*", '*', "expr1 * expr2 - Returns `expr1`*`expr2`."));
  r.Add(Arithmetic(
      "/", '/',
      "expr1 / expr2 - Returns `expr1`/`expr2`. It always performs floating point division."));
  r.Add(Arithmetic("%", '%', "expr1 % expr2 - Returns the remainder after `expr1`/`expr2`."));
  r.AddAlias("mod", "%");
  r.Add(ScalarFunction{"div",
                       "expr1 div expr2 - Divide `expr1` by `expr2`. It returns NULL if an operand "
                       "is NULL or `expr2` is 0. The result is casted to long.",
                       BindIntegralDivide});
  r.Add(ScalarFunction{"negative", "negative(expr) - Returns the negated value of `expr`.",
                       BindNegative});
}

}  // namespace sluice::functions
