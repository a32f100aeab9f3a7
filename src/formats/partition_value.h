// Hive partition folder values (`month=01`, `day=2024-01-05`, `__HIVE_DEFAULT_PARTITION__`)
// as Spark reads them (PartitioningUtils), in one place for every reader: the type
// inferred from a column's folder values, and the reading of one value as a type, inferred
// or declared by the user (Spark's CAST of the folder's text). Reader options such as a
// CSV `dateFormat` never apply to folder values. Pure functions: thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "types/logical_type.h"
#include "types/time_zone.h"
#include "vector/vector.h"

namespace sluice::formats {

// Spark's escaping of partition values in folder names, and its inverse.
std::string EscapePartitionValue(const std::string& value);
std::string UnescapePartitionValue(const std::string& value);

inline constexpr const char* kHiveDefaultPartition = "__HIVE_DEFAULT_PARTITION__";

// Spark's inferPartitionColumnValue per value (INT, BIGINT, DECIMAL(p,0), DOUBLE,
// TIMESTAMP `yyyy-MM-dd HH:mm:ss[.S...]`, DATE `yyyy-MM-dd`, else STRING) and its widening
// of conflicting types (INT+DOUBLE -> DOUBLE, DATE+TIMESTAMP -> TIMESTAMP, DOUBLE+DECIMAL
// or anything else -> STRING). NULL values (nullopt) are ignored; all NULL is STRING.
types::LogicalType InferPartitionType(const std::vector<const std::optional<std::string>*>& values);

// Reads `raw` into row `row` of `out` as Spark casts a string to out's type (surrounding
// white space allowed for numbers, booleans, dates; a timestamp without an offset is in
// the session zone). False, leaving the row untouched, when the text is not such a value.
bool ParsePartitionValue(const std::string& raw, const types::TimeZone& session_time_zone,
                         vector::Vector* out, size_t row);

// Fills rows [0, rows) of `out` with the folder's value (NULL for nullopt); an error
// naming the folder `name=raw` when the value is not of out's type.
Status FillPartitionColumn(const std::string& name, const std::optional<std::string>& raw,
                           const types::TimeZone& session_time_zone, size_t rows,
                           vector::Vector* out);

}  // namespace sluice::formats
