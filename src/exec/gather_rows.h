// Column-wise gathers: rows picked by reference from several batches' columns copied into
// one vector with one type switch per column (fixed-width values as typed copies, short
// strings as their inline StringRef, longer ones into the output's heap); nested types go
// row by row. The sources are checked once per gatherer, not once per gathered batch, so
// gathering many batches from many sources stays linear. The sort and the window build their
// output batches with it. A gatherer is read-only once made: threads may share it.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "common/status.h"
#include "vector/batch.h"
#include "vector/vector.h"

namespace sluice::exec {

// A row of one of several batches: (batch << 32) | row.
inline uint64_t MakeRowRef(size_t batch, size_t row) { return (uint64_t{batch} << 32) | row; }

// Gathers rows of `sources` (which must outlive it) into vectors of `type`. With
// `share_pinned`, when every source's long strings lie in buffers its heap pins (a file's
// pages, a dictionary) rather than in blocks of its own, the strings are not copied: each
// output holding a long (not inlined) string pins those buffers too. For outputs that keep
// most of the sources' rows (the window's): a top-N would keep every buffer alive for a few
// rows.
class ColumnGatherer {
 public:
  ColumnGatherer(std::vector<const vector::Vector*> sources, const types::LogicalType& type,
                 bool share_pinned = false);

  // dst[at + i] = row refs[i] of the sources for i in [0, n); dst must have room for them.
  // Every slot is written, NULL rows' too, so dst may be made with MakeForOverwrite.
  Status Gather(const uint64_t* refs, size_t n, vector::Vector& dst, size_t at = 0) const {
    return Gather(refs, n, dst, at, nullptr);
  }
  // As Gather, but long strings are copied into `arena`, which dst's heap pins, rather than
  // into dst's heap: the vectors of one part of the rows share one heap of just their bytes,
  // so that a later gather from them with share_pinned pins that part's bytes only.
  Status GatherInto(const uint64_t* refs, size_t n, vector::Vector& dst, size_t at,
                    const std::shared_ptr<vector::StringHeap>& arena) const {
    return Gather(refs, n, dst, at, arena.get(), arena);
  }

 private:
  Status Gather(const uint64_t* refs, size_t n, vector::Vector& dst, size_t at,
                vector::StringHeap* arena, const std::shared_ptr<const void>& arena_pin = {}) const;

  std::vector<const vector::Vector*> sources_;
  std::vector<const void*> data_;  // each source's values
  bool row_by_row_ = false;        // nested values, or decimals stored at another width
  bool all_valid_ = true;
  int width_ = 0;
  // With share_pinned: the sources' pinned buffers, pinned (as one) by every output.
  std::shared_ptr<const std::vector<std::shared_ptr<const void>>> pinned_;
};

// dst[at + i] = row refs[i] of `sources` for i in [0, n); dst must have room for them.
Status GatherColumn(const std::vector<const vector::Vector*>& sources, const uint64_t* refs,
                    size_t n, vector::Vector& dst, size_t at = 0);

// dst[at + i] = src[i] for i in [0, n); dst must have room for them.
Status AppendColumn(const vector::Vector& src, size_t n, vector::Vector& dst, size_t at,
                    bool share_pinned = false);

// A batch of the rows refs[0, n) of `batches` (all of `schema`).
Result<vector::Batch> GatherRows(const std::vector<vector::Batch>& batches,
                                 const std::shared_ptr<const types::Schema>& schema,
                                 const uint64_t* refs, size_t n);

}  // namespace sluice::exec
