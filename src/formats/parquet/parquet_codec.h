// Parquet's compression codecs mapped onto Sluice's block codecs, and their option
// names. Pure functions: thread-safe.
#pragma once

#include <memory>
#include <string>

#include "formats/parquet/parquet_metadata.h"
#include "io/compression.h"

namespace sluice::formats::parquet {

Result<io::Codec> ToIoCodec(CompressionCodec codec);
// Decompresses one page to exactly `uncompressed_size` bytes. LZ4 (the deprecated codec 5)
// is read as Hadoop-framed LZ4 blocks, falling back to an LZ4 frame or a raw block, as the
// writers in the wild disagree on it.
Result<std::shared_ptr<const io::ByteBuffer>> DecompressPage(CompressionCodec codec,
                                                             std::string_view bytes,
                                                             size_t uncompressed_size);
// Spark's `compression` values: none/uncompressed, snappy, gzip, zstd, lz4_raw (and lz4),
// brotli.
Result<CompressionCodec> CompressionCodecFromName(const std::string& name);

}  // namespace sluice::formats::parquet
