#include "formats/parquet/parquet_codec.h"

#include <algorithm>

namespace sluice::formats::parquet {

Result<io::Codec> ToIoCodec(CompressionCodec codec) {
  switch (codec) {
    case CompressionCodec::kUncompressed:
      return io::Codec::kNone;
    case CompressionCodec::kSnappy:
      return io::Codec::kSnappy;
    case CompressionCodec::kGzip:
      return io::Codec::kGzip;
    case CompressionCodec::kZstd:
      return io::Codec::kZstd;
    case CompressionCodec::kLz4Raw:
      return io::Codec::kLz4Raw;
    case CompressionCodec::kBrotli:
      return io::Codec::kBrotli;
    default:
      return Status::NotImplemented("Parquet compression " + CodecName(codec) +
                                    " is not supported");
  }
}

namespace {

// How many times its input a codec can expand at most (rounded up): a page header that
// claims more is corrupt, and is refused before anything that large is allocated.
size_t MaxExpansion(CompressionCodec codec) {
  switch (codec) {
    case CompressionCodec::kUncompressed:
      return 1;
    case CompressionCodec::kSnappy:
      return 32;  // a 3-byte copy tag yields 64 bytes
    case CompressionCodec::kLz4:
    case CompressionCodec::kLz4Raw:
      return 256;  // a 255-run length byte
    case CompressionCodec::kGzip:
      return 1100;  // deflate's 258 bytes from 2 bits
    case CompressionCodec::kBrotli:
      // A meta-block of 16 MiB can be one copy command: about 14 bytes with its header
      // and one-symbol prefix codes.
      return 1 << 21;
    default:
      return 32768;  // zstd: a 3-byte RLE block header yields 128 KiB
  }
}

uint32_t LoadBigEndian32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return (uint32_t{u[0]} << 24) | (uint32_t{u[1]} << 16) | (uint32_t{u[2]} << 8) | u[3];
}

// Hadoop's framing: [uncompressed length][compressed length][LZ4 block], both lengths
// big-endian, repeated.
Result<std::string> DecompressHadoopLz4(std::string_view bytes, size_t uncompressed_size) {
  std::string out;
  while (!bytes.empty()) {
    if (bytes.size() < 8) return Status::ParseError("LZ4 (Hadoop): truncated block header");
    uint32_t raw = LoadBigEndian32(bytes.data());
    uint32_t packed = LoadBigEndian32(bytes.data() + 4);
    if (packed > bytes.size() - 8 || out.size() + raw > uncompressed_size) {
      return Status::ParseError("LZ4 (Hadoop): block sizes exceed the page");
    }
    SLUICE_ASSIGN_OR_RAISE(std::string block,
                           io::Decompress(io::Codec::kLz4Raw, bytes.substr(8, packed), raw));
    out += block;
    bytes.remove_prefix(8 + packed);
  }
  return out;
}

}  // namespace

Result<std::shared_ptr<const io::ByteBuffer>> DecompressPage(CompressionCodec codec,
                                                             std::string_view bytes,
                                                             size_t uncompressed_size) {
  // Writers leave an empty page body (a v2 page of only levels) empty whatever the codec.
  if (bytes.empty()) {
    if (uncompressed_size == 0) return io::MakeStringBuffer(std::string());
    return Status::ParseError("the page holds no compressed bytes but claims " +
                              std::to_string(uncompressed_size) + " uncompressed");
  }
  if (uncompressed_size > bytes.size() * MaxExpansion(codec) + 1024) {
    return Status::ParseError("the page claims " + std::to_string(uncompressed_size) +
                              " bytes uncompressed from " + std::to_string(bytes.size()) +
                              ", more than " + CodecName(codec) + " can expand to");
  }
  Result<std::shared_ptr<const io::ByteBuffer>> out = std::shared_ptr<const io::ByteBuffer>();
  if (codec == CompressionCodec::kLz4) {
    Result<std::string> text = DecompressHadoopLz4(bytes, uncompressed_size);
    if (!text.ok() || text->size() != uncompressed_size)
      text = io::Decompress(io::Codec::kLz4Frame, bytes);
    if (!text.ok() || text->size() != uncompressed_size)
      text = io::Decompress(io::Codec::kLz4Raw, bytes, uncompressed_size);
    if (!text.ok()) return text.status();
    out = io::MakeStringBuffer(std::move(*text));
  } else {
    SLUICE_ASSIGN_OR_RAISE(io::Codec io_codec, ToIoCodec(codec));
    if (io_codec == io::Codec::kNone) return io::MakeStringBuffer(std::string(bytes));
    out = io::DecompressToBuffer(io_codec, bytes, uncompressed_size);
  }
  if (!out.ok()) return out.status();
  if ((*out)->size() != uncompressed_size) {
    return Status::ParseError("decompressed to " + std::to_string((*out)->size()) +
                              " bytes, the header says " + std::to_string(uncompressed_size));
  }
  return out;
}

Result<CompressionCodec> CompressionCodecFromName(const std::string& name) {
  std::string n = name;
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
  if (n == "none" || n == "uncompressed") return CompressionCodec::kUncompressed;
  if (n == "snappy") return CompressionCodec::kSnappy;
  if (n == "gzip") return CompressionCodec::kGzip;
  if (n == "zstd") return CompressionCodec::kZstd;
  if (n == "lz4_raw" || n == "lz4") return CompressionCodec::kLz4Raw;
  if (n == "brotli") return CompressionCodec::kBrotli;
  return Status::Invalid("unknown Parquet compression '" + name +
                         "': expected snappy, zstd, gzip, lz4_raw, brotli or none");
}

}  // namespace sluice::formats::parquet
