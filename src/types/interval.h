// INTERVAL values as Spark's CalendarInterval (months, days, microseconds) and their
// text form. Plain values: thread-safe.
#pragma once

#include <cstdint>
#include <string>

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

}  // namespace sluice::types
