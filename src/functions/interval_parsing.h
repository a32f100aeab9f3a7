// Reading intervals from text as Spark does: the unit form ("1 year 2 months",
// "interval 3 days 4.5 seconds") that interval literals and CAST(.. AS INTERVAL) read, and
// the ANSI forms of one type ("1-2" for YEAR TO MONTH, "1 02:03:04.5" for DAY TO SECOND,
// or "INTERVAL '1-2' YEAR TO MONTH" in casts). Pure functions: thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "types/interval.h"
#include "types/logical_type.h"

namespace sluice::functions {

// The unit form's value and which fields it named (WEEK counts as DAY, MILLISECOND and
// MICROSECOND as SECOND), so a literal can take the narrowest ANSI type.
struct UnitInterval {
  types::Interval value;
  std::optional<types::IntervalField> year_month_start, year_month_end;
  std::optional<types::IntervalField> day_time_start, day_time_end;
};

// "[interval] <number> <unit> ...": units YEAR, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND,
// MILLISECOND, MICROSECOND (plurals too); a fraction only for seconds (cut to
// microseconds). The error says what was wrong.
Result<UnitInterval> ParseUnitInterval(std::string_view text);

// The body of an ANSI interval of `type` ("-1-2", "10 15:40:32.998999", "40:32"): months
// for YEAR..MONTH types, microseconds for DAY..SECOND ones. Leading fields are unbounded
// up to the type's range, later ones bounded (hour 0-23, minute and second 0-59).
Result<int64_t> ParseAnsiIntervalBody(std::string_view text, const types::LogicalType& type);

// CAST(string AS <ANSI interval type>): the body alone, or INTERVAL [+|-]'body' FIELDS with
// the type's fields. The error is Spark's INTERVAL_... message.
Result<int64_t> ParseAnsiIntervalCast(std::string_view text, const types::LogicalType& type);

// Microseconds of days and micros, or an error on int64 overflow.
Result<int64_t> DayTimeMicros(int64_t days, int64_t micros);

}  // namespace sluice::functions
