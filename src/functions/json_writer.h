// JSON text of values the way Spark's to_json (JacksonGenerator) writes them: numbers bare,
// NaN and Infinity quoted, binary as base64, dates and timestamps by to_json's patterns in
// the session time zone, maps keyed by the key's text. One writer for to_json and for the
// JSON result formats (`sluice sql --format json`, `sluice cat --format json`).
// Pure functions: thread-safe.
#pragma once

#include <optional>
#include <string>

#include "functions/json_options.h"
#include "types/datetime_format.h"
#include "types/time_zone.h"
#include "vector/vector.h"

namespace sluice::functions {

struct JsonWriteOptions {
  const types::TimeZone* zone;  // the session time zone; never null
  // to_json's dateFormat, timestampFormat and timestampNTZFormat; null: Spark's defaults.
  const types::DateTimeFormat* date_format = nullptr;
  const types::DateTimeFormat* timestamp_format = nullptr;
  const types::DateTimeFormat* timestamp_ntz_format = nullptr;
  // to_json leaves NULL struct fields out (spark.sql.jsonGenerator.ignoreNullFields); the
  // result formats write them as null so every line has every column.
  bool ignore_null_fields = false;
};

// Options with the patterns of `formats` (none: the defaults).
JsonWriteOptions WriteOptionsOf(const DateTimeOptions& formats, const types::TimeZone* zone);

// A DATE, TIMESTAMP or TIMESTAMP_NTZ value (row not NULL) as Spark's JSON and CSV writers
// spell it: the options' pattern, else yyyy-MM-dd, yyyy-MM-dd'T'HH:mm:ss.SSSXXX in the
// session time zone, yyyy-MM-dd'T'HH:mm:ss.SSS; nullopt for other types.
std::optional<std::string> FormatDateTimeText(const vector::Vector& v, size_t row,
                                              const JsonWriteOptions& o);

// Appends row `row` of `v` as JSON text (null for a NULL row).
void AppendJsonValue(const vector::Vector& v, size_t row, const JsonWriteOptions& o,
                     std::string* out);

}  // namespace sluice::functions
