// NestedColumnReader: reads one nested top-level column (STRUCT, LIST, MAP, or a repeated
// field) of a row group. Each leaf's ColumnChunkReader yields level streams and dense
// values; the record shredding is then undone node by node (Dremel's assembly): every
// node gets, per leaf under it, the range of level entries each of its instances spans,
// decides NULL / empty / elements from the levels, and hands the element ranges down.
// Leaves finally spread their dense values to the rows that are not NULL.
// Single-owner object, not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "formats/parquet/column_chunk_reader.h"
#include "formats/parquet/parquet_schema.h"
#include "vector/vector.h"

namespace sluice::formats::parquet {

class NestedColumnReader {
 public:
  // `leaves[i]` reads leaf `node.first_leaf + i` of `schema`.
  NestedColumnReader(const ParquetSchema& schema, const SchemaNode& node,
                     std::vector<std::unique_ptr<ColumnChunkReader>> leaves, std::string context);

  // Reads the next `n` records into rows [0, n) of `out`, which was just Reset.
  Status Read(size_t n, vector::Vector* out);

 private:
  struct Range {
    uint32_t begin, end;  // level entries [begin, end) of one leaf
  };
  // Per leaf under the root node (indexed from root's first leaf): one Range per instance.
  using Instances = std::vector<std::vector<Range>>;

  Status ReadLeaves(const SchemaNode& node, vector::Vector* out, size_t n);
  Status Assemble(const SchemaNode& node, const Instances& instances, vector::Vector* out);
  Status AssembleList(const SchemaNode& node, const Instances& instances, vector::Vector* out);
  Status AssembleLeaf(const SchemaNode& node, const std::vector<Range>& instances,
                      vector::Vector* out);
  Status Error(const std::string& what) const;

  const ParquetSchema& schema_;
  const SchemaNode& root_;
  std::vector<std::unique_ptr<ColumnChunkReader>> leaves_;
  std::string context_;
  std::vector<LeafLevels> levels_;
  std::vector<uint32_t> targets_;
  size_t records_done_ = 0;   // records of the row group before the current batch
  size_t batch_records_ = 0;  // records in the current batch
};

}  // namespace sluice::formats::parquet
