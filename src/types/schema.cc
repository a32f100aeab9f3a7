#include "types/schema.h"

#include <strings.h>

#include "common/json_text.h"

namespace sluice::types {
namespace {

void AppendTypeJson(std::string& out, const LogicalType& type);

void AppendFieldsJson(std::string& out, const std::vector<Field>& fields) {
  out += "{\"type\":\"struct\",\"fields\":[";
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"name\":";
    AppendJsonString(&out, fields[i].name);
    out += ",\"type\":";
    AppendTypeJson(out, fields[i].type);
    out += fields[i].nullable ? ",\"nullable\":true" : ",\"nullable\":false";
    out += ",\"metadata\":{}}";
  }
  out += "]}";
}

void AppendTypeJson(std::string& out, const LogicalType& type) {
  switch (type.id()) {
    case TypeId::kNull:
      out += "\"void\"";
      return;
    case TypeId::kBoolean:
      out += "\"boolean\"";
      return;
    case TypeId::kTinyInt:
      out += "\"byte\"";
      return;
    case TypeId::kSmallInt:
      out += "\"short\"";
      return;
    case TypeId::kInt:
      out += "\"integer\"";
      return;
    case TypeId::kBigInt:
      out += "\"long\"";
      return;
    case TypeId::kFloat:
      out += "\"float\"";
      return;
    case TypeId::kDouble:
      out += "\"double\"";
      return;
    case TypeId::kDecimal:
      out += "\"decimal(" + std::to_string(type.precision()) + "," + std::to_string(type.scale()) +
             ")\"";
      return;
    case TypeId::kString:
      out += "\"string\"";
      return;
    case TypeId::kBinary:
      out += "\"binary\"";
      return;
    case TypeId::kDate:
      out += "\"date\"";
      return;
    case TypeId::kTimestamp:
      out += "\"timestamp\"";
      return;
    case TypeId::kTimestampNtz:
      out += "\"timestamp_ntz\"";
      return;
    case TypeId::kInterval:
      out += "\"interval\"";
      return;
    case TypeId::kYearMonthInterval:
    case TypeId::kDayTimeInterval:
      out += "\"" + AnsiIntervalName(type) + "\"";
      return;
    case TypeId::kArray:
      out += "{\"type\":\"array\",\"elementType\":";
      AppendTypeJson(out, type.children()[0].type);
      out += ",\"containsNull\":true}";
      return;
    case TypeId::kMap:
      out += "{\"type\":\"map\",\"keyType\":";
      AppendTypeJson(out, type.children()[0].type);
      out += ",\"valueType\":";
      AppendTypeJson(out, type.children()[1].type);
      out += ",\"valueContainsNull\":true}";
      return;
    case TypeId::kStruct:
      AppendFieldsJson(out, type.children());
      return;
  }
}

}  // namespace

bool SameColumnName(std::string_view a, std::string_view b, bool case_sensitive) {
  if (a.size() != b.size()) return false;
  return case_sensitive ? a == b : strncasecmp(a.data(), b.data(), a.size()) == 0;
}

std::optional<size_t> Schema::FindField(std::string_view name, bool case_sensitive) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (SameColumnName(fields_[i].name, name, case_sensitive)) return i;
  }
  return std::nullopt;
}

Schema Schema::AddField(Field field) const {
  std::vector<Field> fields = fields_;
  fields.push_back(std::move(field));
  return Schema(std::move(fields));
}

std::string Schema::ToDdl() const {
  std::string out;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (i > 0) out += ", ";
    out += QuoteIdentifier(fields_[i].name) + " " + fields_[i].type.ToString();
    if (!fields_[i].nullable) out += " NOT NULL";
    if (!fields_[i].comment.empty()) {
      out += " COMMENT '";
      for (char c : fields_[i].comment) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
      }
      out += "'";
    }
  }
  return out;
}

std::string Schema::ToJson() const {
  std::string out;
  AppendFieldsJson(out, fields_);
  return out;
}

Result<Schema> ParseSchema(std::string_view text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '{') return ParseStructTypeJson(text);
  return ParseDdlSchema(text);
}

}  // namespace sluice::types
