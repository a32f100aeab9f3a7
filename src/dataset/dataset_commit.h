// DatasetCommit: moves a staged dataset into its target so that a job killed at any step
// of the move can be finished later. A commit that takes more than one rename
// (overwrite, dynamic partition overwrite, append) first records its plan in a journal
// file beside the target (`.NAME.sluice-commit-JOB`); the steps are idempotent, so the
// next writer of the same target (RecoverDataset, run by DatasetWriter::Open) rolls an
// interrupted commit forward from wherever it stopped. Staging folders of jobs that died
// before committing are deleted then too. Free functions over a FileSystem: safe to call
// from several threads for different targets.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "io/file_system.h"

namespace sluice::formats {

struct CommitPlan {
  std::string target;   // the dataset folder, or a single file
  std::string staging;  // the staged output, moved into the target
  std::string trash;    // where replaced data waits until the commit is done
  // The target is swapped for the staging whole (overwrite, a single file) ...
  bool replace_whole = false;
  // ... or the staged files move in one by one, after these partition folders of the
  // target (relative paths) are set aside.
  std::vector<std::string> replaced_dirs;
};

// A job id naming this process and the moment: staging, trash and journal names carry it.
std::string NewJobId();

// Records the plan beside the target, carries it out and removes the record.
Status CommitDataset(io::FileSystem& fs, const CommitPlan& plan, const std::string& job_id);

// Finishes the commits of dead jobs on `target` and deletes their staging folders.
// Jobs whose process is alive (on this machine) are left alone.
Status RecoverDataset(io::FileSystem& fs, const std::string& target,
                      const std::function<bool(int pid)>& process_alive = nullptr);

}  // namespace sluice::formats
