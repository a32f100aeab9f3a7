// from_json, to_json and schema_of_json with Spark 3.5's arguments: the schema as a constant
// DDL string (or schema_of_json's result), the options as a constant map (mode,
// dateFormat, timestampFormat, timestampNTZFormat, ignoreNullFields, primitivesAsString,
// prefersDecimal).
#include <memory>

#include "functions/function_registry.h"
#include "functions/json_options.h"
#include "functions/json_reader.h"
#include "functions/json_schema_inference.h"
#include "functions/json_writer.h"
#include "functions/kernel_util.h"
#include "functions/string_arguments.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;
using Args = std::vector<const vector::Vector*>;

namespace {

bool IsJsonContainer(const LogicalType& t) {
  return t.id() == TypeId::kStruct || t.id() == TypeId::kArray || t.id() == TypeId::kMap;
}

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

Result<BoundScalar> BindFromJson(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount("from_json", args.size(), 2, 3));
  SLUICE_ASSIGN_OR_RAISE(LogicalType schema, ReadSchemaArgument(args[1]));
  if (!IsJsonContainer(schema))
    return Status::Invalid(
        "[DATATYPE_MISMATCH.INVALID_JSON_SCHEMA] Cannot resolve \"from_json\" "
        "due to data type mismatch: Input schema \"" +
        schema.ToString() + "\" must be a struct, an array or a map.");
  SLUICE_ASSIGN_OR_RAISE(TextOptions options, ReadOptionsArgument("from_json", args, 2));
  SLUICE_ASSIGN_OR_RAISE(ParseMode mode, ReadParseMode("from_json", options));
  SLUICE_ASSIGN_OR_RAISE(DateTimeOptions formats, ReadDateTimeOptions(options));
  auto shared = std::make_shared<const DateTimeOptions>(std::move(formats));
  JsonLeniency lenient = ReadJsonLeniency(options);
  lenient.exact_numbers = true;
  BoundScalar b;
  b.return_type = schema;
  SLUICE_ASSIGN_OR_RAISE(LogicalType input, Coerce("from_json", 0, args[0].type, Accept::kString));
  b.argument_types = {input};
  for (size_t i = 1; i < args.size(); ++i) b.argument_types.push_back(args[i].type);
  b.kernel = [shared, lenient, mode](const FunctionContext& ctx, const Args& in, size_t rows,
                                     vector::Vector& out) -> Status {
    JsonReader reader(*shared, lenient, *ctx.zone, mode);
    for (size_t row = 0; row < rows; ++row) {
      if (in[0]->IsNull(row)) {
        out.SetNull(row);
        continue;
      }
      const std::string_view text = Get<std::string_view>(*in[0], row);
      if (IsBlank(text)) {  // Spark returns NULL for an empty string
        out.SetNull(row);
        continue;
      }
      SLUICE_RETURN_NOT_OK(reader.Read(text, out, row));
    }
    return Status::OK();
  };
  return b;
}

Result<BoundScalar> BindToJson(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount("to_json", args.size(), 1, 2));
  if (!IsJsonContainer(args[0].type))
    return Status::Invalid(
        "[DATATYPE_MISMATCH.INVALID_JSON_SCHEMA] Cannot resolve \"to_json\" due to data type "
        "mismatch: Input schema \"" +
        args[0].type.ToString() + "\" must be a struct, an array or a map.");
  SLUICE_ASSIGN_OR_RAISE(TextOptions options, ReadOptionsArgument("to_json", args, 1));
  SLUICE_ASSIGN_OR_RAISE(DateTimeOptions formats, ReadDateTimeOptions(options));
  auto shared = std::make_shared<const DateTimeOptions>(std::move(formats));
  const bool ignore_null_fields = OptionIsTrue(options, "ignorenullfields", true);
  BoundScalar b;
  b.return_type = TypeId::kString;
  for (const BindArgument& a : args) b.argument_types.push_back(a.type);
  b.kernel = [shared, ignore_null_fields](const FunctionContext& ctx, const Args& in, size_t rows,
                                          vector::Vector& out) -> Status {
    JsonWriteOptions o = WriteOptionsOf(*shared, ctx.zone);
    o.ignore_null_fields = ignore_null_fields;
    std::string text;
    for (size_t row = 0; row < rows; ++row) {
      if (in[0]->IsNull(row)) {
        out.SetNull(row);
        continue;
      }
      text.clear();
      AppendJsonValue(*in[0], row, o, &text);
      Set(out, row, text);
    }
    return Status::OK();
  };
  return b;
}

Result<BoundScalar> BindSchemaOfJson(const FunctionContext&,
                                     const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount("schema_of_json", args.size(), 1, 2));
  if (IsNullConstant(args[0]))
    return Status::Invalid(
        "[DATATYPE_MISMATCH.UNEXPECTED_NULL] Cannot resolve \"schema_of_json\" due to data type "
        "mismatch: The json must not be null.");
  if (args[0].constant == nullptr)
    return Status::Invalid(
        "[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT] Cannot resolve \"schema_of_json\" due to data "
        "type mismatch: the input json should be a foldable \"STRING\" expression; however, got "
        "a column.");
  if (args[0].type.id() != TypeId::kString)
    return Status::Invalid(
        "[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"schema_of_json\" due to "
        "data type mismatch: Parameter 1 requires the \"STRING\" type, however it has the type "
        "\"" +
        args[0].type.ToString() + "\".");
  SLUICE_ASSIGN_OR_RAISE(TextOptions options, ReadOptionsArgument("schema_of_json", args, 1));
  const JsonInferOptions infer{
      .primitives_as_string = OptionIsTrue(options, "primitivesasstring", false),
      .prefers_decimal = OptionIsTrue(options, "prefersdecimal", false)};
  const JsonLeniency lenient = ReadJsonLeniency(options);
  BoundScalar b;
  b.return_type = TypeId::kString;
  for (const BindArgument& a : args) b.argument_types.push_back(a.type);
  b.kernel = [infer, lenient](const FunctionContext&, const Args& in, size_t rows,
                              vector::Vector& out) -> Status {
    simdjson::dom::parser parser;
    return MapRows<std::string_view>(
        {in[0]}, rows, out, [&](std::string_view text) -> Result<std::string> {
          std::optional<simdjson::dom::element> doc = ParseJson(parser, text, lenient);
          if (!doc)
            return Status::Invalid(
                "[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION] "
                "schema_of_json cannot parse the JSON text: " +
                std::string(text));
          return InferJsonType(*doc, infer).ToString();
        });
  };
  return b;
}

}  // namespace

void RegisterJsonFunctions(FunctionRegistry& r) {
  r.Add(ScalarFunction{"from_json",
                       "from_json(jsonStr, schema[, options]) - Returns a struct value with the "
                       "given `jsonStr` and `schema`.",
                       BindFromJson});
  r.Add(ScalarFunction{"to_json",
                       "to_json(expr[, options]) - Returns a JSON string with a given struct "
                       "value",
                       BindToJson});
  r.Add(ScalarFunction{"schema_of_json",
                       "schema_of_json(json[, options]) - Returns schema in the DDL format of "
                       "JSON string.",
                       BindSchemaOfJson});
}

}  // namespace sluice::functions
