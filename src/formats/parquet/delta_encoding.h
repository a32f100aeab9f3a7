// Parquet's DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY
// encodings (Encodings.md), decoded from untrusted bytes into the PLAIN layout of the
// same values, so the PLAIN converters finish the job. Pure functions: thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "formats/parquet/parquet_metadata.h"

namespace sluice::formats::parquet {

// Decodes a DELTA_BINARY_PACKED stream (64-bit arithmetic, wrapping); `consumed` is the
// bytes it took. At most `max_values` are accepted (the page's value count).
Result<std::vector<int64_t>> DecodeDeltaBinaryPacked(std::string_view data, size_t max_values,
                                                     size_t* consumed);

// Rewrites `count` values of a delta-encoded page as PLAIN bytes of `type`.
Status DeltaToPlain(Encoding encoding, PhysicalType type, std::string_view data, size_t count,
                    std::string* plain);

}  // namespace sluice::formats::parquet
