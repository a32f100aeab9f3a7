// SmallDisk: an in-memory file system whose disk holds a given number of bytes, so that a
// spilling operator's writes past them fail as on a full disk (deleting still works, so
// the tests can check that nothing is left behind).
#pragma once

#include <atomic>

#include "io/memory_file_system.h"

namespace sluice::main {

class SmallDisk : public io::MemoryFileSystem {
 public:
  explicit SmallDisk(uint64_t capacity) : capacity_(capacity) {}
  // The bytes written so far (deleted files' too).
  uint64_t used() const { return used_; }
  Result<std::unique_ptr<io::WritableFile>> OpenWrite(const std::string& path) override {
    SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<io::WritableFile> file,
                           io::MemoryFileSystem::OpenWrite(path));
    return std::unique_ptr<io::WritableFile>(std::make_unique<File>(std::move(file), *this));
  }

 private:
  class File : public io::WritableFile {
   public:
    File(std::unique_ptr<io::WritableFile> base, SmallDisk& disk)
        : base_(std::move(base)), disk_(disk) {}
    Status Append(std::string_view bytes) override {
      if (disk_.used_ + bytes.size() > disk_.capacity_)
        return Status::IOError("No space left on device");
      disk_.used_ += bytes.size();
      return base_->Append(bytes);
    }
    Status Sync() override { return base_->Sync(); }
    Status Close() override { return base_->Close(); }

   private:
    std::unique_ptr<io::WritableFile> base_;
    SmallDisk& disk_;
  };
  const uint64_t capacity_;
  std::atomic<uint64_t> used_{0};
};

}  // namespace sluice::main
