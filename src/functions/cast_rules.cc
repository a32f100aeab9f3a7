// Which casts Spark 3.5 allows: Cast.canCast, canAnsiCast, canTryCast and forceNullable.
#include "functions/cast.h"
#include "functions/cast_interval.h"
#include "functions/type_coercion.h"

namespace sluice::functions {
namespace {

using types::LogicalType;
using types::TypeId;

bool IsFractional(const LogicalType& t) {
  return t.id() == TypeId::kFloat || t.id() == TypeId::kDouble;
}

// Cast.canNullSafeCastToDecimal: whether every value of `from` fits `to`.
bool CanNullSafeCastToDecimal(const LogicalType& from, const LogicalType& to) {
  if (from.id() == TypeId::kBoolean) return DecimalIsWiderThan(to, LogicalType::Decimal(1, 0));
  if (from.id() == TypeId::kDecimal) {
    return to.precision() - to.scale() > from.precision() - from.scale();
  }
  return from.IsInteger() && DecimalIsWiderThan(to, from);
}

// resolvableNullability: a nullable source may only go to a nullable target.
bool Resolvable(bool from_nullable, bool to_nullable) { return !from_nullable || to_nullable; }

// The ARRAY, MAP and STRUCT cases, with `element` deciding the casts inside. `legacy` adds
// the checks of canCast (a cast that may give NULL needs a nullable target, and none may
// for MAP keys); canAnsiCast compares the nullability of the two sides only.
template <typename ElementRule>
bool CanCastNested(const LogicalType& from, const LogicalType& to, bool legacy,
                   ElementRule element) {
  if (from.id() != to.id()) return false;
  const auto& f = from.children();
  const auto& t = to.children();
  auto nullable_ok = [&](size_t i) {
    return Resolvable(f[i].nullable || (legacy && ForceNullable(f[i].type, t[i].type)),
                      t[i].nullable);
  };
  switch (from.id()) {
    case TypeId::kArray:
      return element(f[0].type, t[0].type) && nullable_ok(0);
    case TypeId::kMap:
      return element(f[0].type, t[0].type) && !(legacy && ForceNullable(f[0].type, t[0].type)) &&
             element(f[1].type, t[1].type) && nullable_ok(1);
    case TypeId::kStruct:
      if (f.size() != t.size()) return false;
      for (size_t i = 0; i < f.size(); ++i) {
        if (!element(f[i].type, t[i].type) || !nullable_ok(i)) return false;
      }
      return true;
    default:
      return false;
  }
}

bool CanLegacyCast(const LogicalType& from, const LogicalType& to) {
  if (from == to || from.id() == TypeId::kNull || to.id() == TypeId::kString) return true;
  const TypeId f = from.id();
  switch (to.id()) {
    case TypeId::kBinary:
      return f == TypeId::kString || from.IsInteger();
    case TypeId::kBoolean:
      return f == TypeId::kString || f == TypeId::kDate || f == TypeId::kTimestamp ||
             from.IsNumeric();
    case TypeId::kTimestamp:
      return f == TypeId::kString || f == TypeId::kBoolean || f == TypeId::kDate ||
             f == TypeId::kTimestampNtz || from.IsNumeric();
    case TypeId::kTimestampNtz:
      return f == TypeId::kString || f == TypeId::kDate || f == TypeId::kTimestamp;
    case TypeId::kDate:
      return f == TypeId::kString || f == TypeId::kTimestamp || f == TypeId::kTimestampNtz;
    case TypeId::kInterval:
      return f == TypeId::kString;
    case TypeId::kArray:
    case TypeId::kMap:
    case TypeId::kStruct:
      return CanCastNested(from, to, /*legacy=*/true, CanLegacyCast);
    default:
      if (!to.IsNumeric()) return false;
      return f == TypeId::kString || f == TypeId::kBoolean || f == TypeId::kDate ||
             f == TypeId::kTimestamp || from.IsNumeric();
  }
}

bool CanAnsiCast(const LogicalType& from, const LogicalType& to) {
  if (from == to || from.id() == TypeId::kNull || to.id() == TypeId::kString) return true;
  const TypeId f = from.id();
  switch (to.id()) {
    case TypeId::kBinary:
      return f == TypeId::kString;
    case TypeId::kBoolean:
      return f == TypeId::kString || from.IsNumeric();
    case TypeId::kTimestamp:
      return f == TypeId::kString || f == TypeId::kDate || f == TypeId::kTimestampNtz ||
             from.IsNumeric();
    case TypeId::kTimestampNtz:
      return f == TypeId::kString || f == TypeId::kDate || f == TypeId::kTimestamp;
    case TypeId::kDate:
      return f == TypeId::kString || f == TypeId::kTimestamp || f == TypeId::kTimestampNtz;
    case TypeId::kInterval:
      return f == TypeId::kString;
    case TypeId::kArray:
    case TypeId::kMap:
    case TypeId::kStruct:
      return CanCastNested(from, to, /*legacy=*/false, CanAnsiCast);
    default:
      if (!to.IsNumeric()) return false;
      return f == TypeId::kString || f == TypeId::kBoolean || f == TypeId::kTimestamp ||
             from.IsNumeric();
  }
}

}  // namespace

bool DecimalIsWiderThan(const LogicalType& decimal, const LogicalType& other) {
  if (other.IsInteger()) return DecimalIsWiderThan(decimal, DecimalForIntegral(other.id()));
  if (other.id() != TypeId::kDecimal) return false;
  return decimal.precision() - decimal.scale() >= other.precision() - other.scale() &&
         decimal.scale() >= other.scale();
}

bool CanCast(const LogicalType& from, const LogicalType& to, bool ansi) {
  if (IsIntervalCast(from, to)) return true;
  return ansi ? CanAnsiCast(from, to) : CanLegacyCast(from, to);
}

bool CanTryCast(const LogicalType& from, const LogicalType& to) {
  if (IsIntervalCast(from, to)) return true;
  if (from.IsNested() && from.id() == to.id()) {
    return CanCastNested(from, to, /*legacy=*/true, CanLegacyCast);
  }
  return CanAnsiCast(from, to);
}

bool ForceNullable(const LogicalType& from, const LogicalType& to) {
  const TypeId f = from.id(), t = to.id();
  if (f == TypeId::kNull || from == to) return false;
  if (f == TypeId::kString) return t != TypeId::kBinary && t != TypeId::kString;
  if (t == TypeId::kString) return false;
  if (f == TypeId::kTimestamp &&
      (t == TypeId::kTinyInt || t == TypeId::kSmallInt || t == TypeId::kInt)) {
    return true;  // seconds beyond the type's range
  }
  if (IsFractional(from) && t == TypeId::kTimestamp) return true;
  if (f == TypeId::kTimestamp && t == TypeId::kDate) return false;
  if (t == TypeId::kDate) return true;
  if (f == TypeId::kDate && t == TypeId::kTimestamp) return false;
  if (f == TypeId::kDate) return true;
  if (t == TypeId::kInterval) return true;
  if (t == TypeId::kDecimal && !CanNullSafeCastToDecimal(from, to)) return true;
  return IsFractional(from) && to.IsInteger();  // NaN, infinity
}

}  // namespace sluice::functions
