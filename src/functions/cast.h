// CAST between Sluice's types over vectors, with Spark 3.5's semantics (Cast.scala): which
// casts exist (legacy, ANSI and TRY_CAST rules), what each gives, and when a value becomes
// NULL or an error with Spark's error text ([CAST_INVALID_INPUT], [CAST_OVERFLOW],
// [NUMERIC_VALUE_OUT_OF_RANGE]). Pure functions: thread-safe for distinct output vectors.
#pragma once

#include <cstddef>

#include "common/status.h"
#include "types/logical_type.h"
#include "types/time_zone.h"
#include "vector/vector.h"

namespace sluice::functions {

struct CastOptions {
  bool ansi = false;      // spark.sql.ansi.enabled: invalid input / overflow is an error
  bool try_cast = false;  // TRY_CAST: ANSI results, but NULL instead of an error
  const types::TimeZone* zone = nullptr;  // session time zone (never null when called)
};

// Whether Spark 3.5 allows CAST(from AS to) at all (Cast.canCast; canAnsiCast when ansi).
bool CanCast(const types::LogicalType& from, const types::LogicalType& to, bool ansi);
// Whether TRY_CAST(from AS to) is allowed (Cast.canTryCast: the ANSI rules for plain types,
// the legacy ones inside ARRAY, MAP and STRUCT).
bool CanTryCast(const types::LogicalType& from, const types::LogicalType& to);
// Whether casting a non-NULL value may give NULL (Cast.forceNullable); a MAP key cast that
// may is refused, and the binder uses it for the nullability of results.
bool ForceNullable(const types::LogicalType& from, const types::LogicalType& to);

// Casts rows [0, rows) of `in` into `out`, a Vector already made with the target type and
// capacity >= rows; validity is written for every row (NULL in gives NULL out). An error
// (ANSI only, or a refused cast) names the value and the types as Spark does. TRY_CAST of an
// ARRAY, MAP or STRUCT gives NULL for the whole value when any part fails, as Spark's
// generated code does.
Status CastVector(const vector::Vector& in, size_t rows, vector::Vector& out,
                  const CastOptions& options);

}  // namespace sluice::functions
