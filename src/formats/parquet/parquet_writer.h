// ParquetWriter: writes Batches of flat columns as a Parquet file that Spark, DuckDB,
// Polars and pandas read: Spark's type mapping (TIMESTAMP as INT64 TIMESTAMP(MICROS,UTC),
// DECIMAL as INT32/INT64/FIXED_LEN_BYTE_ARRAY by precision), dictionary encoding with a
// fall back to PLAIN when the dictionary grows too large, RLE definition levels, data
// page v1, snappy by default, and min/max/null-count statistics in each type's order.
// Finish() returns what a Delta Lake `add` action records. One writer per file; not
// thread-safe.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "formats/parquet/parquet_metadata.h"
#include "io/file_system.h"
#include "vector/batch.h"

namespace sluice::formats::parquet {

struct ParquetWriteOptions {
  CompressionCodec codec = CompressionCodec::kSnappy;
  int64_t row_group_rows = 1 << 20;       // rows per row group at most
  int64_t row_group_bytes = 128LL << 20;  // or this much buffered data
  int64_t page_bytes = 1 << 20;           // target size of a data page
  int64_t dictionary_bytes = 1 << 20;     // a larger dictionary falls back to PLAIN
  bool dictionary = true;

  // Spark's and parquet-mr's names: compression (snappy, zstd, gzip, lz4_raw, none),
  // parquet.block.size (row group bytes), rowGroupRows, parquet.page.size,
  // parquet.dictionary.page.size, parquet.enable.dictionary.
  static Result<ParquetWriteOptions> FromMap(const std::map<std::string, std::string>& options);
};

// Per-column facts for the file: null count and min/max as text-free typed bytes
// (PLAIN encoding without length prefix, as Parquet statistics hold them).
struct ParquetColumnStats {
  std::string name;
  int64_t null_count = 0;
  std::optional<std::string> min;
  std::optional<std::string> max;
};

struct ParquetFileStats {
  int64_t num_rows = 0;
  uint64_t file_size = 0;
  std::vector<ParquetColumnStats> columns;
};

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
  // Writes the last row group and the footer, syncs and closes the file.
  Result<ParquetFileStats> Finish();

 private:
  class ColumnWriter;
  ParquetWriter(std::unique_ptr<io::WritableFile> file, types::Schema schema,
                ParquetWriteOptions options);
  Status FlushRowGroup();
  Status Append(std::string_view bytes);

  std::unique_ptr<io::WritableFile> file_;
  types::Schema schema_;
  ParquetWriteOptions options_;
  std::vector<std::unique_ptr<ColumnWriter>> columns_;
  FileMetaData metadata_;
  uint64_t offset_ = 0;
  int64_t buffered_rows_ = 0;
  bool finished_ = false;
};

// The Parquet schema element Sluice writes for a column (errors for types it cannot).
Result<SchemaElement> ParquetElementFor(const types::Field& field);

}  // namespace sluice::formats::parquet
