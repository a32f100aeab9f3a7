// CsvReader: reads CSV files, folders, globs and Hive-partitioned trees into Batches with
// Spark's semantics, on all cores: each mapped file is cut into row-aligned byte ranges
// (compressed and Latin-1 files stream through one worker each), lexed, and decoded
// column by column. Every input row ends up in the output or in the rejects (PERMISSIVE
// keeps malformed rows, flagged, as Spark does, and lists them as rejects too). Rejects
// stream to the reject sink block by block, with their absolute line numbers.
// Open() is single-threaded; Read() drives the worker threads itself.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "formats/csv/csv_batch_decoder.h"
#include "formats/csv/csv_options.h"
#include "formats/rejected_row.h"
#include "formats/row_filter.h"
#include "formats/source_files.h"
#include "formats/table_reader.h"
#include "io/file_system.h"
#include "vector/batch.h"

namespace sluice::formats::csv {

class CsvReader final : public TableReader {
 public:
  static Result<std::unique_ptr<CsvReader>> Open(std::shared_ptr<io::FileSystem> fs,
                                                 const std::vector<std::string>& paths,
                                                 CsvOptions options,
                                                 std::optional<types::Schema> schema);

  const std::shared_ptr<const types::Schema>& schema() const override { return layout_.schema; }
  const SourceListing& listing() const { return listing_; }

  // Reads every row once. `ordered` uses one thread and keeps file order (for `cat`).
  Status Read(const BatchSink& sink, bool ordered) override;

  const ReadStats& stats() const override { return stats_; }
  uint64_t total_bytes() const override { return total_bytes_; }
  uint64_t bytes_done() const override { return bytes_done_.load(std::memory_order_relaxed); }

 private:
  CsvReader(std::shared_ptr<io::FileSystem> fs, CsvOptions options)
      : fs_(std::move(fs)), options_(std::move(options)), lexer_(options_) {}

  Status PlanFiles();
  Status ResolveSchema(std::optional<types::Schema> user_schema);
  Result<types::Schema> InferSchema(const std::vector<std::string>& names);
  Status MapFields(CsvFilePlan* plan);
  Status BuildUnits();
  Status RunUnits(size_t parallelism, const std::function<Status(size_t worker, size_t unit)>& fn);
  // Fills `reject` (a reused row: every field is set) from the problems [begin, end) of
  // one row; `lines_before` is the lines of the file before the block's line 0.
  void FillReject(const RowBlock& block, const std::vector<RowProblem>& problems, size_t begin,
                  size_t end, uint64_t lines_before, RejectedRow* reject) const;

  std::shared_ptr<io::FileSystem> fs_;
  CsvOptions options_;
  CsvLexer lexer_;
  SourceListing listing_;
  std::vector<CsvFilePlan> plans_;
  std::vector<CsvUnit> units_;
  CsvColumnLayout layout_;
  size_t data_columns_ = 0;  // output columns that files may hold
  RowFilter row_filter_;

  ReadStats stats_;
  uint64_t total_bytes_ = 0;
  std::atomic<uint64_t> bytes_done_{0};
};

}  // namespace sluice::formats::csv
