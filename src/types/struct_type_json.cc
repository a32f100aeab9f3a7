// Parser of Spark StructType JSON documents (ParseStructTypeJson).
#include <simdjson.h>

#include "types/schema.h"

namespace sluice::types {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

Status JsonError(const std::string& what) { return Status::Invalid("schema JSON: " + what); }

Result<LogicalType> TypeFromJson(element value);

Result<std::vector<Field>> FieldsFromJson(object obj) {
  simdjson::dom::array fields;
  if (obj["fields"].get_array().get(fields) != simdjson::SUCCESS) {
    return JsonError("expected a \"fields\" array in a struct");
  }
  std::vector<Field> out;
  for (element f : fields) {
    object fo;
    if (f.get_object().get(fo) != simdjson::SUCCESS) return JsonError("expected a field object");
    std::string_view name;
    if (fo["name"].get_string().get(name) != simdjson::SUCCESS) {
      return JsonError("field " + std::to_string(out.size() + 1) + " has no string \"name\"");
    }
    element type;
    if (fo["type"].get(type) != simdjson::SUCCESS) {
      return JsonError("field \"" + std::string(name) + "\" has no \"type\"");
    }
    auto parsed = TypeFromJson(type);
    if (!parsed.ok()) return parsed.status().WithContext("field \"" + std::string(name) + "\"");
    bool nullable = true;
    if (fo["nullable"].get_bool().get(nullable) != simdjson::SUCCESS) nullable = true;
    out.push_back(Field{std::string(name), *parsed, nullable});
  }
  return out;
}

Result<LogicalType> TypeFromJson(element value) {
  std::string_view name;
  if (value.get_string().get(name) == simdjson::SUCCESS) {
    // Spark's JSON names differ from DDL ("integer", "long"); the DDL parser knows both.
    return ParseDdlType(name);
  }
  object obj;
  if (value.get_object().get(obj) != simdjson::SUCCESS) {
    return JsonError("expected a type name or a type object");
  }
  std::string_view kind;
  if (obj["type"].get_string().get(kind) != simdjson::SUCCESS) {
    return JsonError("type object without a \"type\" string");
  }
  if (kind == "struct") {
    SLUICE_ASSIGN_OR_RAISE(auto fields, FieldsFromJson(obj));
    return LogicalType::Struct(std::move(fields));
  }
  if (kind == "array") {
    element e;
    if (obj["elementType"].get(e) != simdjson::SUCCESS)
      return JsonError("array without elementType");
    SLUICE_ASSIGN_OR_RAISE(LogicalType element_type, TypeFromJson(e));
    return LogicalType::Array(std::move(element_type));
  }
  if (kind == "map") {
    element k, v;
    if (obj["keyType"].get(k) != simdjson::SUCCESS ||
        obj["valueType"].get(v) != simdjson::SUCCESS) {
      return JsonError("map without keyType/valueType");
    }
    SLUICE_ASSIGN_OR_RAISE(LogicalType key, TypeFromJson(k));
    SLUICE_ASSIGN_OR_RAISE(LogicalType val, TypeFromJson(v));
    return LogicalType::Map(std::move(key), std::move(val));
  }
  return JsonError("unknown type kind \"" + std::string(kind) + "\"");
}

}  // namespace

Result<Schema> ParseStructTypeJson(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  element root;
  auto error = parser.parse(padded).get(root);
  if (error) return JsonError(std::string("not valid JSON: ") + simdjson::error_message(error));
  object obj;
  if (root.get_object().get(obj) != simdjson::SUCCESS) return JsonError("expected an object");
  std::string_view kind;
  if (obj["type"].get_string().get(kind) == simdjson::SUCCESS && kind != "struct") {
    return JsonError("top-level type must be \"struct\", found \"" + std::string(kind) + "\"");
  }
  SLUICE_ASSIGN_OR_RAISE(auto fields, FieldsFromJson(obj));
  return Schema(std::move(fields));
}

}  // namespace sluice::types
