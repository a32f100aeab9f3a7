// Streaming decompression of files and streaming compression into files
// (OpenDecompressingStream, OpenCompressingStream).
#include <zlib.h>
#include <zstd.h>

#include <cstring>

#include "io/compression.h"

namespace sluice::io {
namespace {

constexpr size_t kInputChunk = 1 << 20;

class PlainInput final : public InputStream {
 public:
  explicit PlainInput(std::unique_ptr<RandomAccessFile> file) : file_(std::move(file)) {}
  Result<size_t> Read(char* out, size_t n) override {
    SLUICE_ASSIGN_OR_RAISE(auto buffer, file_->Read(offset_, n));
    std::memcpy(out, buffer->data(), buffer->size());
    offset_ += buffer->size();
    return buffer->size();
  }

 private:
  std::unique_ptr<RandomAccessFile> file_;
  uint64_t offset_ = 0;
};

class GzipInput final : public InputStream {
 public:
  explicit GzipInput(std::unique_ptr<RandomAccessFile> file) : file_(std::move(file)) {
    inflateInit2(&zs_, 15 + 32);
  }
  ~GzipInput() override { inflateEnd(&zs_); }

  Result<size_t> Read(char* out, size_t n) override {
    zs_.next_out = reinterpret_cast<Bytef*>(out);
    zs_.avail_out = static_cast<uInt>(n);
    while (zs_.avail_out > 0 && !done_) {
      if (zs_.avail_in == 0) {
        SLUICE_ASSIGN_OR_RAISE(chunk_, file_->Read(offset_, kInputChunk));
        offset_ += chunk_->size();
        if (chunk_->size() == 0) {
          if (in_member_) {
            return Status::ParseError("'" + file_->path() + "': gzip data truncated at byte " +
                                      std::to_string(offset_));
          }
          done_ = true;
          break;
        }
        zs_.next_in = const_cast<Bytef*>(chunk_->data());
        zs_.avail_in = static_cast<uInt>(chunk_->size());
      }
      in_member_ = true;
      int rc = inflate(&zs_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        in_member_ = false;
        inflateReset(&zs_);  // a following member, if any
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return Status::ParseError("'" + file_->path() + "': corrupt gzip data near byte " +
                                  std::to_string(offset_ - zs_.avail_in));
      }
    }
    return n - zs_.avail_out;
  }

 private:
  std::unique_ptr<RandomAccessFile> file_;
  z_stream zs_{};
  std::shared_ptr<const ByteBuffer> chunk_;
  uint64_t offset_ = 0;
  bool in_member_ = false;
  bool done_ = false;
};

class ZstdInput final : public InputStream {
 public:
  explicit ZstdInput(std::unique_ptr<RandomAccessFile> file)
      : file_(std::move(file)), ctx_(ZSTD_createDCtx()) {}
  ~ZstdInput() override { ZSTD_freeDCtx(ctx_); }

  Result<size_t> Read(char* out, size_t n) override {
    ZSTD_outBuffer output{out, n, 0};
    while (output.pos < output.size) {
      if (in_.pos == in_.size) {
        SLUICE_ASSIGN_OR_RAISE(chunk_, file_->Read(offset_, kInputChunk));
        offset_ += chunk_->size();
        if (chunk_->size() == 0) {
          if (last_rc_ != 0) {
            return Status::ParseError("'" + file_->path() + "': zstd data truncated at byte " +
                                      std::to_string(offset_));
          }
          break;
        }
        in_ = ZSTD_inBuffer{chunk_->data(), chunk_->size(), 0};
      }
      last_rc_ = ZSTD_decompressStream(ctx_, &output, &in_);
      if (ZSTD_isError(last_rc_)) {
        return Status::ParseError("'" + file_->path() +
                                  "': corrupt zstd data: " + ZSTD_getErrorName(last_rc_));
      }
    }
    return output.pos;
  }

 private:
  std::unique_ptr<RandomAccessFile> file_;
  ZSTD_DCtx* ctx_;
  std::shared_ptr<const ByteBuffer> chunk_;
  ZSTD_inBuffer in_{nullptr, 0, 0};
  uint64_t offset_ = 0;
  size_t last_rc_ = 0;
};

class WholeInput final : public InputStream {
 public:
  explicit WholeInput(std::string data) : data_(std::move(data)) {}
  Result<size_t> Read(char* out, size_t n) override {
    size_t k = std::min(n, data_.size() - pos_);
    std::memcpy(out, data_.data() + pos_, k);
    pos_ += k;
    return k;
  }

 private:
  std::string data_;
  size_t pos_ = 0;
};

class PlainOutput final : public OutputStream {
 public:
  explicit PlainOutput(std::unique_ptr<WritableFile> file) : file_(std::move(file)) {}
  Status Write(std::string_view bytes) override { return file_->Append(bytes); }
  Status Finish() override {
    SLUICE_RETURN_NOT_OK(file_->Sync());
    return file_->Close();
  }

 private:
  std::unique_ptr<WritableFile> file_;
};

class GzipOutput final : public OutputStream {
 public:
  explicit GzipOutput(std::unique_ptr<WritableFile> file) : file_(std::move(file)) {
    deflateInit2(&zs_, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  }
  ~GzipOutput() override { deflateEnd(&zs_); }
  Status Write(std::string_view bytes) override { return Pump(bytes, Z_NO_FLUSH); }
  Status Finish() override {
    SLUICE_RETURN_NOT_OK(Pump({}, Z_FINISH));
    SLUICE_RETURN_NOT_OK(file_->Sync());
    return file_->Close();
  }

 private:
  Status Pump(std::string_view bytes, int flush) {
    zs_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    zs_.avail_in = static_cast<uInt>(bytes.size());
    char out[1 << 16];
    int rc;
    do {
      zs_.next_out = reinterpret_cast<Bytef*>(out);
      zs_.avail_out = sizeof(out);
      rc = deflate(&zs_, flush);
      if (rc == Z_STREAM_ERROR) return Status::IOError("gzip: compression failed");
      SLUICE_RETURN_NOT_OK(file_->Append(std::string_view(out, sizeof(out) - zs_.avail_out)));
    } while (zs_.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    return Status::OK();
  }
  std::unique_ptr<WritableFile> file_;
  z_stream zs_{};
};

class ZstdOutput final : public OutputStream {
 public:
  explicit ZstdOutput(std::unique_ptr<WritableFile> file)
      : file_(std::move(file)), ctx_(ZSTD_createCCtx()) {}
  ~ZstdOutput() override { ZSTD_freeCCtx(ctx_); }
  Status Write(std::string_view bytes) override { return Pump(bytes, ZSTD_e_continue); }
  Status Finish() override {
    SLUICE_RETURN_NOT_OK(Pump({}, ZSTD_e_end));
    SLUICE_RETURN_NOT_OK(file_->Sync());
    return file_->Close();
  }

 private:
  Status Pump(std::string_view bytes, ZSTD_EndDirective mode) {
    ZSTD_inBuffer in{bytes.data(), bytes.size(), 0};
    char out[1 << 16];
    size_t remaining;
    do {
      ZSTD_outBuffer output{out, sizeof(out), 0};
      remaining = ZSTD_compressStream2(ctx_, &output, &in, mode);
      if (ZSTD_isError(remaining))
        return Status::IOError(std::string("zstd: ") + ZSTD_getErrorName(remaining));
      SLUICE_RETURN_NOT_OK(file_->Append(std::string_view(out, output.pos)));
    } while (mode == ZSTD_e_end ? remaining != 0 : in.pos < in.size);
    return Status::OK();
  }
  std::unique_ptr<WritableFile> file_;
  ZSTD_CCtx* ctx_;
};

}  // namespace

Result<std::unique_ptr<InputStream>> OpenDecompressingStream(
    Codec codec, std::unique_ptr<RandomAccessFile> file) {
  switch (codec) {
    case Codec::kNone:
      return std::unique_ptr<InputStream>(std::make_unique<PlainInput>(std::move(file)));
    case Codec::kGzip:
      return std::unique_ptr<InputStream>(std::make_unique<GzipInput>(std::move(file)));
    case Codec::kZstd:
      return std::unique_ptr<InputStream>(std::make_unique<ZstdInput>(std::move(file)));
    default: {
      std::string path = file->path();
      SLUICE_ASSIGN_OR_RAISE(auto all, file->Read(0, file->size()));
      auto data = Decompress(codec, all->view());
      if (!data.ok()) return data.status().WithContext("'" + path + "'");
      return std::unique_ptr<InputStream>(std::make_unique<WholeInput>(std::move(*data)));
    }
  }
}

Result<std::unique_ptr<OutputStream>> OpenCompressingStream(Codec codec,
                                                            std::unique_ptr<WritableFile> file) {
  switch (codec) {
    case Codec::kNone:
      return std::unique_ptr<OutputStream>(std::make_unique<PlainOutput>(std::move(file)));
    case Codec::kGzip:
      return std::unique_ptr<OutputStream>(std::make_unique<GzipOutput>(std::move(file)));
    case Codec::kZstd:
      return std::unique_ptr<OutputStream>(std::make_unique<ZstdOutput>(std::move(file)));
    default:
      return Status::Invalid(std::string("streaming compression with ") + CodecName(codec) +
                             " is not offered: use none, gzip or zstd");
  }
}

}  // namespace sluice::io
