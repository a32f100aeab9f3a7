// Functions that read parts of JSON text: get_json_object (a JSONPath), json_tuple (top-level
// fields; a STRUCT<c0, c1, ...> of strings that the generator binder spreads into columns),
// json_array_length and json_object_keys. Text that is not valid JSON gives NULL.
#include <memory>

#include "functions/function_registry.h"
#include "functions/json_path.h"
#include "functions/json_reader.h"
#include "functions/kernel_util.h"
#include "functions/string_arguments.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;
using Args = std::vector<const vector::Vector*>;

namespace {

// json_array_length and json_object_keys take STRING only (no implicit cast).
Status RequireString(std::string_view fn, const BindArgument& a) {
  if (a.type.id() == TypeId::kString || a.type.id() == TypeId::kNull) return Status::OK();
  return Status::Invalid("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"" +
                         std::string(fn) +
                         "\" due to data type mismatch: Parameter 1 requires the \"STRING\" "
                         "type, however it has the type \"" +
                         a.type.ToString() + "\".");
}

Result<BoundScalar> BindGetJsonObject(const FunctionContext&,
                                      const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount("get_json_object", args.size(), 2, 2));
  BoundScalar b;
  b.return_type = TypeId::kString;
  SLUICE_ASSIGN_OR_RAISE(b.argument_types,
                         CoerceAll("get_json_object", args, {Accept::kString, Accept::kString}));
  std::shared_ptr<const std::optional<JsonPath>> constant_path;
  if (std::optional<std::string> text = ConstantString(args[1]))
    constant_path = std::make_shared<const std::optional<JsonPath>>(JsonPath::Parse(*text));
  b.kernel = [constant_path](const FunctionContext&, const Args& in, size_t rows,
                             vector::Vector& out) -> Status {
    simdjson::dom::parser parser;
    return MapRows<std::string_view, std::string_view>(
        in, rows, out, [&](std::string_view json, std::string_view path_text) {
          const std::optional<JsonPath> path =
              constant_path ? *constant_path : JsonPath::Parse(path_text);
          if (!path) return std::optional<std::string>();
          std::optional<simdjson::dom::element> doc = ParseJson(parser, json);
          if (!doc) return std::optional<std::string>();
          return path->Evaluate(*doc);
        });
  };
  return b;
}

Result<BoundScalar> BindJsonTuple(const FunctionContext&, const std::vector<BindArgument>& args) {
  if (args.size() < 2)
    return Status::Invalid(
        "[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `json_tuple` requires > 1 parameters but the "
        "actual number is " +
        std::to_string(args.size()) + ".");
  // Spark takes only STRING arguments here (no implicit casts, not even of NULL).
  for (const BindArgument& a : args) {
    if (a.type.id() != TypeId::kString)
      return Status::Invalid(
          "[DATATYPE_MISMATCH.NON_STRING_TYPE] Cannot resolve \"json_tuple\" due to data type "
          "mismatch: all arguments of the function `json_tuple` must be string type.");
  }
  BoundScalar b;
  std::vector<types::Field> fields;
  for (size_t i = 1; i < args.size(); ++i)
    fields.push_back({"c" + std::to_string(i - 1), TypeId::kString, true});
  b.return_type = LogicalType::Struct(std::move(fields));
  SLUICE_ASSIGN_OR_RAISE(b.argument_types, CoerceAll("json_tuple", args, {Accept::kString}));
  b.kernel = [](const FunctionContext&, const Args& in, size_t rows,
                vector::Vector& out) -> Status {
    simdjson::dom::parser parser;
    for (size_t row = 0; row < rows; ++row) {
      out.validity().SetValid(row);  // json_tuple always gives a row
      for (vector::Vector& child : out.children()) child.SetNull(row);
      if (in[0]->IsNull(row)) continue;
      std::optional<simdjson::dom::element> doc =
          ParseJson(parser, Get<std::string_view>(*in[0], row));
      if (!doc || doc->type() != simdjson::dom::element_type::OBJECT) continue;
      const simdjson::dom::object object(*doc);
      for (size_t i = 1; i < in.size(); ++i) {
        if (in[i]->IsNull(row)) continue;
        const std::string_view name = Get<std::string_view>(*in[i], row);
        for (auto field : object) {
          if (field.key != name) continue;
          if (field.value.type() != simdjson::dom::element_type::NULL_VALUE)
            Set(out.children()[i - 1], row, JsonElementText(field.value));
          break;
        }
      }
    }
    return Status::OK();
  };
  return b;
}

Result<BoundScalar> BindJsonArrayLength(const FunctionContext&,
                                        const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount("json_array_length", args.size(), 1, 1));
  SLUICE_RETURN_NOT_OK(RequireString("json_array_length", args[0]));
  BoundScalar b;
  b.return_type = TypeId::kInt;
  b.argument_types = {TypeId::kString};
  b.kernel = [](const FunctionContext&, const Args& in, size_t rows,
                vector::Vector& out) -> Status {
    simdjson::dom::parser parser;
    return MapRows<std::string_view>(in, rows, out, [&](std::string_view json) {
      std::optional<simdjson::dom::element> doc = ParseJson(parser, json);
      if (!doc || doc->type() != simdjson::dom::element_type::ARRAY)
        return std::optional<int32_t>();
      return std::optional<int32_t>(static_cast<int32_t>(simdjson::dom::array(*doc).size()));
    });
  };
  return b;
}

Result<BoundScalar> BindJsonObjectKeys(const FunctionContext&,
                                       const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount("json_object_keys", args.size(), 1, 1));
  SLUICE_RETURN_NOT_OK(RequireString("json_object_keys", args[0]));
  BoundScalar b;
  b.return_type = LogicalType::Array(TypeId::kString);
  b.argument_types = {TypeId::kString};
  b.kernel = [](const FunctionContext&, const Args& in, size_t rows,
                vector::Vector& out) -> Status {
    simdjson::dom::parser parser;
    for (size_t row = 0; row < rows; ++row) {
      std::optional<simdjson::dom::element> doc;
      if (!in[0]->IsNull(row)) doc = ParseJson(parser, Get<std::string_view>(*in[0], row));
      if (!doc || doc->type() != simdjson::dom::element_type::OBJECT) {
        out.SetNull(row);
        continue;
      }
      const simdjson::dom::object object(*doc);
      SLUICE_ASSIGN_OR_RAISE(uint32_t at,
                             out.AppendListEntry(row, static_cast<uint32_t>(object.size())));
      for (auto field : object) Set(out.children()[0], at++, field.key);
      out.validity().SetValid(row);
    }
    return Status::OK();
  };
  return b;
}

}  // namespace

void RegisterJsonQueryFunctions(FunctionRegistry& r) {
  r.Add(ScalarFunction{"get_json_object",
                       "get_json_object(json_txt, path) - Extracts a json object from `path`.",
                       BindGetJsonObject});
  r.Add(ScalarFunction{"json_tuple",
                       "json_tuple(jsonStr, p1, p2, ..., pn) - Returns a tuple like the function "
                       "get_json_object, but it takes multiple names.",
                       BindJsonTuple});
  r.Add(ScalarFunction{"json_array_length",
                       "json_array_length(jsonArray) - Returns the number of elements in the "
                       "outermost JSON array.",
                       BindJsonArrayLength});
  r.Add(ScalarFunction{"json_object_keys",
                       "json_object_keys(json_object) - Returns all the keys of the outermost "
                       "JSON object as an array.",
                       BindJsonObjectKeys});
}

}  // namespace sluice::functions
