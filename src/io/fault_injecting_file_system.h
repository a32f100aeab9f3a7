// FaultInjectingFileSystem: wraps another FileSystem and fails the Nth mutating
// operation (write, sync, rename, delete), as a crash or a full disk would; after a
// simulated crash, bytes written but never synced are dropped; it can also refuse to
// memory-map files (as some file systems do) and record the largest read asked of it.
// For crash and fallback tests.
// Thread-safe (one mutex around its counters).
#pragma once

#include <map>
#include <mutex>

#include "io/file_system.h"

namespace sluice::io {

class FaultInjectingFileSystem : public FileSystem {
 public:
  explicit FaultInjectingFileSystem(std::shared_ptr<FileSystem> base) : base_(std::move(base)) {}

  // The `n`th mutating operation from now (1 = the next one) and every one after it fail.
  void FailAfter(int n);
  // Forgets unsynced data of files written through this wrapper, as a power loss would.
  Status SimulateCrash();
  int mutating_operations() const { return operations_; }

  // Files opened for reading from now on cannot be mapped.
  void RefuseMapping();
  // The longest Read of a file opened after RefuseMapping.
  size_t largest_read();

  Result<std::unique_ptr<RandomAccessFile>> OpenRead(const std::string& path) override;
  Result<std::unique_ptr<WritableFile>> OpenWrite(const std::string& path) override;
  Result<FileInfo> GetInfo(const std::string& path) override { return base_->GetInfo(path); }
  Result<std::vector<FileInfo>> ListDir(const std::string& path) override {
    return base_->ListDir(path);
  }
  Status CreateDirs(const std::string& path) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Status RenameNoReplace(const std::string& from, const std::string& to) override;
  Status Delete(const std::string& path) override;
  Status DeleteRecursive(const std::string& path) override;
  Result<std::unique_ptr<FileLock>> LockExclusive(const std::string& path) override {
    return base_->LockExclusive(path);
  }

  // Called by the file handles it hands out.
  Status CountOperation(const std::string& what);
  void RecordSynced(const std::string& path, uint64_t bytes);
  void RecordWritten(const std::string& path, uint64_t bytes);
  void RecordRead(size_t length);

 private:
  std::shared_ptr<FileSystem> base_;
  std::mutex mu_;
  int operations_ = 0;
  int fail_at_ = -1;
  bool refuse_mapping_ = false;
  size_t largest_read_ = 0;
  std::map<std::string, std::pair<uint64_t, uint64_t>> files_;  // path -> (written, synced)
};

}  // namespace sluice::io
