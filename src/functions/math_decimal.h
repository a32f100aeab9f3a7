// Decimal arithmetic as Spark's Decimal (java.math.BigDecimal) computes it: exact sums,
// products and quotients of 38-digit values (intermediates up to 512 bits), rounded to the
// result scale, and rounding of one value to a scale with any of Spark's rounding modes.
// Values are unscaled 128-bit integers with their scale. Pure functions: thread-safe.
#pragma once

#include "types/decimal.h"

namespace sluice::functions {

enum class Rounding { kHalfUp, kHalfEven, kFloor, kCeiling };

// `op` (+ - * / %, or q: the quotient truncated to an integer, as `div`) of a (scale sa) and b
// (scale sb) into `*out` at `scale`, as Spark's Decimal operators followed by
// toPrecision(precision, scale, HALF_UP): * rounds the exact product to 38 significant digits
// first, / computes the quotient at scale 38 first. False when the result needs more than
// `precision` digits, or b is 0 for / and %.
bool DecimalArithmetic(char op, types::Int128 a, int sa, types::Int128 b, int sb, int precision,
                       int scale, types::Int128* out);

// v (scale `from`) at scale `to` (negative: rounds to tens, hundreds, ... and leaves the
// value at scale 0), rounded with `mode`; false when it needs more than `precision` digits.
bool RescaleDecimal(types::Int128 v, int from, int to, int precision, Rounding mode,
                    types::Int128* out);

}  // namespace sluice::functions
