// from_csv, to_csv and schema_of_csv: one CSV record as a struct and back, with Spark 3.5's
// options (sep/delimiter, quote, escape, nullValue, mode, dateFormat, timestampFormat,
// timestampNTZFormat) and UnivocityParser's value rules: integers exact (no blanks),
// floating point as Java's parseFloat (blanks trimmed), a short record padded with NULLs.
#include <limits>
#include <memory>

#include "common/json_text.h"
#include "functions/cast_interval.h"
#include "functions/function_registry.h"
#include "functions/json_options.h"
#include "functions/json_writer.h"
#include "functions/kernel_util.h"
#include "functions/string_arguments.h"
#include "types/civil_date.h"
#include "types/decimal.h"
#include "types/text_parsing.h"
#include "vector/value_formatter.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;
using Args = std::vector<const vector::Vector*>;

namespace {

struct CsvTextOptions {
  std::string delimiter = ",";
  char quote = '"';
  char escape = '\\';
  std::string null_value;
  ParseMode mode = ParseMode::kPermissive;
  DateTimeOptions formats;
};

Result<CsvTextOptions> ReadCsvOptions(std::string_view fn, const std::vector<BindArgument>& args,
                                      size_t at) {
  CsvTextOptions o;
  SLUICE_ASSIGN_OR_RAISE(TextOptions options, ReadOptionsArgument(fn, args, at));
  auto get = [&](std::string_view key) -> const std::string* {
    auto it = options.find(key);
    return it == options.end() ? nullptr : &it->second;
  };
  if (const std::string* s = get("sep")) o.delimiter = *s;
  if (const std::string* s = get("delimiter")) o.delimiter = *s;
  if (o.delimiter == "\\t") o.delimiter = "\t";
  if (o.delimiter.empty())
    return Status::Invalid("[INVALID_OPTIONS] Delimiter cannot be empty string.");
  if (const std::string* s = get("quote")) o.quote = s->empty() ? '\0' : (*s)[0];
  if (const std::string* s = get("escape")) o.escape = s->empty() ? '\0' : (*s)[0];
  if (const std::string* s = get("nullvalue")) o.null_value = *s;
  SLUICE_ASSIGN_OR_RAISE(o.mode, ReadParseMode(fn, options));
  SLUICE_ASSIGN_OR_RAISE(o.formats, ReadDateTimeOptions(options));
  return o;
}

// The fields of one CSV record; a quoted field may hold the delimiter, escaped quotes
// (\" or "") and line breaks.
std::vector<std::string> SplitRecord(std::string_view text, const CsvTextOptions& o) {
  std::vector<std::string> fields;
  std::string field;
  size_t i = 0;
  bool quoted_field = false;
  while (i <= text.size()) {
    if (i == text.size() || text.compare(i, o.delimiter.size(), o.delimiter) == 0) {
      fields.push_back(std::move(field));
      field.clear();
      quoted_field = false;
      if (i == text.size()) break;
      i += o.delimiter.size();
      continue;
    }
    const char c = text[i];
    if (c == o.quote && o.quote != '\0' && field.empty() && !quoted_field) {
      quoted_field = true;
      ++i;
      while (i < text.size()) {
        if (text[i] == o.escape && o.escape != '\0' && i + 1 < text.size() &&
            text[i + 1] == o.quote) {
          field.push_back(o.quote);
          i += 2;
        } else if (text[i] == o.quote) {
          if (i + 1 < text.size() && text[i + 1] == o.quote) {
            field.push_back(o.quote);
            i += 2;
          } else {
            ++i;
            break;
          }
        } else {
          field.push_back(text[i++]);
        }
      }
      continue;
    }
    field.push_back(c);
    ++i;
  }
  return fields;
}

std::string_view Trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// One value by UnivocityParser's converter for `out`'s type; false when it does not parse,
// an error when Spark fails the query (ParseDateTimeText).
Result<bool> ConvertField(std::string_view text, const CsvTextOptions& o,
                          const types::TimeZone& zone, vector::Vector& out, size_t row) {
  const TypeId id = out.type().id();
  switch (id) {
    case TypeId::kString:
      Set(out, row, text);
      return true;
    case TypeId::kBoolean: {
      bool b;
      if (!types::ParseBoolean(text, &b)) return false;
      Set(out, row, b);
      return true;
    }
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInt:
    case TypeId::kBigInt: {
      const int width = out.type().FixedWidth();
      const int64_t max = width == 8 ? INT64_MAX : (int64_t{1} << (width * 8 - 1)) - 1;
      int64_t v;
      if (!types::ParseInteger(text, -max - 1, max, &v)) return false;
      if (width == 1) Set(out, row, static_cast<int8_t>(v));
      if (width == 2) Set(out, row, static_cast<int16_t>(v));
      if (width == 4) Set(out, row, static_cast<int32_t>(v));
      if (width == 8) Set(out, row, v);
      return true;
    }
    case TypeId::kFloat:
    case TypeId::kDouble: {
      double d;
      if (text == "Inf")
        d = std::numeric_limits<double>::infinity();
      else if (text == "-Inf")
        d = -std::numeric_limits<double>::infinity();
      else if (!types::ParseDouble(text, &d))
        return false;
      if (id == TypeId::kFloat)
        Set(out, row, static_cast<float>(d));
      else
        Set(out, row, d);
      return true;
    }
    case TypeId::kDecimal: {
      types::Int128 v;
      if (!types::ParseDecimal(Trim(text), out.type().precision(), out.type().scale(), &v))
        return false;
      Set(out, row, v);
      return true;
    }
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz: {
      int64_t v;
      SLUICE_ASSIGN_OR_RAISE(bool parsed, ParseDateTimeText(text, id, o.formats, zone, &v));
      if (!parsed) return false;
      if (id == TypeId::kDate)
        Set(out, row, static_cast<int32_t>(v));
      else
        Set(out, row, v);
      return true;
    }
    case TypeId::kInterval:
    case TypeId::kYearMonthInterval:
    case TypeId::kDayTimeInterval:
      return ReadIntervalText(text, out, row);
    default:
      return false;
  }
}

Status CheckAtomicFields(std::string_view fn, const LogicalType& schema) {
  for (const types::Field& f : schema.children())
    if (f.type.IsNested() || f.type.id() == TypeId::kBinary)
      return Status::Invalid("[DATATYPE_MISMATCH.UNSUPPORTED_INPUT_TYPE] Cannot resolve \"" +
                             std::string(fn) + "\" due to data type mismatch: The input of `" +
                             std::string(fn) + "` can't be \"" + f.type.ToString() +
                             "\" type data.");
  return Status::OK();
}

Result<BoundScalar> BindFromCsv(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount("from_csv", args.size(), 2, 3));
  SLUICE_ASSIGN_OR_RAISE(LogicalType schema, ReadSchemaArgument(args[1]));
  if (schema.id() != TypeId::kStruct)
    return Status::Invalid("[INVALID_SCHEMA.NON_STRUCT_TYPE] The input schema \"" +
                           schema.ToString() +
                           "\" is not a valid schema string. The input expression must be a "
                           "struct type.");
  SLUICE_RETURN_NOT_OK(CheckAtomicFields("from_csv", schema));
  SLUICE_ASSIGN_OR_RAISE(CsvTextOptions options, ReadCsvOptions("from_csv", args, 2));
  auto shared = std::make_shared<const CsvTextOptions>(std::move(options));
  BoundScalar b;
  b.return_type = schema;
  SLUICE_ASSIGN_OR_RAISE(LogicalType input, Coerce("from_csv", 0, args[0].type, Accept::kString));
  b.argument_types = {input};
  for (size_t i = 1; i < args.size(); ++i) b.argument_types.push_back(args[i].type);
  b.kernel = [shared](const FunctionContext& ctx, const Args& in, size_t rows,
                      vector::Vector& out) -> Status {
    const CsvTextOptions& o = *shared;
    for (size_t row = 0; row < rows; ++row) {
      if (in[0]->IsNull(row)) {
        out.SetNull(row);
        continue;
      }
      const std::string_view text = Get<std::string_view>(*in[0], row);
      const std::vector<std::string> fields = SplitRecord(text, o);
      bool malformed = fields.size() != out.children().size();
      for (size_t c = 0; c < out.children().size(); ++c) {
        vector::Vector& child = out.children()[c];
        child.SetNull(row);
        if (c >= fields.size() || fields[c] == o.null_value) continue;
        SLUICE_ASSIGN_OR_RAISE(bool converted, ConvertField(fields[c], o, *ctx.zone, child, row));
        if (!converted) {
          child.SetNull(row);
          malformed = true;
        }
      }
      if (malformed && o.mode == ParseMode::kFailFast)
        return Status::Invalid(
            "[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION] Malformed records are detected in "
            "record parsing: " +
            std::string(text) +
            ". Parse Mode: FAILFAST. To process malformed records as null result, try setting "
            "the option 'mode' as 'PERMISSIVE'.");
      out.validity().SetValid(row);
    }
    return Status::OK();
  };
  return b;
}

// A value as the CSV writer quotes it: when it holds the delimiter, a quote, a line break or
// leading/trailing blanks, or is empty.
void AppendCsvField(std::string_view value, const CsvTextOptions& o, std::string* out) {
  const bool quote = value.empty() || value.find(o.delimiter) != std::string_view::npos ||
                     value.find_first_of("\r\n") != std::string_view::npos ||
                     (o.quote != '\0' && value.find(o.quote) != std::string_view::npos);
  if (!quote || o.quote == '\0') {
    *out += value;
    return;
  }
  out->push_back(o.quote);
  for (char c : value) {
    if (c == o.quote) out->push_back(o.escape != '\0' ? o.escape : o.quote);
    out->push_back(c);
  }
  out->push_back(o.quote);
}

Result<BoundScalar> BindToCsv(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount("to_csv", args.size(), 1, 2));
  if (args[0].type.id() != TypeId::kStruct)
    return Status::Invalid(
        "[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"to_csv\" due to data type "
        "mismatch: Parameter 1 requires the \"STRUCT\" type, however it has the type \"" +
        args[0].type.ToString() + "\".");
  SLUICE_RETURN_NOT_OK(CheckAtomicFields("to_csv", args[0].type));
  SLUICE_ASSIGN_OR_RAISE(CsvTextOptions options, ReadCsvOptions("to_csv", args, 1));
  auto shared = std::make_shared<const CsvTextOptions>(std::move(options));
  BoundScalar b;
  b.return_type = TypeId::kString;
  for (const BindArgument& a : args) b.argument_types.push_back(a.type);
  b.kernel = [shared](const FunctionContext& ctx, const Args& in, size_t rows,
                      vector::Vector& out) -> Status {
    const CsvTextOptions& o = *shared;
    const JsonWriteOptions text_options = WriteOptionsOf(o.formats, ctx.zone);
    const vector::Vector& record = *in[0];
    std::string line;
    for (size_t row = 0; row < rows; ++row) {
      if (record.IsNull(row)) {
        out.SetNull(row);
        continue;
      }
      line.clear();
      for (size_t c = 0; c < record.children().size(); ++c) {
        if (c > 0) line += o.delimiter;
        const vector::Vector& v = record.children()[c];
        if (v.IsNull(row)) {
          line += o.null_value;
          continue;
        }
        std::optional<std::string> text = FormatDateTimeText(v, row, text_options);
        if (!text) text = vector::FormatValue(v, row, *ctx.zone);
        AppendCsvField(*text, o, &line);
      }
      Set(out, row, line);
    }
    return Status::OK();
  };
  return b;
}

// CSVInferSchema's type of one field.
LogicalType InferCsvField(std::string_view text, const CsvTextOptions& o,
                          const types::TimeZone& zone) {
  if (text == o.null_value) return TypeId::kNull;
  int64_t i;
  if (types::ParseInteger(text, INT32_MIN, INT32_MAX, &i)) return TypeId::kInt;
  if (types::ParseInteger(text, INT64_MIN, INT64_MAX, &i)) return TypeId::kBigInt;
  const std::string_view digits = text.substr(text[0] == '-' || text[0] == '+' ? 1 : 0);
  if (!digits.empty() && digits.size() <= 38 &&
      digits.find_first_not_of("0123456789") == std::string_view::npos)
    return LogicalType::Decimal(static_cast<int>(digits.size()), 0);
  double d;
  if (types::ParseDouble(text, &d)) return TypeId::kDouble;
  int64_t micros;
  Result<bool> timestamp = ParseDateTimeText(text, TypeId::kTimestamp, o.formats, zone, &micros);
  if (timestamp.ok() && *timestamp && text.find_first_of(":") != std::string_view::npos)
    return TypeId::kTimestamp;
  bool b;
  if (types::ParseBoolean(text, &b)) return TypeId::kBoolean;
  return TypeId::kString;
}

Result<BoundScalar> BindSchemaOfCsv(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount("schema_of_csv", args.size(), 1, 2));
  if (IsNullConstant(args[0]))
    return Status::Invalid(
        "[DATATYPE_MISMATCH.UNEXPECTED_NULL] Cannot resolve \"schema_of_csv\" due to data type "
        "mismatch: The csv must not be null.");
  if (args[0].constant == nullptr || args[0].type.id() != TypeId::kString)
    return Status::Invalid(
        "[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT] Cannot resolve \"schema_of_csv\" due to data "
        "type mismatch: the input csv should be a foldable \"STRING\" expression.");
  SLUICE_ASSIGN_OR_RAISE(CsvTextOptions options, ReadCsvOptions("schema_of_csv", args, 1));
  auto shared = std::make_shared<const CsvTextOptions>(std::move(options));
  BoundScalar b;
  b.return_type = TypeId::kString;
  for (const BindArgument& a : args) b.argument_types.push_back(a.type);
  b.kernel = [shared](const FunctionContext& ctx, const Args& in, size_t rows,
                      vector::Vector& out) -> Status {
    return MapRows<std::string_view>({in[0]}, rows, out, [&](std::string_view text) {
      const std::vector<std::string> fields = SplitRecord(text, *shared);
      std::vector<types::Field> columns;
      for (size_t c = 0; c < fields.size(); ++c) {
        LogicalType t = InferCsvField(fields[c], *shared, *ctx.zone);
        if (t.id() == TypeId::kNull) t = TypeId::kString;
        columns.push_back({"_c" + std::to_string(c), t, true});
      }
      return LogicalType::Struct(std::move(columns)).ToString();
    });
  };
  return b;
}

}  // namespace

void RegisterCsvTextFunctions(FunctionRegistry& r) {
  r.Add(ScalarFunction{"from_csv",
                       "from_csv(csvStr, schema[, options]) - Returns a struct value with the "
                       "given `csvStr` and `schema`.",
                       BindFromCsv});
  r.Add(ScalarFunction{"to_csv",
                       "to_csv(expr[, options]) - Returns a CSV string with a given struct value",
                       BindToCsv});
  r.Add(ScalarFunction{"schema_of_csv",
                       "schema_of_csv(csv[, options]) - Returns schema in the DDL format of CSV "
                       "string.",
                       BindSchemaOfCsv});
}

}  // namespace sluice::functions
