#include "exec/spill_file.h"

#include <limits>

#include "io/compression.h"
#include "vector/batch_codec.h"

namespace sluice::exec {

Result<std::unique_ptr<SpillFile>> SpillFile::Create(std::shared_ptr<TempDirectory> dir,
                                                     std::shared_ptr<const types::Schema> schema) {
  SLUICE_ASSIGN_OR_RAISE(std::string path, dir->NewFile("rows"));
  std::unique_ptr<SpillFile> file(
      new SpillFile(std::move(dir), std::move(path), std::move(schema)));
  Result<std::unique_ptr<io::WritableFile>> writer = file->fs_.OpenWrite(file->path_);
  if (!writer.ok()) return file->WriteError(writer.status());
  file->writer_ = std::move(*writer);
  return file;
}

SpillFile::~SpillFile() {
  reader_.reset();
  if (writer_) (void)writer_->Close();
  writer_.reset();
  (void)fs_.Delete(path_);
}

Status SpillFile::WriteError(const Status& cause) const {
  return Status::IOError("spilling to '" + path_ + "' failed: " + cause.message() +
                         " (is the disk full? --temp-dir or spark.local.dir choose the folder)");
}

Status SpillFile::Append(const vector::Batch& batch) {
  if (!writer_) return Status::Internal("spill file appended to after FinishWriting");
  encoded_.clear();
  vector::EncodeBatch(batch, encoded_);
  if (encoded_.size() > std::numeric_limits<uint32_t>::max())
    return Status::Invalid("a spilled batch of " + std::to_string(encoded_.size()) +
                           " bytes is over the 4 GiB a block holds");
  SLUICE_ASSIGN_OR_RAISE(std::string compressed, io::Compress(io::Codec::kLz4Raw, encoded_));
  Status appended = writer_->Append(compressed);
  if (!appended.ok()) return WriteError(appended);
  blocks_.push_back({offset_, static_cast<uint32_t>(compressed.size()),
                     static_cast<uint32_t>(encoded_.size()),
                     static_cast<uint32_t>(batch.num_selected())});
  offset_ += compressed.size();
  plain_bytes_ += encoded_.size();
  rows_ += batch.num_selected();
  return Status::OK();
}

Status SpillFile::FinishWriting() {
  if (!writer_) return Status::OK();
  Status closed = writer_->Close();
  writer_.reset();
  std::string().swap(encoded_);
  if (!closed.ok()) return WriteError(closed);
  return Status::OK();
}

Result<vector::Batch> SpillFile::Read(size_t block) const {
  if (writer_ || block >= blocks_.size())
    return Status::Internal("spill block read before FinishWriting or past the end");
  const Block& b = blocks_[block];
  std::shared_ptr<const io::ByteBuffer> bytes;
  {
    std::lock_guard<std::mutex> lock(read_mutex_);
    if (!reader_) {
      Result<std::unique_ptr<io::RandomAccessFile>> opened = fs_.OpenRead(path_);
      if (!opened.ok())
        return Status::IOError("reading spilled rows back from '" + path_ +
                               "' failed: " + opened.status().message());
      reader_ = std::move(*opened);
    }
    Result<std::shared_ptr<const io::ByteBuffer>> read = reader_->Read(b.offset, b.compressed_size);
    if (!read.ok())
      return Status::IOError("reading spilled rows back from '" + path_ +
                             "' failed: " + read.status().message());
    bytes = std::move(*read);
  }
  if (bytes->size() != b.compressed_size)
    return Status::IOError("spill file '" + path_ + "' is shorter than what was written");
  Result<std::string> plain = io::Decompress(io::Codec::kLz4Raw, bytes->view(), b.size);
  if (!plain.ok() || plain->size() != b.size)
    return Status::IOError("spill file '" + path_ + "' is damaged: block " + std::to_string(block) +
                           " does not decompress");
  Result<vector::Batch> batch =
      vector::DecodeBatch(std::make_shared<const std::string>(std::move(*plain)), schema_);
  if (!batch.ok())
    return Status::IOError("spill file '" + path_ + "': " + batch.status().message());
  return batch;
}

}  // namespace sluice::exec
