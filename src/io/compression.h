// Compression codecs: whole-block compress/decompress (gzip, zstd, snappy, lz4 frame,
// lz4 raw, brotli) for columnar pages, and streaming ones for compressed files (.gz, .zst, .lz4).
// Block functions are pure: thread-safe. Streams belong to one thread at a time.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "io/file_system.h"

namespace sluice::io {

enum class Codec { kNone, kGzip, kZstd, kSnappy, kLz4Frame, kLz4Raw, kBrotli };

const char* CodecName(Codec codec);
Result<Codec> CodecFromName(std::string_view name);
// By file extension in any case: .gz, .zst, .lz4; kNone otherwise.
Codec CodecFromPath(std::string_view path);

Result<std::string> Compress(Codec codec, std::string_view input, int level = 0);
// `size_hint` is the expected decompressed size (required for kLz4Raw; 0 if unknown).
// Snappy and zstd data that states another size is corrupt, and so is brotli data that
// holds more than `size_hint` bytes.
Result<std::string> Decompress(Codec codec, std::string_view input, size_t size_hint = 0);
// Decompress into a buffer the process tracker counts. Zstd, snappy and lz4 raw data are
// written into `size` bytes not zeroed first (each byte is written, or it fails): a Parquet
// scan decompresses gigabytes. Other codecs' output may hold another size: callers check.
Result<std::shared_ptr<const ByteBuffer>> DecompressToBuffer(Codec codec, std::string_view input,
                                                             size_t size);

// Reads a whole file sequentially through a decompressor, block by block.
class InputStream {
 public:
  virtual ~InputStream() = default;
  // Fills up to `n` bytes; returns 0 at the end.
  virtual Result<size_t> Read(char* out, size_t n) = 0;
};

Result<std::unique_ptr<InputStream>> OpenDecompressingStream(
    Codec codec, std::unique_ptr<RandomAccessFile> file);

// Writes through a compressor (kNone, kGzip or kZstd) into a WritableFile.
class OutputStream {
 public:
  virtual ~OutputStream() = default;
  virtual Status Write(std::string_view bytes) = 0;
  // Flushes the compressor's tail, syncs and closes the file.
  virtual Status Finish() = 0;
};

Result<std::unique_ptr<OutputStream>> OpenCompressingStream(Codec codec,
                                                            std::unique_ptr<WritableFile> file);

}  // namespace sluice::io
