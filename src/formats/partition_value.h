// Turning a Hive partition folder's value (`month=01` -> 1, `day=2024-01-05`,
// `__HIVE_DEFAULT_PARTITION__` -> NULL) into a typed column for every row of a batch:
// the types are those ListSourceFiles inferred. Pure functions: thread-safe.
#pragma once

#include <optional>
#include <string>

#include "common/status.h"
#include "types/time_zone.h"
#include "vector/vector.h"

namespace sluice::formats {

// Fills rows [0, rows) of `out` (of an inferred partition type) with the value; a
// timestamp without an offset is read in the session time zone.
Status FillPartitionColumn(const std::optional<std::string>& raw,
                           const types::TimeZone& session_time_zone, size_t rows,
                           vector::Vector* out);

}  // namespace sluice::formats
