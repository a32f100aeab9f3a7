#include "io/fault_injecting_file_system.h"

#include <algorithm>

namespace sluice::io {
namespace {

class FaultyWriteFile final : public WritableFile {
 public:
  FaultyWriteFile(FaultInjectingFileSystem* fs, std::string path,
                  std::unique_ptr<WritableFile> base)
      : fs_(fs), path_(std::move(path)), base_(std::move(base)) {}
  Status Append(std::string_view bytes) override {
    SLUICE_RETURN_NOT_OK(fs_->CountOperation("write to '" + path_ + "'"));
    SLUICE_RETURN_NOT_OK(base_->Append(bytes));
    written_ += bytes.size();
    fs_->RecordWritten(path_, written_);
    return Status::OK();
  }
  Status Sync() override {
    SLUICE_RETURN_NOT_OK(fs_->CountOperation("sync of '" + path_ + "'"));
    SLUICE_RETURN_NOT_OK(base_->Sync());
    fs_->RecordSynced(path_, written_);
    return Status::OK();
  }
  Status Close() override { return base_->Close(); }

 private:
  FaultInjectingFileSystem* fs_;
  std::string path_;
  std::unique_ptr<WritableFile> base_;
  uint64_t written_ = 0;
};

class UnmappableReadFile final : public RandomAccessFile {
 public:
  UnmappableReadFile(FaultInjectingFileSystem* fs, std::unique_ptr<RandomAccessFile> base)
      : fs_(fs), base_(std::move(base)) {
    path_ = base_->path();
  }
  uint64_t size() const override { return base_->size(); }
  Result<std::shared_ptr<const ByteBuffer>> Read(uint64_t offset, size_t length) override {
    fs_->RecordRead(length);
    return base_->Read(offset, length);
  }
  Result<std::shared_ptr<const ByteBuffer>> Map() override {
    return Status::IOError("cannot map '" + path_ + "': refused (fault injection)");
  }

 private:
  FaultInjectingFileSystem* fs_;
  std::unique_ptr<RandomAccessFile> base_;
};

}  // namespace

void FaultInjectingFileSystem::RefuseMapping() {
  std::lock_guard lock(mu_);
  refuse_mapping_ = true;
}

size_t FaultInjectingFileSystem::largest_read() {
  std::lock_guard lock(mu_);
  return largest_read_;
}

void FaultInjectingFileSystem::RecordRead(size_t length) {
  std::lock_guard lock(mu_);
  largest_read_ = std::max(largest_read_, length);
}

Result<std::unique_ptr<RandomAccessFile>> FaultInjectingFileSystem::OpenRead(
    const std::string& path) {
  SLUICE_ASSIGN_OR_RAISE(auto file, base_->OpenRead(path));
  std::lock_guard lock(mu_);
  if (!refuse_mapping_) return file;
  return std::unique_ptr<RandomAccessFile>(
      std::make_unique<UnmappableReadFile>(this, std::move(file)));
}

void FaultInjectingFileSystem::FailAfter(int n) {
  std::lock_guard lock(mu_);
  fail_at_ = operations_ + n;
}

Status FaultInjectingFileSystem::CountOperation(const std::string& what) {
  std::lock_guard lock(mu_);
  ++operations_;
  if (fail_at_ > 0 && operations_ >= fail_at_) {
    return Status::IOError("injected fault at operation " + std::to_string(operations_) + ": " +
                           what);
  }
  return Status::OK();
}

void FaultInjectingFileSystem::RecordWritten(const std::string& path, uint64_t bytes) {
  std::lock_guard lock(mu_);
  files_[path].first = bytes;
}

void FaultInjectingFileSystem::RecordSynced(const std::string& path, uint64_t bytes) {
  std::lock_guard lock(mu_);
  files_[path].second = bytes;
}

Status FaultInjectingFileSystem::SimulateCrash() {
  std::map<std::string, std::pair<uint64_t, uint64_t>> files;
  {
    std::lock_guard lock(mu_);
    files.swap(files_);
    fail_at_ = -1;
  }
  for (const auto& [path, sizes] : files) {
    if (sizes.second >= sizes.first || !base_->Exists(path)) continue;
    SLUICE_ASSIGN_OR_RAISE(std::string contents, base_->ReadAll(path));
    contents.resize(std::min<uint64_t>(contents.size(), sizes.second));
    SLUICE_RETURN_NOT_OK(base_->WriteAll(path, contents));
  }
  return Status::OK();
}

Result<std::unique_ptr<WritableFile>> FaultInjectingFileSystem::OpenWrite(const std::string& path) {
  SLUICE_RETURN_NOT_OK(CountOperation("create '" + path + "'"));
  SLUICE_ASSIGN_OR_RAISE(auto base, base_->OpenWrite(path));
  RecordWritten(path, 0);
  RecordSynced(path, 0);
  return std::unique_ptr<WritableFile>(
      std::make_unique<FaultyWriteFile>(this, path, std::move(base)));
}

Status FaultInjectingFileSystem::CreateDirs(const std::string& path) {
  SLUICE_RETURN_NOT_OK(CountOperation("mkdir '" + path + "'"));
  return base_->CreateDirs(path);
}
Status FaultInjectingFileSystem::Rename(const std::string& from, const std::string& to) {
  SLUICE_RETURN_NOT_OK(CountOperation("rename '" + from + "'"));
  return base_->Rename(from, to);
}
Status FaultInjectingFileSystem::RenameNoReplace(const std::string& from, const std::string& to) {
  SLUICE_RETURN_NOT_OK(CountOperation("rename '" + from + "'"));
  return base_->RenameNoReplace(from, to);
}
Status FaultInjectingFileSystem::Delete(const std::string& path) {
  SLUICE_RETURN_NOT_OK(CountOperation("delete '" + path + "'"));
  return base_->Delete(path);
}
Status FaultInjectingFileSystem::DeleteRecursive(const std::string& path) {
  SLUICE_RETURN_NOT_OK(CountOperation("delete '" + path + "'"));
  return base_->DeleteRecursive(path);
}

}  // namespace sluice::io
