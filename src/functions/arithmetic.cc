// + - * / % div pmod, unary minus and plus, and try_add / try_subtract / try_multiply /
// try_divide, with Spark's types: integers keep the wider integer type (overflow wraps, or is
// an error under ANSI), FLOAT/DOUBLE follow IEEE, `/` gives DOUBLE unless decimals are
// involved, decimals follow DecimalPrecision and compute as BigDecimal does (math_decimal;
// overflow is NULL, or an error under ANSI), division by zero is NULL (an error under ANSI).
// Strings are read as DOUBLE. Dates, timestamps and intervals go to datetime_arithmetic.
#include <cmath>
#include <limits>

#include "functions/datetime_arithmetic.h"
#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "functions/math_decimal.h"
#include "functions/math_function_util.h"
#include "functions/numeric_dispatch.h"
#include "functions/type_coercion.h"
#include "vector/vector_ops.h"

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

Status OutOfRange(const LogicalType& type) {
  return Status::Invalid("[NUMERIC_VALUE_OUT_OF_RANGE] The value cannot be represented as " +
                         type.ToString() +
                         ". If necessary set \"spark.sql.ansi.enabled\" to "
                         "\"false\" to bypass this error.");
}

Result<std::optional<Int128>> DecimalOp(char op, Int128 a, int sa, Int128 b, int sb,
                                        const LogicalType& result, bool ansi) {
  if ((op == '/' || op == '%' || op == 'p') && b == 0) {
    if (ansi) return DivideByZero();
    return std::optional<Int128>();
  }
  Int128 r;
  bool ok;
  if (op == 'p') {  // pmod: (a % b + b) % b when a % b < 0
    const int s = result.scale();
    ok = DecimalArithmetic('%', a, sa, b, sb, 38, s, &r);
    if (ok && r < 0)
      ok = DecimalArithmetic('+', r, s, b, sb, 38, s, &r) &&
           DecimalArithmetic('%', r, s, b, sb, result.precision(), s, &r);
  } else {
    ok = DecimalArithmetic(op, a, sa, b, sb, result.precision(), result.scale(), &r);
  }
  if (!ok) {
    if (ansi) return OutOfRange(result);
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
    case 'p': {  // pmod: (a % b + b) % b when a % b < 0, wrapping as Java does
      if (b == 0) {
        if (ansi) return DivideByZero();
        return std::optional<T>();
      }
      if (b == -1) return std::optional<T>(0);
      T r = static_cast<T>(a % b);
      if (r < 0) r = static_cast<T>(static_cast<T>(static_cast<U>(r) + static_cast<U>(b)) % b);
      return std::optional<T>(r);
    }
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
    case 'p': {
      if (b == 0) {
        if (ansi) return DivideByZero();
        return std::optional<T>();
      }
      T r = std::fmod(a, b);
      if (r < 0) r = std::fmod(r + b, b);
      return std::optional<T>(r);
    }
  }
  return std::optional<T>();
}

// An integer literal next to a DECIMAL counts as the narrowest decimal holding its value
// (DecimalPrecision's literalPickMinimumPrecision): `a * 10` keeps more of a's scale.
LogicalType DecimalOperand(const BindArgument& arg, const LogicalType& type) {
  if (type.id() == TypeId::kDecimal) return type;
  if (arg.constant != nullptr && !arg.constant->IsNull(0) && arg.type.IsInteger()) {
    const int64_t v = DispatchFixedWidth(arg.type.id(), [&]<typename T>() -> int64_t {
      if constexpr (std::is_integral_v<T>)
        return static_cast<int64_t>(arg.constant->data<T>()[0]);
      else
        return 0;
    });
    return LogicalType::Decimal(types::DecimalDigits(v), 0);
  }
  return DecimalForIntegral(type.id());
}

// `op` is + - * / %, or 'p' for pmod.
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
  if (!a.IsNumeric() || !b.IsNumeric()) {
    const std::string symbol = op == 'p' ? std::string("pmod") : std::string(1, op);
    return Status::Invalid("[DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE] The operator " + symbol +
                           " requires numeric operands, not " + args[0].type.ToString() + " and " +
                           args[1].type.ToString());
  }
  BoundScalar bound;
  if (a.id() == TypeId::kDecimal || b.id() == TypeId::kDecimal) {
    if (a.id() == TypeId::kFloat || a.id() == TypeId::kDouble || b.id() == TypeId::kFloat ||
        b.id() == TypeId::kDouble) {
      a = b = TypeId::kDouble;
    } else {
      a = DecimalOperand(args[0], a);
      b = DecimalOperand(args[1], b);
      LogicalType result = DecimalResultType(op == 'p' ? '%' : op, a, b, ctx.allow_precision_loss);
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

// try_add and friends: the operator evaluated with ANSI errors, a row that fails is NULL.
ScalarKernel TryKernel(ScalarKernel kernel) {
  return [kernel](const FunctionContext& ctx, const std::vector<const vector::Vector*>& in,
                  size_t rows, vector::Vector& out) -> Status {
    FunctionContext ansi = ctx;
    ansi.ansi = true;
    if (kernel(ansi, in, rows, out).ok()) return Status::OK();
    // Some row failed: again one row at a time.
    for (size_t row = 0; row < rows; ++row) {
      std::vector<vector::Vector> one_row;
      std::vector<const vector::Vector*> one_args;
      for (const vector::Vector* v : in) {
        SLUICE_ASSIGN_OR_RAISE(vector::Vector r, vector::Gather(*v, {static_cast<uint32_t>(row)}));
        one_row.push_back(std::move(r));
      }
      for (const vector::Vector& v : one_row) one_args.push_back(&v);
      SLUICE_ASSIGN_OR_RAISE(vector::Vector one, vector::Vector::Make(out.type(), 1));
      if (kernel(ansi, one_args, 1, one).ok())
        SLUICE_RETURN_NOT_OK(vector::CopyRow(one, 0, out, row));
      else
        out.SetNull(row);
    }
    return Status::OK();
  };
}

ScalarFunction TryArithmetic(const char* name, char op, const char* usage) {
  return ScalarFunction{name, usage,
                        [op, name](const FunctionContext& ctx,
                                   const std::vector<BindArgument>& args) -> Result<BoundScalar> {
                          SLUICE_RETURN_NOT_OK(CheckArgumentCount(name, args, 2, 2));
                          SLUICE_ASSIGN_OR_RAISE(BoundScalar bound, BindArithmetic(op, ctx, args));
                          bound.kernel = TryKernel(std::move(bound.kernel));
                          return bound;
                        }};
}

// `div`: BIGINT operands, or DECIMAL ones when a decimal is involved (the exact quotient,
// truncated); the result is BIGINT.
Result<BoundScalar> BindIntegralDivide(const FunctionContext&,
                                       const std::vector<BindArgument>& args) {
  if (args.size() != 2) return Status::Invalid("div takes two arguments");
  BoundScalar bound;
  if (args[0].type.IsAnsiInterval() || args[1].type.IsAnsiInterval()) {
    const LogicalType &x = args[0].type, &y = args[1].type;
    // Intervals of one kind: how many times b fits in a (months or microseconds).
    if (x.id() != y.id())
      return Status::Invalid(
          "[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] div requires intervals of "
          "one kind, not " +
          x.ToString() + " and " + y.ToString());
    const LogicalType t = LogicalType::Interval(std::min(x.interval_start(), y.interval_start()),
                                                std::max(x.interval_end(), y.interval_end()));
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
  bound.return_type = TypeId::kBigInt;
  LogicalType a = Operand(args[0].type, args[1].type);
  LogicalType b = Operand(args[1].type, args[0].type);
  if ((a.id() == TypeId::kDecimal && (b.IsInteger() || b.id() == TypeId::kDecimal)) ||
      (b.id() == TypeId::kDecimal && a.IsInteger())) {
    a = DecimalOperand(args[0], a);
    b = DecimalOperand(args[1], b);
    bound.argument_types = {a, b};
    const int sa = a.scale(), sb = b.scale();
    bound.kernel = [sa, sb](const FunctionContext& c, const std::vector<const vector::Vector*>& in,
                            size_t rows, vector::Vector& out) {
      return MapRows<Int128, Int128>(in, rows, out,
                                     [&](Int128 x, Int128 y) -> Result<std::optional<int64_t>> {
                                       if (y == 0) {
                                         if (c.ansi) return DivideByZero();
                                         return std::optional<int64_t>();
                                       }
                                       Int128 q;
                                       if (!DecimalArithmetic('q', x, sa, y, sb, 19, 0, &q) ||
                                           q > std::numeric_limits<int64_t>::max() ||
                                           q < std::numeric_limits<int64_t>::min()) {
                                         if (c.ansi) return Overflow("long");
                                         return std::optional<int64_t>();
                                       }
                                       return std::optional<int64_t>(static_cast<int64_t>(q));
                                     });
    };
    return bound;
  }
  bound.argument_types = {TypeId::kBigInt, TypeId::kBigInt};
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

// The operand type of unary - and +: a number or an interval; strings and NULL as DOUBLE.
Result<LogicalType> UnaryOperand(const std::string& name, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgumentCount(name, args, 1, 1));
  LogicalType t = args[0].type.id() == TypeId::kString || args[0].type.id() == TypeId::kNull
                      ? LogicalType(TypeId::kDouble)
                      : args[0].type;
  if (!t.IsNumeric() && !IsInterval(t))
    return UnexpectedType(name, args, 0, "(\"NUMERIC\" or \"INTERVAL\")");
  return t;
}

Result<BoundScalar> BindNegative(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_ASSIGN_OR_RAISE(const LogicalType t, UnaryOperand("negative", args));
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

Result<BoundScalar> BindPositive(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_ASSIGN_OR_RAISE(const LogicalType t, UnaryOperand("positive", args));
  BoundScalar bound;
  bound.argument_types = {t};
  bound.return_type = t;
  bound.kernel = [](const FunctionContext&, const std::vector<const vector::Vector*>& in,
                    size_t rows, vector::Vector& out) -> Status {
    for (size_t row = 0; row < rows; ++row)
      SLUICE_RETURN_NOT_OK(vector::CopyRow(*in[0], row, out, row));
    return Status::OK();
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
  r.Add(Arithmetic("pmod", 'p',
                   "pmod(expr1, expr2) - Returns the positive value of `expr1` mod `expr2`."));
  r.Add(
      TryArithmetic("try_add", '+',
                    "try_add(expr1, expr2) - Returns the sum of `expr1`and `expr2` and the result "
                    "is null on overflow."));
  r.Add(TryArithmetic("try_subtract", '-',
                      "try_subtract(expr1, expr2) - Returns `expr1`-`expr2` and the result is null "
                      "on overflow."));
  r.Add(TryArithmetic("try_multiply", '*',
                      "try_multiply(expr1, expr2) - Returns `expr1`*`expr2` and the result is null "
                      "on overflow."));
  r.Add(TryArithmetic(
      "try_divide", '/',
      "try_divide(dividend, divisor) - Returns `dividend`/`divisor`. It always "
      "performs floating point division. Its result is always null if `expr2` is 0."));
  r.Add(ScalarFunction{"div",
                       "expr1 div expr2 - Divide `expr1` by `expr2`. It returns NULL if an operand "
                       "is NULL or `expr2` is 0. The result is casted to long.",
                       BindIntegralDivide});
  r.Add(ScalarFunction{"negative", "negative(expr) - Returns the negated value of `expr`.",
                       BindNegative});
  r.Add(ScalarFunction{"positive", "positive(expr) - Returns the value of `expr`.", BindPositive});
}

}  // namespace sluice::functions
