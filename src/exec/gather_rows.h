// Column-wise gathers: rows picked by reference from several batches' columns copied into
// one vector with one type switch per column (fixed-width values as typed copies, short
// strings as their inline StringRef, longer ones into the output's heap); nested types go
// row by row. The sort and the window build their output batches with it.
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

// dst[at + i] = row refs[i] of `sources` for i in [0, n); dst must have room for them.
Status GatherColumn(const std::vector<const vector::Vector*>& sources, const uint64_t* refs,
                    size_t n, vector::Vector& dst, size_t at = 0);

// dst[at + i] = src[i] for i in [0, n); dst must have room for them.
Status AppendColumn(const vector::Vector& src, size_t n, vector::Vector& dst, size_t at);

// A batch of the rows refs[0, n) of `batches` (all of `schema`).
Result<vector::Batch> GatherRows(const std::vector<vector::Batch>& batches,
                                 const std::shared_ptr<const types::Schema>& schema,
                                 const uint64_t* refs, size_t n);

}  // namespace sluice::exec
