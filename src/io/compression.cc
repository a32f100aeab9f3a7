#include "io/compression.h"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <lz4.h>
#include <lz4frame.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstdint>
#include <limits>

#include "io/path.h"
#include "memory/memory_tracker.h"

namespace sluice::io {

const char* CodecName(Codec codec) {
  switch (codec) {
    case Codec::kNone:
      return "none";
    case Codec::kGzip:
      return "gzip";
    case Codec::kZstd:
      return "zstd";
    case Codec::kSnappy:
      return "snappy";
    case Codec::kLz4Frame:
      return "lz4";
    case Codec::kLz4Raw:
      return "lz4_raw";
    case Codec::kBrotli:
      return "brotli";
  }
  return "?";
}

Result<Codec> CodecFromName(std::string_view name) {
  if (name == "none" || name == "uncompressed") return Codec::kNone;
  if (name == "gzip" || name == "gz") return Codec::kGzip;
  if (name == "zstd" || name == "zst") return Codec::kZstd;
  if (name == "snappy") return Codec::kSnappy;
  if (name == "lz4") return Codec::kLz4Frame;
  if (name == "lz4_raw") return Codec::kLz4Raw;
  if (name == "brotli") return Codec::kBrotli;
  return Status::Invalid("unknown compression '" + std::string(name) +
                         "': expected none, gzip, zstd, snappy, lz4, lz4_raw or brotli");
}

Codec CodecFromPath(std::string_view path) {
  if (HasExtension(path, ".gz")) return Codec::kGzip;
  if (HasExtension(path, ".zst")) return Codec::kZstd;
  if (HasExtension(path, ".lz4")) return Codec::kLz4Frame;
  return Codec::kNone;
}

namespace {

Result<std::string> GzipDecompress(std::string_view input, size_t size_hint) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 32) != Z_OK) return Status::IOError("gzip: cannot initialise");
  std::string out;
  out.resize(size_hint > 0 ? size_hint : input.size() * 4 + 64);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  zs.avail_in = static_cast<uInt>(input.size());
  size_t produced = 0;
  while (true) {
    if (produced == out.size()) out.resize(out.size() * 2);
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    zs.avail_out = static_cast<uInt>(out.size() - produced);
    int rc = inflate(&zs, Z_NO_FLUSH);
    produced = out.size() - zs.avail_out;
    if (rc == Z_STREAM_END) {
      if (zs.avail_in == 0) break;
      inflateReset(&zs);  // concatenated members
      continue;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      inflateEnd(&zs);
      return Status::ParseError("gzip: corrupt data at compressed byte " +
                                std::to_string(zs.total_in));
    }
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
      inflateEnd(&zs);
      return Status::ParseError("gzip: truncated data");
    }
  }
  inflateEnd(&zs);
  out.resize(produced);
  return out;
}

Result<std::string> GzipCompress(std::string_view input, int level) {
  z_stream zs{};
  if (deflateInit2(&zs, level > 0 ? level : 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return Status::IOError("gzip: cannot initialise");
  }
  std::string out(deflateBound(&zs, static_cast<uLong>(input.size())) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  zs.avail_in = static_cast<uInt>(input.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return Status::IOError("gzip: compression failed");
  return out;
}

Result<std::string> ZstdDecompressStreaming(std::string_view input) {
  ZSTD_DCtx* ctx = ZSTD_createDCtx();
  ZSTD_inBuffer in{input.data(), input.size(), 0};
  std::string out;
  char chunk[1 << 16];
  size_t rc = 1;
  while (in.pos < in.size) {
    ZSTD_outBuffer output{chunk, sizeof(chunk), 0};
    rc = ZSTD_decompressStream(ctx, &output, &in);
    if (ZSTD_isError(rc)) {
      ZSTD_freeDCtx(ctx);
      return Status::ParseError(std::string("zstd: ") + ZSTD_getErrorName(rc));
    }
    out.append(chunk, output.pos);
  }
  ZSTD_freeDCtx(ctx);
  if (rc != 0) return Status::ParseError("zstd: truncated frame");
  return out;
}

Result<std::string> BrotliCompress(std::string_view input, int level) {
  size_t size = BrotliEncoderMaxCompressedSize(input.size());
  if (size == 0) return Status::Invalid("brotli: input too large");
  std::string out(size, '\0');
  // Quality 5 of 11: brotli's higher levels cost many times the time for a few percent.
  if (!BrotliEncoderCompress(level > 0 ? level : 5, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC,
                             input.size(), reinterpret_cast<const uint8_t*>(input.data()), &size,
                             reinterpret_cast<uint8_t*>(out.data()))) {
    return Status::IOError("brotli: compression failed");
  }
  out.resize(size);
  return out;
}

// Brotli data does not state its size: with a hint the output may not grow past it. The
// buffer grows as output arrives, so a corrupt hint costs no memory of its own.
Result<std::string> BrotliDecompress(std::string_view input, size_t size_hint) {
  std::unique_ptr<BrotliDecoderState, decltype(&BrotliDecoderDestroyInstance)> state(
      BrotliDecoderCreateInstance(nullptr, nullptr, nullptr), &BrotliDecoderDestroyInstance);
  if (!state) return Status::IOError("brotli: cannot initialise");
  // One byte over the hint tells "exactly the hint" from "more than the hint".
  const size_t limit = size_hint > 0 ? size_hint + 1 : SIZE_MAX;
  std::string out(std::min(limit, input.size() * 4 + 64), '\0');
  size_t avail_in = input.size();
  const auto* next_in = reinterpret_cast<const uint8_t*>(input.data());
  size_t produced = 0;
  while (true) {
    size_t avail_out = out.size() - produced;
    auto* next_out = reinterpret_cast<uint8_t*>(out.data() + produced);
    BrotliDecoderResult rc = BrotliDecoderDecompressStream(state.get(), &avail_in, &next_in,
                                                           &avail_out, &next_out, nullptr);
    produced = out.size() - avail_out;
    if (rc == BROTLI_DECODER_RESULT_SUCCESS) break;
    if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
      if (out.size() == limit) {
        return Status::ParseError("brotli: the data holds more than the expected " +
                                  std::to_string(size_hint) + " bytes");
      }
      out.resize(out.size() > limit / 2 ? limit : out.size() * 2);
    } else if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) {
      return Status::ParseError("brotli: truncated data");
    } else {
      return Status::ParseError(std::string("brotli: corrupt data (") +
                                BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state.get())) +
                                ")");
    }
  }
  if (avail_in != 0) {
    return Status::ParseError("brotli: " + std::to_string(avail_in) +
                              " bytes after the end of the data");
  }
  out.resize(produced);
  return out;
}

}  // namespace

Result<std::string> Compress(Codec codec, std::string_view input, int level) {
  switch (codec) {
    case Codec::kNone:
      return std::string(input);
    case Codec::kGzip:
      return GzipCompress(input, level);
    case Codec::kZstd: {
      std::string out(ZSTD_compressBound(input.size()), '\0');
      size_t n =
          ZSTD_compress(out.data(), out.size(), input.data(), input.size(), level > 0 ? level : 3);
      if (ZSTD_isError(n)) return Status::IOError(std::string("zstd: ") + ZSTD_getErrorName(n));
      out.resize(n);
      return out;
    }
    case Codec::kSnappy: {
      std::string out;
      snappy::Compress(input.data(), input.size(), &out);
      return out;
    }
    case Codec::kLz4Frame: {
      std::string out(LZ4F_compressFrameBound(input.size(), nullptr), '\0');
      size_t n = LZ4F_compressFrame(out.data(), out.size(), input.data(), input.size(), nullptr);
      if (LZ4F_isError(n)) return Status::IOError(std::string("lz4: ") + LZ4F_getErrorName(n));
      out.resize(n);
      return out;
    }
    case Codec::kLz4Raw: {
      std::string out(static_cast<size_t>(LZ4_compressBound(static_cast<int>(input.size()))), '\0');
      int n = LZ4_compress_default(input.data(), out.data(), static_cast<int>(input.size()),
                                   static_cast<int>(out.size()));
      if (n <= 0 && !input.empty()) return Status::IOError("lz4_raw: compression failed");
      out.resize(static_cast<size_t>(n));
      return out;
    }
    case Codec::kBrotli:
      return BrotliCompress(input, level);
  }
  return Status::Invalid("unknown codec");
}

namespace {

// `size` bytes, not zeroed, counted by the process tracker.
class UninitializedBuffer final : public ByteBuffer {
 public:
  explicit UninitializedBuffer(size_t size) : bytes_(new uint8_t[size]), size_(size) {
    memory::MemoryTracker::Process().Charge(static_cast<int64_t>(size_));
  }
  ~UninitializedBuffer() override {
    memory::MemoryTracker::Process().Release(static_cast<int64_t>(size_));
  }
  const uint8_t* data() const override { return bytes_.get(); }
  size_t size() const override { return size_; }
  char* mutable_data() { return reinterpret_cast<char*>(bytes_.get()); }

 private:
  std::unique_ptr<uint8_t[]> bytes_;
  size_t size_;
};

}  // namespace

Result<std::shared_ptr<const ByteBuffer>> DecompressToBuffer(Codec codec, std::string_view input,
                                                             size_t size) {
  const auto corrupt = [&] {
    return Status::ParseError(std::string(CodecName(codec)) + ": corrupt data, or not " +
                              std::to_string(size) + " bytes");
  };
  switch (codec) {
    case Codec::kSnappy: {
      size_t stated = 0;
      if (!snappy::GetUncompressedLength(input.data(), input.size(), &stated) || stated != size)
        break;  // Decompress names what is wrong
      auto out = std::make_shared<UninitializedBuffer>(size);
      if (!snappy::RawUncompress(input.data(), input.size(), out->mutable_data())) return corrupt();
      return std::shared_ptr<const ByteBuffer>(std::move(out));
    }
    case Codec::kZstd: {
      if (ZSTD_getFrameContentSize(input.data(), input.size()) != size) break;
      auto out = std::make_shared<UninitializedBuffer>(size);
      const size_t n = ZSTD_decompress(out->mutable_data(), size, input.data(), input.size());
      if (ZSTD_isError(n) || n != size) return corrupt();
      return std::shared_ptr<const ByteBuffer>(std::move(out));
    }
    case Codec::kLz4Raw: {
      if (size > static_cast<size_t>(std::numeric_limits<int>::max())) break;
      auto out = std::make_shared<UninitializedBuffer>(size);
      const int n = LZ4_decompress_safe(input.data(), out->mutable_data(),
                                        static_cast<int>(input.size()), static_cast<int>(size));
      if (n < 0 || static_cast<size_t>(n) != size) return corrupt();
      return std::shared_ptr<const ByteBuffer>(std::move(out));
    }
    default:
      break;
  }
  SLUICE_ASSIGN_OR_RAISE(std::string out, Decompress(codec, input, size));
  return MakeStringBuffer(std::move(out));
}

Result<std::string> Decompress(Codec codec, std::string_view input, size_t size_hint) {
  switch (codec) {
    case Codec::kNone:
      return std::string(input);
    case Codec::kGzip:
      return GzipDecompress(input, size_hint);
    case Codec::kZstd: {
      unsigned long long size = ZSTD_getFrameContentSize(input.data(), input.size());
      if (size == ZSTD_CONTENTSIZE_ERROR) return Status::ParseError("zstd: not a zstd frame");
      if (size == ZSTD_CONTENTSIZE_UNKNOWN) return ZstdDecompressStreaming(input);
      if (size > (1ULL << 34)) return Status::ParseError("zstd: implausible frame size");
      if (size_hint != 0 && size != size_hint) {
        return Status::ParseError("zstd: the frame holds " + std::to_string(size) +
                                  " bytes, expected " + std::to_string(size_hint));
      }
      std::string out(static_cast<size_t>(size), '\0');
      size_t n = ZSTD_decompress(out.data(), out.size(), input.data(), input.size());
      if (ZSTD_isError(n)) return Status::ParseError(std::string("zstd: ") + ZSTD_getErrorName(n));
      out.resize(n);
      return out;
    }
    case Codec::kSnappy: {
      size_t size = 0;
      if (!snappy::GetUncompressedLength(input.data(), input.size(), &size) ||
          size > (1ULL << 34)) {
        return Status::ParseError("snappy: corrupt header");
      }
      if (size_hint != 0 && size != size_hint) {
        return Status::ParseError("snappy: the data holds " + std::to_string(size) +
                                  " bytes, expected " + std::to_string(size_hint));
      }
      std::string out(size, '\0');
      if (!snappy::RawUncompress(input.data(), input.size(), out.data())) {
        return Status::ParseError("snappy: corrupt data");
      }
      return out;
    }
    case Codec::kLz4Frame: {
      LZ4F_dctx* ctx = nullptr;
      if (LZ4F_isError(LZ4F_createDecompressionContext(&ctx, LZ4F_VERSION))) {
        return Status::IOError("lz4: cannot initialise");
      }
      std::string out;
      char chunk[1 << 16];
      const char* src = input.data();
      size_t left = input.size();
      while (left > 0) {
        size_t dst_size = sizeof(chunk), src_size = left;
        size_t rc = LZ4F_decompress(ctx, chunk, &dst_size, src, &src_size, nullptr);
        if (LZ4F_isError(rc)) {
          LZ4F_freeDecompressionContext(ctx);
          return Status::ParseError(std::string("lz4: ") + LZ4F_getErrorName(rc));
        }
        out.append(chunk, dst_size);
        src += src_size;
        left -= src_size;
        if (rc == 0 && left == 0) break;
        if (src_size == 0 && dst_size == 0) {
          LZ4F_freeDecompressionContext(ctx);
          return Status::ParseError("lz4: truncated frame");
        }
      }
      LZ4F_freeDecompressionContext(ctx);
      return out;
    }
    case Codec::kLz4Raw: {
      std::string out(size_hint, '\0');
      int n = LZ4_decompress_safe(input.data(), out.data(), static_cast<int>(input.size()),
                                  static_cast<int>(out.size()));
      if (n < 0) return Status::ParseError("lz4_raw: corrupt data");
      out.resize(static_cast<size_t>(n));
      return out;
    }
    case Codec::kBrotli:
      return BrotliDecompress(input, size_hint);
  }
  return Status::Invalid("unknown codec");
}

}  // namespace sluice::io
