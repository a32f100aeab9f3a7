// DECIMAL(p, s) values as scaled 128-bit integers: parsing with Spark's HALF_UP rounding
// and precision checks, and formatting. Pure functions: thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sluice::types {

using Int128 = __int128;

// 10^n for n in 0..38.
Int128 PowerOfTen(int n);

// Parses "-12.345", "1e3", "+.5" into unscaled units of 10^-scale, rounding HALF_UP.
// False when not a number or when more than `precision` digits would be needed.
bool ParseDecimal(std::string_view text, int precision, int scale, Int128* out);
// "-12.35" for unscaled -1235 at scale 2.
std::string FormatDecimal(Int128 unscaled, int scale);
// a / b rounded HALF_UP (away from zero at .5); b != 0.
Int128 DivideHalfUp(Int128 a, Int128 b);
// Number of significant digits in |v| (0 has 1).
int DecimalDigits(Int128 v);

}  // namespace sluice::types
