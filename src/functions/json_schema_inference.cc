#include "functions/json_schema_inference.h"

#include <algorithm>
#include <map>

#include "types/decimal.h"
#include "vector/value_formatter.h"

namespace sluice::functions {

using simdjson::dom::element;
using simdjson::dom::element_type;
using types::LogicalType;
using types::TypeId;

namespace {

// The DECIMAL of a number's text ("0.10" is DECIMAL(2,2)), as BigDecimal sees it.
std::optional<LogicalType> DecimalOf(const std::string& text) {
  if (text.find_first_of("eE") != std::string::npos) return std::nullopt;
  size_t digits = 0, scale = 0;
  bool fraction = false, leading = true;
  for (char c : text) {
    if (c == '.') {
      fraction = true;
    } else if (c >= '0' && c <= '9') {
      if (fraction) ++scale;
      if (c != '0' || fraction || !leading) {
        leading = false;
        ++digits;
      }
    }
  }
  const size_t precision = std::max(std::max<size_t>(digits, 1), scale);
  if (precision > 38) return std::nullopt;
  return LogicalType::Decimal(static_cast<int>(precision), static_cast<int>(scale));
}

}  // namespace

// JsonInferSchema.compatibleType: the type both values fit.
LogicalType MergeJsonTypes(const LogicalType& a, const LogicalType& b) {
  if (a == b) return a;
  if (a.id() == TypeId::kNull) return b;
  if (b.id() == TypeId::kNull) return a;
  const bool a_num =
      a.id() == TypeId::kBigInt || a.id() == TypeId::kDouble || a.id() == TypeId::kDecimal;
  const bool b_num =
      b.id() == TypeId::kBigInt || b.id() == TypeId::kDouble || b.id() == TypeId::kDecimal;
  if (a_num && b_num) {
    if (a.id() == TypeId::kDouble || b.id() == TypeId::kDouble) return TypeId::kDouble;
    auto as_decimal = [](const LogicalType& t) {
      return t.id() == TypeId::kBigInt ? LogicalType::Decimal(20, 0) : t;
    };
    const LogicalType x = as_decimal(a), y = as_decimal(b);
    const int scale = std::max(x.scale(), y.scale());
    const int whole = std::max(x.precision() - x.scale(), y.precision() - y.scale());
    if (whole + scale > 38) return TypeId::kDouble;
    return LogicalType::Decimal(whole + scale, scale);
  }
  if (a.id() == TypeId::kArray && b.id() == TypeId::kArray)
    return LogicalType::Array(MergeJsonTypes(a.children()[0].type, b.children()[0].type));
  if (a.id() == TypeId::kStruct && b.id() == TypeId::kStruct) {
    std::map<std::string, LogicalType> fields;
    for (const types::Field& f : a.children()) fields[f.name] = f.type;
    for (const types::Field& f : b.children()) {
      auto it = fields.find(f.name);
      fields[f.name] = it == fields.end() ? f.type : MergeJsonTypes(it->second, f.type);
    }
    std::vector<types::Field> out;
    for (auto& [name, type] : fields) out.push_back({name, type, true});
    return LogicalType::Struct(std::move(out));
  }
  return TypeId::kString;
}

LogicalType InferJsonValueType(element e, const JsonInferOptions& o) {
  switch (e.type()) {
    case element_type::NULL_VALUE:
      return TypeId::kNull;
    case element_type::STRING:
      return TypeId::kString;
    case element_type::BOOL:
      return o.primitives_as_string ? TypeId::kString : TypeId::kBoolean;
    case element_type::INT64:
      return o.primitives_as_string ? TypeId::kString : TypeId::kBigInt;
    case element_type::UINT64:
      if (o.primitives_as_string) return TypeId::kString;
      return uint64_t(e) <= uint64_t{INT64_MAX} ? LogicalType(TypeId::kBigInt)
                                                : LogicalType::Decimal(20, 0);
    case element_type::DOUBLE: {
      if (o.primitives_as_string) return TypeId::kString;
      if (o.prefers_decimal) {
        std::optional<LogicalType> d = DecimalOf(vector::FormatJavaDouble(double(e)));
        if (d) return *d;
      }
      return TypeId::kDouble;
    }
    case element_type::ARRAY: {
      LogicalType element_type = TypeId::kNull;
      for (element child : simdjson::dom::array(e))
        element_type = MergeJsonTypes(element_type, InferJsonValueType(child, o));
      return LogicalType::Array(element_type);
    }
    case element_type::OBJECT: {
      std::map<std::string, LogicalType> fields;  // sorted by name, as Spark sorts them
      for (auto field : simdjson::dom::object(e)) {
        std::string name(field.key);
        LogicalType t = InferJsonValueType(field.value, o);
        auto it = fields.find(name);
        fields[name] = it == fields.end() ? t : MergeJsonTypes(it->second, t);
      }
      std::vector<types::Field> out;
      for (auto& [name, type] : fields) out.push_back({name, type, true});
      return LogicalType::Struct(std::move(out));
    }
  }
  return TypeId::kString;
}

// NULL (from null values and empty arrays) becomes STRING (canonicalizeType).
LogicalType CanonicalJsonType(const LogicalType& t) {
  switch (t.id()) {
    case TypeId::kNull:
      return TypeId::kString;
    case TypeId::kArray:
      return LogicalType::Array(CanonicalJsonType(t.children()[0].type));
    case TypeId::kStruct: {
      std::vector<types::Field> fields;
      for (const types::Field& f : t.children())
        fields.push_back({f.name, CanonicalJsonType(f.type), true});
      return LogicalType::Struct(std::move(fields));
    }
    default:
      return t;
  }
}

LogicalType InferJsonType(element e, const JsonInferOptions& o) {
  return CanonicalJsonType(InferJsonValueType(e, o));
}

}  // namespace sluice::functions
