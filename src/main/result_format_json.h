// Rows as JSON objects, one per line, the way Spark's to_json writes a struct (the value
// writer is functions/json_writer). A NULL column is written as null (to_json would leave it
// out). Used by `sluice sql --format json` and `sluice cat --format json`. Pure functions:
// thread-safe.
#pragma once

#include <string>

#include "functions/json_writer.h"
#include "vector/batch.h"

namespace sluice::main {

using JsonTextOptions = functions::JsonWriteOptions;

// Appends row `row` of `batch` as {"name":value,...} with the names of `schema`, without a
// line break.
void AppendJsonRow(const types::Schema& schema, const vector::Batch& batch, size_t row,
                   const JsonTextOptions& o, std::string* out);

}  // namespace sluice::main
