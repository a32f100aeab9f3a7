// Literals: numbers with Spark's types for their spelling, strings, typed literals
// (DATE, TIMESTAMP, TIMESTAMP_NTZ, X'..') and interval literals.
#include <cmath>

#include "functions/cast.h"
#include "functions/interval_parsing.h"
#include "functions/kernel_util.h"
#include "sql/binder_impl.h"
#include "types/civil_date.h"
#include "types/decimal.h"
#include "types/interval.h"
#include "types/text_parsing.h"
#include "vector/value_formatter.h"

namespace sluice::sql {

using types::LogicalType;
using types::TypeId;

namespace {

std::shared_ptr<vector::Vector> NewConstant(const LogicalType& type) {
  return std::make_shared<vector::Vector>(*vector::Vector::Make(type, 1));
}

// The digits of a number literal without its type suffix (L, S, Y, D, F, BD). A suffix
// never ends in a digit, so an exponent (1E10) is kept.
std::string StripSuffix(const std::string& text) {
  std::string s = text;
  while (!s.empty() && std::isalpha(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

// A constant of an ANSI interval type: `value` is months or microseconds.
BoundPtr MakeAnsiInterval(const LogicalType& type, int64_t value) {
  auto v = NewConstant(type);
  if (type.id() == TypeId::kYearMonthInterval) {
    functions::Set<int32_t>(*v, 0, static_cast<int32_t>(value));
    return plan::MakeConstant(v, types::FormatYearMonthInterval(static_cast<int32_t>(value), type,
                                                                types::IntervalStyle::kAnsi));
  }
  functions::Set<int64_t>(*v, 0, value);
  return plan::MakeConstant(v,
                            types::FormatDayTimeInterval(value, type, types::IntervalStyle::kAnsi));
}

BoundPtr MakeCalendarInterval(const types::Interval& value) {
  auto v = NewConstant(TypeId::kInterval);
  functions::Set<types::Interval>(*v, 0, value);
  return plan::MakeConstant(v, types::FormatInterval(value));
}

// A number literal is named by its value as Java prints it, whatever its spelling: 2L is
// "2", 1D is "1.0", 5e36BD is "5000...0" (Spark's pretty names drop type suffixes).
std::string NumberName(const vector::Vector& v) {
  return vector::FormatValue(v, 0, types::TimeZone::Utc(), vector::TextStyle::kCast);
}

std::string BinaryLiteralName(const std::string& bytes) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string name = "X'";
  for (unsigned char c : bytes) {
    name.push_back(kHex[c >> 4]);
    name.push_back(kHex[c & 15]);
  }
  return name + "'";
}

}  // namespace

Result<BoundPtr> Binder::BindLiteral(const Literal& l) {
  switch (l.literal_kind) {
    case LiteralKind::kNull: {
      auto v = NewConstant(TypeId::kNull);
      v->SetNull(0);
      return plan::MakeConstant(v, "NULL");
    }
    case LiteralKind::kBoolean: {
      auto v = NewConstant(TypeId::kBoolean);
      v->data<bool>()[0] = l.boolean;
      return plan::MakeConstant(v, l.boolean ? "true" : "false");
    }
    case LiteralKind::kString: {
      auto v = NewConstant(TypeId::kString);
      functions::Set<std::string>(*v, 0, l.text);
      return plan::MakeConstant(v, l.text);
    }
    case LiteralKind::kNumber: {
      const std::string digits = StripSuffix(l.text);
      switch (l.number_type) {
        case TypeId::kTinyInt:
        case TypeId::kSmallInt:
        case TypeId::kInt:
        case TypeId::kBigInt: {
          const int64_t max = l.number_type == TypeId::kTinyInt    ? INT8_MAX
                              : l.number_type == TypeId::kSmallInt ? INT16_MAX
                              : l.number_type == TypeId::kInt      ? INT32_MAX
                                                                   : INT64_MAX;
          int64_t value;
          if (!types::ParseInteger(digits, -max - 1, max, &value))
            return ErrorAt(l.pos, "INVALID_NUMERIC_LITERAL_RANGE",
                           "Numeric literal " + l.text + " is outside the valid range for " +
                               LogicalType(l.number_type).ToString() + ".");
          auto v = NewConstant(l.number_type);
          switch (l.number_type) {
            case TypeId::kTinyInt:
              v->data<int8_t>()[0] = static_cast<int8_t>(value);
              break;
            case TypeId::kSmallInt:
              v->data<int16_t>()[0] = static_cast<int16_t>(value);
              break;
            case TypeId::kInt:
              v->data<int32_t>()[0] = static_cast<int32_t>(value);
              break;
            default:
              v->data<int64_t>()[0] = value;
              break;
          }
          return plan::MakeConstant(v, std::to_string(value));
        }
        case TypeId::kFloat:
        case TypeId::kDouble: {
          double value;
          if (!types::ParseDouble(digits, &value) || std::isinf(value))
            return ErrorAt(l.pos, "INVALID_NUMERIC_LITERAL_RANGE",
                           "Numeric literal " + l.text + " is outside the valid range.");
          auto v = NewConstant(l.number_type);
          if (l.number_type == TypeId::kFloat)
            v->data<float>()[0] = static_cast<float>(value);
          else
            v->data<double>()[0] = value;
          return plan::MakeConstant(v, NumberName(*v));
        }
        case TypeId::kDecimal: {
          // Precision and scale from the digits as written (1.50 is DECIMAL(3,2)).
          std::string d = digits;
          bool negative = false;
          if (!d.empty() && (d[0] == '-' || d[0] == '+')) {
            negative = d[0] == '-';
            d = d.substr(1);
          }
          int exponent = 0;
          if (size_t e = d.find_first_of("eE"); e != std::string::npos) {
            exponent = std::stoi(d.substr(e + 1));
            d = d.substr(0, e);
          }
          size_t dot = d.find('.');
          std::string whole = dot == std::string::npos ? d : d.substr(0, dot);
          std::string frac = dot == std::string::npos ? "" : d.substr(dot + 1);
          std::string all = whole + frac;
          int scale = static_cast<int>(frac.size()) - exponent;
          if (scale < 0) {
            all += std::string(-scale, '0');
            scale = 0;
          }
          size_t first = all.find_first_not_of('0');
          all = first == std::string::npos ? "0" : all.substr(first);
          int precision = std::max<int>(static_cast<int>(all.size()), scale);
          if (precision == 0) precision = 1;
          if (precision > 38)
            return ErrorAt(l.pos, "INVALID_NUMERIC_LITERAL_RANGE",
                           "Decimal literal " + l.text + " exceeds the maximum precision 38.");
          types::Int128 unscaled = 0;
          for (char c : all) unscaled = unscaled * 10 + (c - '0');
          if (negative) unscaled = -unscaled;
          LogicalType type = LogicalType::Decimal(precision, scale);
          auto v = NewConstant(type);
          functions::Set<types::Int128>(*v, 0, unscaled);
          return plan::MakeConstant(v, NumberName(*v));
        }
        default:
          return ErrorAt(l.pos, "INTERNAL_ERROR", "number literal of unknown type");
      }
    }
    case LiteralKind::kTyped: {
      if (l.type_name == "X") {
        std::string bytes;
        std::string hex = l.text;
        if (hex.size() % 2 == 1) hex = "0" + hex;
        for (size_t i = 0; i + 1 < hex.size() + 1 && i < hex.size(); i += 2) {
          int value = 0;
          for (int k = 0; k < 2; ++k) {
            const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(hex[i + k])));
            if (!std::isxdigit(static_cast<unsigned char>(c)))
              return ErrorAt(l.pos, "INVALID_TYPED_LITERAL",
                             "The value of the typed literal \"X\" is invalid: '" + l.text + "'.");
            value =
                value * 16 + (std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : c - 'a' + 10);
          }
          bytes.push_back(static_cast<char>(value));
        }
        auto v = NewConstant(TypeId::kBinary);
        functions::Set<std::string>(*v, 0, bytes);
        return plan::MakeConstant(v, BinaryLiteralName(bytes));
      }
      LogicalType type = l.type_name == "DATE"            ? LogicalType(TypeId::kDate)
                         : l.type_name == "TIMESTAMP_NTZ" ? LogicalType(TypeId::kTimestampNtz)
                                                          : LogicalType(TypeId::kTimestamp);
      auto text = NewConstant(TypeId::kString);
      functions::Set<std::string>(*text, 0, l.text);
      auto v = NewConstant(type);
      functions::CastOptions options;
      options.zone = ctx_.zone;
      Status st = functions::CastVector(*text, 1, *v, options);
      if (!st.ok() || v->IsNull(0))
        return ErrorAt(
            l.pos, "INVALID_TYPED_LITERAL",
            "The value of the typed literal \"" + l.type_name + "\" is invalid: '" + l.text + "'.");
      // Named by its value, as Spark's Literal.sql prints it (TIMESTAMP_LTZ is TIMESTAMP).
      return plan::MakeConstant(v, (type.id() == TypeId::kDate           ? "DATE '"
                                    : type.id() == TypeId::kTimestampNtz ? "TIMESTAMP_NTZ '"
                                                                         : "TIMESTAMP '") +
                                       vector::FormatValue(*v, 0, *ctx_.zone) + "'");
    }
  }
  return ErrorAt(l.pos, "INTERNAL_ERROR", "unknown literal");
}

// Spark 3.5's typing (AstBuilder.visitInterval): 'x' FROM TO TO is that ANSI type; units,
// written out or inside the string, give the narrowest ANSI type holding them (mixing
// year-month and day-time units is an error); spark.sql.legacy.interval.enabled keeps
// every literal a CalendarInterval.
Result<BoundPtr> Binder::BindIntervalLiteral(const IntervalLiteral& l) {
  auto invalid = [&](const Status& st) {
    std::string message = st.message();
    if (message.rfind('[', 0) == 0) message = message.substr(message.find(']') + 2);
    return ErrorAt(l.pos, "INVALID_INTERVAL_FORMAT", message);
  };
  if (!l.to_unit.empty()) {
    const std::string from = l.parts[0].unit, to = l.to_unit;
    std::optional<types::IntervalField> start, end;
    static const char* kFields[] = {"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"};
    for (int i = 0; i < 6; ++i) {
      if (from == kFields[i]) start = static_cast<types::IntervalField>(i);
      if (to == kFields[i]) end = static_cast<types::IntervalField>(i);
    }
    std::string value = l.parts[0].value;
    // A minus written before the string negates its value.
    if (value.size() >= 2 && value[0] == '-' && (value[1] == '-' || value[1] == '+'))
      value = (value[1] == '-' ? "" : "-") + value.substr(2);
    const LogicalType type = LogicalType::Interval(*start, *end);
    Result<int64_t> parsed = functions::ParseAnsiIntervalBody(value, type);
    if (!parsed.ok()) return invalid(parsed.status());
    if (!ctx_.legacy_interval) return MakeAnsiInterval(type, *parsed);
    if (type.id() == TypeId::kYearMonthInterval)
      return MakeCalendarInterval({static_cast<int32_t>(*parsed), 0, 0});
    return MakeCalendarInterval(
        {static_cast<int32_t>(*parsed / types::kMicrosPerDay), 0, *parsed % types::kMicrosPerDay});
  }
  // Everything else is the unit form, as one text: "1 year 2 months", or the string's own.
  std::string text;
  for (const IntervalLiteral::Part& part : l.parts) {
    std::string value = part.value;
    if (value.size() >= 2 && value[0] == '-' && (value[1] == '-' || value[1] == '+'))
      value = (value[1] == '-' ? "" : "-") + value.substr(2);
    if (!part.unit.empty()) {
      // With a unit the value is one number: sign, blanks, digits, a fraction.
      std::string number;
      size_t i = 0;
      while (i < value.size() && std::isspace(static_cast<unsigned char>(value[i]))) ++i;
      if (i < value.size() && (value[i] == '-' || value[i] == '+')) number += value[i++];
      while (i < value.size() && std::isspace(static_cast<unsigned char>(value[i]))) ++i;
      const size_t digits = i;
      while (i < value.size() &&
             (std::isdigit(static_cast<unsigned char>(value[i])) || value[i] == '.'))
        number += value[i++];
      while (i < value.size() && std::isspace(static_cast<unsigned char>(value[i]))) ++i;
      if (i == digits || i != value.size())
        return ErrorAt(l.pos, "INVALID_INTERVAL_FORMAT",
                       "Error parsing '" + part.value + "' to interval " + part.unit + ".");
      value = number;
    }
    text += (text.empty() ? "" : " ") + value + (part.unit.empty() ? "" : " " + part.unit);
  }
  Result<functions::UnitInterval> parsed = functions::ParseUnitInterval(text);
  if (!parsed.ok()) return invalid(parsed.status());
  const functions::UnitInterval& u = *parsed;
  if (ctx_.legacy_interval) return MakeCalendarInterval(u.value);
  if (u.year_month_start && u.day_time_start)
    return ErrorAt(l.pos, "_LEGACY_ERROR_TEMP_0029",
                   "Cannot mix year-month and day-time fields: interval " + text + ".");
  if (u.year_month_start)
    return MakeAnsiInterval(LogicalType::Interval(*u.year_month_start, *u.year_month_end),
                            u.value.months);
  Result<int64_t> micros = functions::DayTimeMicros(u.value.days, u.value.micros);
  if (!micros.ok()) return invalid(micros.status());
  return MakeAnsiInterval(LogicalType::Interval(*u.day_time_start, *u.day_time_end), *micros);
}

}  // namespace sluice::sql
