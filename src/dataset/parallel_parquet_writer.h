// ParallelParquetWriter: one Parquet file written on every core, in bounded memory. The
// caller's thread copies rows into slices (up to 32K rows or 2 MiB) and hands
// each to its row group's RowGroupEncoder as a pool task; a row group's slices are encoded
// one at a time, in order (a strand per row group), so its raw rows are never held whole,
// only its compressed pages, while other row groups encode on other threads. Row groups
// are cut every `row_group_rows` rows or after the call that takes a row group's raw bytes
// past `row_group_bytes`, so they depend only on the rows written, never on timing. The
// task that finishes the next row group in order appends it, and any later ones that are
// ready, to the file (ParquetWriter moves their offsets). At most `max_in_flight` row
// groups are started and not yet written, and twice as many slices wait or encode. A slice
// is reserved in a MemoryTracker at twice its bytes until encoded (room for what encoding
// adds), a row group's encoder bytes are charged until written. A caller waiting for room
// runs queued tasks meanwhile (ThreadPool::HelpUntil).
// Flat columns only (Supports); nested schemas go through ParquetWriter.
// WriteRows and Finish are called from one thread at a time; the destructor waits for the
// writer's tasks.
#pragma once

#include <deque>
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
  // `max_in_flight` 0 means one row group per pool thread, at least two: the one being
  // filled and the one finishing its last slices.
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
  struct Slice {
    std::unique_ptr<vector::Batch> rows;
    int64_t charged = 0;
  };
  // One row group from its first slice until it is written; guarded by mu_.
  struct Group {
    int64_t seq = 0;
    std::deque<Slice> slices;  // handed over, not yet encoded
    bool running = false;      // a task is encoding its slices
    bool sealed = false;       // no more slices will come
    Status status;
    RowGroup group;
    // Holds the row group's bytes until they are written; then encodes another row group,
    // as do slice buffers: fresh buffers would cost a page fault every few KiB.
    std::unique_ptr<RowGroupEncoder> encoder;
    int64_t charged = 0;  // the encoder's bytes
  };

  ParallelParquetWriter(std::unique_ptr<ParquetWriter> file, parallel::ThreadPool& pool,
                        memory::MemoryTracker* tracker, size_t max_in_flight);
  // Waits for room for a row group and starts it.
  Status StartGroup();
  // Takes a buffer for the next slice.
  Status StartSlice();
  // Waits for room and hands the slice being filled to its row group.
  Status HandOver();
  // Hands over the last slice and ends the row group.
  Status SealGroup();
  // Runs the group's strand on the pool unless it runs (mu_ held).
  void Schedule(const std::shared_ptr<Group>& group);
  // The filled slice's bytes, strings included: what the row group cut and charges go by.
  int64_t SliceBytes() const;
  // Runs on the pool: encodes the group's waiting slices in order; once sealed, finishes it
  // and appends what is ready in order.
  void Drain(std::shared_ptr<Group> group);
  Status EncodeSlice(Group& group, const vector::Batch& rows);
  // Charges what the group's encoder holds now instead of what was charged for it and
  // `given_up` bytes of an encoded slice.
  void Recharge(Group& group, int64_t given_up);
  void Append(std::shared_ptr<Group> group);
  Status FirstError();

  std::unique_ptr<ParquetWriter> file_;
  parallel::ThreadPool& pool_;
  memory::MemoryTracker* tracker_;
  const size_t max_in_flight_;
  std::shared_ptr<const types::Schema> schema_;
  std::vector<size_t> identity_columns_;
  std::vector<int> widths_;
  size_t slice_rows_;

  // The caller's thread only.
  std::shared_ptr<Group> current_group_;
  size_t group_rows_ = 0;
  int64_t group_bytes_ = 0;  // of the slices handed over
  std::unique_ptr<vector::Batch> slice_;
  size_t slice_rows_filled_ = 0;
  int64_t next_seq_ = 0;

  std::mutex mu_;                // guards what follows
  size_t groups_in_flight_ = 0;  // started and not yet appended (or dropped after an error)
  size_t slices_in_flight_ = 0;  // handed over and not yet encoded
  int64_t progress_ = 0;         // counts encoded slices and written row groups
  std::vector<std::unique_ptr<vector::Batch>> free_;  // slice buffers to reuse
  std::vector<std::unique_ptr<RowGroupEncoder>> free_encoders_;
  std::map<int64_t, std::shared_ptr<Group>> ready_;  // encoded, waiting for earlier ones
  int64_t next_append_ = 0;
  bool appending_ = false;  // a task is appending; others leave their row groups in ready_
  Status error_;
};

}  // namespace sluice::formats::parquet
