// PartitionedRows: rows held in memory, split by their key's hash into 2^bits partitions (the
// top bits, as AggregateTable::Partition splits groups), each a list of batches so that a
// partition can be read alone, with the rows' hashes (which need not be computed again). Rows are
// copied, strings too: pointing into the buffers their source pins (a file's pages) would keep
// every such buffer, with its rows filtered out and other columns' bytes, until the last
// partition is read. A hash aggregate's worker whose groups
// barely repeat hands its rows on this way instead of aggregating them twice (see
// aggregate_sink.cc). Not thread-safe to change; reading partitions may run on several threads at
// once.
#pragma once

#include <vector>

#include "exec/executor.h"

namespace sluice::exec {

class PartitionedRows {
 public:
  PartitionedRows(std::shared_ptr<const types::Schema> schema, int bits)
      : schema_(std::move(schema)),
        bits_(bits),
        parts_(size_t{1} << bits),
        hashes_(parts_.size()) {}

  // Adds every row of `batch` (no selection), row r to the partition of hashes[r].
  Status Append(const vector::Batch& batch, const std::vector<uint64_t>& hashes);

  size_t partitions() const { return parts_.size(); }
  BatchList& partition(size_t p) { return parts_[p]; }
  // The hashes of the rows of batch `b` of partition `p`.
  const uint64_t* hashes(size_t p, size_t b) const {
    return hashes_[p].data() + b * vector::kVectorSize;
  }
  // Drops partition p's rows.
  void Clear(size_t p);
  // The bytes its batches hold (not those they pin).
  size_t memory_bytes() const { return bytes_; }

 private:
  std::shared_ptr<const types::Schema> schema_;
  int bits_;
  std::vector<BatchList> parts_;               // the last batch of each may have room left
  std::vector<std::vector<uint64_t>> hashes_;  // per partition, of its rows in order
  size_t bytes_ = 0;
  std::vector<uint32_t> counts_;  // reused per batch
};

}  // namespace sluice::exec
