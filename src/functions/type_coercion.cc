#include "functions/type_coercion.h"

#include <strings.h>

#include <algorithm>

#include "common/check.h"
#include "functions/cast.h"

namespace sluice::functions {
namespace {

using types::Field;
using types::LogicalType;
using types::TypeId;

constexpr int kMaxPrecision = LogicalType::kMaxDecimalPrecision;
// DecimalType.MINIMUM_ADJUSTED_SCALE: digits of scale kept when precision runs out.
constexpr int kMinimumAdjustedScale = 6;

bool IsDatetime(TypeId id) {
  return id == TypeId::kDate || id == TypeId::kTimestamp || id == TypeId::kTimestampNtz;
}
bool IsFractional(TypeId id) { return id == TypeId::kFloat || id == TypeId::kDouble; }
// Spark's AtomicType: the plain types a STRING may meet in a comparison or a promotion.
bool IsAtomic(const LogicalType& t) {
  return t.IsNumeric() || t.IsStringLike() || t.id() == TypeId::kBoolean || IsDatetime(t.id());
}

// DecimalType.bounded.
LogicalType Bounded(int precision, int scale) {
  return LogicalType::Decimal(std::min(precision, kMaxPrecision), std::min(scale, kMaxPrecision));
}

// DecimalType.adjustPrecisionScale: past 38 digits, the scale gives way to integer digits,
// down to min(scale, 6).
LogicalType AdjustPrecisionScale(int precision, int scale) {
  if (precision <= kMaxPrecision) return LogicalType::Decimal(precision, scale);
  const int int_digits = precision - scale;
  const int min_scale = std::min(scale, kMinimumAdjustedScale);
  return LogicalType::Decimal(kMaxPrecision, std::max(kMaxPrecision - int_digits, min_scale));
}

// DecimalPrecision.widerDecimalType.
LogicalType WiderDecimal(const LogicalType& a, const LogicalType& b) {
  const int scale = std::max(a.scale(), b.scale());
  const int range = std::max(a.precision() - a.scale(), b.precision() - b.scale());
  return Bounded(range + scale, scale);
}

LogicalType AsDecimal(const LogicalType& t) {
  return t.IsInteger() ? DecimalForIntegral(t.id()) : t;
}

// findWiderTypeForDecimal.
std::optional<LogicalType> WiderTypeForDecimal(const LogicalType& a, const LogicalType& b) {
  const bool a_dec = a.id() == TypeId::kDecimal, b_dec = b.id() == TypeId::kDecimal;
  if (!a_dec && !b_dec) return std::nullopt;
  if ((a_dec || a.IsInteger()) && (b_dec || b.IsInteger())) {
    return WiderDecimal(AsDecimal(a), AsDecimal(b));
  }
  if (IsFractional(a.id()) || IsFractional(b.id())) return LogicalType(TypeId::kDouble);
  return std::nullopt;
}

// stringPromotion: STRING absorbs every other atomic type but BOOLEAN and BINARY.
std::optional<LogicalType> StringPromotion(const LogicalType& a, const LogicalType& b) {
  auto promotes = [](const LogicalType& other) {
    return IsAtomic(other) && other.id() != TypeId::kBinary && other.id() != TypeId::kBoolean;
  };
  if ((a.id() == TypeId::kString && promotes(b)) || (b.id() == TypeId::kString && promotes(a))) {
    return LogicalType(TypeId::kString);
  }
  return std::nullopt;
}

using CommonTypeRule = std::optional<LogicalType> (*)(const LogicalType&, const LogicalType&);

// findTypeForComplex: ARRAY, MAP and STRUCT element-wise under `rule`. A MAP key may not
// become NULL through the cast; STRUCT fields pair by position and must have equal names.
std::optional<LogicalType> CommonNestedType(const LogicalType& a, const LogicalType& b,
                                            CommonTypeRule rule) {
  if (a.id() != b.id() || !a.IsNested()) return std::nullopt;
  const auto& fa = a.children();
  const auto& fb = b.children();
  if (a.id() == TypeId::kArray) {
    auto element = rule(fa[0].type, fb[0].type);
    if (!element) return std::nullopt;
    return LogicalType::Array(*element);
  }
  if (a.id() == TypeId::kMap) {
    auto key = rule(fa[0].type, fb[0].type);
    if (!key || ForceNullable(fa[0].type, *key) || ForceNullable(fb[0].type, *key)) {
      return std::nullopt;
    }
    auto value = rule(fa[1].type, fb[1].type);
    if (!value) return std::nullopt;
    return LogicalType::Map(*key, *value);
  }
  if (fa.size() != fb.size()) return std::nullopt;
  std::vector<Field> fields;
  for (size_t i = 0; i < fa.size(); ++i) {
    // spark.sql.caseSensitive is false by default: names match ignoring case.
    if (fa[i].name.size() != fb[i].name.size() ||
        strncasecmp(fa[i].name.c_str(), fb[i].name.c_str(), fa[i].name.size()) != 0) {
      return std::nullopt;
    }
    auto type = rule(fa[i].type, fb[i].type);
    if (!type) return std::nullopt;
    const bool nullable = fa[i].nullable || fb[i].nullable || ForceNullable(fa[i].type, *type) ||
                          ForceNullable(fb[i].type, *type);
    fields.push_back(Field{fa[i].name, *type, nullable});
  }
  return LogicalType::Struct(std::move(fields));
}

bool HasString(const LogicalType& t) {
  if (t.id() == TypeId::kString) return true;
  return t.id() == TypeId::kArray && HasString(t.children()[0].type);
}

}  // namespace

LogicalType DecimalForIntegral(TypeId id) {
  switch (id) {
    case TypeId::kTinyInt:
      return LogicalType::Decimal(3, 0);
    case TypeId::kSmallInt:
      return LogicalType::Decimal(5, 0);
    case TypeId::kInt:
      return LogicalType::Decimal(10, 0);
    case TypeId::kBigInt:
      return LogicalType::Decimal(20, 0);
    default:
      SLUICE_CHECK(false && "DecimalForIntegral takes an integer type");
      return LogicalType();
  }
}

std::optional<LogicalType> TightestCommonType(const LogicalType& a, const LogicalType& b) {
  if (a == b) return a;
  if (a.id() == TypeId::kNull) return b;
  if (b.id() == TypeId::kNull) return a;
  if (a.IsInteger() && b.id() == TypeId::kDecimal && DecimalIsWiderThan(b, a)) return b;
  if (b.IsInteger() && a.id() == TypeId::kDecimal && DecimalIsWiderThan(a, b)) return a;
  if (a.IsNumeric() && b.IsNumeric() && a.id() != TypeId::kDecimal && b.id() != TypeId::kDecimal) {
    // TINYINT < SMALLINT < INT < BIGINT < FLOAT < DOUBLE, in TypeId order.
    return LogicalType(std::max(a.id(), b.id()));
  }
  if (a.IsAnsiInterval() && a.id() == b.id()) {
    // Intervals of one kind widen to the union of their fields.
    return LogicalType::Interval(std::min(a.interval_start(), b.interval_start()),
                                 std::max(a.interval_end(), b.interval_end()));
  }
  if (IsDatetime(a.id()) && IsDatetime(b.id())) {
    // findWiderDateTimeType: TIMESTAMP wins, then TIMESTAMP_NTZ, over DATE.
    if (a.id() == TypeId::kTimestamp || b.id() == TypeId::kTimestamp)
      return LogicalType(TypeId::kTimestamp);
    return LogicalType(TypeId::kTimestampNtz);
  }
  return CommonNestedType(a, b, TightestCommonType);
}

std::optional<LogicalType> WiderType(const LogicalType& a, const LogicalType& b) {
  if (auto t = TightestCommonType(a, b)) return t;
  if (auto t = WiderTypeForDecimal(a, b)) return t;
  if (auto t = StringPromotion(a, b)) return t;
  return CommonNestedType(a, b, WiderType);
}

std::optional<LogicalType> WiderType(const std::vector<LogicalType>& types) {
  // findWiderTypeForTwo is not associative once strings are involved (TIMESTAMP, INT,
  // STRING must give STRING), so the distinct string-holding types go first.
  std::vector<LogicalType> ordered;
  for (const LogicalType& t : types) {
    if (HasString(t) && std::find(ordered.begin(), ordered.end(), t) == ordered.end()) {
      ordered.push_back(t);
    }
  }
  for (const LogicalType& t : types) {
    if (!HasString(t)) ordered.push_back(t);
  }
  std::optional<LogicalType> result = LogicalType(TypeId::kNull);
  for (const LogicalType& t : ordered) {
    result = WiderType(*result, t);
    if (!result) break;
  }
  return result;
}

std::optional<LogicalType> ComparisonType(const LogicalType& a, const LogicalType& b,
                                          bool equality) {
  if (a == b) return a;
  const TypeId ia = a.id(), ib = b.id();
  // PromoteStrings (findCommonTypeForBinaryComparison, with
  // spark.sql.legacy.castDatetimeToString off).
  if (ia == TypeId::kString || ib == TypeId::kString) {
    const LogicalType& other = ia == TypeId::kString ? b : a;
    if (other.id() == TypeId::kNull) return LogicalType(TypeId::kString);
    // No decimal type fits every string (SPARK-22469).
    if (other.id() == TypeId::kDecimal) return LogicalType(TypeId::kDouble);
    if (IsAtomic(other)) return other;
    return std::nullopt;
  }
  // BooleanEquality: true = 1 compares as the number's type.
  if (equality && ia == TypeId::kBoolean && b.IsNumeric()) return b;
  if (equality && ib == TypeId::kBoolean && a.IsNumeric()) return a;
  // DecimalPrecision: integers join the decimal, FLOAT and DOUBLE take it to DOUBLE.
  if ((ia == TypeId::kDecimal || ib == TypeId::kDecimal) && ia != TypeId::kNull &&
      ib != TypeId::kNull) {
    return WiderTypeForDecimal(a, b);
  }
  // ImplicitTypeCasts.
  return TightestCommonType(a, b);
}

LogicalType DecimalResultType(char op, const LogicalType& a_type, const LogicalType& b_type,
                              bool allow_precision_loss) {
  const LogicalType a = AsDecimal(a_type), b = AsDecimal(b_type);
  SLUICE_CHECK(a.id() == TypeId::kDecimal && b.id() == TypeId::kDecimal);
  const int p1 = a.precision(), s1 = a.scale(), p2 = b.precision(), s2 = b.scale();
  auto result = [&](int precision, int scale) {
    return allow_precision_loss ? AdjustPrecisionScale(precision, scale)
                                : Bounded(precision, scale);
  };
  switch (op) {
    case '+':
    case '-': {
      const int scale = std::max(s1, s2);
      return result(std::max(p1 - s1, p2 - s2) + scale + 1, scale);
    }
    case '*':
      return result(p1 + p2 + 1, s1 + s2);
    case '/': {
      if (allow_precision_loss) {
        const int scale = std::max(kMinimumAdjustedScale, s1 + p2 + 1);
        return AdjustPrecisionScale(p1 - s1 + s2 + scale, scale);
      }
      int int_digits = std::min(kMaxPrecision, p1 - s1 + s2);
      int dec_digits = std::min(kMaxPrecision, std::max(kMinimumAdjustedScale, s1 + p2 + 1));
      const int diff = int_digits + dec_digits - kMaxPrecision;
      if (diff > 0) {
        dec_digits -= diff / 2 + 1;
        int_digits = kMaxPrecision - dec_digits;
      }
      return Bounded(int_digits + dec_digits, dec_digits);
    }
    case '%': {
      const int scale = std::max(s1, s2);
      return result(std::min(p1 - s1, p2 - s2) + scale, scale);
    }
    default:
      SLUICE_CHECK(false && "DecimalResultType takes + - * / %");
      return a;
  }
}

}  // namespace sluice::functions
