// SpillFile: batches an operator writes to disk when its memory runs out, read back later,
// one block (batch) at a time in any order. Each block is a batch encoded by BatchCodec and
// compressed with lz4; the blocks' places stay in memory (24 bytes each). The file lives in
// the query's TempDirectory, which it keeps alive (a result read after its query's executor
// went still has its spilled rows), and is deleted when the SpillFile goes. A failed write (a full
// disk) or read is the query's error, naming the file and the temp folder setting.
// Writing belongs to one thread; once FinishWriting returned, Read is thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "exec/temp_directory.h"
#include "vector/batch.h"

namespace sluice::exec {

class SpillFile {
 public:
  static Result<std::unique_ptr<SpillFile>> Create(std::shared_ptr<TempDirectory> dir,
                                                   std::shared_ptr<const types::Schema> schema);
  ~SpillFile();
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  // Appends the batch's selected rows as the next block.
  Status Append(const vector::Batch& batch);
  // Closes the file for writing; blocks can be read from now on.
  Status FinishWriting();

  size_t block_count() const { return blocks_.size(); }
  uint32_t block_rows(size_t block) const { return blocks_[block].rows; }
  uint64_t rows() const { return rows_; }
  // Compressed bytes on disk.
  uint64_t bytes() const { return offset_; }
  // The blocks' bytes once read back (about what they hold in memory).
  uint64_t plain_bytes() const { return plain_bytes_; }
  const std::string& path() const { return path_; }

  Result<vector::Batch> Read(size_t block) const;

 private:
  struct Block {
    uint64_t offset;
    uint32_t compressed_size;
    uint32_t size;
    uint32_t rows;
  };
  SpillFile(std::shared_ptr<TempDirectory> dir, std::string path,
            std::shared_ptr<const types::Schema> schema)
      : dir_(std::move(dir)), fs_(dir_->fs()), path_(std::move(path)), schema_(std::move(schema)) {}
  Status WriteError(const Status& cause) const;

  std::shared_ptr<TempDirectory> dir_;
  io::FileSystem& fs_;
  std::string path_;
  std::shared_ptr<const types::Schema> schema_;
  std::unique_ptr<io::WritableFile> writer_;
  std::vector<Block> blocks_;
  uint64_t offset_ = 0, rows_ = 0, plain_bytes_ = 0;
  std::string encoded_;  // reused between appends
  mutable std::mutex read_mutex_;
  mutable std::unique_ptr<io::RandomAccessFile> reader_;
};

}  // namespace sluice::exec
