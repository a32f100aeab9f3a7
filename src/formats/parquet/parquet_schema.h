// ParquetSchema: the leaf columns of a Parquet file's schema with their definition and
// repetition levels, and the Sluice type each top-level column reads as (Spark's
// mapping: INT96 and TIMESTAMP(UTC) as TIMESTAMP, TIMESTAMP(local) as TIMESTAMP_NTZ,
// unannotated BYTE_ARRAY as BINARY, ...). Immutable once built: thread-safe to share.
#pragma once

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
  size_t top_level_field = 0;  // which top-level field it belongs to
};

class ParquetSchema {
 public:
  static Result<ParquetSchema> Make(const FileMetaData& metadata);

  const std::vector<LeafColumn>& leaves() const { return leaves_; }
  // One field per top-level column (Make refuses nested columns for now, naming them).
  const types::Schema& schema() const { return schema_; }
  // For each field of schema(): the leaf that holds it.
  const std::vector<size_t>& field_leaf() const { return field_leaf_; }

 private:
  std::vector<LeafColumn> leaves_;
  types::Schema schema_;
  std::vector<size_t> field_leaf_;
};

// The Sluice type of a primitive (non-repeated) leaf, or an error naming the column.
Result<types::LogicalType> SluiceTypeOf(const SchemaElement& element);

}  // namespace sluice::formats::parquet
