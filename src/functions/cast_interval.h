// CAST to and from the interval types, as Spark 3.5 casts them: strings (the unit form for
// CalendarInterval, the ANSI forms for year-month and day-time types), ANSI intervals of
// other fields (cut to the target's last field), and exact numbers (a count of the
// target's last field, or of the source's). CastVector calls it for those pairs.
// Pure functions: thread-safe.
#pragma once

#include <string_view>

#include "common/status.h"
#include "functions/cast.h"
#include "types/logical_type.h"
#include "vector/vector.h"

namespace sluice::functions {

// True when the pair is CastInterval's to convert (one side is an interval, the other an
// interval, a string or an exact number).
bool IsIntervalCast(const types::LogicalType& from, const types::LogicalType& to);

// Casts rows [0, rows) of `in` into `out` (of the target type). A string that is not an
// interval of the type is an error for ANSI types (as in Spark, whatever the ANSI mode),
// NULL for CalendarInterval (an error under ANSI); TRY_CAST gives NULL for all of them.
Status CastInterval(const vector::Vector& in, size_t rows, vector::Vector& out,
                    const CastOptions& options);

// A text value read into row `row` of an interval vector as from_json and from_csv read one:
// the unit form for CalendarInterval (NULL when it is not one, as Spark's
// safeStringToInterval), CAST's forms for the ANSI types (false when it is not one: the
// record is malformed).
bool ReadIntervalText(std::string_view text, vector::Vector& out, size_t row);

}  // namespace sluice::functions
