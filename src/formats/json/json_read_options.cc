#include "formats/json/json_read_options.h"

#include "common/text.h"

namespace sluice::formats::json {
namespace {

Result<bool> ParseBool(const std::string& key, const std::string& value) {
  const std::string v = AsciiLower(value);
  if (v == "true") return true;
  if (v == "false") return false;
  return Status::Invalid("option '" + key + "': expected true or false, found '" + value + "'");
}

// Options Spark's JSON source takes that change nothing here: the behaviour they select is
// the only one (or the default one) this reader has.
bool IsAcceptedAsDefault(const std::string& key, const std::string& value) {
  const std::string v = AsciiLower(value);
  if (key == "encoding" || key == "charset") return v == "utf-8" || v == "utf8";
  if (key == "allowcomments" || key == "allowunquotedfieldnames" || key == "infertimestamp" ||
      key == "allowunquotedcontrolchars" || key == "allowbackslashescapingany" ||
      key == "allowbackslashescapinganycharacter" || key == "dropfieldifallnull")
    return v == "false";
  if (key == "linesep") return value == "\n" || value == "\\n";
  return key == "path" || key == "locale" || key == "timezone" || key == "prefersdate";
}

}  // namespace

Result<JsonReadOptions> JsonReadOptions::FromMap(const std::map<std::string, std::string>& options,
                                                 const types::TimeZone& session_time_zone) {
  JsonReadOptions o;
  o.session_time_zone = session_time_zone;
  functions::TextOptions text;  // what functions/json_options reads: keys in lower case
  for (const auto& [raw_key, value] : options) {
    const std::string key = AsciiLower(raw_key);
    text[key] = value;
    if (key == "allowsinglequotes" || key == "allownumericleadingzeros" ||
        key == "allownonnumericnumbers") {
      SLUICE_RETURN_NOT_OK(ParseBool(raw_key, value).status());  // read below
    } else if (key == "dateformat" || key == "timestampformat" || key == "timestampntzformat") {
      // Compiled below.
    } else if (key == "primitivesasstring") {
      SLUICE_ASSIGN_OR_RAISE(o.infer.primitives_as_string, ParseBool(raw_key, value));
    } else if (key == "prefersdecimal") {
      SLUICE_ASSIGN_OR_RAISE(o.infer.prefers_decimal, ParseBool(raw_key, value));
    } else if (key == "multiline") {
      SLUICE_ASSIGN_OR_RAISE(o.multi_line, ParseBool(raw_key, value));
    } else if (key == "mode") {
      const std::string v = AsciiLower(value);
      if (v == "permissive") {
        o.mode = ParseMode::kPermissive;
      } else if (v == "dropmalformed") {
        o.mode = ParseMode::kDropMalformed;
      } else if (v == "failfast") {
        o.mode = ParseMode::kFailFast;
      } else {
        return Status::Invalid("option '" + raw_key +
                               "': expected PERMISSIVE, DROPMALFORMED or FAILFAST, found '" +
                               value + "'");
      }
    } else if (key == "columnnameofcorruptrecord") {
      o.column_name_of_corrupt_record = value;
    } else if (key == "samplingratio") {
      char* end = nullptr;
      o.sampling_ratio = std::strtod(value.c_str(), &end);
      if (end == value.c_str() || *end != '\0' || !(o.sampling_ratio > 0) || o.sampling_ratio > 1)
        return Status::Invalid("option '" + raw_key + "': expected a number in (0, 1], found '" +
                               value + "'");
    } else if (key == "compression" || key == "codec") {
      o.compression = AsciiLower(value);
    } else if (key == "ignorenullfields") {
      SLUICE_ASSIGN_OR_RAISE(o.ignore_null_fields, ParseBool(raw_key, value));
    } else if (!ApplyListingOption(key, value, &o.listing) && !IsAcceptedAsDefault(key, value)) {
      return Status::Invalid("unsupported JSON option '" + raw_key + "' = '" + value +
                             "' (see the README's \"JSON files\" for the supported options)");
    }
  }
  o.leniency = functions::ReadJsonLeniency(text);
  auto date_times = functions::ReadDateTimeOptions(text);
  if (!date_times.ok()) return date_times.status().WithContext("JSON options");
  o.date_times = std::move(*date_times);
  return o;
}

}  // namespace sluice::formats::json
