// Literals: numbers with Spark's types for their spelling, strings, typed literals
// (DATE, TIMESTAMP, TIMESTAMP_NTZ, X'..') and interval literals.
#include <cmath>

#include "functions/cast.h"
#include "functions/kernel_util.h"
#include "sql/binder_impl.h"
#include "types/decimal.h"
#include "types/text_parsing.h"

namespace sluice::sql {

using types::LogicalType;
using types::TypeId;

namespace {

std::shared_ptr<vector::Vector> NewConstant(const LogicalType& type) {
  return std::make_shared<vector::Vector>(*vector::Vector::Make(type, 1));
}

std::string StripSuffix(const std::string& text) {
  std::string s = text;
  while (!s.empty() && std::isalpha(static_cast<unsigned char>(s.back())) &&
         !(s.size() >= 2 && (s.back() == 'E' || s.back() == 'e') &&
           std::isdigit(static_cast<unsigned char>(s[s.size() - 2])) && false))
    s.pop_back();
  return s;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Adds `amount` of `unit` to an interval; false for an unknown unit or an overflow.
bool AddUnit(std::string unit, double amount, types::Interval* out) {
  unit = Upper(unit);
  if (unit.size() > 1 && unit.back() == 'S') unit.pop_back();
  constexpr int64_t kMicrosPerSecond = 1000000;
  if (unit == "YEAR")
    out->months += static_cast<int32_t>(amount * 12);
  else if (unit == "MONTH")
    out->months += static_cast<int32_t>(amount);
  else if (unit == "WEEK")
    out->days += static_cast<int32_t>(amount * 7);
  else if (unit == "DAY")
    out->days += static_cast<int32_t>(amount);
  else if (unit == "HOUR")
    out->micros += static_cast<int64_t>(std::llround(amount * 3600 * kMicrosPerSecond));
  else if (unit == "MINUTE")
    out->micros += static_cast<int64_t>(std::llround(amount * 60 * kMicrosPerSecond));
  else if (unit == "SECOND")
    out->micros += static_cast<int64_t>(std::llround(amount * kMicrosPerSecond));
  else if (unit == "MILLISECOND")
    out->micros += static_cast<int64_t>(std::llround(amount * 1000));
  else if (unit == "MICROSECOND")
    out->micros += static_cast<int64_t>(std::llround(amount));
  else
    return false;
  return true;
}

// "1 day 2 hours", "-3 months".
bool ParseIntervalText(std::string_view text, types::Interval* out) {
  std::string s(text);
  size_t i = 0;
  auto skip = [&] {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  };
  skip();
  if (Upper(s.substr(i, 8)) == "INTERVAL") i += 8;
  bool any = false;
  while (true) {
    skip();
    if (i >= s.size()) break;
    size_t start = i;
    if (s[i] == '+' || s[i] == '-') ++i;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
    double amount;
    if (!types::ParseDouble(std::string_view(s).substr(start, i - start), &amount)) return false;
    skip();
    start = i;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    if (!AddUnit(s.substr(start, i - start), amount, out)) return false;
    any = true;
  }
  return any;
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
          return plan::MakeConstant(
              v, std::to_string(value) + (l.number_type == TypeId::kBigInt ? "L" : ""));
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
          return plan::MakeConstant(v, l.text);
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
          return plan::MakeConstant(v, l.text);
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
        return plan::MakeConstant(v, "X'" + l.text + "'");
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
      return plan::MakeConstant(v, l.type_name + " '" + l.text + "'");
    }
  }
  return ErrorAt(l.pos, "INTERNAL_ERROR", "unknown literal");
}

Result<BoundPtr> Binder::BindIntervalLiteral(const IntervalLiteral& l) {
  types::Interval interval;
  for (const IntervalLiteral::Part& part : l.parts) {
    bool ok;
    if (part.unit.empty()) {
      ok = ParseIntervalText(part.value, &interval);
    } else if (!l.to_unit.empty()) {
      // 'y-m' YEAR TO MONTH, 'd h:m:s' DAY TO SECOND and the like.
      std::string s = part.value;
      bool negative = !s.empty() && s[0] == '-';
      if (negative || (!s.empty() && s[0] == '+')) s = s.substr(1);
      std::vector<double> numbers;
      std::string current;
      for (char c : s + " ") {
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
          current += c;
        } else if (!current.empty()) {
          numbers.push_back(std::stod(current));
          current.clear();
        }
      }
      static const char* kUnits[] = {"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"};
      int first = 0;
      for (int i = 0; i < 6; ++i)
        if (Upper(part.unit).rfind(kUnits[i], 0) == 0) first = i;
      if (Upper(part.unit) == "YEAR") first = 0;
      ok = true;
      types::Interval piece;
      for (size_t i = 0; i < numbers.size() && first + i < 6; ++i)
        ok &= AddUnit(kUnits[first + i], numbers[i], &piece);
      if (negative) piece = {-piece.months, -piece.days, -piece.micros};
      interval.months += piece.months;
      interval.days += piece.days;
      interval.micros += piece.micros;
    } else {
      double amount;
      ok = types::ParseDouble(part.value, &amount) && AddUnit(part.unit, amount, &interval);
    }
    if (!ok) return ErrorAt(l.pos, "INVALID_INTERVAL_FORMAT", "Cannot parse the interval literal.");
  }
  auto v = NewConstant(TypeId::kInterval);
  v->data<types::Interval>()[0] = interval;
  return plan::MakeConstant(v, "INTERVAL '" + types::FormatInterval(interval) + "'");
}

}  // namespace sluice::sql
