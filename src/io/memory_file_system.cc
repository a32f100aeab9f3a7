#include "io/memory_file_system.h"

namespace sluice::io {
namespace {

std::string Normalize(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

// A file's bytes, shared with the file system, not copied (a later write copies the file).
class FileBytes final : public ByteBuffer {
 public:
  explicit FileBytes(std::shared_ptr<const std::string> file) : file_(std::move(file)) {}
  const uint8_t* data() const override { return reinterpret_cast<const uint8_t*>(file_->data()); }
  size_t size() const override { return file_->size(); }

 private:
  std::shared_ptr<const std::string> file_;
};

class MemoryWriteFile final : public WritableFile {
 public:
  MemoryWriteFile(MemoryFileSystem* fs, std::string path) : fs_(fs), path_(std::move(path)) {}
  Status Append(std::string_view bytes) override {
    fs_->Append(path_, bytes);
    return Status::OK();
  }
  Status Sync() override { return Status::OK(); }
  Status Close() override { return Status::OK(); }

 private:
  MemoryFileSystem* fs_;
  std::string path_;
};

}  // namespace

void MemoryFileSystem::Store(const std::string& path, std::string contents) {
  std::lock_guard lock(mu_);
  files_[Normalize(path)] = std::make_shared<std::string>(std::move(contents));
}

void MemoryFileSystem::Append(const std::string& path, std::string_view bytes) {
  std::lock_guard lock(mu_);
  std::shared_ptr<std::string>& file = files_[Normalize(path)];
  if (!file) {
    file = std::make_shared<std::string>(bytes);
  } else if (file.use_count() == 1) {
    file->append(bytes);
  } else {
    auto copy = std::make_shared<std::string>(*file);  // a reader keeps what it opened
    copy->append(bytes);
    file = std::move(copy);
  }
}

bool MemoryFileSystem::IsDirLocked(const std::string& path) const {
  if (dirs_.count(path) > 0) return true;
  std::string prefix = path + "/";
  auto it = files_.lower_bound(prefix);
  return it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

Result<std::unique_ptr<RandomAccessFile>> MemoryFileSystem::OpenRead(const std::string& path) {
  std::lock_guard lock(mu_);
  auto it = files_.find(Normalize(path));
  if (it == files_.end()) return Status::NotFound("cannot open '" + path + "': no such file");
  return MakeBufferFile(std::make_shared<FileBytes>(it->second), path);
}

Result<std::unique_ptr<WritableFile>> MemoryFileSystem::OpenWrite(const std::string& path) {
  Store(path, "");
  return std::unique_ptr<WritableFile>(std::make_unique<MemoryWriteFile>(this, Normalize(path)));
}

Result<FileInfo> MemoryFileSystem::GetInfo(const std::string& raw) {
  std::lock_guard lock(mu_);
  std::string path = Normalize(raw);
  auto it = files_.find(path);
  if (it != files_.end()) return FileInfo{path, false, it->second->size(), 0};
  if (IsDirLocked(path)) return FileInfo{path, true, 0, 0};
  return Status::NotFound("cannot stat '" + raw + "': no such file or directory");
}

Result<std::vector<FileInfo>> MemoryFileSystem::ListDir(const std::string& raw) {
  std::lock_guard lock(mu_);
  std::string path = Normalize(raw);
  if (!IsDirLocked(path)) return Status::NotFound("cannot list '" + raw + "': no such directory");
  std::string prefix = path + "/";
  std::map<std::string, FileInfo> entries;
  auto add = [&](const std::string& name, bool is_file, uint64_t size) {
    size_t slash = name.find('/', prefix.size());
    if (slash == std::string::npos) {
      entries[name] = FileInfo{name, !is_file, size, 0};
    } else {
      std::string dir = name.substr(0, slash);
      entries[dir] = FileInfo{dir, true, 0, 0};
    }
  };
  for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.rfind(prefix, 0) == 0;
       ++it) {
    add(it->first, true, it->second->size());
  }
  for (const std::string& d : dirs_) {
    if (d.rfind(prefix, 0) == 0) add(d, false, 0);
  }
  std::vector<FileInfo> out;
  for (auto& [name, info] : entries) out.push_back(info);
  return out;
}

Status MemoryFileSystem::CreateDirs(const std::string& raw) {
  std::lock_guard lock(mu_);
  std::string path = Normalize(raw);
  for (size_t pos = 1; pos != std::string::npos; pos = path.find('/', pos + 1)) {
    dirs_.insert(path.substr(0, pos));
  }
  dirs_.insert(path);
  return Status::OK();
}

Status MemoryFileSystem::Rename(const std::string& from, const std::string& to) {
  std::lock_guard lock(mu_);
  std::string f = Normalize(from), t = Normalize(to);
  auto it = files_.find(f);
  if (it != files_.end()) {
    files_[t] = it->second;
    files_.erase(f);
    return Status::OK();
  }
  if (!IsDirLocked(f)) return Status::NotFound("cannot rename '" + from + "': no such file");
  std::string prefix = f + "/";
  std::map<std::string, std::shared_ptr<std::string>> moved;
  for (auto i = files_.begin(); i != files_.end();) {
    if (i->first.rfind(prefix, 0) == 0) {
      moved[t + i->first.substr(f.size())] = i->second;
      i = files_.erase(i);
    } else {
      ++i;
    }
  }
  files_.insert(moved.begin(), moved.end());
  dirs_.erase(f);
  dirs_.insert(t);
  return Status::OK();
}

Status MemoryFileSystem::RenameNoReplace(const std::string& from, const std::string& to) {
  {
    std::lock_guard lock(mu_);
    std::string t = Normalize(to);
    if (files_.count(t) > 0 || IsDirLocked(t))
      return Status::AlreadyExists("'" + to + "' already exists");
  }
  return Rename(from, to);
}

Status MemoryFileSystem::Delete(const std::string& path) {
  std::lock_guard lock(mu_);
  if (files_.erase(Normalize(path)) == 0 && dirs_.erase(Normalize(path)) == 0) {
    return Status::NotFound("cannot delete '" + path + "': no such file");
  }
  return Status::OK();
}

Status MemoryFileSystem::DeleteRecursive(const std::string& raw) {
  std::lock_guard lock(mu_);
  std::string path = Normalize(raw), prefix = path + "/";
  files_.erase(path);
  dirs_.erase(path);
  for (auto i = files_.begin(); i != files_.end();) {
    i = i->first.rfind(prefix, 0) == 0 ? files_.erase(i) : std::next(i);
  }
  for (auto i = dirs_.begin(); i != dirs_.end();) {
    i = i->rfind(prefix, 0) == 0 ? dirs_.erase(i) : std::next(i);
  }
  return Status::OK();
}

}  // namespace sluice::io
