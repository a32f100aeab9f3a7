#include "functions/interval_parsing.h"

#include <cctype>
#include <limits>
#include <vector>

#include "functions/datetime_calendar.h"
#include "types/civil_date.h"

namespace sluice::functions {

using types::IntervalField;
using types::LogicalType;

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Digits at `*i` as an int64 (false if none or on overflow).
bool ReadDigits(std::string_view s, size_t* i, int64_t* out) {
  const size_t start = *i;
  int64_t v = 0;
  while (*i < s.size() && IsDigit(s[*i])) {
    if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, s[*i] - '0', &v))
      return false;
    ++*i;
  }
  *out = v;
  return *i > start;
}

// ".ddddddddd" at `*i` (1-9 digits) as microseconds, cut as Spark cuts nanoseconds.
bool ReadFraction(std::string_view s, size_t* i, int64_t* micros) {
  *micros = 0;
  if (*i >= s.size() || s[*i] != '.') return true;
  ++*i;
  const size_t start = *i;
  int64_t nanos = 0;
  while (*i < s.size() && IsDigit(s[*i])) {
    if (*i - start == 9) return false;
    nanos = nanos * 10 + (s[*i] - '0');
    ++*i;
  }
  for (size_t k = *i - start; k < 9; ++k) nanos *= 10;
  *micros = nanos / 1000;
  return true;
}

Status Invalid(std::string_view text, const std::string& why) {
  return Status::Invalid("[INVALID_INTERVAL_FORMAT] Error parsing '" + std::string(text) +
                         "' to interval, " + why + ".");
}

bool IsYearMonth(const LogicalType& type) { return type.id() == types::TypeId::kYearMonthInterval; }

std::string FieldsText(const LogicalType& type) {
  std::string s = type.ToString();
  return s.substr(s.find(' ') + 1);
}

// The body's shape for `type`, as Spark's error messages spell it: "[+|-]d h:m:s.n".
std::string Shape(const LogicalType& type) {
  static const char* kParts[] = {"y", "m", "d", "h", "m", "s.n"};
  static const char* kSeparators[] = {"", "-", "", " ", ":", ":"};
  std::string out = "[+|-]";
  for (int f = static_cast<int>(type.interval_start()); f <= static_cast<int>(type.interval_end());
       ++f) {
    if (f != static_cast<int>(type.interval_start())) out += kSeparators[f];
    out += kParts[f];
  }
  return out;
}

}  // namespace

Result<int64_t> DayTimeMicros(int64_t days, int64_t micros) {
  int64_t out;
  if (__builtin_mul_overflow(days, types::kMicrosPerDay, &out) ||
      __builtin_add_overflow(out, micros, &out))
    return ArithmeticOverflow("long");
  return out;
}

Result<UnitInterval> ParseUnitInterval(std::string_view original) {
  std::string_view s = Trim(original);
  if (Lower(s.substr(0, 8)) == "interval") s = Trim(s.substr(8));
  if (s.empty()) return Invalid(original, "the string is empty");
  UnitInterval out;
  int64_t months = 0, days = 0, micros = 0;
  auto note = [](std::optional<IntervalField>& lo, std::optional<IntervalField>& hi,
                 IntervalField f) {
    if (!lo || f < *lo) lo = f;
    if (!hi || f > *hi) hi = f;
  };
  size_t i = 0;
  while (i < s.size()) {
    bool negative = false;
    if (s[i] == '-' || s[i] == '+') negative = s[i++] == '-';
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    int64_t whole = 0, frac = 0;
    const size_t value_start = i;
    if (!ReadDigits(s, &i, &whole) && !(i < s.size() && s[i] == '.'))
      return Invalid(original, "invalid value '" + std::string(s.substr(value_start)) + "'");
    if (!ReadFraction(s, &i, &frac))
      return Invalid(original, "interval can only support nanosecond precision");
    const bool fractional = i > value_start && s.substr(value_start, i - value_start).find('.') !=
                                                   std::string_view::npos;
    if (i >= s.size() || !std::isspace(static_cast<unsigned char>(s[i])))
      return Invalid(original, "invalid value '" + std::string(s.substr(value_start)) + "'");
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    const size_t unit_start = i;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    std::string unit = Lower(s.substr(unit_start, i - unit_start));
    if (unit.size() > 1 && unit.back() == 's') unit.pop_back();
    if (fractional && unit != "second")
      return Invalid(original, "'" + unit + "' cannot have a fractional part");
    const int64_t sign = negative ? -1 : 1;
    bool overflow = false;
    auto add = [&](int64_t* total, int64_t amount, int64_t per) {
      int64_t v;
      overflow |=
          __builtin_mul_overflow(amount, per, &v) || __builtin_add_overflow(*total, v, total);
    };
    if (unit == "year") {
      add(&months, sign * whole, 12);
      note(out.year_month_start, out.year_month_end, IntervalField::kYear);
    } else if (unit == "month") {
      add(&months, sign * whole, 1);
      note(out.year_month_start, out.year_month_end, IntervalField::kMonth);
    } else if (unit == "week") {
      add(&days, sign * whole, 7);
      note(out.day_time_start, out.day_time_end, IntervalField::kDay);
    } else if (unit == "day") {
      add(&days, sign * whole, 1);
      note(out.day_time_start, out.day_time_end, IntervalField::kDay);
    } else if (unit == "hour") {
      add(&micros, sign * whole, kMicrosPerHour);
      note(out.day_time_start, out.day_time_end, IntervalField::kHour);
    } else if (unit == "minute") {
      add(&micros, sign * whole, kMicrosPerMinute);
      note(out.day_time_start, out.day_time_end, IntervalField::kMinute);
    } else if (unit == "second") {
      add(&micros, sign * whole, types::kMicrosPerSecond);
      add(&micros, sign * frac, 1);
      note(out.day_time_start, out.day_time_end, IntervalField::kSecond);
    } else if (unit == "millisecond") {
      add(&micros, sign * whole, 1000);
      note(out.day_time_start, out.day_time_end, IntervalField::kSecond);
    } else if (unit == "microsecond") {
      add(&micros, sign * whole, 1);
      note(out.day_time_start, out.day_time_end, IntervalField::kSecond);
    } else {
      return Invalid(original, "invalid unit '" + unit + "'");
    }
    if (overflow || months != static_cast<int32_t>(months) || days != static_cast<int32_t>(days))
      return Invalid(original, "the value is out of range");
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  }
  out.value = types::Interval{static_cast<int32_t>(months), static_cast<int32_t>(days), micros};
  return out;
}

Result<int64_t> ParseAnsiIntervalBody(std::string_view original, const LogicalType& type) {
  const std::string_view s = Trim(original);
  auto mismatch = [&] {
    return Status::Invalid("[INVALID_INTERVAL_FORMAT] Interval string does not match " +
                           std::string(IsYearMonth(type) ? "year-month" : "day-time") +
                           " format of `" + Shape(type) + "` when cast to " +
                           Lower(type.ToString()) + ": " + std::string(original) + ".");
  };
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
  const int first = static_cast<int>(type.interval_start());
  const int last = static_cast<int>(type.interval_end());
  // Each field's value; later fields take at most two digits.
  std::vector<int64_t> values;
  int64_t fraction = 0;
  for (int f = first; f <= last; ++f) {
    if (f != first) {
      const char separator = f == 1 ? '-' : f == 3 ? ' ' : ':';
      if (i >= s.size() || s[i] != separator) return mismatch();
      ++i;
    }
    const size_t start = i;
    int64_t v;
    if (!ReadDigits(s, &i, &v)) return mismatch();
    if (f != first && f != 1 && i - start > 2) return mismatch();
    if (f == static_cast<int>(IntervalField::kSecond) && !ReadFraction(s, &i, &fraction))
      return mismatch();
    values.push_back(v);
  }
  if (i != s.size()) return mismatch();
  auto out_of_range = [&](const char* field, int64_t max) {
    return Status::Invalid("[INVALID_INTERVAL_FORMAT] " + std::string(field) +
                           " is outside range [0, " + std::to_string(max) +
                           "]: " + std::string(original) + ".");
  };
  const int64_t sign = negative ? -1 : 1;
  if (IsYearMonth(type)) {
    if (values[0] > std::numeric_limits<int32_t>::max())
      return Status::Invalid("[INVALID_INTERVAL_FORMAT] year-month interval is out of range: " +
                             std::string(original) + ".");
    int64_t months;
    if (first == last) {
      months = values[0] * (first == 0 ? 12 : 1);
    } else {
      if (values[1] > 11) return out_of_range("month", 11);
      months = values[0] * 12 + values[1];
    }
    months *= sign;
    if (months != static_cast<int32_t>(months))
      return Status::Invalid("[INVALID_INTERVAL_FORMAT] year-month interval is out of range: " +
                             std::string(original) + ".");
    return months;
  }
  static const int64_t kPer[] = {
      0, 0, types::kMicrosPerDay, kMicrosPerHour, kMicrosPerMinute, types::kMicrosPerSecond};
  static const int64_t kMax[] = {0, 0, 0, 23, 59, 59};
  static const char* kNames[] = {"", "", "day", "hour", "minute", "second"};
  unsigned __int128 total = 0;
  for (int f = first; f <= last; ++f) {
    const int64_t v = values[f - first];
    if (f != first && v > kMax[f]) return out_of_range(kNames[f], kMax[f]);
    total += static_cast<unsigned __int128>(v) * kPer[f];
  }
  total += fraction;
  const unsigned __int128 limit =
      static_cast<unsigned __int128>(std::numeric_limits<int64_t>::max()) + (negative ? 1 : 0);
  if (total > limit)
    return Status::Invalid("[INVALID_INTERVAL_FORMAT] day-time interval is out of range: " +
                           std::string(original) + ".");
  return negative ? static_cast<int64_t>(0 - static_cast<uint64_t>(total))
                  : static_cast<int64_t>(total);
}

Result<int64_t> ParseAnsiIntervalCast(std::string_view original, const LogicalType& type) {
  std::string_view s = Trim(original);
  if (Lower(s.substr(0, 8)) != "interval") return ParseAnsiIntervalBody(s, type);
  // INTERVAL [+|-]'body' FIELDS
  s = Trim(s.substr(8));
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) negative = s[0] == '-';
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  const size_t close = s.find('\'', 1);
  const bool fields_match = !s.empty() && s[0] == '\'' && close != std::string_view::npos &&
                            Lower(Trim(s.substr(close + 1))) == Lower(FieldsText(type));
  if (!fields_match) return ParseAnsiIntervalBody(original, type);
  SLUICE_ASSIGN_OR_RAISE(int64_t v, ParseAnsiIntervalBody(s.substr(1, close - 1), type));
  if (!negative) return v;
  if (v == std::numeric_limits<int64_t>::min() ||
      (IsYearMonth(type) && v == std::numeric_limits<int32_t>::min()))
    return Status::Invalid(
        "[INVALID_INTERVAL_FORMAT] interval is out of range: " + std::string(original) + ".");
  return -v;
}

}  // namespace sluice::functions
