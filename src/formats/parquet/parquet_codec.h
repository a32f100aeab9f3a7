// Parquet's compression codecs mapped onto Sluice's block codecs, and their option
// names. Pure functions: thread-safe.
#pragma once

#include <string>

#include "formats/parquet/parquet_metadata.h"
#include "io/compression.h"

namespace sluice::formats::parquet {

Result<io::Codec> ToIoCodec(CompressionCodec codec);
// Spark's `compression` values: none/uncompressed, snappy, gzip, zstd, lz4_raw (and lz4).
Result<CompressionCodec> CompressionCodecFromName(const std::string& name);

}  // namespace sluice::formats::parquet
