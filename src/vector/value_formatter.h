// Text of one value as Spark's CAST(x AS STRING) gives it: doubles as Java prints them
// (1.0E7, 5861.5), timestamps in the session time zone ("2018-10-01 13:56:36"), arrays
// "[1, 2]", maps "{a -> 1}", structs "{1, x}". NULL is reported, not formatted.
// Pure functions: thread-safe.
#pragma once

#include <string>

#include "types/time_zone.h"
#include "vector/vector.h"

namespace sluice::vector {

std::string FormatValue(const Vector& v, size_t row, const types::TimeZone& zone);
// Java's Double.toString / Float.toString (shortest round-trip digits).
std::string FormatJavaDouble(double d);
std::string FormatJavaFloat(float f);
// Python's repr(float): shortest round-trip, "5861.5", "0.0", "1e+16".
std::string FormatPythonFloat(double d);

}  // namespace sluice::vector
