// BatchStore: an operator's rows in order, as batches each held in memory or, once the
// memory its operator may use ran out, as a block of a spill file. Operators hand their
// results to the next one as a BatchStore, so a result larger than memory flows on from
// disk a batch at a time (a pipeline scans it, the result printer and writers read it in
// order). A store keeps its spill files (and so their folder) alive.
// RowSpiller is how a holder of rows fills a store: in memory while the operator's tracker
// stays within a budget, appended to the holder's own spill file after.
// Not thread-safe to fill; reading a finished store is (spill files read under a lock).
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "exec/held_memory.h"
#include "exec/spill_file.h"
#include "vector/batch.h"

namespace sluice::exec {

using BatchList = std::vector<vector::Batch>;

class BatchStore {
 public:
  BatchStore() = default;
  explicit BatchStore(BatchList batches);
  BatchStore(BatchStore&&) = default;
  BatchStore& operator=(BatchStore&&) = default;

  size_t batch_count() const { return entries_.size(); }
  uint64_t row_count() const { return rows_; }
  // Whether any batch is on disk.
  bool spilled() const { return spilled_; }
  // The bytes its in-memory batches hold.
  size_t memory_bytes() const;

  // Batch `i`: an in-memory batch shares its buffers (a cheap copy), a spilled one is read
  // back.
  Result<vector::Batch> Read(size_t i) const;
  // Batch `i`, moved out of the store (a spilled one read back): for a reader that reads
  // each batch once and wants its memory back as it goes. Different batches may be taken at
  // once on different threads.
  Result<vector::Batch> Take(size_t i);
  // A store of the same batches, sharing their buffers and spill files.
  BatchStore Share() const;
  // Every batch in memory (the spilled ones read back), the store left empty.
  Result<BatchList> TakeAll();

  // Appends a batch's selected rows (a batch with a selection keeps it).
  void Add(vector::Batch batch);
  // Appends block `block` of `file` (finished writing), which holds `rows` rows.
  void AddSpilled(std::shared_ptr<const SpillFile> file, size_t block, uint64_t rows);
  // Appends every batch of `other`.
  void Append(BatchStore other);

 private:
  struct Entry {
    std::optional<vector::Batch> batch;     // in memory
    std::shared_ptr<const SpillFile> file;  // else a block of this file
    size_t block = 0;
  };
  std::vector<Entry> entries_;
  uint64_t rows_ = 0;
  bool spilled_ = false;
};

// A batch sharing `batch`'s buffers and selection.
vector::Batch ShareBatch(const vector::Batch& batch);

// What an operator's holders may keep in memory before they spill: what they hold now plus a
// quarter of the room the query (the tracker's parent) has left.
int64_t SpillBudget(const memory::MemoryTracker& op);

class RowSpiller {
 public:
  // Reserves in `op` within `budget`; spills into `dir`.
  RowSpiller(memory::MemoryTracker& op, std::shared_ptr<TempDirectory> dir, int64_t budget)
      : held_(op), dir_(std::move(dir)), budget_(budget) {}

  // Adds the batch to `to`: in memory when its bytes can be held, else to the spill file
  // (with every later batch: the order of a holder's rows on disk is the order added).
  Status Add(vector::Batch batch, BatchStore& to);
  // Closes the spill file: the stores it filled can be read from now on. The in-memory bytes
  // stay reserved until the spiller goes.
  Status Finish();
  bool spilled() const { return file_ != nullptr; }
  uint64_t spilled_bytes() const { return file_ ? file_->bytes() : 0; }

 private:
  HeldMemory held_;
  std::shared_ptr<TempDirectory> dir_;
  const int64_t budget_;
  size_t bytes_ = 0;
  std::shared_ptr<SpillFile> file_;
};

}  // namespace sluice::exec
