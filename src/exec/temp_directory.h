// TempDirectory: the folder a query's operators spill into, `<parent>/sluice-spill-<pid>-<n>`
// (the parent: --temp-dir or spark.local.dir, else the system's temporary folder). It is
// made on first use and deleted with everything in it when the query's TempDirectory goes,
// whether the query returned, failed or was cancelled. Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "common/status.h"
#include "io/file_system.h"

namespace sluice::exec {

class TempDirectory {
 public:
  TempDirectory(std::shared_ptr<io::FileSystem> fs, std::string parent);
  ~TempDirectory();
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;

  // $TMPDIR, else /tmp.
  static std::string SystemDefault();

  // A path for a new file in the folder (made on the first call).
  Result<std::string> NewFile(const std::string& prefix);
  io::FileSystem& fs() const { return *fs_; }

 private:
  std::shared_ptr<io::FileSystem> fs_;
  std::string parent_;
  std::mutex mutex_;
  std::string path_;  // empty until made
  size_t files_ = 0;
};

}  // namespace sluice::exec
