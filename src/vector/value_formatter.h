// Text of one value as Spark prints it: doubles as Java prints them (1.0E7, 5861.5),
// timestamps in the session time zone ("2018-10-01 13:56:36"), arrays "[1, 2]", maps
// "{a -> 1}", structs "{1, x}". Dataset.show and CAST(x AS STRING) differ only in a few
// spellings (TextStyle). Pure functions: thread-safe.
#pragma once

#include <string>

#include "types/time_zone.h"
#include "vector/vector.h"

namespace sluice::vector {

// Where Dataset.show (Spark 3.5's ToPrettyString) and CAST AS STRING (ToStringBase) differ.
enum class TextStyle : uint8_t {
  kShow,      // NULL, also inside nested values; binary as hex "[4A 6F]"; plain decimals
  kCast,      // nested NULLs as "null"; binary as its raw bytes; decimals as Java's
              // BigDecimal.toString ("0E-8", "1.23E-7" once the exponent is below -6)
  kAnsiCast,  // as kCast, but plain decimals (Spark's ANSI mode)
};

// A NULL row gives "NULL" whatever the style (a cast makes it NULL, not text).
std::string FormatValue(const Vector& v, size_t row, const types::TimeZone& zone,
                        TextStyle style = TextStyle::kShow);
// Java's Double.toString / Float.toString (shortest round-trip digits).
std::string FormatJavaDouble(double d);
std::string FormatJavaFloat(float f);
// Python's repr(float): shortest round-trip, "5861.5", "0.0", "1e+16".
std::string FormatPythonFloat(double d);

}  // namespace sluice::vector
