// RowGroupEncoder: the leaf ColumnWriters of one file schema and the shredding of rows into
// them; FinishRowGroup() turns the rows written so far into one row group's column chunks,
// whose bytes stay in the encoder until written (WriteTo).
// A ParquetWriter keeps one; ParallelParquetWriter makes one per row group, so that row
// groups of one file are encoded on several threads at once.
// Not thread-safe; one thread at a time.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "formats/parquet/column_shredder.h"
#include "formats/parquet/column_writer.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_write_options.h"
#include "vector/batch.h"

namespace sluice::formats::parquet {

class RowGroupEncoder {
 public:
  // `options` must outlive the encoder. The schema's Parquet elements are appended to
  // `elements` unless it is null.
  static Result<std::unique_ptr<RowGroupEncoder>> Make(const types::Schema& schema,
                                                       const ParquetWriteOptions& options,
                                                       std::vector<SchemaElement>* elements);

  // Shreds rows[0..n) of the batch (rows 0..n-1 when `rows` is null), column by column,
  // taking the file's columns from `columns` of the batch.
  Status WriteRows(const vector::Batch& batch, const uint32_t* rows, size_t n,
                   const std::vector<size_t>& columns);
  int64_t num_rows() const { return rows_; }
  // Bytes held for the current row group.
  int64_t buffered_bytes() const;
  // Ends the row group; offsets in the returned metadata count from its first byte
  // (ParquetWriter moves them to where the bytes land).
  Result<RowGroup> FinishRowGroup();
  // Gives the finished row group's bytes to `write` in order, freeing each page once
  // written (a row group's pages are most of a writer's memory).
  Status WriteTo(const std::function<Status(std::string_view)>& write);
  // Starts the next row group once its bytes are written.
  void StartRowGroup();
  // StartRowGroup() as a new encoder would (no dictionary given up for good), keeping
  // the buffers' capacity: a reused encoder encodes any row group the same way.
  void Reset();

  const std::vector<std::unique_ptr<ColumnWriter>>& leaves() const { return leaves_; }

 private:
  RowGroupEncoder() = default;

  std::vector<std::unique_ptr<ColumnWriter>> leaves_;  // in schema order
  std::vector<ColumnShredder> columns_;                // one per top-level column
  std::vector<std::string> heads_;                     // per leaf: the dictionary page
  int64_t rows_ = 0;
};

}  // namespace sluice::formats::parquet
