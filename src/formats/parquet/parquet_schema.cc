#include "formats/parquet/parquet_schema.h"

namespace sluice::formats::parquet {

using types::LogicalType;
using types::TypeId;
using Kind = LogicalTypeAnnotation::Kind;

Result<LogicalType> SluiceTypeOf(const SchemaElement& e) {
  const LogicalTypeAnnotation& t = e.logical_type;
  auto converted = [&](ConvertedType c) { return e.converted_type == c; };
  const bool is_decimal = t.kind == Kind::kDecimal || converted(ConvertedType::kDecimal);
  if (is_decimal) {
    int precision = t.kind == Kind::kDecimal ? t.precision : e.precision.value_or(0);
    int scale = t.kind == Kind::kDecimal ? t.scale : e.scale.value_or(0);
    if (precision < 1 || precision > LogicalType::kMaxDecimalPrecision || scale < 0 ||
        scale > precision) {
      return Status::NotImplemented("column '" + e.name + "': DECIMAL(" +
                                    std::to_string(precision) + "," + std::to_string(scale) +
                                    ") is outside DECIMAL(38)");
    }
    return LogicalType::Decimal(precision, scale);
  }
  if (!e.type) return Status::Invalid("column '" + e.name + "' is a group, not a value");
  if (*e.type < PhysicalType::kBoolean || *e.type > PhysicalType::kFixedLenByteArray) {
    return Status::ParseError("column '" + e.name + "' has physical type " +
                              std::to_string(static_cast<int32_t>(*e.type)) +
                              ", which the Parquet format does not define (0-7)");
  }
  switch (*e.type) {
    case PhysicalType::kBoolean:
      return LogicalType(TypeId::kBoolean);
    case PhysicalType::kInt32:
      if (t.kind == Kind::kDate || converted(ConvertedType::kDate))
        return LogicalType(TypeId::kDate);
      if (t.kind == Kind::kInteger) {
        if (t.is_signed)
          return LogicalType(t.bit_width <= 8    ? TypeId::kTinyInt
                             : t.bit_width <= 16 ? TypeId::kSmallInt
                                                 : TypeId::kInt);
        return LogicalType(t.bit_width <= 8    ? TypeId::kSmallInt
                           : t.bit_width <= 16 ? TypeId::kInt
                                               : TypeId::kBigInt);
      }
      if (converted(ConvertedType::kInt8)) return LogicalType(TypeId::kTinyInt);
      if (converted(ConvertedType::kInt16) || converted(ConvertedType::kUint8))
        return LogicalType(TypeId::kSmallInt);
      if (converted(ConvertedType::kUint16)) return LogicalType(TypeId::kInt);
      if (converted(ConvertedType::kUint32)) return LogicalType(TypeId::kBigInt);
      if (t.kind == Kind::kTime || converted(ConvertedType::kTimeMillis)) break;
      return LogicalType(TypeId::kInt);
    case PhysicalType::kInt64:
      if (t.kind == Kind::kTimestamp)
        return LogicalType(t.adjusted_to_utc ? TypeId::kTimestamp : TypeId::kTimestampNtz);
      if (converted(ConvertedType::kTimestampMillis) ||
          converted(ConvertedType::kTimestampMicros)) {
        return LogicalType(TypeId::kTimestamp);
      }
      if ((t.kind == Kind::kInteger && !t.is_signed) || converted(ConvertedType::kUint64)) {
        return LogicalType::Decimal(20, 0);
      }
      if (t.kind == Kind::kTime || converted(ConvertedType::kTimeMicros)) break;
      return LogicalType(TypeId::kBigInt);
    case PhysicalType::kInt96:
      return LogicalType(TypeId::kTimestamp);
    case PhysicalType::kFloat:
      return LogicalType(TypeId::kFloat);
    case PhysicalType::kDouble:
      return LogicalType(TypeId::kDouble);
    case PhysicalType::kByteArray:
      if (t.kind == Kind::kString || t.kind == Kind::kEnum || t.kind == Kind::kJson ||
          converted(ConvertedType::kUtf8) || converted(ConvertedType::kEnum) ||
          converted(ConvertedType::kJson)) {
        return LogicalType(TypeId::kString);
      }
      return LogicalType(TypeId::kBinary);
    case PhysicalType::kFixedLenByteArray:
      if (converted(ConvertedType::kInterval)) break;
      return LogicalType(TypeId::kBinary);
  }
  return Status::NotImplemented(
      "column '" + e.name + "': " + PhysicalTypeName(*e.type) + " " + LogicalTypeName(e) +
      " has no Sluice type (TIME and INTERVAL columns are not supported)");
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

bool IsList(const SchemaElement& e) {
  return e.logical_type.kind == Kind::kList || e.converted_type == ConvertedType::kList;
}

bool IsMap(const SchemaElement& e) {
  return e.logical_type.kind == Kind::kMap || e.converted_type == ConvertedType::kMap ||
         e.converted_type == ConvertedType::kMapKeyValue;
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
      auto type = SluiceTypeOf(e);
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
    const bool one_repeated_child =
        t.children.size() == 1 &&
        t.children[0].element->repetition.value_or(Repetition::kRequired) == Repetition::kRepeated;
    if (IsList(e)) {
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
    if (IsMap(e)) {
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
