// Spark's CAST between types, over vectors (non-ANSI: a value that does not convert is
// NULL; ANSI: an error, unless TRY_CAST). Pure functions: thread-safe.
#pragma once

#include "common/status.h"
#include "types/logical_type.h"
#include "types/time_zone.h"
#include "vector/vector.h"

namespace sluice::functions {

struct CastOptions {
  bool ansi = false;
  bool try_cast = false;
  const types::TimeZone* zone = nullptr;
};

bool CanCast(const types::LogicalType& from, const types::LogicalType& to, bool ansi);
Status CastVector(const vector::Vector& in, size_t rows, vector::Vector& out, const CastOptions& o);

}  // namespace sluice::functions
