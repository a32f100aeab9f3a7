// ColumnWriter: one leaf column of a Parquet file being written. It takes the leaf's
// level stream (definition and repetition levels, from ColumnShredder) and its present
// values, and encodes data pages (v1, RLE levels) as it goes, cut at record boundaries
// every `page_bytes`: values as dictionary indices while the chunk's dictionary stays
// small, else PLAIN. A flat column takes whole vectors (AppendColumn): one loop per
// physical type, statistics kept as typed values or views and copied once per call.
// Only compressed pages (each its own buffer, so that a chunk grows without copies) and
// the dictionary stay buffered until the row group ends; FinishChunk() then adds the
// dictionary page to the data pages as one column chunk with min/max/null-count
// statistics in the column's order.
// Not thread-safe; owned by one ParquetWriter.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "formats/parquet/dictionary_builder.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_write_options.h"
#include "io/compression.h"
#include "vector/vector.h"

namespace sluice::formats::parquet {

class ColumnWriter {
 public:
  // `type` is the Sluice type of the values; `element` the leaf's schema element;
  // `path` its path_in_schema.
  ColumnWriter(types::LogicalType type, SchemaElement element, std::vector<std::string> path,
               int max_definition_level, int max_repetition_level,
               const ParquetWriteOptions& options);

  int max_definition_level() const { return max_def_; }
  const ParquetColumnStats& file_stats() const { return file_stats_; }
  // Bytes held for the current row group: encoded pages, the page being built, dictionary.
  int64_t buffered_bytes() const;

  // The value at `row` of `v`, present at the maximum definition level.
  Status AppendValue(const vector::Vector& v, size_t row, int repetition_level);
  // An entry without a value (a NULL, or an empty or NULL list above) at `definition_level`.
  Status AppendNull(int definition_level, int repetition_level);
  // A flat column's values at `rows[0..n)` of `v` (rows 0..n-1 when `rows` is null), one
  // record each; a NULL is an error unless the column is nullable.
  Status AppendColumn(const vector::Vector& v, const uint32_t* rows, size_t n);

  // Ends the row group's column chunk. Its bytes are `head` (the dictionary page, if any)
  // then the data pages (WritePages), placed at file offset `offset` by the returned metadata.
  Result<ColumnChunk> FinishChunk(uint64_t offset, std::string* head);
  // Gives the finished chunk's data pages to `write` in order, freeing each once written.
  Status WritePages(const std::function<Status(std::string_view)>& write);
  void StartChunk();
  // Takes a finished chunk's statistics (of this column, from any writer) into the file's.
  void MergeFileStats(const ColumnChunk& chunk);
  // Starts the next chunk as a new writer would, trying the dictionary again even if it
  // overflowed before: a writer reused for any row group then encodes it the same way.
  void ForgetDictionaryOverflow();

 private:
  Status StartEntry(int repetition_level);
  // Whether the next record starts a new page.
  bool PageFull() const;
  // After a value went into the dictionary: gives it up when it grows too large or the
  // values hardly repeat (at the next record start).
  void CheckDictionary();
  // AppendColumn's loop for values of type `T` (a number as the file holds it, or a
  // string_view), `get(row)` giving the value of a row that is not NULL.
  template <typename T, typename Get>
  Status AppendValues(const vector::Vector& v, const uint32_t* rows, size_t n, Get get);
  // AppendValues for numbers: `S` in the vector, `P` in the file.
  template <typename S, typename P>
  Status AppendNumbers(const vector::Vector& v, const uint32_t* rows, size_t n);
  Status NullInRequiredColumn() const;
  // Takes a call's extremes (statistics bytes) into the chunk's: one copy per call.
  void MergeStats(std::string_view min, std::string_view max);
  Status FlushPage();
  Status FallBackToPlain();
  void EncodePlain(const vector::Vector& v, size_t row, std::string* out) const;
  // Statistics hold values without the BYTE_ARRAY length prefix.
  std::string_view StatBytes(std::string_view plain) const;
  // The column's sort order (signed numbers, unsigned bytes, decimals by value).
  bool Less(std::string_view a, std::string_view b) const;
  void UpdateStats(std::string_view plain);

  types::LogicalType type_;
  SchemaElement element_;
  std::vector<std::string> path_;
  int max_def_;
  int max_rep_;
  const ParquetWriteOptions& options_;
  io::Codec codec_;

  // The page being built.
  std::vector<uint32_t> defs_, reps_;
  std::string plain_;              // PLAIN values (one byte per boolean)
  std::vector<uint32_t> indices_;  // or dictionary indices
  size_t page_values_ = 0;

  // The chunk being built.
  std::vector<std::string> pages_;  // encoded data pages: header, body, header, ...
  int64_t pages_bytes_ = 0;
  int64_t pages_uncompressed_ = 0;
  int64_t chunk_entries_ = 0;
  bool dictionary_encoded_pages_ = false;
  bool use_dictionary_;
  DictionaryBuilder dictionary_;
  bool dictionary_overflowed_ = false;  // once, for the rest of the file
  bool fall_back_ = false;              // to PLAIN at the next record start
  size_t probe_values_ = 0;
  std::string scratch_;
  int64_t chunk_nulls_ = 0;
  std::optional<std::string> chunk_min_, chunk_max_;
  ParquetColumnStats file_stats_;
};

}  // namespace sluice::formats::parquet
