// The local POSIX implementation of FileSystem.
#include <dirent.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "io/file_system.h"
#include "memory/memory_tracker.h"

namespace sluice::io {
namespace {

class LocalFileLock : public FileLock {
 public:
  explicit LocalFileLock(int fd) : fd_(fd) {}
  ~LocalFileLock() override { close(fd_); }  // closing releases the flock

 private:
  int fd_;
};

Status ErrnoStatus(const std::string& what, const std::string& path) {
  int err = errno;
  std::string msg = what + " '" + path + "': " + std::strerror(err);
  if (err == ENOENT) return Status::NotFound(msg);
  if (err == EEXIST) return Status::AlreadyExists(msg);
  return Status::IOError(msg);
}

class MappedBuffer final : public ByteBuffer {
 public:
  MappedBuffer(void* base, size_t map_size, const uint8_t* data, size_t size)
      : base_(base), map_size_(map_size), data_(data), size_(size) {}
  ~MappedBuffer() override { munmap(base_, map_size_); }
  const uint8_t* data() const override { return data_; }
  size_t size() const override { return size_; }
  void DropCache(uint64_t offset, size_t length) const override {
    static const uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGE_SIZE));
    // Only whole pages inside the range; the mapping is private and read-only, so the
    // kernel reloads dropped pages from the file if they are touched again.
    uintptr_t begin = (reinterpret_cast<uintptr_t>(data_) + offset + page - 1) / page * page;
    uintptr_t end = (reinterpret_cast<uintptr_t>(data_) + offset + length) / page * page;
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED);
  }
  void WillNeed(uint64_t offset, size_t length) const override {
    static const uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGE_SIZE));
    offset = std::min<uint64_t>(offset, size_);
    length = static_cast<size_t>(std::min<uint64_t>(length, size_ - offset));
    uintptr_t begin = (reinterpret_cast<uintptr_t>(data_) + offset) / page * page;
    uintptr_t end = reinterpret_cast<uintptr_t>(data_) + offset + length;
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_WILLNEED);
  }

 private:
  void* base_;
  size_t map_size_;
  const uint8_t* data_;
  size_t size_;
};

class LocalReadFile final : public RandomAccessFile {
 public:
  LocalReadFile(std::string path, int fd, uint64_t size) : fd_(fd), size_(size) {
    path_ = std::move(path);
  }
  ~LocalReadFile() override { close(fd_); }
  uint64_t size() const override { return size_; }

  Result<std::shared_ptr<const ByteBuffer>> Read(uint64_t offset, size_t length) override {
    if (offset >= size_) return MakeStringBuffer("");
    length = static_cast<size_t>(std::min<uint64_t>(length, size_ - offset));
    if (length >= MapThreshold()) {
      auto mapped = MapRange(offset, length);
      if (mapped.ok()) return mapped;
    }
    return ReadCopy(offset, length);
  }

  void WillNeed(uint64_t offset, uint64_t length) override {
    posix_fadvise(fd_, static_cast<off_t>(offset), static_cast<off_t>(length), POSIX_FADV_WILLNEED);
  }

  Result<std::shared_ptr<const ByteBuffer>> Map() override {
    if (size_ < MapThreshold()) return Read(0, size_);
    return MapRange(0, static_cast<size_t>(size_));
  }

 private:
  // Ranges below this (a day's CSV file, most Parquet column chunks) are read into memory
  // with pread; larger ones are mapped. A mapping costs a page fault per few pages touched
  // and a TLB shootdown when unmapped, while a read buffer reuses memory the heap already
  // has: on a virtual machine the billing job's 365 two-MB files took 1.7 s of CPU mapped and
  // 1.0 s read. The bytes read are charged to the process's tracker (MakeStringBuffer), and
  // under a low memory limit stay small: a buffer held whole by each worker would pass the
  // limit's slack.
  static size_t MapThreshold() {
    return static_cast<size_t>(
        std::min<int64_t>(4 << 20, memory::MemoryTracker::Process().limit() / 8));
  }

  Result<std::shared_ptr<const ByteBuffer>> MapRange(uint64_t offset, size_t length) {
    static const uint64_t page = static_cast<uint64_t>(sysconf(_SC_PAGE_SIZE));
    uint64_t aligned = offset / page * page;
    size_t map_size = static_cast<size_t>(offset - aligned + length);
    void* base = mmap(nullptr, map_size, PROT_READ, MAP_PRIVATE, fd_, static_cast<off_t>(aligned));
    if (base == MAP_FAILED) return ErrnoStatus("cannot map", path_);
    // Sequential only: the kernel reads ahead of the pages touched, and readers ask for
    // the ranges they are about to decode with WillNeed, never for the whole file.
    madvise(base, map_size, MADV_SEQUENTIAL);
    return std::shared_ptr<const ByteBuffer>(std::make_shared<MappedBuffer>(
        base, map_size, static_cast<const uint8_t*>(base) + (offset - aligned), length));
  }

  Result<std::shared_ptr<const ByteBuffer>> ReadCopy(uint64_t offset, size_t length) {
    std::string bytes(length, '\0');
    size_t done = 0;
    while (done < length) {
      ssize_t n = pread(fd_, bytes.data() + done, length - done, static_cast<off_t>(offset + done));
      if (n < 0) {
        if (errno == EINTR) continue;
        return ErrnoStatus("cannot read", path_);
      }
      if (n == 0) break;
      done += static_cast<size_t>(n);
    }
    bytes.resize(done);
    return MakeStringBuffer(std::move(bytes));
  }

  int fd_;
  uint64_t size_;
};

class LocalWriteFile final : public WritableFile {
 public:
  LocalWriteFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~LocalWriteFile() override {
    if (fd_ >= 0) close(fd_);
  }
  Status Append(std::string_view bytes) override {
    while (!bytes.empty()) {
      ssize_t n = write(fd_, bytes.data(), bytes.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        return ErrnoStatus("cannot write", path_);
      }
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return Status::OK();
  }
  Status Sync() override {
    if (fdatasync(fd_) != 0) return ErrnoStatus("cannot sync", path_);
    return Status::OK();
  }
  Status Close() override {
    int fd = fd_;
    fd_ = -1;
    if (close(fd) != 0) return ErrnoStatus("cannot close", path_);
    return Status::OK();
  }

 private:
  std::string path_;
  int fd_;
};

FileInfo InfoFromStat(const std::string& path, const struct stat& st) {
  FileInfo info;
  info.path = path;
  info.is_directory = S_ISDIR(st.st_mode);
  info.size = static_cast<uint64_t>(st.st_size);
  info.modification_time_ns =
      static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  info.device = static_cast<uint64_t>(st.st_dev);
  info.inode = static_cast<uint64_t>(st.st_ino);
  return info;
}

class LocalFs final : public FileSystem {
 public:
  Result<std::unique_ptr<RandomAccessFile>> OpenRead(const std::string& path) override {
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ErrnoStatus("cannot open", path);
    struct stat st;
    if (fstat(fd, &st) != 0) {
      Status s = ErrnoStatus("cannot stat", path);
      close(fd);
      return s;
    }
    if (S_ISDIR(st.st_mode)) {
      close(fd);
      return Status::IOError("'" + path + "' is a directory, expected a file");
    }
    return std::unique_ptr<RandomAccessFile>(
        std::make_unique<LocalReadFile>(path, fd, static_cast<uint64_t>(st.st_size)));
  }

  Result<std::unique_ptr<WritableFile>> OpenWrite(const std::string& path) override {
    int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return ErrnoStatus("cannot create", path);
    return std::unique_ptr<WritableFile>(std::make_unique<LocalWriteFile>(path, fd));
  }

  Result<FileInfo> GetInfo(const std::string& path) override {
    struct stat st;
    if (stat(path.c_str(), &st) != 0) return ErrnoStatus("cannot stat", path);
    return InfoFromStat(path, st);
  }

  Result<std::vector<FileInfo>> ListDir(const std::string& path) override {
    DIR* dir = opendir(path.c_str());
    if (dir == nullptr) return ErrnoStatus("cannot list", path);
    std::vector<FileInfo> out;
    std::string prefix = path.empty() || path.back() == '/' ? path : path + "/";
    while (dirent* e = readdir(dir)) {
      std::string name = e->d_name;
      if (name == "." || name == "..") continue;
      struct stat st;
      std::string child = prefix + name;
      if (stat(child.c_str(), &st) != 0) continue;  // vanished or dangling link
      out.push_back(InfoFromStat(child, st));
      struct stat link;
      out.back().through_symlink =
          e->d_type == DT_LNK ||
          (e->d_type == DT_UNKNOWN && lstat(child.c_str(), &link) == 0 && S_ISLNK(link.st_mode));
    }
    closedir(dir);
    std::sort(out.begin(), out.end(),
              [](const FileInfo& a, const FileInfo& b) { return a.path < b.path; });
    return out;
  }

  Status CreateDirs(const std::string& path) override {
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec) return Status::IOError("cannot create directory '" + path + "': " + ec.message());
    return Status::OK();
  }

  Status Rename(const std::string& from, const std::string& to) override {
    if (rename(from.c_str(), to.c_str()) != 0)
      return ErrnoStatus("cannot rename to '" + to + "'", from);
    return Status::OK();
  }

  Status RenameNoReplace(const std::string& from, const std::string& to) override {
    if (syscall(SYS_renameat2, AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) ==
        0) {
      return Status::OK();
    }
    if (errno == EEXIST) return Status::AlreadyExists("'" + to + "' already exists");
    if (errno != EINVAL && errno != ENOSYS)
      return ErrnoStatus("cannot rename to '" + to + "'", from);
    // File systems without renameat2: link() also refuses to replace.
    if (link(from.c_str(), to.c_str()) != 0) {
      if (errno == EEXIST) return Status::AlreadyExists("'" + to + "' already exists");
      return ErrnoStatus("cannot link to '" + to + "'", from);
    }
    unlink(from.c_str());
    return Status::OK();
  }

  Status Delete(const std::string& path) override {
    if (unlink(path.c_str()) != 0 && rmdir(path.c_str()) != 0)
      return ErrnoStatus("cannot delete", path);
    return Status::OK();
  }

  Status DeleteRecursive(const std::string& path) override {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
    if (ec) return Status::IOError("cannot delete '" + path + "': " + ec.message());
    return Status::OK();
  }

  // flock locks belong to the open file description: a second open of the same file in
  // this process waits too, and the kernel releases the lock if the process dies.
  Result<std::unique_ptr<FileLock>> LockExclusive(const std::string& path) override {
    int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return ErrnoStatus("cannot open the lock file", path);
    while (flock(fd, LOCK_EX) != 0) {
      if (errno == EINTR) continue;
      Status st = ErrnoStatus("cannot lock", path);
      close(fd);
      return st;
    }
    return std::unique_ptr<FileLock>(std::make_unique<LocalFileLock>(fd));
  }
};

}  // namespace

std::shared_ptr<FileSystem> LocalFileSystem() {
  static auto fs = std::make_shared<LocalFs>();
  return fs;
}

}  // namespace sluice::io
