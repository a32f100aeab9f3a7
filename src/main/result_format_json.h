// Rows as JSON objects, one per line, the way Spark's to_json writes a struct: numbers
// bare, NaN and Infinity quoted, binary as base64, dates and timestamps by to_json's
// patterns in the session time zone, maps keyed by the key's text. A NULL column is
// written as null (to_json would leave it out). Used by `sluice sql --format json` and
// `sluice cat --format json`. Pure functions: thread-safe.
#pragma once

#include <string>

#include "types/datetime_format.h"
#include "types/time_zone.h"
#include "vector/batch.h"

namespace sluice::main {

struct JsonTextOptions {
  const types::TimeZone* zone;  // the session time zone; never null
  // to_json's dateFormat, timestampFormat and timestampNTZFormat; null: Spark's defaults.
  const types::DateTimeFormat* date_format = nullptr;
  const types::DateTimeFormat* timestamp_format = nullptr;
  const types::DateTimeFormat* timestamp_ntz_format = nullptr;
};

// Appends row `row` of `batch` as {"name":value,...} with the names of `schema`, without a
// line break.
void AppendJsonRow(const types::Schema& schema, const vector::Batch& batch, size_t row,
                   const JsonTextOptions& o, std::string* out);

}  // namespace sluice::main
