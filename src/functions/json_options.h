// The arguments the JSON and CSV text functions share: the options map (a constant
// MAP<STRING, STRING>, keys case-insensitive as Spark's CaseInsensitiveMap), the schema
// argument (a DDL string or a data type), the parse mode, and the date/time patterns.
// Pure functions and immutable results: thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "functions/scalar_function.h"
#include "types/datetime_format.h"
#include "types/logical_type.h"

namespace sluice::functions {

// Options by lower-cased key.
using TextOptions = std::map<std::string, std::string, std::less<>>;

// Reads the options argument args[at] of `fn` (none when the call has no such argument):
// [INVALID_OPTIONS.NON_MAP_FUNCTION] unless a constant map, [INVALID_OPTIONS.NON_STRING_TYPE]
// unless its keys and values are strings.
Result<TextOptions> ReadOptionsArgument(std::string_view fn, const std::vector<BindArgument>& args,
                                        size_t at);

// The schema argument of from_json/from_csv: a constant string holding a data type
// ("array<int>", "struct<a:int>") or a column list ("a INT, b STRING"), as DataType.fromDDL.
Result<types::LogicalType> ReadSchemaArgument(const BindArgument& arg);

// A boolean option ("true" in any case), or `fallback` when it is not given.
bool OptionIsTrue(const TextOptions& options, std::string_view key, bool fallback);

// The non-standard JSON that Spark's JSON options let Jackson read (JSONOptions' defaults:
// single quotes and NaN/Infinity yes, leading zeros no). get_json_object, json_tuple and
// friends read standard JSON only (all false).
struct JsonLeniency {
  bool single_quotes = false;          // allowSingleQuotes
  bool numeric_leading_zeros = false;  // allowNumericLeadingZeros
  bool non_numeric_numbers = false;    // allowNonNumericNumbers: NaN, Infinity, -INF, ...
  bool exact_numbers = false;          // long numbers read exactly (from_json; json_reader.h)
};
JsonLeniency ReadJsonLeniency(const TextOptions& options);

// What the value parsers do with a record they cannot read (mode option).
enum class ParseMode { kPermissive, kFailFast };
Result<ParseMode> ReadParseMode(std::string_view fn, const TextOptions& options);

// The dateFormat, timestampFormat and timestampNTZFormat options, compiled.
struct DateTimeOptions {
  std::optional<types::DateTimeFormat> date_format;
  std::optional<types::DateTimeFormat> timestamp_format;
  std::optional<types::DateTimeFormat> timestamp_ntz_format;
};
Result<DateTimeOptions> ReadDateTimeOptions(const TextOptions& options);

// Reads text as a DATE, TIMESTAMP or TIMESTAMP_NTZ value (days or micros) with the pattern
// the options give, else Spark's lenient ISO rules; false when it does not parse. An error
// when the text matches the pattern but names no real date ('02-29' with 'MM-dd', year 1970):
// Spark 3.5 (timeParserPolicy EXCEPTION) refuses what its legacy lenient parser would read.
Result<bool> ParseDateTimeText(std::string_view text, types::TypeId type,
                               const DateTimeOptions& formats, const types::TimeZone& zone,
                               int64_t* out);

}  // namespace sluice::functions
