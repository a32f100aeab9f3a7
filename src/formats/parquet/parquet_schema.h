// ParquetSchema: the leaf columns of a Parquet file's schema with their definition and
// repetition levels, and for each top-level column a tree of SchemaNodes saying how its
// leaves assemble into the Sluice type it reads as. Spark's mapping: INT96 and
// TIMESTAMP(UTC) as TIMESTAMP, TIMESTAMP(local) as TIMESTAMP_NTZ, unannotated BYTE_ARRAY
// as BINARY, LIST as ARRAY, MAP as MAP, other groups as STRUCT, a repeated field outside
// LIST/MAP as a NOT NULL ARRAY; the backward-compatibility rules of the format's
// LogicalTypes.md for two-level lists. Immutable once built: thread-safe to share.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "formats/parquet/parquet_metadata.h"
#include "types/schema.h"

namespace sluice::formats::parquet {

struct LeafColumn {
  std::string path;              // dotted
  const SchemaElement* element;  // points into the FileMetaData it was built from
  int max_definition_level = 0;
  int max_repetition_level = 0;
  types::LogicalType type;  // the Sluice type its values read as
};

// One value of the Sluice type tree and the levels that locate it in its leaves' streams.
struct SchemaNode {
  enum class Kind { kPrimitive, kStruct, kList, kMap };
  Kind kind = Kind::kPrimitive;
  types::LogicalType type;
  // An instance is NULL when its definition level is below this one.
  int definition_level = 0;
  // LIST and MAP: the level of their repeated group, reached when there is an element,
  // and its repetition level, which marks each further element.
  int element_definition_level = 0;
  int repetition_level = 0;
  size_t leaf = 0;                   // kPrimitive: index into leaves()
  std::vector<SchemaNode> children;  // STRUCT: fields; LIST: {element}; MAP: {key, value}
  size_t first_leaf = 0;             // the leaves under this node are [first_leaf, end_leaf)
  size_t end_leaf = 0;
};

class ParquetSchema {
 public:
  static Result<ParquetSchema> Make(const FileMetaData& metadata);

  const std::vector<LeafColumn>& leaves() const { return leaves_; }
  // One field per top-level column.
  const types::Schema& schema() const { return schema_; }
  // For each field of schema(): how it is assembled from its leaves.
  const std::vector<SchemaNode>& fields() const { return fields_; }
  // The leaf holding field `i` when that field is a plain (non-nested, non-repeated) value.
  std::optional<size_t> FlatLeaf(size_t i) const;

 private:
  std::vector<LeafColumn> leaves_;
  types::Schema schema_;
  std::vector<SchemaNode> fields_;
};

// The annotation that counts for an element (LogicalTypes.md): its LogicalType when this
// reader knows it, else the equivalent of its ConvertedType (TIMESTAMP_MILLIS is
// TIMESTAMP(MILLIS,UTC), UINT_8 is UINT(8), ...). Whatever reads annotations asks here, so
// that schema mapping, value conversion and statistics never read two different ones.
struct ElementAnnotation {
  LogicalTypeAnnotation type;  // kind kNone when there is none
  bool interval = false;       // the INTERVAL ConvertedType, which has no LogicalType
  bool converted = false;      // read from the ConvertedType
};
ElementAnnotation AnnotationOf(const SchemaElement& element);

// The Sluice type of a primitive (non-repeated) leaf, or an error naming the column (`path`,
// or the element's name): also when its annotation does not fit its physical type.
Result<types::LogicalType> SluiceTypeOf(const SchemaElement& element, const std::string& path = "");

}  // namespace sluice::formats::parquet
