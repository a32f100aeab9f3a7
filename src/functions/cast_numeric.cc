// Casts to BOOLEAN, the integer types, FLOAT, DOUBLE and DECIMAL (Cast.scala's castToX with
// Scala's Numeric conversions: integers wrap when narrowed and floating values saturate as
// Java's (int)/(long) casts do, unless ANSI; DECIMAL rounds HALF_UP and overflows to NULL).
#include <charconv>
#include <cmath>
#include <limits>
#include <type_traits>

#include "functions/cast_kernel.h"
#include "types/civil_date.h"
#include "vector/value_formatter.h"

namespace sluice::functions::internal {
namespace {

using types::Int128;
using types::TypeId;
using vector::StringRef;
using vector::Vector;

// Java's (int) / (long) of a double: NaN is 0, out-of-range values saturate.
template <typename T>
T JavaFloatingToIntegral(double d) {
  if (std::isnan(d)) return 0;
  if (d >= static_cast<double>(std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
  if (d <= static_cast<double>(std::numeric_limits<T>::min())) return std::numeric_limits<T>::min();
  return static_cast<T>(d);
}

// Spark's DoubleExactNumeric / FloatExactNumeric.toInt and toLong (ANSI):
// floor(x) <= max && ceil(x) >= min with the limits widened to double, so NaN fails and
// 2^63, which is Long.MaxValue as a double, passes and saturates.
template <typename Bound>
bool ExactRangeOk(double x) {
  return std::floor(x) <= static_cast<double>(std::numeric_limits<Bound>::max()) &&
         std::ceil(x) >= static_cast<double>(std::numeric_limits<Bound>::min());
}

// HALF_UP to `to_scale` digits; false when more than `precision` digits are needed.
bool RescaleDecimal(Int128 v, int from_scale, int to_scale, int precision, Int128* out) {
  if (to_scale >= from_scale) {
    const int up = to_scale - from_scale;
    if (v != 0 && types::DecimalDigits(v) + up > precision) return false;
    *out = v * types::PowerOfTen(up);
    return true;
  }
  const Int128 divisor = types::PowerOfTen(from_scale - to_scale);
  Int128 quotient = v / divisor;
  const Int128 remainder = v % divisor < 0 ? -(v % divisor) : v % divisor;
  // HALF_UP: a remainder of half or more rounds away from zero (2 * remainder could pass
  // 2^127 when dividing by 10^38).
  if (remainder >= divisor - remainder) quotient += v < 0 ? -1 : 1;
  if (types::DecimalDigits(quotient) > precision) return false;
  *out = quotient;
  return true;
}

// The unscaled value of a double as Spark's Decimal(double) reads it: its shortest text.
Outcome DoubleToDecimal(double d, int precision, int scale, Int128* out) {
  // BigDecimal(NaN) throws NumberFormatException, which Spark turns into NULL in every mode.
  if (!std::isfinite(d)) return Outcome::kNull;
  return types::ParseDecimal(vector::FormatJavaDouble(d), precision, scale, out)
             ? kValue
             : Outcome::kOverflow;
}

template <typename Out>
Status ToIntegral(const Vector& in, Vector& out, const RowRange& r, const CastState& st) {
  constexpr int64_t kMin = std::numeric_limits<Out>::min();
  constexpr int64_t kMax = std::numeric_limits<Out>::max();
  const bool ansi = st.ansi;
  // Integers wrap when narrowed (Java's narrowing casts), or overflow under ANSI.
  auto narrow = [ansi](int64_t v, Out* o) {
    if (ansi && (v < kMin || v > kMax)) return Outcome::kOverflow;
    *o = static_cast<Out>(v);
    return kValue;
  };
  // FLOAT and DOUBLE: to INT and BIGINT directly; to SMALLINT and TINYINT through INT, then
  // wrapping (numeric.toInt(b).toShort), or range-checked under ANSI.
  auto floating = [ansi](auto x, Out* o) {
    using Wide = std::conditional_t<std::is_same_v<Out, int64_t>, int64_t, int32_t>;
    if (ansi && !ExactRangeOk<Wide>(x)) return Outcome::kOverflow;
    const Wide v = JavaFloatingToIntegral<Wide>(static_cast<double>(x));
    if (ansi && (v < kMin || v > kMax)) return Outcome::kOverflow;
    *o = static_cast<Out>(v);
    return kValue;
  };
  switch (in.type().id()) {
    case TypeId::kBoolean:
      return MapRows<uint8_t, Out>(in, out, r, st, [](uint8_t b, Out* o) {
        *o = b ? 1 : 0;
        return kValue;
      });
    case TypeId::kTinyInt:
      return MapRows<int8_t, Out>(in, out, r, st, narrow);
    case TypeId::kSmallInt:
      return MapRows<int16_t, Out>(in, out, r, st, narrow);
    case TypeId::kInt:
      return MapRows<int32_t, Out>(in, out, r, st, narrow);
    case TypeId::kBigInt:
      return MapRows<int64_t, Out>(in, out, r, st, narrow);
    case TypeId::kFloat:
      return MapRows<float, Out>(in, out, r, st, floating);
    case TypeId::kDouble:
      return MapRows<double, Out>(in, out, r, st, floating);
    case TypeId::kDecimal: {
      const Int128 divisor = types::PowerOfTen(in.type().scale());
      return MapDecimal<Out>(in, out, r, st, [ansi, divisor](Int128 v, Out* o) {
        const Int128 whole = v / divisor;  // truncated toward zero
        if (ansi && (whole < kMin || whole > kMax)) return Outcome::kOverflow;
        // BigDecimal.longValue keeps the low 64 bits; narrower types wrap from there.
        *o = static_cast<Out>(static_cast<int64_t>(whole));
        return kValue;
      });
    }
    case TypeId::kString:
      return MapRows<StringRef, Out>(in, out, r, st, [ansi](StringRef s, Out* o) {
        int64_t v = 0;
        const Outcome outcome = StringToIntegral(s.view(), ansi, kMin, kMax, &v);
        *o = static_cast<Out>(v);
        return outcome;
      });
    case TypeId::kDate:  // Hive's rule: NULL
      return MapRows<int32_t, Out>(in, out, r, st, [](int32_t, Out*) { return Outcome::kNull; });
    case TypeId::kTimestamp:
      // Whole seconds, floored; beyond the type's range NULL (not wrapped), or an error.
      return MapRows<int64_t, Out>(in, out, r, st, [](int64_t micros, Out* o) {
        const int64_t seconds = types::FloorDiv(micros, types::kMicrosPerSecond);
        if (seconds < kMin || seconds > kMax) return Outcome::kOverflow;
        *o = static_cast<Out>(seconds);
        return kValue;
      });
    default:
      return Status::NotImplemented("cast from " + in.type().ToString() + " to " +
                                    out.type().ToString());
  }
}

template <typename Out>
Status ToFloating(const Vector& in, Vector& out, const RowRange& r, const CastState& st) {
  auto convert = [](auto v, Out* o) {
    *o = static_cast<Out>(v);
    return kValue;
  };
  switch (in.type().id()) {
    case TypeId::kBoolean:
      return MapRows<uint8_t, Out>(in, out, r, st, convert);
    case TypeId::kTinyInt:
      return MapRows<int8_t, Out>(in, out, r, st, convert);
    case TypeId::kSmallInt:
      return MapRows<int16_t, Out>(in, out, r, st, convert);
    case TypeId::kInt:
      return MapRows<int32_t, Out>(in, out, r, st, convert);
    case TypeId::kBigInt:
      return MapRows<int64_t, Out>(in, out, r, st, convert);
    case TypeId::kFloat:
      return MapRows<float, Out>(in, out, r, st, convert);
    case TypeId::kDouble:
      return MapRows<double, Out>(in, out, r, st, convert);
    case TypeId::kDecimal: {
      // BigDecimal.doubleValue / floatValue: the nearest value to the exact decimal.
      const int scale = in.type().scale();
      return MapDecimal<Out>(in, out, r, st, [scale](Int128 v, Out* o) {
        const std::string text = types::FormatDecimal(v, scale);
        std::from_chars(text.data(), text.data() + text.size(), *o);
        return kValue;
      });
    }
    case TypeId::kString:
      return MapRows<StringRef, Out>(
          in, out, r, st, [](StringRef s, Out* o) { return StringToFloating(s.view(), o); });
    case TypeId::kDate:
      return MapRows<int32_t, Out>(in, out, r, st, [](int32_t, Out*) { return Outcome::kNull; });
    case TypeId::kTimestamp:
      return MapRows<int64_t, Out>(in, out, r, st, [](int64_t micros, Out* o) {
        *o = static_cast<Out>(static_cast<double>(micros) / types::kMicrosPerSecond);
        return kValue;
      });
    default:
      return Status::NotImplemented("cast from " + in.type().ToString() + " to " +
                                    out.type().ToString());
  }
}

template <typename Store>
Status ToDecimal(const Vector& in, Vector& out, const RowRange& r, const CastState& st) {
  const int precision = out.type().precision(), scale = out.type().scale();
  auto from_integer = [precision, scale](auto v, Store* o) {
    Int128 result;
    if (!RescaleDecimal(Int128{v}, 0, scale, precision, &result)) return Outcome::kOverflow;
    *o = static_cast<Store>(result);
    return kValue;
  };
  auto from_double = [precision, scale](double d, Store* o) {
    Int128 result = 0;
    const Outcome outcome = DoubleToDecimal(d, precision, scale, &result);
    *o = static_cast<Store>(result);
    return outcome;
  };
  switch (in.type().id()) {
    case TypeId::kBoolean:
      return MapRows<uint8_t, Store>(in, out, r, st, from_integer);
    case TypeId::kTinyInt:
      return MapRows<int8_t, Store>(in, out, r, st, from_integer);
    case TypeId::kSmallInt:
      return MapRows<int16_t, Store>(in, out, r, st, from_integer);
    case TypeId::kInt:
      return MapRows<int32_t, Store>(in, out, r, st, from_integer);
    case TypeId::kBigInt:
      return MapRows<int64_t, Store>(in, out, r, st, from_integer);
    case TypeId::kFloat:
      // Decimal(f.toDouble): the float's exact value as a double's shortest text.
      return MapRows<float, Store>(in, out, r, st, from_double);
    case TypeId::kDouble:
      return MapRows<double, Store>(in, out, r, st, from_double);
    case TypeId::kDecimal: {
      const int from_scale = in.type().scale();
      return MapDecimal<Store>(in, out, r, st, [=](Int128 v, Store* o) {
        Int128 result;
        if (!RescaleDecimal(v, from_scale, scale, precision, &result)) return Outcome::kOverflow;
        *o = static_cast<Store>(result);
        return kValue;
      });
    }
    case TypeId::kString:
      return MapRows<StringRef, Store>(in, out, r, st, [=](StringRef s, Store* o) {
        Int128 result = 0;
        const Outcome outcome = StringToDecimal(s.view(), precision, scale, &result);
        *o = static_cast<Store>(result);
        return outcome;
      });
    case TypeId::kDate:
      return MapRows<int32_t, Store>(in, out, r, st,
                                     [](int32_t, Store*) { return Outcome::kNull; });
    case TypeId::kTimestamp:
      // Through a double of seconds, as Spark does ("we lose precision here").
      return MapRows<int64_t, Store>(in, out, r, st, [&](int64_t micros, Store* o) {
        return from_double(static_cast<double>(micros) / types::kMicrosPerSecond, o);
      });
    default:
      return Status::NotImplemented("cast from " + in.type().ToString() + " to " +
                                    out.type().ToString());
  }
}

}  // namespace

Status CastToBoolean(const Vector& in, Vector& out, const RowRange& r, const CastState& st) {
  auto non_zero = [](auto v, uint8_t* o) {
    *o = v != 0;
    return kValue;
  };
  switch (in.type().id()) {
    case TypeId::kTinyInt:
      return MapRows<int8_t, uint8_t>(in, out, r, st, non_zero);
    case TypeId::kSmallInt:
      return MapRows<int16_t, uint8_t>(in, out, r, st, non_zero);
    case TypeId::kInt:
      return MapRows<int32_t, uint8_t>(in, out, r, st, non_zero);
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
      return MapRows<int64_t, uint8_t>(in, out, r, st, non_zero);
    case TypeId::kFloat:
      return MapRows<float, uint8_t>(in, out, r, st, non_zero);  // NaN is true
    case TypeId::kDouble:
      return MapRows<double, uint8_t>(in, out, r, st, non_zero);
    case TypeId::kDecimal:
      return MapDecimal<uint8_t>(in, out, r, st, non_zero);
    case TypeId::kString:
      return MapRows<StringRef, uint8_t>(in, out, r, st, [](StringRef s, uint8_t* o) {
        bool b = false;
        const Outcome outcome = StringToBoolean(s.view(), &b);
        *o = b;
        return outcome;
      });
    case TypeId::kDate:
      return MapRows<int32_t, uint8_t>(in, out, r, st,
                                       [](int32_t, uint8_t*) { return Outcome::kNull; });
    default:
      return Status::NotImplemented("cast from " + in.type().ToString() + " to BOOLEAN");
  }
}

Status CastToIntegral(const Vector& in, Vector& out, const RowRange& r, const CastState& st) {
  switch (out.type().id()) {
    case TypeId::kTinyInt:
      return ToIntegral<int8_t>(in, out, r, st);
    case TypeId::kSmallInt:
      return ToIntegral<int16_t>(in, out, r, st);
    case TypeId::kInt:
      return ToIntegral<int32_t>(in, out, r, st);
    default:
      return ToIntegral<int64_t>(in, out, r, st);
  }
}

Status CastToFloating(const Vector& in, Vector& out, const RowRange& r, const CastState& st) {
  if (out.type().id() == TypeId::kFloat) return ToFloating<float>(in, out, r, st);
  return ToFloating<double>(in, out, r, st);
}

Status CastToDecimal(const Vector& in, Vector& out, const RowRange& r, const CastState& st) {
  if (IsWideDecimal(out.type())) return ToDecimal<Int128>(in, out, r, st);
  return ToDecimal<int64_t>(in, out, r, st);
}

}  // namespace sluice::functions::internal
