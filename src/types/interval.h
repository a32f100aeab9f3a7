// INTERVAL values as Spark's CalendarInterval (months, days, microseconds), and the text
// forms of all interval types (CalendarInterval, ANSI year-month and day-time). Plain
// values and pure functions: thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "types/logical_type.h"

namespace sluice::types {

struct Interval {
  int32_t months = 0;
  int32_t days = 0;
  int64_t micros = 0;

  bool operator==(const Interval&) const = default;
};

// Spark 3.0's CalendarInterval.toString: "1 years 2 months 3 days 1 hours 37 minutes
// 41.5 seconds", zero components omitted, "0 seconds" when all are zero.
std::string FormatInterval(const Interval& interval);

// The two text forms of the ANSI intervals (Spark's IntervalUtils): ANSI is what CAST AS
// STRING gives (INTERVAL '1-2' YEAR TO MONTH, INTERVAL '01:02' HOUR TO MINUTE), Hive what
// query results print (1-2, 0 01:02:00.000000000; the fields do not matter).
enum class IntervalStyle { kAnsi, kHive };
std::string FormatYearMonthInterval(int32_t months, const LogicalType& type, IntervalStyle style);
std::string FormatDayTimeInterval(int64_t micros, const LogicalType& type, IntervalStyle style);

}  // namespace sluice::types
