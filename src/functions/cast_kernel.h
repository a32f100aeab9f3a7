// Internal to the cast_*.cc files: how one row's cast ends (a value, NULL, or a failure
// that is NULL or an error depending on the mode), the typed row loop every cast runs,
// and the casts to each kind of target. Not thread-safe per output vector.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/status.h"
#include "types/decimal.h"
#include "types/time_zone.h"
#include "vector/vector.h"

namespace sluice::functions::internal {

enum class Outcome : uint8_t {
  kValue,
  kNull,      // NULL in every mode (DATE to a number, NaN to DECIMAL)
  kInvalid,   // malformed input: NULL, or [CAST_INVALID_INPUT] under ANSI
  kOverflow,  // out of range: NULL, or [CAST_OVERFLOW] / [NUMERIC_VALUE_OUT_OF_RANGE] under ANSI
  kFail,      // an error even without ANSI (Spark throws an ArithmeticException)
};
// The kernels' common result, spelled short.
constexpr Outcome kValue = Outcome::kValue;

struct CastState {
  bool ansi = false;           // ANSI semantics (also for TRY_CAST)
  bool null_on_error = false;  // TRY_CAST: failures give NULL
  const types::TimeZone* zone = nullptr;
};

// Rows [in_begin, in_begin + count) of the input go to [out_begin, out_begin + count).
struct RowRange {
  size_t in_begin;
  size_t out_begin;
  size_t count;
};

// The error for a failed row, naming the value and both types as Spark does.
Status CastError(const vector::Vector& in, size_t row, Outcome outcome,
                 const types::LogicalType& to, const CastState& state);

// Runs f(Load value, Store* result) -> Outcome over the rows; NULL stays NULL.
template <typename Load, typename Store, typename F>
Status MapRows(const vector::Vector& in, vector::Vector& out, const RowRange& r,
               const CastState& state, F&& f) {
  const Load* src = in.data<Load>();
  Store* dst = out.data<Store>();
  for (size_t i = 0; i < r.count; ++i) {
    const size_t from = r.in_begin + i, to = r.out_begin + i;
    if (in.IsNull(from)) {
      out.SetNull(to);
      continue;
    }
    const Outcome outcome = f(src[from], &dst[to]);
    if (outcome == Outcome::kValue) {
      out.validity().SetValid(to);
      continue;
    }
    const bool error = outcome == Outcome::kFail || (state.ansi && outcome != Outcome::kNull);
    if (error && !state.null_on_error) return CastError(in, from, outcome, out.type(), state);
    out.SetNull(to);
  }
  return Status::OK();
}

// A DECIMAL's unscaled values are int64 up to 18 digits, Int128 beyond.
inline bool IsWideDecimal(const types::LogicalType& t) {
  return t.precision() > types::LogicalType::kMaxInt64DecimalPrecision;
}

// MapRows over a DECIMAL input, with f(Int128 unscaled, Store* result) -> Outcome.
template <typename Store, typename F>
Status MapDecimal(const vector::Vector& in, vector::Vector& out, const RowRange& r,
                  const CastState& state, F&& f) {
  if (IsWideDecimal(in.type())) return MapRows<types::Int128, Store>(in, out, r, state, f);
  return MapRows<int64_t, Store>(in, out, r, state,
                                 [&](int64_t v, Store* o) { return f(types::Int128{v}, o); });
}

// One function per kind of target; each handles every source CanCast allows.
Status CastToBoolean(const vector::Vector& in, vector::Vector& out, const RowRange& r,
                     const CastState& state);
Status CastToIntegral(const vector::Vector& in, vector::Vector& out, const RowRange& r,
                      const CastState& state);
Status CastToFloating(const vector::Vector& in, vector::Vector& out, const RowRange& r,
                      const CastState& state);
Status CastToDecimal(const vector::Vector& in, vector::Vector& out, const RowRange& r,
                     const CastState& state);
Status CastToDate(const vector::Vector& in, vector::Vector& out, const RowRange& r,
                  const CastState& state);
Status CastToTimestamp(const vector::Vector& in, vector::Vector& out, const RowRange& r,
                       const CastState& state);
Status CastToBinary(const vector::Vector& in, vector::Vector& out, const RowRange& r,
                    const CastState& state);

// Text parsing with Spark's rules, shared by the targets above (cast_from_string.cc).
Outcome StringToBoolean(std::string_view s, bool* out);
Outcome StringToIntegral(std::string_view s, bool ansi, int64_t min, int64_t max, int64_t* out);
// FLOAT or DOUBLE: Java's parse (Float.parseFloat for FLOAT), then Spark's "inf", "nan"...
template <typename T>
Outcome StringToFloating(std::string_view s, T* out);
Outcome StringToDecimal(std::string_view s, int precision, int scale, types::Int128* out);
Outcome StringToDate(std::string_view s, int32_t* out);
// With no zone, a TIMESTAMP_NTZ: the wall clock read, any zone in the text ignored.
Outcome StringToTimestamp(std::string_view s, const types::TimeZone* zone, int64_t* out);

}  // namespace sluice::functions::internal
