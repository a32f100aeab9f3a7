#include "types/interval.h"

#include <cinttypes>
#include <cstdio>
#include <cstdlib>

#include "types/civil_date.h"

namespace sluice::types {

std::string FormatInterval(const Interval& v) {
  std::string out;
  auto add = [&out](int64_t n, const char* unit) {
    if (n == 0) return;
    if (!out.empty()) out += ' ';
    out += std::to_string(n) + " " + unit;
  };
  add(v.months / 12, "years");
  add(v.months % 12, "months");
  add(v.days, "days");
  int64_t micros = v.micros;
  add(micros / 3600000000LL, "hours");
  micros %= 3600000000LL;
  add(micros / 60000000LL, "minutes");
  micros %= 60000000LL;
  if (micros != 0) {
    if (!out.empty()) out += ' ';
    int64_t secs = micros / 1000000;
    int64_t frac = std::llabs(micros % 1000000);
    std::string text = (micros < 0 && secs == 0 ? "-" : "") + std::to_string(secs);
    if (frac != 0) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "%06lld", static_cast<long long>(frac));
      std::string f(buf);
      while (f.back() == '0') f.pop_back();
      text += "." + f;
    }
    out += text + " seconds";
  }
  return out.empty() ? "0 seconds" : out;
}

namespace {

// "' YEAR TO MONTH", "' SECOND": the type's fields after the quoted value.
std::string FieldsSuffix(const LogicalType& type) {
  return "'" + type.ToString().substr(std::string_view("INTERVAL").size());
}

// Seconds with up to 6 fraction digits, trailing zeros dropped, at least two integer digits
// (BigDecimal.stripTrailingZeros.toPlainString with Spark's lead zero).
std::string Seconds(uint64_t micros) {
  std::string out = std::to_string(micros / 1000000);
  if (micros < 10 * kMicrosPerSecond) out = "0" + out;
  if (uint64_t frac = micros % 1000000) {
    char buf[8];
    std::snprintf(buf, sizeof(buf), "%06" PRIu64, frac);
    std::string f(buf);
    while (f.back() == '0') f.pop_back();
    out += "." + f;
  }
  return out;
}

}  // namespace

std::string FormatYearMonthInterval(int32_t months, const LogicalType& type, IntervalStyle style) {
  const int64_t abs = months < 0 ? -int64_t{months} : months;
  const std::string sign = months < 0 ? "-" : "";
  const std::string year = sign + std::to_string(abs / 12);
  const std::string year_month = year + "-" + std::to_string(abs % 12);
  if (style == IntervalStyle::kHive) return year_month;
  std::string value = year_month;
  if (type.interval_start() == type.interval_end())
    value = type.interval_start() == IntervalField::kYear ? year : std::to_string(months);
  return "INTERVAL '" + value + FieldsSuffix(type);
}

std::string FormatDayTimeInterval(int64_t micros, const LogicalType& type, IntervalStyle style) {
  // INT64_MIN cannot be negated: work on its magnitude as unsigned.
  const uint64_t abs = micros < 0 ? 0 - static_cast<uint64_t>(micros) : micros;
  const std::string sign = micros < 0 ? "-" : "";
  constexpr uint64_t kHour = 3600ULL * kMicrosPerSecond, kMinute = 60ULL * kMicrosPerSecond;
  char buf[96];
  if (style == IntervalStyle::kHive) {
    std::snprintf(buf, sizeof(buf),
                  "%s%" PRIu64 " %02" PRIu64 ":%02" PRIu64 ":%02" PRIu64 ".%09" PRIu64,
                  sign.c_str(), abs / kMicrosPerDay, abs / kHour % 24, abs / kMinute % 60,
                  abs / kMicrosPerSecond % 60, abs % kMicrosPerSecond * 1000);
    return buf;
  }
  const IntervalField start = type.interval_start(), end = type.interval_end();
  uint64_t rest = abs;
  std::string out = sign;
  auto two = [](uint64_t n) {
    char b[24];
    std::snprintf(b, sizeof(b), "%02" PRIu64, n);
    return std::string(b);
  };
  switch (start) {
    case IntervalField::kDay:
      out += std::to_string(rest / kMicrosPerDay);
      rest %= kMicrosPerDay;
      break;
    case IntervalField::kHour:
      out += two(rest / kHour);
      rest %= kHour;
      break;
    case IntervalField::kMinute:
      out += two(rest / kMinute);
      rest %= kMinute;
      break;
    default:
      out += Seconds(rest);
      break;
  }
  if (start < IntervalField::kHour && IntervalField::kHour <= end) {
    out += " " + two(rest / kHour);
    rest %= kHour;
  }
  if (start < IntervalField::kMinute && IntervalField::kMinute <= end) {
    out += ":" + two(rest / kMinute);
    rest %= kMinute;
  }
  if (start < IntervalField::kSecond && IntervalField::kSecond <= end) out += ":" + Seconds(rest);
  return "INTERVAL '" + out + FieldsSuffix(type);
}

}  // namespace sluice::types
