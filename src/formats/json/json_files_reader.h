// JsonFilesReader: reads the listed JSON files (JSON lines, or with multiLine one document
// per file; with their Hive partition values) into Batches with Spark's semantics, in
// morsels the caller's threads read: a plain file is memory-mapped and cut into byte
// ranges at line starts; a compressed file (.gz, .zst, .lz4) or one that cannot be mapped,
// and every file in multiLine mode, is one morsel, read whole into memory. Without a schema
// one is inferred (JsonInferSchema's rules) in a parallel pass at Open. Malformed records
// follow the mode (PERMISSIVE: a row of what could be read, the record's text in the
// corrupt-record column if the schema has one; DROPMALFORMED: left out; FAILFAST: an error
// naming file and line), and every one reaches the rejects (file, line, byte offset,
// field, reason) in file and line order. Open() is single-threaded (inference runs on the
// given TaskRunner, used during Open only); morsels are read as TableReader says.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

#include "formats/json/json_read_options.h"
#include "formats/ordered_rejects.h"
#include "formats/row_filter.h"
#include "formats/scratch_pool.h"
#include "formats/source_listing.h"
#include "formats/table_reader.h"
#include "formats/task_runner.h"
#include "io/compression.h"
#include "io/file_system.h"

namespace sluice::formats::json {

class RangeLines;

class JsonFilesReader final : public TableReader {
 public:
  ~JsonFilesReader() override;
  // `listing` holds at least one file (dataset/table_reader.h lists them).
  static Result<std::unique_ptr<JsonFilesReader>> Open(std::shared_ptr<io::FileSystem> fs,
                                                       SourceListing listing,
                                                       JsonReadOptions options,
                                                       std::optional<types::Schema> schema,
                                                       TaskRunner& tasks);

  const std::shared_ptr<const types::Schema>& schema() const override { return schema_; }

  Result<size_t> PlanMorsels() override;
  Status ReadMorsel(size_t i, const MorselSink& sink) override;
  Status FinishMorsels() override;

  const ReadStats& stats() const override { return stats_; }
  uint64_t total_bytes() const override { return total_bytes_; }
  uint64_t bytes_done() const override { return bytes_done_.load(std::memory_order_relaxed); }
  // Each file's bytes over the average line length of its first 64 KiB (200 bytes a line
  // for a file not mapped).
  uint64_t EstimatedRows() const override;

 private:
  struct File {
    const SourceFile* source;
    io::Codec codec = io::Codec::kNone;
    std::shared_ptr<const io::ByteBuffer> data;  // the mapping; null: read whole by its morsel
    uint64_t data_start = 0;                     // after a UTF-8 byte-order mark
  };
  struct Unit {
    size_t file;
    uint64_t begin, end;  // of a mapped file; a file read whole is one unit
  };
  struct MorselState;

  JsonFilesReader(std::shared_ptr<io::FileSystem> fs, SourceListing listing,
                  JsonReadOptions options);

  Status PlanFiles(TaskRunner& tasks);
  Status ResolveSchema(std::optional<types::Schema> user_schema, TaskRunner& tasks);
  Result<types::LogicalType> InferDataType(TaskRunner& tasks);
  // A file's text: the mapping, or the whole file read (and decompressed).
  Result<std::shared_ptr<const io::ByteBuffer>> TextOf(const File& file) const;
  Result<std::unique_ptr<MorselState>> TakeMorselState();
  // Reads unit `u`: rows to `sink`, rejects to `rejects`. A replay (`replay_from`) only
  // finds the unit's rejects again, from that one as far as the unit's read went.
  Status ReadUnit(size_t u, MorselState& state, RejectBuffer& rejects, const MorselSink* sink,
                  const RejectedRow* replay_from);

  std::shared_ptr<io::FileSystem> fs_;
  SourceListing listing_;
  JsonReadOptions options_;
  std::vector<File> files_;
  std::vector<Unit> units_;
  std::shared_ptr<const types::Schema> schema_;
  std::vector<size_t> read_columns_;  // filled from the records
  std::vector<int> partition_of_;     // per column: its partition column, or -1
  int corrupt_column_ = -1;           // the corrupt-record column, or -1
  RowFilter row_filter_;

  // The current read's; made by PlanMorsels.
  std::unique_ptr<RangeLines> range_lines_;
  std::unique_ptr<OrderedRejects> ordered_rejects_;  // null without a reject sink
  std::vector<uint64_t> rejects_until_;  // per unit: the byte its counted rejects end at
  ScratchPool<MorselState> scratch_;

  ReadStats stats_;
  uint64_t total_bytes_ = 0;
  std::atomic<uint64_t> bytes_done_{0};
};

}  // namespace sluice::formats::json
