#include "formats/csv/schema_inference.h"

#include <algorithm>

#include "types/datetime_format.h"
#include "types/decimal.h"
#include "types/text_parsing.h"

namespace sluice::formats::csv {

using types::LogicalType;
using types::TypeId;

LogicalType InferValueType(std::string_view text, const CsvOptions& options) {
  int64_t i;
  if (types::ParseInteger(text, INT32_MIN, INT32_MAX, &i)) return TypeId::kInt;
  if (types::ParseInteger(text, INT64_MIN, INT64_MAX, &i)) return TypeId::kBigInt;
  // Integers beyond BIGINT become DECIMAL(p, 0) while they fit 38 digits.
  bool all_digits = !text.empty();
  size_t start = (text[0] == '-' || text[0] == '+') ? 1 : 0;
  for (size_t k = start; k < text.size(); ++k)
    all_digits = all_digits && std::isdigit(static_cast<unsigned char>(text[k]));
  if (all_digits && text.size() > start) {
    size_t first = text.find_first_not_of('0', start);
    size_t digits = first == std::string_view::npos ? 1 : text.size() - first;
    if (digits <= 38) return LogicalType::Decimal(static_cast<int>(digits), 0);
  }
  double d;
  if (text == options.nan_value || text == options.positive_inf || text == options.negative_inf ||
      types::ParseDouble(text, &d)) {
    return TypeId::kDouble;
  }
  types::ParsedDateTime p;
  if (options.prefers_date) {
    bool is_date = options.date_format ? options.date_format->Parse(text, &p)
                                       : (text.size() == 10 && types::ParseIsoDate(text, &p));
    if (is_date) return TypeId::kDate;
  }
  bool is_timestamp = options.timestamp_format ? options.timestamp_format->Parse(text, &p)
                                               : types::ParseIsoTimestamp(text, &p);
  if (is_timestamp) return TypeId::kTimestamp;
  bool b;
  if (types::ParseBoolean(text, &b)) return TypeId::kBoolean;
  return TypeId::kString;
}

LogicalType MergeInferredTypes(const LogicalType& a, const LogicalType& b) {
  if (a.id() == TypeId::kNull) return b;
  if (b.id() == TypeId::kNull || a == b) return a;
  auto rank = [](TypeId id) {
    switch (id) {
      case TypeId::kInt:
        return 1;
      case TypeId::kBigInt:
        return 2;
      case TypeId::kDecimal:
        return 3;
      case TypeId::kDouble:
        return 4;
      default:
        return 0;
    }
  };
  int ra = rank(a.id()), rb = rank(b.id());
  if (ra > 0 && rb > 0) {
    if (ra == 4 || rb == 4) return TypeId::kDouble;
    if (ra == 3 || rb == 3) {
      // Integers need 10 (INT) or 19 (BIGINT) digits of precision.
      auto digits = [](const LogicalType& t) {
        return t.id() == TypeId::kDecimal ? t.precision() - t.scale()
               : t.id() == TypeId::kInt   ? 10
                                          : 19;
      };
      int scale = std::max(a.id() == TypeId::kDecimal ? a.scale() : 0,
                           b.id() == TypeId::kDecimal ? b.scale() : 0);
      int precision = std::max(digits(a), digits(b)) + scale;
      if (precision > 38) return TypeId::kDouble;
      return LogicalType::Decimal(precision, scale);
    }
    return TypeId::kBigInt;
  }
  auto is_time = [](TypeId id) { return id == TypeId::kDate || id == TypeId::kTimestamp; };
  if (is_time(a.id()) && is_time(b.id())) return TypeId::kTimestamp;
  return TypeId::kString;
}

}  // namespace sluice::formats::csv
