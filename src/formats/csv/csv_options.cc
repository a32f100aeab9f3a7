#include "formats/csv/csv_options.h"

#include <algorithm>
#include <cctype>

namespace sluice::formats::csv {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

Result<bool> ParseBool(const std::string& key, const std::string& value) {
  std::string v = Lower(value);
  if (v == "true") return true;
  if (v == "false") return false;
  return Status::Invalid("option '" + key + "': expected true or false, found '" + value + "'");
}

// Spark allows "\t", "\u0001" and "\\" spellings for one-character options.
std::string Unescape(const std::string& v) {
  if (v == "\\t") return "\t";
  if (v == "\\n") return "\n";
  if (v == "\\r") return "\r";
  if (v == "\\\\") return "\\";
  if (v == "\\0") return std::string(1, '\0');
  if (v.size() == 6 && v.rfind("\\u", 0) == 0) {
    try {
      return std::string(1, static_cast<char>(std::stoi(v.substr(2), nullptr, 16)));
    } catch (...) {
      return v;
    }
  }
  return v;
}

Result<char> ParseChar(const std::string& key, const std::string& raw, bool allow_empty) {
  std::string v = Unescape(raw);
  if (v.empty()) {
    if (allow_empty) return '\0';
    return Status::Invalid("option '" + key + "': expected one character, found an empty value");
  }
  if (v.size() != 1) {
    return Status::Invalid("option '" + key + "': expected one character, found '" + raw + "'");
  }
  return v[0];
}

}  // namespace

Result<CsvOptions> CsvOptions::FromMap(const std::map<std::string, std::string>& options,
                                       const types::TimeZone& session_time_zone) {
  CsvOptions o;
  o.session_time_zone = session_time_zone;
  bool escape_quote_escaping_set = false;
  for (const auto& [raw_key, value] : options) {
    std::string key = Lower(raw_key);
    if (key == "header") {
      SLUICE_ASSIGN_OR_RAISE(o.header, ParseBool(raw_key, value));
    } else if (key == "sep" || key == "delimiter") {
      o.delimiter = Unescape(value);
      if (o.delimiter.empty())
        return Status::Invalid("option '" + raw_key + "': the delimiter cannot be empty");
    } else if (key == "quote") {
      SLUICE_ASSIGN_OR_RAISE(o.quote, ParseChar(raw_key, value, /*allow_empty=*/true));
    } else if (key == "escape") {
      SLUICE_ASSIGN_OR_RAISE(o.escape, ParseChar(raw_key, value, true));
    } else if (key == "chartoescapequoteescaping") {
      SLUICE_ASSIGN_OR_RAISE(o.escape_quote_escaping, ParseChar(raw_key, value, true));
      escape_quote_escaping_set = true;
    } else if (key == "comment") {
      SLUICE_ASSIGN_OR_RAISE(o.comment, ParseChar(raw_key, value, true));
    } else if (key == "nullvalue") {
      o.null_value = value;
    } else if (key == "emptyvalue") {
      o.empty_value = value;
    } else if (key == "nanvalue") {
      o.nan_value = value;
    } else if (key == "positiveinf") {
      o.positive_inf = value;
    } else if (key == "negativeinf") {
      o.negative_inf = value;
    } else if (key == "dateformat" || key == "timestampformat" || key == "timestampntzformat") {
      auto format = types::DateTimeFormat::Compile(value);
      if (!format.ok()) return format.status().WithContext("option '" + raw_key + "'");
      if (key == "dateformat")
        o.date_format = *format;
      else if (key == "timestampformat")
        o.timestamp_format = *format;
      else
        o.timestamp_ntz_format = *format;
    } else if (key == "multiline") {
      SLUICE_ASSIGN_OR_RAISE(o.multi_line, ParseBool(raw_key, value));
    } else if (key == "encoding" || key == "charset") {
      auto encoding = ParseTextEncoding(value);
      if (!encoding.ok()) return encoding.status().WithContext("option '" + raw_key + "'");
      o.encoding = *encoding;
    } else if (key == "linesep") {
      SLUICE_ASSIGN_OR_RAISE(o.line_sep, ParseChar(raw_key, value, false));
    } else if (key == "ignoreleadingwhitespace") {
      SLUICE_ASSIGN_OR_RAISE(o.ignore_leading_white_space, ParseBool(raw_key, value));
    } else if (key == "ignoretrailingwhitespace") {
      SLUICE_ASSIGN_OR_RAISE(o.ignore_trailing_white_space, ParseBool(raw_key, value));
    } else if (key == "inferschema") {
      SLUICE_ASSIGN_OR_RAISE(o.infer_schema, ParseBool(raw_key, value));
    } else if (key == "samplingratio") {
      try {
        o.sampling_ratio = std::stod(value);
      } catch (...) {
        o.sampling_ratio = -1;
      }
      if (!(o.sampling_ratio > 0 && o.sampling_ratio <= 1)) {
        return Status::Invalid("option '" + raw_key + "': expected a number in (0, 1], found '" +
                               value + "'");
      }
    } else if (key == "enforceschema") {
      SLUICE_ASSIGN_OR_RAISE(o.enforce_schema, ParseBool(raw_key, value));
    } else if (key == "prefersdate") {
      SLUICE_ASSIGN_OR_RAISE(o.prefers_date, ParseBool(raw_key, value));
    } else if (key == "mode") {
      std::string v = Lower(value);
      if (v == "permissive")
        o.mode = ParseMode::kPermissive;
      else if (v == "dropmalformed")
        o.mode = ParseMode::kDropMalformed;
      else if (v == "failfast")
        o.mode = ParseMode::kFailFast;
      else {
        return Status::Invalid("option '" + raw_key +
                               "': expected PERMISSIVE, DROPMALFORMED or FAILFAST, found '" +
                               value + "'");
      }
    } else if (key == "columnnameofcorruptrecord") {
      o.column_name_of_corrupt_record = value;
    } else if (key == "rescueddatacolumn") {
      o.rescued_data_column = value;
    } else if (key == "basepath") {
      o.base_path = value;
    } else if (key == "recursivefilelookup") {
      SLUICE_ASSIGN_OR_RAISE(o.recursive_file_lookup, ParseBool(raw_key, value));
    } else if (key == "pathglobfilter") {
      o.path_glob_filter = value;
    } else if (key == "quoteall") {
      SLUICE_ASSIGN_OR_RAISE(o.quote_all, ParseBool(raw_key, value));
    } else if (key == "escapequotes") {
      SLUICE_ASSIGN_OR_RAISE(o.escape_quotes, ParseBool(raw_key, value));
    } else if (key == "compression" || key == "codec") {
      o.compression = Lower(value);
    } else {
      return Status::Invalid("unknown CSV option '" + raw_key +
                             "' (see `sluice cat --help` for the supported options)");
    }
  }
  if (!escape_quote_escaping_set) o.escape_quote_escaping = o.escape != o.quote ? o.escape : '\0';
  return o;
}

}  // namespace sluice::formats::csv
