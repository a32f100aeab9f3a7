// Type inference for CSV columns (inferSchema=true), following Spark's CSVInferSchema:
// each value is tried as INT, BIGINT, DECIMAL (integers too big for BIGINT), DOUBLE,
// DATE (prefersDate), TIMESTAMP, BOOLEAN, else STRING; a column's type is the widest
// compatible type of its values; a column of only nulls is STRING. Thread-safe (pure).
#pragma once

#include <string_view>

#include "formats/csv/csv_options.h"
#include "types/logical_type.h"

namespace sluice::formats::csv {

// The narrowest type of one non-null value.
types::LogicalType InferValueType(std::string_view text, const CsvOptions& options);
// Spark's compatibleType for two observed column types (kNull means "nothing seen").
types::LogicalType MergeInferredTypes(const types::LogicalType& a, const types::LogicalType& b);

}  // namespace sluice::formats::csv
