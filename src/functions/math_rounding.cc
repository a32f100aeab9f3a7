// round (HALF_UP), bround (HALF_EVEN), floor and ceil, with Spark's types: decimals keep a
// decimal type (RoundBase's precision rule), integers round only at negative scales,
// FLOAT/DOUBLE round their shortest decimal text (Scala's BigDecimal(d)) and stay FLOAT/DOUBLE;
// floor/ceil of one argument give BIGINT, or DECIMAL(p - s + 1, 0) for decimals.
#include <cmath>
#include <cstdlib>
#include <limits>

#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "functions/math_decimal.h"
#include "functions/math_function_util.h"
#include "functions/numeric_dispatch.h"
#include "functions/type_coercion.h"
#include "vector/value_formatter.h"

namespace sluice::functions {

using types::Int128;
using types::LogicalType;
using types::TypeId;

namespace {

// Java's (long) of a double: saturating, NaN is 0.
int64_t JavaToLong(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 9.2233720368547758e18) return std::numeric_limits<int64_t>::max();
  if (d <= -9.2233720368547758e18) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(d);
}

// BigDecimal(Double.toString(d)).setScale(scale, mode).doubleValue().
double RoundDouble(double d, int scale, Rounding mode) {
  if (!std::isfinite(d)) return d;
  // Java's text is "[-]digits.digits[E[-]exponent]": read it as digits * 10^exponent.
  const std::string text = vector::FormatJavaDouble(d);
  Int128 digits = 0;
  int exponent = 0;
  bool dot = false;
  size_t i = text[0] == '-' ? 1 : 0;
  for (; i < text.size() && text[i] != 'E'; ++i) {
    if (text[i] == '.') {
      dot = true;
      continue;
    }
    digits = digits * 10 + (text[i] - '0');
    if (dot) --exponent;
  }
  if (i < text.size()) exponent += std::atoi(text.c_str() + i + 1);
  if (-exponent <= scale) return d;  // already exact at that scale
  if (text[0] == '-') digits = -digits;
  // digits / 10^dropped, rounded, is the result in units of 10^-scale.
  Int128 rounded;
  if (!RescaleDecimal(digits, -exponent - scale, 0, 38, mode, &rounded)) return d;
  return std::strtod((types::FormatDecimal(rounded, 0) + "E" + std::to_string(-scale)).c_str(),
                     nullptr);
}

// RoundBase.dataType for a decimal.
LogicalType RoundedDecimalType(const LogicalType& t, int scale) {
  const int integral = t.precision() - t.scale() + 1;
  if (scale < 0) return LogicalType::Decimal(std::min(std::max(integral, -scale + 1), 38), 0);
  const int s = std::min(t.scale(), scale);
  return LogicalType::Decimal(std::min(integral + s, 38), s);
}

// DecimalType.forType for the types Spark casts to a decimal implicitly.
LogicalType AsDecimal(const LogicalType& t) {
  if (t.IsInteger()) return DecimalForIntegral(t.id());
  switch (t.id()) {
    case TypeId::kDecimal:
      return t;
    case TypeId::kFloat:
      return LogicalType::Decimal(14, 7);
    case TypeId::kDouble:
      return LogicalType::Decimal(30, 15);
    default:
      return LogicalType::Decimal(38, 18);
  }
}

// The constant scale argument: nullopt when it is NULL (the result is then NULL).
Result<std::optional<int>> ScaleArgument(const std::string& name,
                                         const std::vector<BindArgument>& args) {
  if (args.size() < 2) return std::optional<int>(0);
  const BindArgument& a = args[1];
  if (!a.type.IsInteger() && a.type.id() != TypeId::kNull)
    return UnexpectedType(name, args, 1, "\"INT\"");
  if (a.type.id() == TypeId::kBigInt) return UnexpectedType(name, args, 1, "\"INT\"");
  if (a.constant == nullptr)
    return Status::Invalid("[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT] Cannot resolve `" + name +
                           "` due to data type mismatch: the input `scale` should be a foldable "
                           "\"INT\" expression.");
  if (a.type.id() == TypeId::kNull || a.constant->IsNull(0)) return std::optional<int>();
  return std::optional<int>(DispatchFixedWidth(a.type.id(), [&]<typename T>() -> int {
    if constexpr (std::is_integral_v<T>)
      return static_cast<int>(a.constant->data<T>()[0]);
    else
      return 0;
  }));
}

ScalarKernel NullKernel() {
  return [](const FunctionContext&, const std::vector<const vector::Vector*>&, size_t rows,
            vector::Vector& out) {
    for (size_t row = 0; row < rows; ++row) out.SetNull(row);
    return Status::OK();
  };
}

// round / bround / floor / ceil with a scale (RoundBase).
Result<BoundScalar> BindRound(const std::string& name, Rounding mode, bool decimal_only,
                              const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgumentCount(name, args, 1, 2));
  SLUICE_RETURN_NOT_OK(CheckNumeric(name, args, 0));
  SLUICE_ASSIGN_OR_RAISE(std::optional<int> scale_arg, ScaleArgument(name, args));
  const LogicalType in = decimal_only ? AsDecimal(args[0].type) : NumericOrDouble(args[0].type);
  BoundScalar bound;
  bound.argument_types = {in};
  if (args.size() == 2) bound.argument_types.push_back(TypeId::kInt);
  bound.return_type =
      in.id() == TypeId::kDecimal ? RoundedDecimalType(in, scale_arg.value_or(0)) : in;
  if (!scale_arg) {
    bound.kernel = NullKernel();
    return bound;
  }
  const int scale = *scale_arg;
  const LogicalType out_type = bound.return_type;
  bound.kernel = [in, out_type, scale, mode](const FunctionContext& ctx,
                                             const std::vector<const vector::Vector*>& args,
                                             size_t rows, vector::Vector& out) -> Status {
    const std::vector<const vector::Vector*> value = {args[0]};
    return DispatchFixedWidth(in.id(), [&]<typename T>() -> Status {
      if constexpr (std::is_same_v<T, Int128>) {
        return MapRows<Int128>(value, rows, out, [&](Int128 v) -> std::optional<Int128> {
          Int128 r;
          if (!RescaleDecimal(v, in.scale(), scale >= 0 ? std::min(scale, in.scale()) : scale,
                              out_type.precision(), mode, &r))
            return std::nullopt;
          return r;
        });
      } else if constexpr (std::is_floating_point_v<T>) {
        return MapRows<T>(value, rows, out, [&](T v) {
          return static_cast<T>(RoundDouble(static_cast<double>(v), scale, mode));
        });
      } else if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        return MapRows<T>(value, rows, out, [&](T v) -> Result<T> {
          Int128 r = v;
          if (scale < 0) RescaleDecimal(v, 0, scale, 38, mode, &r);
          if (ctx.ansi && r != static_cast<T>(r))
            return Status::Invalid("[ARITHMETIC_OVERFLOW] Overflow in rounding " +
                                   std::to_string(v) + ".");
          return static_cast<T>(r);  // wraps as BigDecimal.toInt and friends
        });
      } else {
        return Status::Internal("round of " + in.ToString());
      }
    });
  };
  return bound;
}

// floor(x) / ceil(x): BIGINT, or DECIMAL(p - s + 1, 0); with a scale, RoundBase on a decimal.
Result<BoundScalar> BindFloorCeil(const std::string& name, Rounding mode,
                                  const std::vector<BindArgument>& args) {
  if (args.size() == 2) return BindRound(name, mode, true, args);
  SLUICE_RETURN_NOT_OK(CheckArgumentCount(name, args, 1, 2));
  SLUICE_RETURN_NOT_OK(CheckNumeric(name, args, 0));
  const LogicalType t = args[0].type;
  BoundScalar bound;
  if (t.id() == TypeId::kDecimal) {
    const LogicalType result =
        t.scale() == 0 ? t : LogicalType::Decimal(std::min(t.precision() - t.scale() + 1, 38), 0);
    bound.argument_types = {t};
    bound.return_type = result;
    bound.kernel = [t, result, mode](const FunctionContext&,
                                     const std::vector<const vector::Vector*>& in, size_t rows,
                                     vector::Vector& out) {
      return MapRows<Int128>(in, rows, out, [&](Int128 v) -> std::optional<Int128> {
        Int128 r;
        if (!RescaleDecimal(v, t.scale(), 0, result.precision(), mode, &r)) return std::nullopt;
        return r;
      });
    };
    return bound;
  }
  bound.return_type = TypeId::kBigInt;
  if (t.IsInteger()) {
    bound.argument_types = {TypeId::kBigInt};
    bound.kernel = [](const FunctionContext&, const std::vector<const vector::Vector*>& in,
                      size_t rows, vector::Vector& out) {
      return MapRows<int64_t>(in, rows, out, [](int64_t v) { return v; });
    };
    return bound;
  }
  bound.argument_types = {TypeId::kDouble};
  const bool floor = mode == Rounding::kFloor;
  bound.kernel = [floor](const FunctionContext&, const std::vector<const vector::Vector*>& in,
                         size_t rows, vector::Vector& out) {
    return MapRows<double>(
        in, rows, out, [&](double v) { return JavaToLong(floor ? std::floor(v) : std::ceil(v)); });
  };
  return bound;
}

ScalarFunction Round(const char* name, Rounding mode, const char* usage) {
  return ScalarFunction{
      name, usage, [name, mode](const FunctionContext&, const std::vector<BindArgument>& args) {
        return BindRound(name, mode, false, args);
      }};
}

ScalarFunction FloorCeil(const char* name, Rounding mode, const char* usage) {
  return ScalarFunction{
      name, usage, [name, mode](const FunctionContext&, const std::vector<BindArgument>& args) {
        return BindFloorCeil(name, mode, args);
      }};
}

}  // namespace

void RegisterRoundingFunctions(FunctionRegistry& r) {
  r.Add(Round("round", Rounding::kHalfUp,
              "round(expr, d) - Returns `expr` rounded to `d` decimal places using HALF_UP "
              "rounding mode."));
  r.Add(Round("bround", Rounding::kHalfEven,
              "bround(expr, d) - Returns `expr` rounded to `d` decimal places using HALF_EVEN "
              "rounding mode."));
  r.Add(FloorCeil("floor", Rounding::kFloor,
                  "floor(expr[, scale]) - Returns the largest number after rounding down that is "
                  "not greater than `expr`."));
  r.Add(FloorCeil("ceil", Rounding::kCeiling,
                  "ceil(expr[, scale]) - Returns the smallest number after rounding up that is not "
                  "smaller than `expr`."));
  r.AddAlias("ceiling", "ceil");
}

}  // namespace sluice::functions
