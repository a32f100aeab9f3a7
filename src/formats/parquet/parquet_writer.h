// ParquetWriter: writes Batches as a Parquet file that Spark, DuckDB, Polars and pandas
// read: each top-level column is shredded (ColumnShredder) into leaf columns
// (ColumnWriter), which are written as one column chunk each per row group (RowGroupEncoder);
// the footer goes last. Row groups encoded elsewhere can be appended too (AppendRowGroup).
// Finish() returns what a Delta Lake `add` action records. One writer per file; not
// thread-safe.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_write_options.h"
#include "formats/parquet/row_group_encoder.h"
#include "io/file_system.h"
#include "vector/batch.h"

namespace sluice::formats::parquet {

class ParquetWriter {
 public:
  static Result<std::unique_ptr<ParquetWriter>> Open(io::FileSystem& fs, const std::string& path,
                                                     const types::Schema& schema,
                                                     ParquetWriteOptions options);
  ~ParquetWriter();

  // Writes the batch's selected rows.
  Status Write(const vector::Batch& batch);
  // Writes `rows` of the batch, taking the file's columns from `columns` of the batch.
  Status WriteRows(const vector::Batch& batch, const std::vector<uint32_t>& rows,
                   const std::vector<size_t>& columns);
  // Bytes buffered for the current row group.
  int64_t buffered_bytes() const;
  // Writes the buffered rows as a row group now (a no-op without rows).
  Status FlushRowGroup();
  // Appends a row group that `encoder` (of the same schema and options) finished, its
  // offsets counting from its first byte, after any rows buffered here; the encoder's
  // pages are freed as they are written.
  Status AppendRowGroup(RowGroup group, RowGroupEncoder& encoder);
  const types::Schema& schema() const { return schema_; }
  const ParquetWriteOptions& options() const { return options_; }
  // Writes the last row group and the footer, syncs and closes the file.
  Result<ParquetFileStats> Finish();

 private:
  ParquetWriter(std::unique_ptr<io::WritableFile> file, types::Schema schema,
                ParquetWriteOptions options);
  Status Append(std::string_view bytes);
  Status AppendEncoded(RowGroup group, RowGroupEncoder& encoder);

  std::unique_ptr<io::WritableFile> file_;
  types::Schema schema_;
  ParquetWriteOptions options_;
  std::unique_ptr<RowGroupEncoder> encoder_;  // its leaves also keep the file's statistics
  FileMetaData metadata_;
  uint64_t offset_ = 0;
  bool finished_ = false;
};

}  // namespace sluice::formats::parquet
