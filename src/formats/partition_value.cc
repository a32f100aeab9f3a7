#include "formats/partition_value.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

#include "types/datetime_format.h"
#include "types/decimal.h"
#include "types/text_parsing.h"

namespace sluice::formats {
namespace {

using types::TypeId;

std::string_view Trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Spark's CAST(string AS integral), not ANSI: a fraction is truncated ("7.9" -> 7).
bool ParseIntegral(std::string_view text, int64_t min, int64_t max, int64_t* out) {
  text = Trim(text);
  size_t dot = text.find('.');
  if (dot != std::string_view::npos) {
    std::string_view fraction = text.substr(dot + 1);
    if (!fraction.empty() && !IsDigits(fraction)) return false;
    text = text.substr(0, dot);
  }
  return types::ParseInteger(text, min, max, out);
}

bool ParseBool(std::string_view text, bool* out) {
  std::string lower(Trim(text));
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* t : {"t", "true", "y", "yes", "1"}) {
    if (lower == t) {
      *out = true;
      return true;
    }
  }
  for (const char* f : {"f", "false", "n", "no", "0"}) {
    if (lower == f) {
      *out = false;
      return true;
    }
  }
  return false;
}

// One value's type under Spark's inference; a DECIMAL carries its digit count.
struct Inferred {
  TypeId id;
  int precision = 0;
};

// `yyyy-MM-dd`, what Spark's partition date formatter accepts before the cast.
bool HasDateShape(std::string_view s) {
  return s.size() == 10 && IsDigits(s.substr(0, 4)) && s[4] == '-' && IsDigits(s.substr(5, 2)) &&
         s[7] == '-' && IsDigits(s.substr(8, 2));
}

// `yyyy-MM-dd HH:mm:ss[.S...]`, Spark's timestampPartitionPattern.
bool HasTimestampShape(std::string_view s) {
  if (s.size() < 19 || !HasDateShape(s.substr(0, 10)) || s[10] != ' ' || s[13] != ':' ||
      s[16] != ':' || !IsDigits(s.substr(11, 2)) || !IsDigits(s.substr(14, 2)) ||
      !IsDigits(s.substr(17, 2))) {
    return false;
  }
  return s.size() == 19 || (s[19] == '.' && s.size() <= 29 && IsDigits(s.substr(20)));
}

Inferred InferOne(const std::string& s) {
  int64_t i;
  if (types::ParseInteger(s, INT32_MIN, INT32_MAX, &i)) return {TypeId::kInt};
  if (types::ParseInteger(s, INT64_MIN, INT64_MAX, &i)) return {TypeId::kBigInt};
  std::string_view digits = s;
  if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) digits.remove_prefix(1);
  while (digits.size() > 1 && digits[0] == '0') digits.remove_prefix(1);
  if (IsDigits(digits) && digits.size() <= 38) {
    return {TypeId::kDecimal, static_cast<int>(digits.size())};
  }
  double d;
  if (types::ParseDouble(s, &d) && s.find_first_of(" \t") == std::string::npos) {
    return {TypeId::kDouble};
  }
  types::ParsedDateTime p;
  if (HasTimestampShape(s) && types::ParseIsoTimestamp(s, &p)) return {TypeId::kTimestamp};
  if (HasDateShape(s) && types::ParseIsoDate(s, &p)) return {TypeId::kDate};
  return {TypeId::kString};
}

bool IsNumeric(TypeId id) {
  return id == TypeId::kInt || id == TypeId::kBigInt || id == TypeId::kDecimal ||
         id == TypeId::kDouble;
}

// Digits a DECIMAL(p, 0) needs to hold every value of an integral type.
int DecimalDigitsOf(const Inferred& t) {
  return t.id == TypeId::kInt ? 10 : t.id == TypeId::kBigInt ? 20 : t.precision;
}

// Spark's findWiderTypeForPartitionColumn.
Inferred Wider(const Inferred& a, const Inferred& b) {
  if (a.id == b.id) return {a.id, std::max(a.precision, b.precision)};
  if (IsNumeric(a.id) && IsNumeric(b.id)) {
    bool has_double = a.id == TypeId::kDouble || b.id == TypeId::kDouble;
    bool has_decimal = a.id == TypeId::kDecimal || b.id == TypeId::kDecimal;
    if (has_double) return {has_decimal ? TypeId::kString : TypeId::kDouble};
    if (has_decimal) return {TypeId::kDecimal, std::max(DecimalDigitsOf(a), DecimalDigitsOf(b))};
    return {TypeId::kBigInt};
  }
  bool dates = (a.id == TypeId::kDate || a.id == TypeId::kTimestamp) &&
               (b.id == TypeId::kDate || b.id == TypeId::kTimestamp);
  return {dates ? TypeId::kTimestamp : TypeId::kString};
}

}  // namespace

std::string EscapePartitionValue(const std::string& value) {
  static const std::string kSpecial = "\"#%'*/:=?\\\x7f{[]}^";
  std::string out;
  for (unsigned char c : value) {
    if (c < 0x20 || kSpecial.find(static_cast<char>(c)) != std::string::npos) {
      char buf[4];
      std::snprintf(buf, sizeof(buf), "%%%02X", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string UnescapePartitionValue(const std::string& value) {
  std::string out;
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '%' && i + 2 < value.size() &&
        std::isxdigit(static_cast<unsigned char>(value[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(value[i + 2]))) {
      out += static_cast<char>(std::stoi(value.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += value[i];
    }
  }
  return out;
}

types::LogicalType InferPartitionType(
    const std::vector<const std::optional<std::string>*>& values) {
  std::optional<Inferred> type;
  for (const auto* v : values) {
    if (!v->has_value()) continue;
    Inferred one = InferOne(**v);
    type = type ? Wider(*type, one) : one;
  }
  if (!type) return TypeId::kString;
  if (type->id == TypeId::kDecimal)
    return types::LogicalType::Decimal(std::min(type->precision, 38), 0);
  return type->id;
}

bool ParsePartitionValue(const std::string& raw, const types::TimeZone& session_time_zone,
                         vector::Vector* out, size_t row) {
  const types::LogicalType& type = out->type();
  int64_t i = 0;
  double d = 0;
  types::ParsedDateTime p;
  switch (type.id()) {
    case TypeId::kBoolean: {
      bool b;
      if (!ParseBool(raw, &b)) return false;
      out->data<uint8_t>()[row] = b;
      return true;
    }
    case TypeId::kTinyInt:
      if (!ParseIntegral(raw, INT8_MIN, INT8_MAX, &i)) return false;
      out->data<int8_t>()[row] = static_cast<int8_t>(i);
      return true;
    case TypeId::kSmallInt:
      if (!ParseIntegral(raw, INT16_MIN, INT16_MAX, &i)) return false;
      out->data<int16_t>()[row] = static_cast<int16_t>(i);
      return true;
    case TypeId::kInt:
      if (!ParseIntegral(raw, INT32_MIN, INT32_MAX, &i)) return false;
      out->data<int32_t>()[row] = static_cast<int32_t>(i);
      return true;
    case TypeId::kBigInt:
      if (!ParseIntegral(raw, INT64_MIN, INT64_MAX, &i)) return false;
      out->data<int64_t>()[row] = i;
      return true;
    case TypeId::kFloat:
    case TypeId::kDouble:
      if (!types::ParseDouble(raw, &d)) return false;
      if (type.id() == TypeId::kFloat) {
        out->data<float>()[row] = static_cast<float>(d);
      } else {
        out->data<double>()[row] = d;
      }
      return true;
    case TypeId::kDecimal: {
      types::Int128 v;
      if (!types::ParseDecimal(Trim(raw), type.precision(), type.scale(), &v)) return false;
      if (type.precision() <= types::LogicalType::kMaxInt64DecimalPrecision) {
        out->data<int64_t>()[row] = static_cast<int64_t>(v);
      } else {
        out->data<types::Int128>()[row] = v;
      }
      return true;
    }
    case TypeId::kDate:
      if (!types::ParseIsoDate(raw, &p)) return false;
      out->data<int32_t>()[row] = static_cast<int32_t>(p.ToDays());
      return true;
    case TypeId::kTimestamp:
      return types::ParseIsoTimestamp(raw, &p) &&
             types::ToTimestamp(p, session_time_zone, &out->data<int64_t>()[row]);
    case TypeId::kTimestampNtz:
      return types::ParseIsoTimestamp(raw, &p) && !p.has_offset &&
             p.ToLocalMicros(&out->data<int64_t>()[row]);
    case TypeId::kString:
    case TypeId::kBinary:
      out->data<vector::StringRef>()[row] = out->heap().Add(raw);
      return true;
    default:
      return false;  // Spark cannot cast a string to INTERVAL or nested types either
  }
}

Status FillPartitionColumn(const std::string& name, const std::optional<std::string>& raw,
                           const types::TimeZone& session_time_zone, size_t rows,
                           vector::Vector* out) {
  if (!raw) {
    for (size_t r = 0; r < rows; ++r) out->SetNull(r);
    return Status::OK();
  }
  if (rows == 0) return Status::OK();
  if (!ParsePartitionValue(*raw, session_time_zone, out, 0)) {
    return Status::Invalid("partition folder '" + name + "=" + EscapePartitionValue(*raw) +
                           "': the value is not " + out->type().ToString());
  }
  const size_t width = static_cast<size_t>(out->type().FixedWidth());
  uint8_t* data = out->data<uint8_t>();
  for (size_t r = 0; r < rows; ++r) {
    if (r > 0) std::memcpy(data + r * width, data, width);
    out->validity().SetValid(r);
  }
  return Status::OK();
}

}  // namespace sluice::formats
