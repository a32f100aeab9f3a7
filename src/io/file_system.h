// FileSystem: the one seam through which Sluice touches files, so tests can swap in an
// in-memory or fault-injecting implementation and object stores can come later.
// Implementations are thread-safe; file handles belong to one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace sluice::io {

// Bytes read from a file: a mapped region or a heap copy, shared by the views into it.
class ByteBuffer {
 public:
  virtual ~ByteBuffer() = default;
  virtual const uint8_t* data() const = 0;
  virtual size_t size() const = 0;
  std::string_view view() const { return {reinterpret_cast<const char*>(data()), size()}; }
  // A hint that [offset, offset + length) will not be needed soon: a mapped buffer gives
  // those pages back (reading them again later still works). Thread-safe.
  virtual void DropCache(uint64_t /*offset*/, size_t /*length*/) const {}
  // A hint that [offset, offset + length) is about to be decoded: a mapped buffer asks the
  // kernel to read those pages ahead (and only those). Thread-safe.
  virtual void WillNeed(uint64_t /*offset*/, size_t /*length*/) const {}
};

std::shared_ptr<const ByteBuffer> MakeStringBuffer(std::string bytes);

struct FileInfo {
  std::string path;
  bool is_directory = false;
  uint64_t size = 0;
  int64_t modification_time_ns = 0;
  // The file's identity (device and inode on POSIX) after following symlinks, so that
  // listings can see a folder or file reached twice; 0 and 0 when the file system has none.
  uint64_t device = 0;
  uint64_t inode = 0;
  bool through_symlink = false;  // the path is, or passes through, a symbolic link
  bool HasIdentity() const { return device != 0 || inode != 0; }
  bool SameFile(const FileInfo& other) const {
    return HasIdentity() && device == other.device && inode == other.inode;
  }
};

class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;
  virtual uint64_t size() const = 0;
  // Reads [offset, offset + length) clipped to the file's end.
  virtual Result<std::shared_ptr<const ByteBuffer>> Read(uint64_t offset, size_t length) = 0;
  // The whole file without copying it into memory (a mapping, or the bytes an in-memory
  // file already holds), or an error when that is not possible: the caller then streams
  // the file with Read rather than reading all of it at once.
  virtual Result<std::shared_ptr<const ByteBuffer>> Map() {
    return Status::NotImplemented("'" + path_ + "' cannot be memory-mapped");
  }
  // A hint that [offset, offset + length) is about to be read, a part at a time: a local
  // file asks the kernel to read it ahead.
  virtual void WillNeed(uint64_t /*offset*/, uint64_t /*length*/) {}
  const std::string& path() const { return path_; }

 protected:
  std::string path_;
};

// A read-only file whose bytes are `bytes` (reads share them): MemoryFileSystem's files, and
// readers fed from memory.
std::unique_ptr<RandomAccessFile> MakeBufferFile(std::shared_ptr<const ByteBuffer> bytes,
                                                 std::string path);

class WritableFile {
 public:
  virtual ~WritableFile() = default;
  virtual Status Append(std::string_view bytes) = 0;
  // Data is durable only after Sync (what a crash test may drop before it).
  virtual Status Sync() = 0;
  virtual Status Close() = 0;
};

// An exclusive advisory lock on a file, held until this object is destroyed.
class FileLock {
 public:
  virtual ~FileLock() = default;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  virtual Result<std::unique_ptr<RandomAccessFile>> OpenRead(const std::string& path) = 0;
  // Creates or truncates.
  virtual Result<std::unique_ptr<WritableFile>> OpenWrite(const std::string& path) = 0;
  virtual Result<FileInfo> GetInfo(const std::string& path) = 0;
  // Direct entries of a directory, sorted by name.
  virtual Result<std::vector<FileInfo>> ListDir(const std::string& path) = 0;
  virtual Status CreateDirs(const std::string& path) = 0;
  // Atomic replace of `to` by `from`.
  virtual Status Rename(const std::string& from, const std::string& to) = 0;
  // Fails with AlreadyExists instead of replacing: how commits claim a name.
  virtual Status RenameNoReplace(const std::string& from, const std::string& to) = 0;
  virtual Status Delete(const std::string& path) = 0;
  virtual Status DeleteRecursive(const std::string& path) = 0;
  // Waits until the caller holds an exclusive advisory lock on `path` (created if absent),
  // which other holders of a lock on that path (other processes, other calls) wait for.
  // The local file system uses flock; the default holds nothing, which suits file systems
  // only this process sees (in-memory) and callers that are one thread.
  virtual Result<std::unique_ptr<FileLock>> LockExclusive(const std::string& path);

  bool Exists(const std::string& path) { return GetInfo(path).ok(); }
  // All regular files below `path` (itself if it is a file), sorted by path, following
  // symlinks but never into a folder that is one of its own ancestors (a cycle); each
  // cycle cut is described in `cycles` when given.
  Result<std::vector<FileInfo>> ListRecursive(const std::string& path,
                                              std::vector<std::string>* cycles = nullptr);
  Result<std::string> ReadAll(const std::string& path);
  Status WriteAll(const std::string& path, std::string_view bytes);
};

// The process's local disk (POSIX); reads of large ranges are memory-mapped.
std::shared_ptr<FileSystem> LocalFileSystem();

}  // namespace sluice::io
