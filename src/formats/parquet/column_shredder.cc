#include "formats/parquet/column_shredder.h"

#include "types/decimal.h"

namespace sluice::formats::parquet {

using types::TypeId;
using Kind = LogicalTypeAnnotation::Kind;

namespace {

// Bytes a FIXED_LEN_BYTE_ARRAY needs for `precision` digits: the fewest whose signed
// range holds 10^precision - 1 (as Spark sizes it: 9 bytes for 19..21 digits, 16 for 38).
int DecimalBytes(int precision) {
  const types::Int128 largest = types::PowerOfTen(precision) - 1;
  for (int bytes = 1; bytes < 16; ++bytes) {
    if (largest < (types::Int128{1} << (8 * bytes - 1))) return bytes;
  }
  return 16;
}

SchemaElement Group(const std::string& name, Repetition repetition, size_t children) {
  SchemaElement e;
  e.name = name;
  e.repetition = repetition;
  e.num_children = static_cast<int32_t>(children);
  return e;
}

Repetition RepetitionOf(bool nullable) {
  return nullable ? Repetition::kOptional : Repetition::kRequired;
}

}  // namespace

Result<SchemaElement> ParquetElementFor(const types::Field& field) {
  SchemaElement e;
  e.name = field.name;
  e.repetition = field.nullable ? Repetition::kOptional : Repetition::kRequired;
  const types::LogicalType& t = field.type;
  auto integer = [&](int bits) {
    e.logical_type.kind = Kind::kInteger;
    e.logical_type.bit_width = static_cast<int8_t>(bits);
    e.logical_type.is_signed = true;
    e.converted_type = bits == 8 ? ConvertedType::kInt8 : ConvertedType::kInt16;
  };
  switch (t.id()) {
    case TypeId::kBoolean:
      e.type = PhysicalType::kBoolean;
      break;
    case TypeId::kTinyInt:
      e.type = PhysicalType::kInt32;
      integer(8);
      break;
    case TypeId::kSmallInt:
      e.type = PhysicalType::kInt32;
      integer(16);
      break;
    case TypeId::kInt:
      e.type = PhysicalType::kInt32;
      break;
    case TypeId::kBigInt:
      e.type = PhysicalType::kInt64;
      break;
    case TypeId::kFloat:
      e.type = PhysicalType::kFloat;
      break;
    case TypeId::kDouble:
      e.type = PhysicalType::kDouble;
      break;
    case TypeId::kDecimal:
      e.type = t.precision() <= 9    ? PhysicalType::kInt32
               : t.precision() <= 18 ? PhysicalType::kInt64
                                     : PhysicalType::kFixedLenByteArray;
      if (e.type == PhysicalType::kFixedLenByteArray) e.type_length = DecimalBytes(t.precision());
      e.converted_type = ConvertedType::kDecimal;
      e.scale = t.scale();
      e.precision = t.precision();
      e.logical_type.kind = Kind::kDecimal;
      e.logical_type.scale = t.scale();
      e.logical_type.precision = t.precision();
      break;
    case TypeId::kString:
      e.type = PhysicalType::kByteArray;
      e.converted_type = ConvertedType::kUtf8;
      e.logical_type.kind = Kind::kString;
      break;
    case TypeId::kBinary:
      e.type = PhysicalType::kByteArray;
      break;
    case TypeId::kDate:
      e.type = PhysicalType::kInt32;
      e.converted_type = ConvertedType::kDate;
      e.logical_type.kind = Kind::kDate;
      break;
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
      e.type = PhysicalType::kInt64;
      e.logical_type.kind = Kind::kTimestamp;
      e.logical_type.unit = TimeUnit::kMicros;
      e.logical_type.adjusted_to_utc = t.id() == TypeId::kTimestamp;
      if (t.id() == TypeId::kTimestamp) e.converted_type = ConvertedType::kTimestampMicros;
      break;
    default:
      return Status::NotImplemented("writing " + t.ToString() + " to Parquet is not supported");
  }
  return e;
}

class ColumnShredder::Builder {
 public:
  Builder(const ParquetWriteOptions& options, std::vector<SchemaElement>* elements,
          std::vector<std::unique_ptr<ColumnWriter>>* leaves)
      : options_(options), elements_(elements), leaves_(leaves) {}

  // The node for `field` below a parent at levels (def, rep) and path `path`.
  Result<Node> Build(const types::Field& field, std::vector<std::string> path, int def, int rep) {
    path.push_back(field.name);
    Node node;
    for (const std::string& part : path) node.path += (node.path.empty() ? "" : ".") + part;
    node.nullable = field.nullable;
    node.definition_level = def + (field.nullable ? 1 : 0);
    const types::LogicalType& type = field.type;
    const size_t first_leaf = leaves_->size();
    switch (type.id()) {
      case TypeId::kStruct: {
        if (type.children().empty()) {
          return Status::NotImplemented("column '" + node.path +
                                        "': a STRUCT without fields has no Parquet form");
        }
        node.kind = Node::Kind::kStruct;
        elements_->push_back(
            Group(field.name, RepetitionOf(field.nullable), type.children().size()));
        for (const types::Field& child : type.children()) {
          SLUICE_ASSIGN_OR_RAISE(Node c, Build(child, path, node.definition_level, rep));
          node.children.push_back(std::move(c));
        }
        break;
      }
      case TypeId::kArray:
      case TypeId::kMap: {
        const bool map = type.id() == TypeId::kMap;
        node.kind = Node::Kind::kList;
        node.repetition_level = rep + 1;
        SchemaElement outer = Group(field.name, RepetitionOf(field.nullable), 1);
        outer.logical_type.kind = map ? Kind::kMap : Kind::kList;
        outer.converted_type = map ? ConvertedType::kMap : ConvertedType::kList;
        elements_->push_back(outer);
        const std::string repeated = map ? "key_value" : "list";
        elements_->push_back(Group(repeated, Repetition::kRepeated, map ? 2 : 1));
        path.push_back(repeated);
        std::vector<types::Field> children;
        if (map) {
          children = {{"key", type.children()[0].type, false},
                      {"value", type.children()[1].type, true}};
        } else {
          children = {{"element", type.children()[0].type, true}};
        }
        for (const types::Field& child : children) {
          SLUICE_ASSIGN_OR_RAISE(Node c, Build(child, path, node.definition_level + 1, rep + 1));
          node.children.push_back(std::move(c));
        }
        break;
      }
      default: {
        auto e = ParquetElementFor(field);
        if (!e.ok()) return e.status().WithContext("column '" + node.path + "'");
        elements_->push_back(*e);
        leaves_->push_back(std::make_unique<ColumnWriter>(type, std::move(*e), path,
                                                          node.definition_level, rep, options_));
        node.leaf = leaves_->back().get();
        break;
      }
    }
    for (size_t i = first_leaf; i < leaves_->size(); ++i)
      node.leaves.push_back((*leaves_)[i].get());
    return node;
  }

 private:
  const ParquetWriteOptions& options_;
  std::vector<SchemaElement>* elements_;
  std::vector<std::unique_ptr<ColumnWriter>>* leaves_;
};

Result<ColumnShredder> ColumnShredder::Make(const types::Field& field,
                                            const ParquetWriteOptions& options,
                                            std::vector<SchemaElement>* elements,
                                            std::vector<std::unique_ptr<ColumnWriter>>* leaves) {
  ColumnShredder shredder;
  SLUICE_ASSIGN_OR_RAISE(shredder.root_, Builder(options, elements, leaves).Build(field, {}, 0, 0));
  return shredder;
}

Status ColumnShredder::Write(const vector::Vector& v, const uint32_t* rows, size_t n) const {
  if (root_.kind == Node::Kind::kPrimitive) return root_.leaf->AppendColumn(v, rows, n);
  for (size_t i = 0; i < n; ++i) SLUICE_RETURN_NOT_OK(Shred(root_, v, rows ? rows[i] : i, 0, 0));
  return Status::OK();
}

Status ColumnShredder::Shred(const Node& node, const vector::Vector& v, size_t row, int def,
                             int rep) const {
  if (v.IsNull(row)) {
    if (!node.nullable) {
      return Status::Invalid("NULL in column '" + node.path + "', which is NOT NULL");
    }
    for (ColumnWriter* leaf : node.leaves) SLUICE_RETURN_NOT_OK(leaf->AppendNull(def, rep));
    return Status::OK();
  }
  const int here = node.definition_level;
  switch (node.kind) {
    case Node::Kind::kPrimitive:
      return node.leaf->AppendValue(v, row, rep);
    case Node::Kind::kStruct:
      for (size_t i = 0; i < node.children.size(); ++i)
        SLUICE_RETURN_NOT_OK(Shred(node.children[i], v.children()[i], row, here, rep));
      return Status::OK();
    case Node::Kind::kList: {
      const vector::ListEntry entry = v.data<vector::ListEntry>()[row];
      if (entry.length == 0) {
        for (ColumnWriter* leaf : node.leaves) SLUICE_RETURN_NOT_OK(leaf->AppendNull(here, rep));
        return Status::OK();
      }
      for (uint32_t j = 0; j < entry.length; ++j) {
        const int element_rep = j == 0 ? rep : node.repetition_level;
        for (size_t c = 0; c < node.children.size(); ++c) {
          SLUICE_RETURN_NOT_OK(
              Shred(node.children[c], v.children()[c], entry.offset + j, here + 1, element_rep));
        }
      }
      return Status::OK();
    }
  }
  return Status::OK();
}

}  // namespace sluice::formats::parquet
