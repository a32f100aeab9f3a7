// PartitionedSpill: rows an operator spills, split by their key's hash into 2^kSpillBits
// partitions (the bits below the top `shift` ones, which rows of one spill all share), one
// SpillFile per partition made on its first block, so that each partition can be read back
// and processed alone; a partition still too big splits again at shift + kSpillBits. Each
// partition gathers a few hundred rows in memory before writing them as one block (32 of
// them: a few MB at most, not reserved).
// Writing belongs to one thread; once FinishWriting returned, reading is thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "exec/batch_store.h"
#include "exec/spill_file.h"

namespace sluice::exec {

constexpr int kSpillBits = 5;

class PartitionedSpill {
 public:
  PartitionedSpill(std::shared_ptr<TempDirectory> dir, std::shared_ptr<const types::Schema> schema,
                   int shift)
      : dir_(std::move(dir)),
        schema_(std::move(schema)),
        shift_(shift),
        files_(size_t{1} << kSpillBits),
        pending_(files_.size()) {}

  // The partition of a key hash.
  size_t PartitionOf(uint64_t hash) const { return (hash << shift_) >> (64 - kSpillBits); }

  // Adds the batch's selected rows, row r to partition PartitionOf(hashes[r]).
  Status Append(const vector::Batch& batch, const std::vector<uint64_t>& hashes);
  // Writes the rows still gathered and closes the files for writing.
  Status FinishWriting();

  // The rows of partition `p`, or null when it has none.
  const SpillFile* file(size_t p) const { return files_[p].get(); }
  // Partition `p`'s rows as a store of its blocks (which keeps the file once the spill went).
  BatchStore Partition(size_t p) const;
  // Compressed bytes written, over all partitions.
  uint64_t bytes() const;

 private:
  Status Flush(size_t p);

  std::shared_ptr<TempDirectory> dir_;
  std::shared_ptr<const types::Schema> schema_;
  const int shift_;
  std::vector<std::shared_ptr<SpillFile>> files_;
  std::vector<std::optional<vector::Batch>> pending_;  // [partition] rows not yet written
};

}  // namespace sluice::exec
