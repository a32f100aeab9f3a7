// CsvReader: reads the listed CSV files (with their Hive partition values) into Batches
// with Spark's semantics, in morsels the caller's threads read: each mapped file is cut
// into row-aligned byte ranges (compressed and Latin-1 files stream through one worker
// each), lexed, and decoded column by column. Every input row ends up in the output or in
// the rejects (PERMISSIVE keeps malformed rows, flagged, as Spark does, and lists them as
// rejects too). Rejects reach the reject sink block by block, in file and line order, with
// their absolute line numbers. A morsel is a row-aligned byte range of a mapped file, or a
// whole streamed file. Open() is single-threaded (schema inference and multiLine chunking
// run on the given TaskRunner, used during Open only); morsels are read as TableReader says.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "formats/csv/csv_batch_decoder.h"
#include "formats/csv/csv_options.h"
#include "formats/ordered_rejects.h"
#include "formats/rejected_row.h"
#include "formats/row_filter.h"
#include "formats/scratch_pool.h"
#include "formats/source_listing.h"
#include "formats/table_reader.h"
#include "formats/task_runner.h"
#include "io/file_system.h"
#include "vector/batch.h"

namespace sluice::formats::csv {

class UnitLines;

class CsvReader final : public TableReader {
 public:
  ~CsvReader() override;
  // `listing` holds at least one file (dataset/table_reader.h lists them).
  static Result<std::unique_ptr<CsvReader>> Open(std::shared_ptr<io::FileSystem> fs,
                                                 SourceListing listing, CsvOptions options,
                                                 std::optional<types::Schema> schema,
                                                 TaskRunner& tasks);

  const std::shared_ptr<const types::Schema>& schema() const override { return layout_.schema; }
  const SourceListing& listing() const { return listing_; }

  Result<size_t> PlanMorsels() override;
  Status ReadMorsel(size_t i, const MorselSink& sink) override;
  Status FinishMorsels() override;

  const ReadStats& stats() const override { return stats_; }
  uint64_t total_bytes() const override { return total_bytes_; }
  uint64_t bytes_done() const override { return bytes_done_.load(std::memory_order_relaxed); }
  // Each file's data bytes over the average line length of its first 64 KiB (100 bytes for
  // a streamed file); exact for a file of at most 64 KiB without quoted line breaks.
  uint64_t EstimatedRows() const override { return estimated_rows_; }

 private:
  // What a thread reading a morsel works with, reused from morsel to morsel.
  struct MorselState;

  CsvReader(std::shared_ptr<io::FileSystem> fs, CsvOptions options, TaskRunner& tasks);

  Status PlanFiles();
  Status ResolveSchema(std::optional<types::Schema> user_schema);
  Result<types::Schema> InferSchema(const std::vector<std::string>& names);
  Status MapFields(CsvFilePlan* plan);
  // A file's byte ranges to read as units, and its rows' estimate.
  struct FileUnits {
    std::vector<ByteRange> ranges;
    uint64_t estimated_rows = 0;
  };
  // Cuts a planned file (its bytes still held) into units.
  Result<FileUnits> CutUnits(const CsvFilePlan& plan) const;
  // Rows in `data` (a file after its header), by the average line length of its first 64 KiB.
  uint64_t EstimateRows(std::string_view data) const;
  // Drops the units of files whose partition values rule out the filters' rows.
  void SkipPrunedPartitions();
  // An idle morsel state, or a new one.
  Result<std::unique_ptr<MorselState>> TakeMorselState();
  // Reads unit `u`: its rows to `sink`, its rejects to `rejects`. With `replay_from` (a
  // reject the unit's read found), only finds the unit's rejects again from that one on,
  // as far as its read went, for OrderedRejects.
  Status ReadUnit(size_t u, MorselState& state, RejectBuffer& rejects, const MorselSink* sink,
                  const RejectedRow* replay_from);
  // Fills `reject` (a reused row: every field is set) from the problems [begin, end) of
  // one row; `lines_before` is the lines of the file before the block's line 0.
  void FillReject(const RowBlock& block, const std::vector<RowProblem>& problems, size_t begin,
                  size_t end, uint64_t lines_before, RejectedRow* reject) const;

  std::shared_ptr<io::FileSystem> fs_;
  CsvOptions options_;
  CsvLexer lexer_;
  TaskRunner* tasks_;  // during Open only
  SourceListing listing_;
  std::vector<CsvFilePlan> plans_;
  std::vector<CsvUnit> units_;
  CsvColumnLayout layout_;
  RowFilter row_filter_;

  // The current read's; made by PlanMorsels.
  std::unique_ptr<UnitLines> unit_lines_;
  std::unique_ptr<OrderedRejects> ordered_rejects_;  // null without a reject sink
  // Per unit: where the rows whose rejects were counted end (the unit's thread writes it
  // before OrderedRejects::Done, a replay reads it after).
  std::vector<uint64_t> rejects_until_;
  ScratchPool<MorselState> scratch_;

  ReadStats stats_;
  uint64_t total_bytes_ = 0;
  uint64_t estimated_rows_ = 0;
  std::atomic<uint64_t> bytes_done_{0};
};

}  // namespace sluice::formats::csv
