// MemoryFileSystem: files held in memory, for tests. Directories exist implicitly as
// path prefixes and explicitly once created. Thread-safe (one mutex).
#pragma once

#include <map>
#include <mutex>
#include <set>

#include "io/file_system.h"

namespace sluice::io {

class MemoryFileSystem : public FileSystem {
 public:
  Result<std::unique_ptr<RandomAccessFile>> OpenRead(const std::string& path) override;
  Result<std::unique_ptr<WritableFile>> OpenWrite(const std::string& path) override;
  Result<FileInfo> GetInfo(const std::string& path) override;
  Result<std::vector<FileInfo>> ListDir(const std::string& path) override;
  Status CreateDirs(const std::string& path) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Status RenameNoReplace(const std::string& from, const std::string& to) override;
  Status Delete(const std::string& path) override;
  Status DeleteRecursive(const std::string& path) override;

  // For writers: replace a file's whole contents, or append to it (in place unless a reader
  // holds its current contents, so writing a file costs its length, not its square).
  void Store(const std::string& path, std::string contents);
  void Append(const std::string& path, std::string_view bytes);

 private:
  bool IsDirLocked(const std::string& path) const;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<std::string>> files_;  // readers share them
  std::set<std::string> dirs_;
};

}  // namespace sluice::io
