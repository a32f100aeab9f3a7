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

Result<ParquetSchema> ParquetSchema::Make(const FileMetaData& metadata) {
  if (metadata.schema.empty()) return Status::ParseError("Parquet schema is empty");
  ParquetSchema out;
  struct Frame {
    std::string path;
    int children_left;
    int def, rep;
    size_t top;
  };
  std::vector<Frame> stack{{"", metadata.schema[0].num_children.value_or(0), 0, 0, 0}};
  std::vector<types::Field> fields;
  size_t top_level = 0;
  for (size_t i = 1; i < metadata.schema.size(); ++i) {
    while (stack.size() > 1 && stack.back().children_left == 0) stack.pop_back();
    if (stack.back().children_left <= 0) {
      return Status::ParseError("Parquet schema: element " + std::to_string(i) + " ('" +
                                metadata.schema[i].name + "') is outside every group");
    }
    --stack.back().children_left;
    const SchemaElement& e = metadata.schema[i];
    const Frame& parent = stack.back();
    Repetition rep = e.repetition.value_or(Repetition::kRequired);
    int def = parent.def + (rep != Repetition::kRequired ? 1 : 0);
    int reps = parent.rep + (rep == Repetition::kRepeated ? 1 : 0);
    size_t top = stack.size() == 1 ? top_level++ : parent.top;
    std::string path = parent.path.empty() ? e.name : parent.path + "." + e.name;
    if (e.num_children.value_or(0) > 0) {
      if (stack.size() == 1) {
        return Status::NotImplemented(
            "column '" + e.name + "' is nested (" +
            (LogicalTypeName(e).empty() ? std::string("STRUCT") : LogicalTypeName(e)) +
            "); nested Parquet columns are not read yet");
      }
      if (stack.size() > 100)
        return Status::ParseError("Parquet schema nests deeper than 100 levels");
      stack.push_back({path, *e.num_children, def, reps, top});
      continue;
    }
    if (!e.type)
      return Status::ParseError("Parquet schema: leaf '" + path + "' has no physical type");
    out.leaves_.push_back({path, &e, def, reps, top});
    if (stack.size() == 1) {
      if (rep == Repetition::kRepeated) {
        return Status::NotImplemented("column '" + e.name +
                                      "' is a repeated primitive; not read yet");
      }
      auto type = SluiceTypeOf(e);
      if (!type.ok()) return type.status();
      fields.push_back({e.name, *type, rep != Repetition::kRequired});
      out.field_leaf_.push_back(out.leaves_.size() - 1);
    }
  }
  out.schema_ = types::Schema(std::move(fields));
  return out;
}

}  // namespace sluice::formats::parquet
