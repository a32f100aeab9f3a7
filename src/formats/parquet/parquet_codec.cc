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
    default:
      return Status::NotImplemented("Parquet compression " + CodecName(codec) +
                                    " is not supported");
  }
}

Result<CompressionCodec> CompressionCodecFromName(const std::string& name) {
  std::string n = name;
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
  if (n == "none" || n == "uncompressed") return CompressionCodec::kUncompressed;
  if (n == "snappy") return CompressionCodec::kSnappy;
  if (n == "gzip") return CompressionCodec::kGzip;
  if (n == "zstd") return CompressionCodec::kZstd;
  if (n == "lz4_raw" || n == "lz4") return CompressionCodec::kLz4Raw;
  return Status::Invalid("unknown Parquet compression '" + name +
                         "': expected snappy, zstd, gzip, lz4_raw or none");
}

}  // namespace sluice::formats::parquet
