// Text to values as Spark 3.5's casts read it: UTF8String.toLong / toInt (and their
// ANSI "exact" forms), Double.parseDouble with Spark's special literals, Java's
// BigDecimal(String), StringUtils.isTrueString, DateTimeUtils.stringToDate /
// stringToTimestamp.
#include <strings.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

#include "functions/cast_kernel.h"
#include "types/civil_date.h"
#include "types/datetime_format.h"
#include "types/text_parsing.h"

namespace sluice::functions::internal {
namespace {

// Drops surrounding bytes up to ' ' (Java's String.trim), and DEL too for Spark's
// UTF8String.trimAll and toLong (Character.isWhitespace || isISOControl on bytes; those of
// multi-byte characters are negative in Java, so they stay).
std::string_view Trim(std::string_view s, bool also_del) {
  auto drop = [also_del](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || (also_del && u == 0x7F);
  };
  while (!s.empty() && drop(s.front())) s.remove_prefix(1);
  while (!s.empty() && drop(s.back())) s.remove_suffix(1);
  return s;
}
std::string_view TrimAll(std::string_view s) { return Trim(s, true); }
std::string_view JavaTrim(std::string_view s) { return Trim(s, false); }

bool EqualsIgnoreCase(std::string_view s, const char* word) {
  return s.size() == std::char_traits<char>::length(word) &&
         strncasecmp(s.data(), word, s.size()) == 0;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The syntax of java.math.BigDecimal(String): [+-] digits [. digits] [eE [+-] digits], with
// at least one digit before the exponent.
bool IsJavaDecimalSyntax(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  bool digits = false, dot = false;
  for (; i < s.size(); ++i) {
    if (IsDigit(s[i])) {
      digits = true;
    } else if (s[i] == '.' && !dot) {
      dot = true;
    } else {
      break;
    }
  }
  if (!digits) return false;
  if (i == s.size()) return true;
  if (s[i] != 'e' && s[i] != 'E') return false;
  ++i;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i) {
    if (!IsDigit(s[i])) return false;
  }
  return true;
}

// What DateTimeUtils.parseTimestampString refuses beyond ParseIsoTimestamp: a year of more
// than 6 digits, a date and separator with no hour after them ("2020-01-01T"), and a zone
// before the seconds ("2020-01-01 12:30Z": Spark reads a zone only after them).
bool SparkTimestampShape(std::string_view s, bool has_zone) {
  size_t i = !s.empty() && (s[0] == '-' || s[0] == '+') ? 1 : 0;
  const size_t year_start = i;
  while (i < s.size() && IsDigit(s[i])) ++i;
  if (i - year_start > 6) return false;
  const size_t separator = s.find_first_of(" T", i);
  if (separator == std::string_view::npos) return true;  // a date alone
  size_t colons = 0, digits = 0;
  for (i = separator + 1; i < s.size() && (IsDigit(s[i]) || s[i] == ':'); ++i) {
    s[i] == ':' ? ++colons : ++digits;
  }
  return digits > 0 && (!has_zone || colons == 2);
}

}  // namespace

Outcome StringToBoolean(std::string_view s, bool* out) {
  s = TrimAll(s);
  for (const char* word : {"t", "true", "y", "yes", "1"}) {
    if (EqualsIgnoreCase(s, word)) {
      *out = true;
      return Outcome::kValue;
    }
  }
  for (const char* word : {"f", "false", "n", "no", "0"}) {
    if (EqualsIgnoreCase(s, word)) {
      *out = false;
      return Outcome::kValue;
    }
  }
  return Outcome::kInvalid;
}

Outcome StringToIntegral(std::string_view s, bool ansi, int64_t min, int64_t max, int64_t* out) {
  s = TrimAll(s);
  if (s.empty()) return Outcome::kInvalid;
  size_t i = 0;
  const bool negative = s[0] == '-';
  if (negative || s[0] == '+') {
    if (s.size() == 1) return Outcome::kInvalid;
    ++i;
  }
  uint64_t magnitude = 0;
  bool too_big = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    // UTF8String.toLong truncates a fractional part ("1.9" is 1, "." is 0) but checks that
    // it is digits; the ANSI toLongExact refuses any.
    if (c == '.' && !ansi) {
      for (++i; i < s.size(); ++i) {
        if (!IsDigit(s[i])) return Outcome::kInvalid;
      }
      break;
    }
    if (!IsDigit(c)) return Outcome::kInvalid;
    if (magnitude > (std::numeric_limits<uint64_t>::max() - 9) / 10) too_big = true;
    if (!too_big) magnitude = magnitude * 10 + static_cast<uint64_t>(c - '0');
  }
  const uint64_t limit =
      negative ? static_cast<uint64_t>(-(min + 1)) + 1 : static_cast<uint64_t>(max);
  // Spark reads a number beyond the type's range as malformed, not as an overflow.
  if (too_big || magnitude > limit) return Outcome::kInvalid;
  *out = negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
  return Outcome::kValue;
}

template <typename T>
Outcome StringToFloating(std::string_view s, T* out) {
  double d;
  if (types::ParseDouble(s, &d)) {
    *out = static_cast<T>(d);
    if constexpr (std::is_same_v<T, float>) {
      // Float.parseFloat rounds the text once; through a double it could round twice.
      std::string_view body = JavaTrim(s);
      if (body.size() > 1 && std::strchr("dDfF", body.back()) != nullptr) body.remove_suffix(1);
      if (!body.empty() && body[0] == '+') body.remove_prefix(1);
      float f;
      const auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), f);
      if (std::isfinite(d) && ec == std::errc() && end == body.data() + body.size()) *out = f;
    }
    return Outcome::kValue;
  }
  // Cast.processFloatingPointSpecialLiterals, case-insensitive.
  s = JavaTrim(s);
  for (const char* word : {"inf", "+inf", "infinity", "+infinity"}) {
    if (EqualsIgnoreCase(s, word)) {
      *out = std::numeric_limits<T>::infinity();
      return Outcome::kValue;
    }
  }
  if (EqualsIgnoreCase(s, "-inf") || EqualsIgnoreCase(s, "-infinity")) {
    *out = -std::numeric_limits<T>::infinity();
    return Outcome::kValue;
  }
  if (EqualsIgnoreCase(s, "nan")) {
    *out = std::numeric_limits<T>::quiet_NaN();
    return Outcome::kValue;
  }
  return Outcome::kInvalid;
}

template Outcome StringToFloating(std::string_view s, float* out);
template Outcome StringToFloating(std::string_view s, double* out);

Outcome StringToDecimal(std::string_view s, int precision, int scale, types::Int128* out) {
  s = JavaTrim(s);
  if (!IsJavaDecimalSyntax(s)) return Outcome::kInvalid;
  // Well-formed but too many digits for the type (rounding HALF_UP first).
  return types::ParseDecimal(s, precision, scale, out) ? Outcome::kValue : Outcome::kOverflow;
}

Outcome StringToDate(std::string_view s, int32_t* out) {
  types::ParsedDateTime parsed;
  if (!types::ParseIsoDate(TrimAll(s), &parsed)) return Outcome::kInvalid;
  *out = static_cast<int32_t>(parsed.ToDays());
  return Outcome::kValue;
}

namespace {

// A time without a date ("10:11:12", "T10:11"), which Spark reads as that time today in the
// session time zone: the text with today's date in front, or "" when it is not one.
std::string WithTodaysDate(std::string_view s, const types::TimeZone* zone) {
  if (!s.empty() && s[0] == 'T') s.remove_prefix(1);
  const size_t colon = s.find(':');
  if (colon == 0 || colon > 2 ||
      !std::all_of(s.begin(), s.begin() + colon, [](char c) { return c >= '0' && c <= '9'; }))
    return "";
  const int64_t now = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  const int64_t local = zone == nullptr ? now : zone->UtcToLocal(now);
  const types::CivilDate d = types::CivilFromDays(types::FloorDiv(local, 86400000000LL));
  char date[32];
  std::snprintf(date, sizeof date, "%04lld-%02d-%02dT", static_cast<long long>(d.year), d.month,
                d.day);
  return date + std::string(s);
}

}  // namespace

Outcome StringToTimestamp(std::string_view s, const types::TimeZone* zone, int64_t* out) {
  types::ParsedDateTime parsed;
  s = TrimAll(s);
  std::string dated;
  if (!types::ParseIsoTimestamp(s, &parsed)) {
    dated = WithTodaysDate(s, zone);
    if (dated.empty() || !types::ParseIsoTimestamp(dated, &parsed)) return Outcome::kInvalid;
  } else if (!SparkTimestampShape(s, parsed.has_offset)) {
    return Outcome::kInvalid;
  }
  if (zone == nullptr) {  // TIMESTAMP_NTZ: a zone in the text is ignored
    return parsed.ToLocalMicros(out) ? Outcome::kValue : Outcome::kInvalid;
  }
  return types::ToTimestamp(parsed, *zone, out) ? Outcome::kValue : Outcome::kInvalid;
}

}  // namespace sluice::functions::internal
