// Calendar arithmetic shared by the datetime functions and operators, as Spark's
// DateTimeUtils does it: months added with the day clamped to the month's end, timestamps
// moved through the wall-clock reading in a zone. Pure functions: thread-safe.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "types/interval.h"
#include "types/time_zone.h"

namespace sluice::functions {

constexpr int64_t kMicrosPerMinute = 60'000'000;
constexpr int64_t kMicrosPerHour = 3'600'000'000;

// Spark's error for a datetime or interval value that leaves its type's range ("integer",
// "long"): an error whatever the ANSI mode, as Java's *Exact arithmetic throws.
Status ArithmeticOverflow(const char* what);

// LocalDate.plusMonths: 2019-01-31 + 1 month = 2019-02-28.
int32_t AddMonthsToDate(int32_t days, int32_t months);
// Wall-clock micros plus months (the date part moves as AddMonthsToDate).
int64_t AddMonthsToLocal(int64_t local_micros, int32_t months);
// Spark's timestampAddInterval: months and days on the wall clock in `zone`, then micros
// on the instant. `zone` is UTC for TIMESTAMP_NTZ.
Result<int64_t> AddIntervalToTimestamp(int64_t micros, const types::Interval& interval,
                                       const types::TimeZone& zone);
// Spark's dateAddInterval without a time part: months, then days.
Result<int32_t> AddIntervalToDate(int32_t days, const types::Interval& interval);
// Days since the epoch as an int32, or an error naming the overflow.
Result<int32_t> CheckedDays(int64_t days);

}  // namespace sluice::functions
