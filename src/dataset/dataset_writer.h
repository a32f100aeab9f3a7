// DatasetWriter: writes a table as files the way Spark's DataFrameWriter does: a folder of
// part files (one or more per worker) with a _SUCCESS marker, optionally Hive-partitioned
// (`partitionBy` columns become `col=value/` folders with Spark's escaping and
// __HIVE_DEFAULT_PARTITION__ for NULL, and leave the data files), or a single file when the
// target has a file extension and no partitions. Save modes error (default), append,
// overwrite and ignore; overwrite replaces only the partitions written unless static
// partition overwrite is asked for, so rewriting one day never wipes the others.
// Everything is written to a hidden staging folder beside the target and moved into
// place at Commit: a failed or killed job leaves the target as it was.
// Write() is safe to call from several threads as long as each passes its own worker id.
// A single Parquet file is encoded on the thread pool and keeps the order of the calls:
// write it from one thread (an ordered read), since its waits run queued pool tasks.
#pragma once

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "io/file_system.h"
#include "types/schema.h"
#include "types/time_zone.h"
#include "vector/batch.h"

namespace sluice::formats {

enum class SaveMode { kError, kAppend, kOverwrite, kIgnore };
Result<SaveMode> SaveModeFromName(const std::string& name);

// What a file name's extension (any case) says a single output file is: ".parquet",
// ".csv", ".csv.gz", ".csv.zst" (the CSV compression as its name); nullopt for others,
// which name a folder of part files.
struct OutputFileType {
  std::string format;       // "parquet", "csv" or "json"
  std::string compression;  // "gzip", "zstd", or "" for the default
};
std::optional<OutputFileType> OutputFileTypeOf(const std::string& path);

struct DatasetWriteOptions {
  std::string format = "parquet";                     // or "csv", "json"
  std::map<std::string, std::string> format_options;  // compression, header, ...
  std::vector<std::string> partition_by;
  bool case_sensitive = false;  // spark.sql.caseSensitive: how partition_by names match columns
  SaveMode mode = SaveMode::kError;
  bool static_partition_overwrite = false;  // partitionOverwriteMode=static
  types::TimeZone session_time_zone = types::TimeZone::Utc();
  // Memory stays bounded however many partitions a job writes: at most this many open
  // files per worker, and when their buffered row groups pass the byte budget (at most a
  // sixteenth of the process's memory limit, at least 1 MiB) the largest is written out
  // early. The bytes buffered are charged to the process's MemoryTracker.
  size_t max_open_files_per_worker = 16;
  int64_t max_buffered_bytes_per_worker = 128LL << 20;
};

struct DatasetWriteResult {
  bool skipped = false;  // mode ignore and the target existed
  uint64_t rows = 0;
  std::vector<std::string> files;  // relative to the target
};

class DatasetWriter {
 public:
  static Result<std::unique_ptr<DatasetWriter>> Open(std::shared_ptr<io::FileSystem> fs,
                                                     std::string target,
                                                     const types::Schema& schema,
                                                     DatasetWriteOptions options);
  ~DatasetWriter();

  // True when there is nothing to do (mode ignore and the target exists).
  bool skipped() const { return skipped_; }
  Status Write(size_t worker, const vector::Batch& batch);
  Result<DatasetWriteResult> Commit();
  // Drops everything staged; the target is left as it was.
  void Abort();

 public:
  class FileSink;  // one open output file, of any format

 private:
  struct OpenFile;
  struct WorkerState;

  DatasetWriter(std::shared_ptr<io::FileSystem> fs, std::string target,
                DatasetWriteOptions options);
  Result<FileSink*> SinkFor(WorkerState& state, size_t worker, const std::string& partition_dir);
  // Writes out the largest buffered row group while the worker's files hold too much.
  Status KeepWithinBudget(WorkerState& state);
  int64_t BufferBudget() const;
  std::string PartitionDir(const vector::Batch& batch, size_t row) const;
  // Whether rows a and b have the same partition folder (false when unsure).
  bool SamePartition(const vector::Batch& batch, size_t a, size_t b) const;
  Status MoveIntoPlace();

  std::shared_ptr<io::FileSystem> fs_;
  std::string target_;
  std::string staging_;
  std::string job_id_;
  DatasetWriteOptions options_;
  types::Schema data_schema_;         // the columns data files hold
  std::vector<size_t> data_columns_;  // their positions in written batches
  std::vector<size_t> partition_columns_;
  bool single_file_ = false;
  bool target_existed_ = false;
  bool committing_ = false;  // the commit journal is written
  bool skipped_ = false;
  bool done_ = false;
  std::mutex mu_;  // guards workers_ and the single file
  std::map<size_t, std::unique_ptr<WorkerState>> workers_;
  uint64_t rows_ = 0;
};

}  // namespace sluice::formats
