// BatchCodec: a batch's rows as bytes and back, for the files an operator spills to when it
// runs out of memory. Per column: NULL flags (when there are NULLs), fixed-width values as
// they are in memory, strings as lengths then bytes, ARRAY and MAP rows as their lengths
// then their elements, STRUCT rows as their fields. The bytes are for this build of Sluice
// only (native byte order, no version). Decoding checks every length against the bytes it
// has: a damaged file is an error, never a crash. Pure functions: thread-safe.
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "vector/batch.h"

namespace sluice::vector {

// Appends the selected rows of `batch` to `out`.
void EncodeBatch(const Batch& batch, std::string& out);

// The batch `bytes` holds, of `schema`'s columns. Its strings point into `bytes`, which
// the batch keeps alive.
Result<Batch> DecodeBatch(std::shared_ptr<const std::string> bytes,
                          std::shared_ptr<const types::Schema> schema);

}  // namespace sluice::vector
