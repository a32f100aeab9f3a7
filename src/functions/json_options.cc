#include "functions/json_options.h"

#include "functions/datetime_binding.h"
#include "functions/kernel_util.h"
#include "types/schema.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;

Result<TextOptions> ReadOptionsArgument(std::string_view fn, const std::vector<BindArgument>& args,
                                        size_t at) {
  if (args.size() <= at) return TextOptions();
  const BindArgument& arg = args[at];
  if (arg.type.id() != TypeId::kMap || arg.constant == nullptr)
    return Status::Invalid("[INVALID_OPTIONS.NON_MAP_FUNCTION] Invalid options of `" +
                           std::string(fn) + "`: must use the `map()` function for options.");
  if (arg.type.children()[0].type.id() != TypeId::kString ||
      arg.type.children()[1].type.id() != TypeId::kString)
    return Status::Invalid("[INVALID_OPTIONS.NON_STRING_TYPE] Invalid options of `" +
                           std::string(fn) +
                           "`: a type of keys and values in `map()` must be string, but got \"" +
                           arg.type.ToString() + "\".");
  TextOptions options;
  if (arg.constant->IsNull(0)) return options;
  const vector::ListEntry e = arg.constant->data<vector::ListEntry>()[0];
  const vector::Vector& keys = arg.constant->children()[0];
  const vector::Vector& values = arg.constant->children()[1];
  for (uint32_t i = e.offset; i < e.offset + e.length; ++i) {
    std::string key(Get<std::string_view>(keys, i));
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (values.IsNull(i)) continue;
    options[key] = std::string(Get<std::string_view>(values, i));
  }
  return options;
}

Result<LogicalType> ReadSchemaArgument(const BindArgument& arg) {
  if (arg.constant == nullptr || arg.type.id() != TypeId::kString || arg.constant->IsNull(0))
    return Status::Invalid(
        "[INVALID_SCHEMA.NON_STRING_LITERAL] The input schema is not a valid schema string: "
        "it must be a constant string.");
  const std::string_view text = Get<std::string_view>(*arg.constant, 0);
  // A data type first, then a column list (DataType.fromDDL's order).
  Result<LogicalType> type = types::ParseDdlType(text);
  if (type.ok()) return type;
  Result<types::Schema> schema = types::ParseSchema(text);
  if (!schema.ok())
    return Status::Invalid("[PARSE_SYNTAX_ERROR] Syntax error in the schema '" + std::string(text) +
                           "': " + schema.status().message());
  return LogicalType::Struct(schema->fields());
}

bool OptionIsTrue(const TextOptions& options, std::string_view key, bool fallback) {
  auto it = options.find(key);
  if (it == options.end()) return fallback;
  std::string v = it->second;
  for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return v == "true";
}

JsonLeniency ReadJsonLeniency(const TextOptions& options) {
  return JsonLeniency{
      .single_quotes = OptionIsTrue(options, "allowsinglequotes", true),
      .numeric_leading_zeros = OptionIsTrue(options, "allownumericleadingzeros", false),
      .non_numeric_numbers = OptionIsTrue(options, "allownonnumericnumbers", true)};
}

Result<ParseMode> ReadParseMode(std::string_view fn, const TextOptions& options) {
  auto it = options.find("mode");
  if (it == options.end()) return ParseMode::kPermissive;
  std::string mode = it->second;
  for (char& c : mode) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (mode == "FAILFAST") return ParseMode::kFailFast;
  if (mode == "PERMISSIVE") return ParseMode::kPermissive;
  if (mode == "DROPMALFORMED")
    return Status::Invalid("[PARSE_MODE_UNSUPPORTED] The function `" + std::string(fn) +
                           "` doesn't support the DROPMALFORMED mode. Acceptable modes are "
                           "PERMISSIVE and FAILFAST.");
  return ParseMode::kPermissive;  // Spark falls back to PERMISSIVE for an unknown mode
}

Result<DateTimeOptions> ReadDateTimeOptions(const TextOptions& options) {
  DateTimeOptions out;
  auto compile = [&](std::string_view key, std::optional<types::DateTimeFormat>* format) -> Status {
    auto it = options.find(key);
    if (it == options.end()) return Status::OK();
    SLUICE_RETURN_NOT_OK(CheckSparkPattern(it->second));
    SLUICE_ASSIGN_OR_RAISE(types::DateTimeFormat f, types::DateTimeFormat::Compile(it->second));
    *format = std::move(f);
    return Status::OK();
  };
  SLUICE_RETURN_NOT_OK(compile("dateformat", &out.date_format));
  SLUICE_RETURN_NOT_OK(compile("timestampformat", &out.timestamp_format));
  SLUICE_RETURN_NOT_OK(compile("timestampntzformat", &out.timestamp_ntz_format));
  return out;
}

Result<bool> ParseDateTimeText(std::string_view text, TypeId type, const DateTimeOptions& formats,
                               const types::TimeZone& zone, int64_t* out) {
  const auto& format = type == TypeId::kDate        ? formats.date_format
                       : type == TypeId::kTimestamp ? formats.timestamp_format
                                                    : formats.timestamp_ntz_format;
  types::ParsedDateTime parsed;
  if (format ? !format->Parse(text, &parsed)
             : !(type == TypeId::kDate ? types::ParseIsoDate(text, &parsed)
                                       : types::ParseIsoTimestamp(text, &parsed))) {
    if (format) SLUICE_RETURN_NOT_OK(types::CheckNewParserRefusal(*format, text));
    return false;
  }
  int64_t local;
  if (!parsed.ToLocalMicros(&local)) return false;
  if (type == TypeId::kDate) {
    *out = parsed.ToDays();
    return true;
  }
  if (type == TypeId::kTimestampNtz) {
    *out = local;
    return true;
  }
  return types::ToTimestamp(parsed, zone, out);
}

}  // namespace sluice::functions
