// ParallelParquetWriter: one Parquet file written on every core. The caller's thread copies
// rows into row-group buffers, cut every `row_group_rows` rows or after the call that takes
// a buffer past `row_group_bytes`, so row groups depend only on the rows written, never on
// timing. Each full buffer is encoded on the thread pool by its own RowGroupEncoder, and
// the task that finishes the next row group in order appends it, and any later ones that
// are ready, to the file (ParquetWriter moves their offsets). At most `max_in_flight` row
// groups are buffered or encoded at once, each charged to a MemoryTracker until it is
// written; a caller waiting for room runs queued tasks meanwhile (ThreadPool::HelpUntil).
// Flat columns only (Supports); nested schemas go through ParquetWriter.
// WriteRows and Finish are called from one thread at a time; the destructor waits for the
// writer's tasks.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "formats/parquet/parquet_writer.h"
#include "memory/memory_tracker.h"
#include "parallel/thread_pool.h"

namespace sluice::formats::parquet {

class ParallelParquetWriter {
 public:
  static bool Supports(const types::Schema& schema);
  // `max_in_flight` 0 means one row group per pool thread plus the one being filled.
  static Result<std::unique_ptr<ParallelParquetWriter>> Open(
      io::FileSystem& fs, const std::string& path, const types::Schema& schema,
      ParquetWriteOptions options, parallel::ThreadPool& pool, memory::MemoryTracker* tracker,
      size_t max_in_flight = 0);
  ~ParallelParquetWriter();

  // Writes `rows` of the batch, taking the file's columns from `columns` of the batch.
  Status WriteRows(const vector::Batch& batch, const std::vector<uint32_t>& rows,
                   const std::vector<size_t>& columns);
  // Writes the last row group, waits for all, writes the footer and closes the file.
  Result<ParquetFileStats> Finish();

 private:
  struct Encoded {
    Status status;
    RowGroup group;
    // Holds the row group's bytes until they are written; then encodes another row group,
    // as do row buffers: fresh buffers of this size would cost a page fault every few KiB.
    std::unique_ptr<RowGroupEncoder> encoder;
    int64_t charged = 0;
  };

  ParallelParquetWriter(std::unique_ptr<ParquetWriter> file, parallel::ThreadPool& pool,
                        memory::MemoryTracker* tracker, size_t max_in_flight);
  // Waits for room and takes a buffer to fill.
  Status StartBuffer();
  // Hands the buffer being filled to the pool.
  Status Seal();
  // The buffered rows' bytes, strings included: what the row group cut and charge go by.
  int64_t BufferBytes() const;
  // Runs on the pool: encodes one row group and appends what is ready in order.
  void Encode(std::unique_ptr<vector::Batch> rows, int64_t seq, int64_t charged);
  Status FirstError();

  std::unique_ptr<ParquetWriter> file_;
  parallel::ThreadPool& pool_;
  memory::MemoryTracker* tracker_;
  const size_t max_in_flight_;
  std::shared_ptr<const types::Schema> schema_;
  std::vector<size_t> identity_columns_;
  std::vector<int> widths_;

  // The caller's thread only.
  std::unique_ptr<vector::Batch> current_;
  size_t current_rows_ = 0;
  int64_t next_seq_ = 0;

  std::mutex mu_;         // guards what follows
  size_t in_flight_ = 0;  // sealed and not yet appended (or dropped after an error)
  std::vector<std::unique_ptr<vector::Batch>> free_;  // buffers to reuse
  std::vector<std::unique_ptr<RowGroupEncoder>> free_encoders_;
  std::map<int64_t, Encoded> ready_;  // encoded, waiting for earlier ones
  int64_t next_append_ = 0;
  bool appending_ = false;  // a task is appending; others leave their row groups in ready_
  Status error_;
};

}  // namespace sluice::formats::parquet
