// JsonReadOptions: the JSON files reader's and writer's options, named and defaulted as in
// Spark's DataFrameReader.json / DataFrameWriter.json (JSONOptions). Built once from
// "key=value" pairs; plain values afterwards: thread-safe to share.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/status.h"
#include "formats/column_predicate.h"
#include "formats/source_listing.h"
#include "functions/json_options.h"
#include "functions/json_schema_inference.h"
#include "types/time_zone.h"

namespace sluice::formats::json {

enum class ParseMode { kPermissive, kDropMalformed, kFailFast };

struct JsonReadOptions {
  functions::JsonLeniency leniency;       // allowSingleQuotes, allowNumericLeadingZeros, ...
  functions::DateTimeOptions date_times;  // dateFormat, timestampFormat, timestampNTZFormat
  functions::JsonInferOptions infer;      // primitivesAsString, prefersDecimal
  ParseMode mode = ParseMode::kPermissive;
  std::string column_name_of_corrupt_record = "_corrupt_record";
  double sampling_ratio = 1.0;
  bool multi_line = false;  // a file is one JSON document (an object, or an array of them)
  ListingOptions listing;   // basePath, recursiveFileLookup, pathGlobFilter

  // Writer options.
  std::string compression = "none";
  bool ignore_null_fields = true;  // spark.sql.jsonGenerator.ignoreNullFields

  types::TimeZone session_time_zone = types::TimeZone::System();
  // Rows that fail these are left out (not from the option map: the caller's filter).
  std::vector<ColumnPredicate> filters;
  // spark.sql.caseSensitive (a session setting): top-level field names match columns
  // exactly; otherwise a field matches a column of the same name in any case.
  bool case_sensitive = false;
  // Bytes per morsel of a plain file; 0 picks 1-16 MiB by file size. Not from the option
  // map: tests set it small to read small files in many parallel ranges.
  uint64_t range_bytes = 0;

  // Spark option names, case-insensitive keys; unknown keys are an error naming the key.
  static Result<JsonReadOptions> FromMap(const std::map<std::string, std::string>& options,
                                         const types::TimeZone& session_time_zone);
};

}  // namespace sluice::formats::json
