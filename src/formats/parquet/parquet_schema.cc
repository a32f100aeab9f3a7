#include "formats/parquet/parquet_schema.h"

#include <cmath>
#include <cstdint>

namespace sluice::formats::parquet {

using types::LogicalType;
using types::TypeId;
using Kind = LogicalTypeAnnotation::Kind;

namespace {

LogicalTypeAnnotation IntegerAnnotation(int bits, bool is_signed) {
  LogicalTypeAnnotation t;
  t.kind = Kind::kInteger;
  t.bit_width = static_cast<int8_t>(bits);
  t.is_signed = is_signed;
  return t;
}

LogicalTypeAnnotation TemporalAnnotation(Kind kind, TimeUnit unit) {
  LogicalTypeAnnotation t;
  t.kind = kind;
  t.unit = unit;
  t.adjusted_to_utc = true;
  return t;
}

// The annotation as the file spells it: "INT_64", "TIMESTAMP(MICROS,UTC)".
std::string NameOf(const SchemaElement& e, const ElementAnnotation& a) {
  if (!a.converted) return LogicalTypeName(e);
  SchemaElement converted_only = e;
  converted_only.logical_type = {};
  return LogicalTypeName(converted_only);
}

}  // namespace

ElementAnnotation AnnotationOf(const SchemaElement& e) {
  ElementAnnotation a;
  if (e.logical_type.kind != Kind::kNone && e.logical_type.kind != Kind::kOther) {
    a.type = e.logical_type;
    return a;
  }
  if (!e.converted_type) return a;
  a.converted = true;
  switch (*e.converted_type) {
    case ConvertedType::kUtf8:
      a.type.kind = Kind::kString;
      break;
    case ConvertedType::kMap:
    case ConvertedType::kMapKeyValue:
      a.type.kind = Kind::kMap;
      break;
    case ConvertedType::kList:
      a.type.kind = Kind::kList;
      break;
    case ConvertedType::kEnum:
      a.type.kind = Kind::kEnum;
      break;
    case ConvertedType::kDecimal:
      a.type.kind = Kind::kDecimal;
      a.type.precision = e.precision.value_or(0);
      a.type.scale = e.scale.value_or(0);
      break;
    case ConvertedType::kDate:
      a.type.kind = Kind::kDate;
      break;
    case ConvertedType::kTimeMillis:
      a.type = TemporalAnnotation(Kind::kTime, TimeUnit::kMillis);
      break;
    case ConvertedType::kTimeMicros:
      a.type = TemporalAnnotation(Kind::kTime, TimeUnit::kMicros);
      break;
    case ConvertedType::kTimestampMillis:
      a.type = TemporalAnnotation(Kind::kTimestamp, TimeUnit::kMillis);
      break;
    case ConvertedType::kTimestampMicros:
      a.type = TemporalAnnotation(Kind::kTimestamp, TimeUnit::kMicros);
      break;
    case ConvertedType::kUint8:
    case ConvertedType::kUint16:
    case ConvertedType::kUint32:
    case ConvertedType::kUint64: {
      const int k = static_cast<int>(*e.converted_type) - static_cast<int>(ConvertedType::kUint8);
      a.type = IntegerAnnotation(8 << k, false);
      break;
    }
    case ConvertedType::kInt8:
    case ConvertedType::kInt16:
    case ConvertedType::kInt32:
    case ConvertedType::kInt64: {
      const int k = static_cast<int>(*e.converted_type) - static_cast<int>(ConvertedType::kInt8);
      a.type = IntegerAnnotation(8 << k, true);
      break;
    }
    case ConvertedType::kJson:
      a.type.kind = Kind::kJson;
      break;
    case ConvertedType::kBson:
      a.type.kind = Kind::kBson;
      break;
    case ConvertedType::kInterval:
      a.interval = true;
      break;
    default:  // a number the format does not define: nothing to follow
      a.converted = false;
      break;
  }
  return a;
}

namespace {

// The most decimal digits a DECIMAL of this physical type holds; 0 when it cannot be one.
// FIXED_LEN_BYTE_ARRAY(n): floor(log10(2^(8n-1) - 1)), and as 2^k is never a power of ten,
// the -1 changes nothing.
int MaxDecimalDigits(PhysicalType physical, int32_t length) {
  switch (physical) {
    case PhysicalType::kInt32:
      return 9;
    case PhysicalType::kInt64:
      return 18;
    case PhysicalType::kFixedLenByteArray:
      return length <= 0 ? 0 : static_cast<int>(std::floor((8.0 * length - 1) * std::log10(2.0)));
    case PhysicalType::kByteArray:
      return INT32_MAX;
    default:
      return 0;
  }
}

// Refuses an annotation that the element's physical type cannot carry (as Spark and DuckDB
// do): reading the raw values instead would give wrong numbers without a word.
Status CheckAnnotationFits(const SchemaElement& e, const ElementAnnotation& a,
                           const std::string& path) {
  const PhysicalType physical = *e.type;
  const int32_t length = e.type_length.value_or(0);
  std::string physical_name = PhysicalTypeName(physical);
  if (physical == PhysicalType::kFixedLenByteArray) {
    physical_name += "(" + std::to_string(length) + ")";
  }
  const LogicalTypeAnnotation& t = a.type;
  const std::string name = NameOf(e, a);
  const auto refuse = [&](const std::string& why) {
    return Status::ParseError("column '" + path + "': " + name + " cannot annotate " +
                              physical_name + why);
  };
  const bool fixed = physical == PhysicalType::kFixedLenByteArray;
  if (a.interval) return fixed && length == 12 ? Status::OK() : refuse("");
  bool fits = true;
  switch (t.kind) {
    case Kind::kString:
    case Kind::kEnum:
    case Kind::kJson:
    case Kind::kBson:
      fits = physical == PhysicalType::kByteArray;
      break;
    case Kind::kUuid:
      fits = fixed && length == 16;
      break;
    case Kind::kFloat16:
      fits = fixed && length == 2;
      break;
    case Kind::kDate:
      fits = physical == PhysicalType::kInt32;
      break;
    case Kind::kTime:
      fits =
          physical == (t.unit == TimeUnit::kMillis ? PhysicalType::kInt32 : PhysicalType::kInt64);
      break;
    case Kind::kTimestamp:
      fits = physical == PhysicalType::kInt64;
      break;
    case Kind::kInteger:
      if (t.bit_width != 8 && t.bit_width != 16 && t.bit_width != 32 && t.bit_width != 64) {
        return Status::ParseError("column '" + path + "': " + name +
                                  " has a bit width the Parquet format does not define (8, 16, "
                                  "32 or 64)");
      }
      fits = physical == (t.bit_width == 64 ? PhysicalType::kInt64 : PhysicalType::kInt32);
      break;
    case Kind::kDecimal: {
      if (t.precision < 1 || t.scale < 0 || t.scale > t.precision) {
        return Status::ParseError("column '" + path + "': " + name +
                                  " is not a decimal type (the precision must be at least 1, "
                                  "the scale from 0 to the precision)");
      }
      const int max_digits = MaxDecimalDigits(physical, length);
      if (max_digits == 0) return refuse("");
      if (t.precision > max_digits) {
        return refuse(" (at most " + std::to_string(max_digits) + " digits)");
      }
      break;
    }
    case Kind::kList:
    case Kind::kMap:
      fits = false;  // these annotate groups only
      break;
    default:  // none, UNKNOWN (always NULL: any physical type), or not known to this reader
      break;
  }
  return fits ? Status::OK() : refuse("");
}

}  // namespace

Result<LogicalType> SluiceTypeOf(const SchemaElement& e, const std::string& path) {
  const std::string& name = path.empty() ? e.name : path;
  if (!e.type) return Status::Invalid("column '" + name + "' is a group, not a value");
  if (*e.type < PhysicalType::kBoolean || *e.type > PhysicalType::kFixedLenByteArray) {
    return Status::ParseError("column '" + name + "' has physical type " +
                              std::to_string(static_cast<int32_t>(*e.type)) +
                              ", which the Parquet format does not define (0-7)");
  }
  const ElementAnnotation a = AnnotationOf(e);
  SLUICE_RETURN_NOT_OK(CheckAnnotationFits(e, a, name));
  const LogicalTypeAnnotation& t = a.type;
  if (t.kind == Kind::kDecimal) {
    if (t.precision > LogicalType::kMaxDecimalPrecision) {
      return Status::NotImplemented("column '" + name + "': " + NameOf(e, a) +
                                    " is outside DECIMAL(38)");
    }
    return LogicalType::Decimal(t.precision, t.scale);
  }
  if (t.kind == Kind::kTime || a.interval) {
    return Status::NotImplemented(
        "column '" + name + "': " + PhysicalTypeName(*e.type) + " " + NameOf(e, a) +
        " has no Sluice type (TIME and INTERVAL columns are not supported)");
  }
  switch (*e.type) {
    case PhysicalType::kBoolean:
      return LogicalType(TypeId::kBoolean);
    case PhysicalType::kInt32:
      if (t.kind == Kind::kDate) return LogicalType(TypeId::kDate);
      if (t.kind != Kind::kInteger) return LogicalType(TypeId::kInt);
      // Unsigned integers widen to the next signed type, as in Spark.
      if (t.is_signed) {
        return LogicalType(t.bit_width == 8    ? TypeId::kTinyInt
                           : t.bit_width == 16 ? TypeId::kSmallInt
                                               : TypeId::kInt);
      }
      return LogicalType(t.bit_width == 8    ? TypeId::kSmallInt
                         : t.bit_width == 16 ? TypeId::kInt
                                             : TypeId::kBigInt);
    case PhysicalType::kInt64:
      if (t.kind == Kind::kTimestamp) {
        return LogicalType(t.adjusted_to_utc ? TypeId::kTimestamp : TypeId::kTimestampNtz);
      }
      if (t.kind == Kind::kInteger && !t.is_signed) return LogicalType::Decimal(20, 0);
      return LogicalType(TypeId::kBigInt);
    case PhysicalType::kInt96:
      return LogicalType(TypeId::kTimestamp);
    case PhysicalType::kFloat:
      return LogicalType(TypeId::kFloat);
    case PhysicalType::kDouble:
      return LogicalType(TypeId::kDouble);
    case PhysicalType::kByteArray:
      if (t.kind == Kind::kString || t.kind == Kind::kEnum || t.kind == Kind::kJson) {
        return LogicalType(TypeId::kString);
      }
      break;
    case PhysicalType::kFixedLenByteArray:
      break;
  }
  return LogicalType(TypeId::kBinary);  // BSON, UUID and FLOAT16 too
}

namespace {

// The schema's flat, depth-first element list as a tree.
struct ElementTree {
  const SchemaElement* element;
  std::vector<ElementTree> children;
};

Result<ElementTree> BuildTree(const std::vector<SchemaElement>& elements, size_t* pos, int depth) {
  if (depth > 100) return Status::ParseError("Parquet schema nests deeper than 100 levels");
  ElementTree tree{&elements[*pos], {}};
  const int32_t count = tree.element->num_children.value_or(0);
  if (count < 0) {
    return Status::ParseError("Parquet schema: '" + tree.element->name + "' has " +
                              std::to_string(count) + " children");
  }
  ++*pos;
  for (int32_t i = 0; i < count; ++i) {
    if (*pos >= elements.size()) {
      return Status::ParseError("Parquet schema: group '" + tree.element->name + "' promises " +
                                std::to_string(count) + " children but the schema ends");
    }
    SLUICE_ASSIGN_OR_RAISE(ElementTree child, BuildTree(elements, pos, depth + 1));
    tree.children.push_back(std::move(child));
  }
  return tree;
}

// Turns element trees into SchemaNodes, appending their leaves in schema order.
class NodeBuilder {
 public:
  explicit NodeBuilder(std::vector<LeafColumn>* leaves) : leaves_(leaves) {}

  // A field whose parent sits at levels (def, rep); `nullable` tells whether it may be NULL.
  Result<SchemaNode> Field(const ElementTree& t, const std::string& parent_path, int def, int rep,
                           bool* nullable) {
    const SchemaElement& e = *t.element;
    const std::string path = parent_path.empty() ? e.name : parent_path + "." + e.name;
    const Repetition repetition = e.repetition.value_or(Repetition::kRequired);
    if (repetition < Repetition::kRequired || repetition > Repetition::kRepeated) {
      return Status::ParseError("column '" + path + "' has repetition " +
                                std::to_string(static_cast<int32_t>(repetition)) +
                                ", which the Parquet format does not define (0-2)");
    }
    if (repetition == Repetition::kRepeated) {
      // Outside LIST and MAP a repeated field is a list that is never NULL.
      *nullable = false;
      SchemaNode list = ListNode(def, def + 1, rep + 1);
      SLUICE_ASSIGN_OR_RAISE(SchemaNode element, Value(t, path, def + 1, rep + 1));
      return FinishList(std::move(list), std::move(element));
    }
    *nullable = repetition == Repetition::kOptional;
    return Value(t, path, def + (*nullable ? 1 : 0), rep);
  }

 private:
  static SchemaNode ListNode(int def, int element_def, int rep) {
    SchemaNode node;
    node.kind = SchemaNode::Kind::kList;
    node.definition_level = def;
    node.element_definition_level = element_def;
    node.repetition_level = rep;
    return node;
  }

  SchemaNode FinishList(SchemaNode list, SchemaNode element) {
    list.type = types::LogicalType::Array(element.type);
    list.first_leaf = element.first_leaf;
    list.end_leaf = element.end_leaf;
    list.children.push_back(std::move(element));
    return list;
  }

  // The value of `t` itself (its own repetition already counted in def and rep).
  Result<SchemaNode> Value(const ElementTree& t, const std::string& path, int def, int rep) {
    const SchemaElement& e = *t.element;
    const size_t first_leaf = leaves_->size();
    if (t.children.empty()) {
      if (!e.type) return Status::ParseError("Parquet schema: group '" + path + "' is empty");
      auto type = SluiceTypeOf(e, path);
      if (!type.ok()) return type.status();
      SchemaNode node;
      node.type = *type;
      node.definition_level = def;
      node.leaf = leaves_->size();
      node.first_leaf = node.leaf;
      node.end_leaf = node.leaf + 1;
      leaves_->push_back({path, &e, def, rep, *type});
      return node;
    }
    // A group is a LIST, a MAP, or (without an annotation, or one newer than this reader)
    // a STRUCT; a value's annotation on it is refused, as Spark refuses it.
    const ElementAnnotation annotation = AnnotationOf(e);
    const Kind kind = annotation.type.kind;
    if (annotation.interval || (kind != Kind::kNone && kind != Kind::kList && kind != Kind::kMap)) {
      return Status::ParseError("column '" + path + "': " + NameOf(e, annotation) +
                                " cannot annotate a group");
    }
    const bool one_repeated_child =
        t.children.size() == 1 &&
        t.children[0].element->repetition.value_or(Repetition::kRequired) == Repetition::kRepeated;
    if (kind == Kind::kList) {
      if (!one_repeated_child) {
        return Status::ParseError("Parquet schema: LIST '" + path +
                                  "' must hold exactly one repeated field");
      }
      const ElementTree& repeated = t.children[0];
      const std::string repeated_path = path + "." + repeated.element->name;
      SchemaNode list = ListNode(def, def + 1, rep + 1);
      // Two-level lists (LogicalTypes.md, backward compatibility): the repeated field is
      // itself the element when it is a primitive, has several fields, or is named
      // `array` or `<list>_tuple`.
      const bool repeated_is_element = repeated.children.size() != 1 ||
                                       repeated.element->name == "array" ||
                                       repeated.element->name == e.name + "_tuple";
      SchemaNode element;
      if (repeated_is_element) {
        SLUICE_ASSIGN_OR_RAISE(element, Value(repeated, repeated_path, def + 1, rep + 1));
      } else {
        bool element_nullable = true;
        SLUICE_ASSIGN_OR_RAISE(element, Field(repeated.children[0], repeated_path, def + 1, rep + 1,
                                              &element_nullable));
      }
      return FinishList(std::move(list), std::move(element));
    }
    if (kind == Kind::kMap) {
      if (!one_repeated_child || t.children[0].children.size() != 2) {
        return Status::ParseError("Parquet schema: MAP '" + path +
                                  "' must hold one repeated group of a key and a value");
      }
      const ElementTree& entries = t.children[0];
      const std::string entries_path = path + "." + entries.element->name;
      SchemaNode map = ListNode(def, def + 1, rep + 1);
      map.kind = SchemaNode::Kind::kMap;
      bool key_nullable = false, value_nullable = true;
      SLUICE_ASSIGN_OR_RAISE(SchemaNode key, Field(entries.children[0], entries_path, def + 1,
                                                   rep + 1, &key_nullable));
      SLUICE_ASSIGN_OR_RAISE(SchemaNode value, Field(entries.children[1], entries_path, def + 1,
                                                     rep + 1, &value_nullable));
      map.type = types::LogicalType::Map(key.type, value.type);
      map.children = {std::move(key), std::move(value)};
      map.first_leaf = first_leaf;
      map.end_leaf = leaves_->size();
      return map;
    }
    SchemaNode node;
    node.kind = SchemaNode::Kind::kStruct;
    node.definition_level = def;
    std::vector<types::Field> fields;
    for (const ElementTree& child : t.children) {
      bool child_nullable = true;
      SLUICE_ASSIGN_OR_RAISE(SchemaNode c, Field(child, path, def, rep, &child_nullable));
      fields.push_back({child.element->name, c.type, child_nullable});
      node.children.push_back(std::move(c));
    }
    node.type = types::LogicalType::Struct(std::move(fields));
    node.first_leaf = first_leaf;
    node.end_leaf = leaves_->size();
    return node;
  }

  std::vector<LeafColumn>* leaves_;
};

}  // namespace

Result<ParquetSchema> ParquetSchema::Make(const FileMetaData& metadata) {
  if (metadata.schema.empty()) return Status::ParseError("Parquet schema is empty");
  size_t pos = 0;
  SLUICE_ASSIGN_OR_RAISE(ElementTree root, BuildTree(metadata.schema, &pos, 0));
  if (pos != metadata.schema.size()) {
    return Status::ParseError("Parquet schema: element " + std::to_string(pos) + " ('" +
                              metadata.schema[pos].name + "') is outside every group");
  }
  ParquetSchema out;
  std::vector<types::Field> fields;
  for (const ElementTree& child : root.children) {
    NodeBuilder builder(&out.leaves_);
    bool nullable = true;
    SLUICE_ASSIGN_OR_RAISE(SchemaNode node, builder.Field(child, "", 0, 0, &nullable));
    fields.push_back({child.element->name, node.type, nullable});
    out.fields_.push_back(std::move(node));
  }
  out.schema_ = types::Schema(std::move(fields));
  return out;
}

std::optional<size_t> ParquetSchema::FlatLeaf(size_t i) const {
  const SchemaNode& node = fields_[i];
  if (node.kind != SchemaNode::Kind::kPrimitive) return std::nullopt;
  if (leaves_[node.leaf].max_repetition_level > 0) return std::nullopt;
  return node.leaf;
}

}  // namespace sluice::formats::parquet
