// ColumnShredder: the Parquet schema Sluice writes for one top-level column, and the
// shredding of its values into the definition and repetition levels of its leaf
// columns (Dremel). Spark's layout: primitives as Spark maps them (TIMESTAMP as INT64
// TIMESTAMP(MICROS,UTC), DECIMAL as INT32/INT64/FIXED_LEN_BYTE_ARRAY by precision),
// STRUCT as a group, ARRAY as a three-level LIST (`list` / optional `element`), MAP as a
// MAP group of a repeated `key_value` holding a required `key` and an optional `value`.
// Immutable after Make except for the ColumnWriters it feeds; not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "formats/parquet/column_writer.h"
#include "formats/parquet/parquet_metadata.h"
#include "types/schema.h"
#include "vector/vector.h"

namespace sluice::formats::parquet {

class ColumnShredder {
 public:
  // Appends the column's schema elements to `elements` and one ColumnWriter per leaf
  // to `leaves` (in schema order); errors for types Parquet cannot hold.
  static Result<ColumnShredder> Make(const types::Field& field, const ParquetWriteOptions& options,
                                     std::vector<SchemaElement>* elements,
                                     std::vector<std::unique_ptr<ColumnWriter>>* leaves);

  // Shreds rows[0..n) of `v` (rows 0..n-1 when `rows` is null), a vector of the column's
  // type, into the leaves: a flat column's leaf takes them at once.
  Status Write(const vector::Vector& v, const uint32_t* rows, size_t n) const;

 private:
  struct Node {
    enum class Kind { kPrimitive, kStruct, kList } kind = Kind::kPrimitive;  // kList: ARRAY, MAP
    std::string path;                                                        // dotted, for errors
    bool nullable = true;
    int definition_level = 0;           // reached when this value is not NULL
    int repetition_level = 0;           // kList: the level marking each further element
    ColumnWriter* leaf = nullptr;       // kPrimitive
    std::vector<ColumnWriter*> leaves;  // every leaf below
    std::vector<Node> children;         // STRUCT: fields; ARRAY: {element}; MAP: {key, value}
  };
  class Builder;

  Status Shred(const Node& node, const vector::Vector& v, size_t row, int def, int rep) const;

  Node root_;
};

// The Parquet schema element of a primitive column (errors for types Parquet cannot hold).
Result<SchemaElement> ParquetElementFor(const types::Field& field);

}  // namespace sluice::formats::parquet
