// Row-level operations on Vectors that every operator needs: copying a value (nested
// ones included) between vectors, gathering rows, broadcasting a constant, comparing
// and hashing values with SQL's ordering (NULLs and NaN placed as Spark places them).
// Pure functions over the given vectors: thread-safe for distinct outputs.
#pragma once

#include <cstdint>
#include <vector>

#include "common/status.h"
#include "vector/batch.h"
#include "vector/vector.h"

namespace sluice::vector {

// dst[dst_row] = src[src_row] (strings copied into dst's heap); dst must have room.
Status CopyRow(const Vector& src, size_t src_row, Vector& dst, size_t dst_row);
// A new vector with rows src[rows[i]] (a constant or dictionary form is kept).
Result<Vector> Gather(const Vector& src, const std::vector<uint32_t>& rows);
// A new vector of `rows` copies of src[row], marked constant.
Result<Vector> Broadcast(const Vector& src, size_t row, size_t rows);
// The batch's live rows as a new batch without a selection (sharing the columns when all
// rows are live: a later write to either copies first).
Result<Batch> Compact(const Batch& batch);
// A new batch of the given rows of `batch` (forms kept, as Gather).
Result<Batch> GatherBatch(const Batch& batch, const std::vector<uint32_t>& rows);
// Rows [offset, offset + n) of a batch without selection. A prefix (offset 0) shares the
// columns, copying nothing; other ranges are gathered.
Result<Batch> SliceBatch(const Batch& batch, size_t offset, size_t n);

// Total order of Spark's ordering on non-NULL values: numbers by value with NaN above
// every other value and -0.0 = 0.0, strings and binary bytewise, arrays and structs
// element by element, maps by entries. <0, 0, >0. NULLs compare by `nulls_first`.
int CompareValues(const Vector& a, size_t ra, const Vector& b, size_t rb, bool nulls_first = true);
// Whether two values are equal for GROUP BY / DISTINCT / joins (NULL equals NULL here; NaN
// equals NaN; -0.0 equals 0.0).
bool ValuesEqual(const Vector& a, size_t ra, const Vector& b, size_t rb);
// Hash consistent with ValuesEqual.
uint64_t HashValue(const Vector& v, size_t row, uint64_t seed = 0);
// hashes[r] = HashValue(v, r, hashes[r]) for rows [0, rows): the same values, the type
// dispatched once per column instead of once per row.
void HashColumn(const Vector& v, size_t rows, uint64_t* hashes);

// Appends every row of `src` to `dst` from row `dst_rows`, growing dst as needed.
Status AppendRows(const Vector& src, size_t src_rows, Vector& dst, size_t dst_rows);

}  // namespace sluice::vector
