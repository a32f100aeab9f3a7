// Numbers, dates and timestamps seen as DOUBLE and back, as Spark's percentile and histogram
// aggregates handle them (toDoubleValue; the result truncated back to the input's type).
// Pure functions: thread-safe.
#pragma once

#include <cmath>

#include "functions/kernel_util.h"
#include "functions/numeric_dispatch.h"

namespace sluice::functions {

// Row `row` (not NULL) of a numeric, DATE (days) or TIMESTAMP (microseconds) vector.
inline double NumericAsDouble(const vector::Vector& v, size_t row) {
  if (v.type().id() == types::TypeId::kDecimal)
    return static_cast<double>(Get<types::Int128>(v, row)) / std::pow(10.0, v.type().scale());
  return DispatchFixedWidth(v.type().id(), [&]<typename T>() -> double {
    if constexpr (std::is_same_v<T, types::Int128>) {
      return 0;  // handled above
    } else {
      return static_cast<double>(v.data<T>()[row]);
    }
  });
}

// Writes `value` at out[row] in out's type: integers truncate (Java's toInt/toLong), decimals
// round to their scale.
inline void SetFromDouble(vector::Vector& out, size_t row, double value) {
  if (out.type().id() == types::TypeId::kDecimal) {
    Set<types::Int128>(
        out, row,
        static_cast<types::Int128>(std::llround(value * std::pow(10.0, out.type().scale()))));
    return;
  }
  DispatchFixedWidth(out.type().id(), [&]<typename T>() {
    if constexpr (!std::is_same_v<T, types::Int128>) Set<T>(out, row, static_cast<T>(value));
  });
}

}  // namespace sluice::functions
