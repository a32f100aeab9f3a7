// ParquetWriteOptions: the knobs of the Parquet writer (codec, row group, page and
// dictionary sizes), and the per-file statistics it reports (ParquetFileStats), which a
// Delta Lake `add` action records. Plain values: thread-safe to copy.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "formats/parquet/parquet_metadata.h"

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

}  // namespace sluice::formats::parquet
