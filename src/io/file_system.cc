#include "io/file_system.h"

#include <algorithm>

#include "memory/memory_tracker.h"

namespace sluice::io {
namespace {
// Charged to the process's tracker while alive (strings read from it may pin it), so that
// the room queries reserve in counts the bytes readers hold. Charged, not reserved: a
// reader needs the bytes it asked for to make progress.
class StringBuffer final : public ByteBuffer {
 public:
  explicit StringBuffer(std::string bytes) : bytes_(std::move(bytes)) {
    memory::MemoryTracker::Process().Charge(static_cast<int64_t>(bytes_.capacity()));
  }
  ~StringBuffer() override {
    memory::MemoryTracker::Process().Release(static_cast<int64_t>(bytes_.capacity()));
  }
  const uint8_t* data() const override { return reinterpret_cast<const uint8_t*>(bytes_.data()); }
  size_t size() const override { return bytes_.size(); }

 private:
  std::string bytes_;
};
}  // namespace

std::shared_ptr<const ByteBuffer> MakeStringBuffer(std::string bytes) {
  return std::make_shared<StringBuffer>(std::move(bytes));
}

namespace {
// Bytes [offset, offset + size) of a buffer it keeps alive.
class BufferSlice final : public ByteBuffer {
 public:
  BufferSlice(std::shared_ptr<const ByteBuffer> whole, uint64_t offset, size_t size)
      : whole_(std::move(whole)), offset_(offset), size_(size) {}
  const uint8_t* data() const override { return whole_->data() + offset_; }
  size_t size() const override { return size_; }

 private:
  std::shared_ptr<const ByteBuffer> whole_;
  uint64_t offset_;
  size_t size_;
};

class BufferFile final : public RandomAccessFile {
 public:
  BufferFile(std::shared_ptr<const ByteBuffer> bytes, std::string path) : bytes_(std::move(bytes)) {
    path_ = std::move(path);
  }
  uint64_t size() const override { return bytes_->size(); }
  Result<std::shared_ptr<const ByteBuffer>> Read(uint64_t offset, size_t length) override {
    offset = std::min<uint64_t>(offset, bytes_->size());
    length = static_cast<size_t>(std::min<uint64_t>(length, bytes_->size() - offset));
    return std::shared_ptr<const ByteBuffer>(std::make_shared<BufferSlice>(bytes_, offset, length));
  }
  Result<std::shared_ptr<const ByteBuffer>> Map() override { return bytes_; }

 private:
  std::shared_ptr<const ByteBuffer> bytes_;
};
}  // namespace

std::unique_ptr<RandomAccessFile> MakeBufferFile(std::shared_ptr<const ByteBuffer> bytes,
                                                 std::string path) {
  return std::make_unique<BufferFile>(std::move(bytes), std::move(path));
}

namespace {

// Depth-first; `ancestors` are the folders on the current path, so a symlink back to one
// of them is skipped instead of being walked until the path grows too long.
Status ListUnder(FileSystem& fs, const FileInfo& dir, std::vector<FileInfo>* ancestors,
                 std::vector<FileInfo>* out, std::vector<std::string>* cycles) {
  SLUICE_ASSIGN_OR_RAISE(auto entries, fs.ListDir(dir.path));
  ancestors->push_back(dir);
  for (FileInfo& e : entries) {
    e.through_symlink = e.through_symlink || dir.through_symlink;
    if (!e.is_directory) {
      out->push_back(std::move(e));
      continue;
    }
    auto loop = std::find_if(ancestors->begin(), ancestors->end(),
                             [&](const FileInfo& a) { return a.SameFile(e); });
    if (loop != ancestors->end()) {
      if (cycles) cycles->push_back("'" + e.path + "' leads back to '" + loop->path + "'");
      continue;
    }
    SLUICE_RETURN_NOT_OK(ListUnder(fs, e, ancestors, out, cycles));
  }
  ancestors->pop_back();
  return Status::OK();
}

}  // namespace

Result<std::vector<FileInfo>> FileSystem::ListRecursive(const std::string& path,
                                                        std::vector<std::string>* cycles) {
  SLUICE_ASSIGN_OR_RAISE(FileInfo root, GetInfo(path));
  if (!root.is_directory) return std::vector<FileInfo>{root};
  std::vector<FileInfo> out;
  std::vector<FileInfo> ancestors;
  SLUICE_RETURN_NOT_OK(ListUnder(*this, root, &ancestors, &out, cycles));
  std::sort(out.begin(), out.end(),
            [](const FileInfo& a, const FileInfo& b) { return a.path < b.path; });
  return out;
}

Result<std::unique_ptr<FileLock>> FileSystem::LockExclusive(const std::string& /*path*/) {
  return std::make_unique<FileLock>();
}

Result<std::string> FileSystem::ReadAll(const std::string& path) {
  SLUICE_ASSIGN_OR_RAISE(auto file, OpenRead(path));
  SLUICE_ASSIGN_OR_RAISE(auto buffer, file->Read(0, file->size()));
  return std::string(buffer->view());
}

Status FileSystem::WriteAll(const std::string& path, std::string_view bytes) {
  SLUICE_ASSIGN_OR_RAISE(auto file, OpenWrite(path));
  SLUICE_RETURN_NOT_OK(file->Append(bytes));
  SLUICE_RETURN_NOT_OK(file->Sync());
  return file->Close();
}

}  // namespace sluice::io
