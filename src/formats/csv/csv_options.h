// CsvOptions: the CSV reader's and writer's options, named and defaulted as in Spark's
// DataFrameReader.csv / DataFrameWriter.csv. Built once from "key=value" pairs; plain
// values afterwards: thread-safe to share.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "common/status.h"
#include "formats/column_predicate.h"
#include "formats/text_encoding.h"
#include "types/datetime_format.h"
#include "types/time_zone.h"

namespace sluice::formats::csv {

enum class ParseMode { kPermissive, kDropMalformed, kFailFast };

struct CsvOptions {
  bool header = false;
  std::string delimiter = ",";
  char quote = '"';  // '\0' disables quoting
  char escape = '\\';
  char escape_quote_escaping = '\\';  // Spark's charToEscapeQuoteEscaping
  char comment = '\0';                // '\0': no comment lines
  std::string null_value;             // "" (so empty fields are null)
  std::string empty_value;            // what a quoted empty field reads as
  std::string nan_value = "NaN";
  std::string positive_inf = "Inf";
  std::string negative_inf = "-Inf";
  std::optional<types::DateTimeFormat> date_format;  // unset: Spark's lenient ISO parsing
  std::optional<types::DateTimeFormat> timestamp_format;
  std::optional<types::DateTimeFormat> timestamp_ntz_format;
  bool multi_line = false;
  TextEncoding encoding = TextEncoding::kUtf8;
  char line_sep = '\0';  // '\0': \n, \r\n and \r all end a line
  bool ignore_leading_white_space = false;
  bool ignore_trailing_white_space = false;
  bool infer_schema = false;
  double sampling_ratio = 1.0;
  bool enforce_schema = true;
  bool prefers_date = true;
  ParseMode mode = ParseMode::kPermissive;
  std::string column_name_of_corrupt_record = "_corrupt_record";
  std::string rescued_data_column;  // empty: no rescued-data column
  std::string base_path;            // Hive partition discovery root
  bool recursive_file_lookup = false;
  std::string path_glob_filter;

  // Writer options.
  bool quote_all = false;
  bool escape_quotes = true;
  std::string compression = "none";

  types::TimeZone session_time_zone = types::TimeZone::System();
  // Rows that fail these are left out (not from the option map: the caller's filter).
  std::vector<ColumnPredicate> filters;
  // spark.sql.caseSensitive (a session setting, not from the option map): header names
  // match schema columns, and filters name columns, exactly.
  bool case_sensitive = false;
  // The columns a query reads (Spark's CSV column pruning; not from the option map): only
  // they, and the filters' columns, are parsed, so only their values can make a row
  // malformed; the others read as NULL. Unset: every column. Ignored when a corrupt-record
  // or rescued-data column needs every value checked.
  std::optional<std::vector<std::string>> parsed_columns;
  // Bytes per morsel of a mapped file; 0 picks 1-16 MiB by file size. Not from the option
  // map: tests set it small to read small files in many parallel ranges.
  uint64_t range_bytes = 0;

  // Spark option names, case-insensitive keys; unknown keys are an error naming the key.
  static Result<CsvOptions> FromMap(const std::map<std::string, std::string>& options,
                                    const types::TimeZone& session_time_zone);
};

}  // namespace sluice::formats::csv
