// ParquetReader: reads the listed Parquet files (with their Hive partition values) into
// Batches, in morsels the caller's threads read; a row group is a morsel. Only the columns asked
// for are read and decompressed, row groups whose statistics rule out the filters are skipped, and
// the rows of the rest are filtered. Files are matched to the table schema (the first file's) by
// column name, so a file lacking a column reads it as NULL; a column whose type differs is an error
// naming both files, and so is a file with two columns of one name. Open() is single-threaded;
// morsels are read as TableReader says.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

#include "formats/parquet/column_chunk_reader.h"
#include "formats/parquet/parquet_schema.h"
#include "formats/parquet/row_group_filter.h"
#include "formats/row_filter.h"
#include "formats/scratch_pool.h"
#include "formats/source_listing.h"
#include "formats/table_reader.h"

namespace sluice::formats::parquet {

struct ParquetReadOptions {
  ListingOptions listing;
  std::vector<std::string> columns;  // empty: all columns (partition columns included)
  // Row groups (and files, by partition values) that cannot hold a matching row are
  // skipped, and the rows of the others that do not match are left out.
  std::vector<ColumnPredicate> filters;
  types::TimeZone session_time_zone = types::TimeZone::Utc();
  // Spark's spark.sql.caseSensitive: whether column names that differ only in case are
  // different columns. Either way a file whose columns share a name is refused.
  bool case_sensitive = false;

  // Spark's option names: basePath, recursiveFileLookup, pathGlobFilter.
  static Result<ParquetReadOptions> FromMap(const std::map<std::string, std::string>& options,
                                            const types::TimeZone& session_time_zone);
};

class ParquetReader final : public TableReader {
 public:
  // `listing` as dataset/table_reader.h lists it with `options.listing`.
  static Result<std::unique_ptr<ParquetReader>> Open(std::shared_ptr<io::FileSystem> fs,
                                                     SourceListing listing,
                                                     ParquetReadOptions options);

  const std::shared_ptr<const types::Schema>& schema() const override { return schema_; }
  Result<size_t> PlanMorsels() override;
  Status ReadMorsel(size_t i, const MorselSink& sink) override;
  Status FinishMorsels() override;
  const ReadStats& stats() const override { return stats_; }
  uint64_t total_bytes() const override { return total_bytes_; }
  uint64_t bytes_done() const override { return bytes_done_.load(std::memory_order_relaxed); }
  // The footers' row counts.
  uint64_t EstimatedRows() const override;
  // Row groups left out by the filters, of all row groups in the files.
  size_t row_groups_skipped() const { return row_groups_skipped_; }
  size_t row_groups_total() const { return row_groups_total_; }

 private:
  struct FilePlan {
    const SourceFile* source;
    FileMetaData metadata;
    std::unique_ptr<ParquetSchema> schema;
    std::vector<int> column_field;  // per output column: field index in this file, or -1
  };
  struct Unit {
    size_t file;
    size_t row_group;
  };
  // What a thread reading a morsel works with, reused from morsel to morsel.
  struct MorselState {
    vector::Batch batch;
    ReadStats stats;
  };

  ParquetReader(std::shared_ptr<io::FileSystem> fs, ParquetReadOptions options)
      : fs_(std::move(fs)), options_(std::move(options)) {}
  Status ReadUnit(const Unit& unit, MorselState& state, const MorselSink& sink);
  // A reader of one leaf's column chunk in `group`, its bytes read from `file`.
  Result<std::unique_ptr<ColumnChunkReader>> OpenChunk(const FilePlan& plan, const RowGroup& group,
                                                       io::RandomAccessFile& file,
                                                       size_t leaf_index, const std::string& where);
  bool MayMatch(const RowGroupFilter& filter, const FilePlan& plan, const RowGroup& group) const;

  std::shared_ptr<io::FileSystem> fs_;
  ParquetReadOptions options_;
  SourceListing listing_;
  std::vector<FilePlan> plans_;
  std::vector<Unit> units_;
  std::shared_ptr<const types::Schema> schema_;
  std::vector<int> partition_index_;  // per output column: partition column index or -1
  RowFilter row_filter_;
  ScratchPool<MorselState> scratch_;  // the current read's
  ReadStats stats_;
  uint64_t total_bytes_ = 0;
  size_t row_groups_skipped_ = 0;
  size_t row_groups_total_ = 0;
  std::atomic<uint64_t> bytes_done_{0};
};

}  // namespace sluice::formats::parquet
