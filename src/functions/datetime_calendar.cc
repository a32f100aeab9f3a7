#include "functions/datetime_calendar.h"

#include <algorithm>

#include "types/civil_date.h"

namespace sluice::functions {

using types::CivilDate;

Status ArithmeticOverflow(const char* what) {
  return Status::Invalid(std::string("[ARITHMETIC_OVERFLOW] ") + what + " overflow.");
}

int32_t AddMonthsToDate(int32_t days, int32_t months) {
  const CivilDate d = types::CivilFromDays(days);
  const int64_t total = d.year * 12 + (d.month - 1) + months;
  const int64_t year = types::FloorDiv(total, 12);
  const int month = static_cast<int>(total - year * 12) + 1;
  return static_cast<int32_t>(
      types::DaysFromCivil(year, month, std::min(d.day, types::DaysInMonth(year, month))));
}

int64_t AddMonthsToLocal(int64_t local_micros, int32_t months) {
  const int64_t days = types::FloorDiv(local_micros, types::kMicrosPerDay);
  const int64_t time = local_micros - days * types::kMicrosPerDay;
  return int64_t{AddMonthsToDate(static_cast<int32_t>(days), months)} * types::kMicrosPerDay + time;
}

Result<int64_t> AddIntervalToTimestamp(int64_t micros, const types::Interval& interval,
                                       const types::TimeZone& zone) {
  int64_t local = zone.UtcToLocal(micros);
  if (interval.months != 0) local = AddMonthsToLocal(local, interval.months);
  int64_t out;
  if (__builtin_add_overflow(local, int64_t{interval.days} * types::kMicrosPerDay, &local) ||
      __builtin_add_overflow(zone.LocalToUtc(local), interval.micros, &out))
    return ArithmeticOverflow("long");
  return out;
}

Result<int32_t> AddIntervalToDate(int32_t days, const types::Interval& interval) {
  return CheckedDays(int64_t{AddMonthsToDate(days, interval.months)} + interval.days);
}

Result<int32_t> CheckedDays(int64_t days) {
  if (days != static_cast<int32_t>(days)) return ArithmeticOverflow("integer");
  return static_cast<int32_t>(days);
}

}  // namespace sluice::functions
