#include "exec/temp_directory.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>

#include "common/logging.h"

namespace sluice::exec {

TempDirectory::TempDirectory(std::shared_ptr<io::FileSystem> fs, std::string parent)
    : fs_(std::move(fs)), parent_(std::move(parent)) {}

TempDirectory::~TempDirectory() {
  if (path_.empty()) return;
  Status deleted = fs_->DeleteRecursive(path_);
  if (!deleted.ok())
    Log(LogLevel::kWarning, "could not delete the spill folder: " + deleted.message());
}

std::string TempDirectory::SystemDefault() {
  const char* tmp = std::getenv("TMPDIR");
  return tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
}

Result<std::string> TempDirectory::NewFile(const std::string& prefix) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (path_.empty()) {
    // Several queries of one process may spill at once: each gets its own folder.
    static std::atomic<uint64_t> next{0};
    std::string path =
        parent_ + "/sluice-spill-" + std::to_string(::getpid()) + "-" + std::to_string(next++);
    Status made = fs_->CreateDirs(path);
    if (!made.ok())
      return Status::IOError("cannot make the spill folder '" + path + "': " + made.message() +
                             " (set --temp-dir or spark.local.dir to a writable folder)");
    path_ = std::move(path);
  }
  return path_ + "/" + prefix + "-" + std::to_string(files_++) + ".spill";
}

}  // namespace sluice::exec
