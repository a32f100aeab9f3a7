#include "vector/value_formatter.h"

#include <charconv>
#include <cmath>

#include "types/civil_date.h"
#include "types/datetime_format.h"
#include "types/decimal.h"
#include "types/interval.h"

namespace sluice::vector {
namespace {

// Shortest round-trip digits and decimal exponent: value = 0.d1d2d3... * 10^exponent.
template <typename T>
void ShortestDigits(T v, std::string* digits, int* exponent) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific);
  std::string s(buf, end);  // "d.ddde+XX"
  size_t e = s.find('e');
  std::string mant = s.substr(0, e);
  int exp10 = std::stoi(s.substr(e + 1));
  digits->clear();
  for (char c : mant) {
    if (c != '.') digits->push_back(c);
  }
  while (digits->size() > 1 && digits->back() == '0') digits->pop_back();
  *exponent = exp10 + 1;
}

template <typename T>
std::string FormatJava(T d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";
  std::string sign = d < 0 ? "-" : "";
  std::string digits;
  int exponent;
  ShortestDigits(std::fabs(d), &digits, &exponent);
  T a = std::fabs(d);
  if (a >= static_cast<T>(1e-3) && a < static_cast<T>(1e7)) {
    std::string out;
    if (exponent <= 0) {
      out = "0." + std::string(static_cast<size_t>(-exponent), '0') + digits;
    } else if (static_cast<size_t>(exponent) >= digits.size()) {
      out = digits + std::string(static_cast<size_t>(exponent) - digits.size(), '0') + ".0";
    } else {
      out = digits.substr(0, static_cast<size_t>(exponent)) + "." +
            digits.substr(static_cast<size_t>(exponent));
    }
    return sign + out;
  }
  std::string mant = digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0");
  return sign + mant + "E" + std::to_string(exponent - 1);
}

// Java's BigDecimal.toString for a scale >= 0: plain unless the adjusted exponent (that of
// the first digit) is below -6, then "d.dddE-n".
std::string FormatJavaBigDecimal(types::Int128 unscaled, int scale) {
  const std::string digits = types::FormatDecimal(unscaled < 0 ? -unscaled : unscaled, 0);
  const int adjusted = static_cast<int>(digits.size()) - 1 - scale;
  if (scale == 0 || adjusted >= -6) return types::FormatDecimal(unscaled, scale);
  std::string out = unscaled < 0 ? "-" : "";
  out += digits[0];
  if (digits.size() > 1) out += "." + digits.substr(1);
  return out + "E" + std::to_string(adjusted);
}

}  // namespace

std::string FormatJavaDouble(double d) { return FormatJava(d); }
std::string FormatJavaFloat(float f) { return FormatJava(f); }

std::string FormatPythonFloat(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";
  std::string digits;
  int exponent;
  ShortestDigits(std::fabs(d), &digits, &exponent);
  std::string sign = d < 0 ? "-" : "";
  // repr switches to scientific notation outside 1e-4 <= |d| < 1e16.
  if (exponent > -4 && exponent <= 16) {
    if (exponent <= 0)
      return sign + "0." + std::string(static_cast<size_t>(-exponent), '0') + digits;
    if (static_cast<size_t>(exponent) >= digits.size()) {
      return sign + digits + std::string(static_cast<size_t>(exponent) - digits.size(), '0') + ".0";
    }
    return sign + digits.substr(0, static_cast<size_t>(exponent)) + "." +
           digits.substr(static_cast<size_t>(exponent));
  }
  std::string mant = digits.substr(0, 1) + (digits.size() > 1 ? "." + digits.substr(1) : "");
  int e = exponent - 1;
  char buf[16];
  std::snprintf(buf, sizeof(buf), "e%c%02d", e < 0 ? '-' : '+', std::abs(e));
  return sign + mant + buf;
}

std::string FormatValue(const Vector& v, size_t row, const types::TimeZone& zone, TextStyle style) {
  using types::TypeId;
  if (v.IsNull(row)) return "NULL";
  // Elements, entries and fields that are NULL.
  auto nested = [&](const Vector& child, size_t child_row) {
    if (style != TextStyle::kShow && child.IsNull(child_row)) return std::string("null");
    return FormatValue(child, child_row, zone, style);
  };
  const types::LogicalType& type = v.type();
  switch (type.id()) {
    case TypeId::kNull:  // a VOID element never has a value
      return style == TextStyle::kShow ? "NULL" : "null";
    case TypeId::kBoolean:
      return v.data<uint8_t>()[row] ? "true" : "false";
    case TypeId::kTinyInt:
      return std::to_string(v.data<int8_t>()[row]);
    case TypeId::kSmallInt:
      return std::to_string(v.data<int16_t>()[row]);
    case TypeId::kInt:
      return std::to_string(v.data<int32_t>()[row]);
    case TypeId::kBigInt:
      return std::to_string(v.data<int64_t>()[row]);
    case TypeId::kFloat:
      return FormatJavaFloat(v.data<float>()[row]);
    case TypeId::kDouble:
      return FormatJavaDouble(v.data<double>()[row]);
    case TypeId::kDecimal: {
      types::Int128 unscaled = type.precision() <= types::LogicalType::kMaxInt64DecimalPrecision
                                   ? v.data<int64_t>()[row]
                                   : v.data<types::Int128>()[row];
      if (style == TextStyle::kCast) return FormatJavaBigDecimal(unscaled, type.scale());
      return types::FormatDecimal(unscaled, type.scale());
    }
    case TypeId::kString:
      return std::string(v.data<StringRef>()[row].view());
    case TypeId::kBinary: {
      if (style != TextStyle::kShow) return std::string(v.data<StringRef>()[row].view());
      // Spark shows binary as "[4A 6F]".
      std::string out = "[";
      std::string_view bytes = v.data<StringRef>()[row].view();
      for (size_t i = 0; i < bytes.size(); ++i) {
        char buf[4];
        std::snprintf(buf, sizeof(buf), "%02X", static_cast<unsigned char>(bytes[i]));
        out += (i > 0 ? " " : "") + std::string(buf);
      }
      return out + "]";
    }
    case TypeId::kDate:
      return types::FormatDate(v.data<int32_t>()[row]);
    case TypeId::kTimestamp:
      return types::FormatLocalTimestamp(zone.UtcToLocal(v.data<int64_t>()[row]));
    case TypeId::kTimestampNtz:
      return types::FormatLocalTimestamp(v.data<int64_t>()[row]);
    case TypeId::kInterval: {
      types::Interval iv;
      std::memcpy(&iv, v.data<uint8_t>() + row * 16, sizeof(iv));
      return types::FormatInterval(iv);
    }
    case TypeId::kYearMonthInterval:
      return types::FormatYearMonthInterval(v.data<int32_t>()[row], v.type(),
                                            types::IntervalStyle::kAnsi);
    case TypeId::kDayTimeInterval:
      return types::FormatDayTimeInterval(v.data<int64_t>()[row], v.type(),
                                          types::IntervalStyle::kAnsi);
    case TypeId::kArray:
    case TypeId::kMap: {
      const ListEntry e = v.data<ListEntry>()[row];
      bool is_map = type.id() == TypeId::kMap;
      std::string out = is_map ? "{" : "[";
      for (uint32_t i = 0; i < e.length; ++i) {
        if (i > 0) out += ", ";
        out += nested(v.children()[0], e.offset + i);
        if (is_map) out += " -> " + nested(v.children()[1], e.offset + i);
      }
      return out + (is_map ? "}" : "]");
    }
    case TypeId::kStruct: {
      std::string out = "{";
      for (size_t i = 0; i < v.children().size(); ++i) {
        if (i > 0) out += ", ";
        out += nested(v.children()[i], row);
      }
      return out + "}";
    }
  }
  return "";
}

}  // namespace sluice::vector
