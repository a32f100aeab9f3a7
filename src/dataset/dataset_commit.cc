#include "dataset/dataset_commit.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <sstream>

#include "io/path.h"

namespace sluice::formats {

using io::BaseName;
using io::ParentOf;
namespace {

constexpr char kCommitTag[] = ".sluice-commit-";
constexpr char kStagingTag[] = ".sluice-staging-";

std::string JournalPath(const std::string& target, const std::string& job_id) {
  return ParentOf(target) + "/." + BaseName(target) + kCommitTag + job_id;
}

// The journal: one `key<TAB>value` line per fact; `moving` once the replaced folders
// are set aside. Written to a temporary name and renamed, so it is whole or absent.
Status WriteJournal(io::FileSystem& fs, const std::string& path, const CommitPlan& plan,
                    bool moving) {
  std::string text = "target\t" + plan.target + "\nstaging\t" + plan.staging + "\ntrash\t" +
                     plan.trash + "\nwhole\t" + (plan.replace_whole ? "1" : "0") + "\n";
  for (const std::string& dir : plan.replaced_dirs) text += "replace\t" + dir + "\n";
  if (moving) text += "moving\t1\n";
  std::vector<std::string> paths = {plan.target, plan.staging, plan.trash};
  paths.insert(paths.end(), plan.replaced_dirs.begin(), plan.replaced_dirs.end());
  for (const std::string& p : paths) {
    if (p.find('\n') != std::string::npos)
      return Status::Invalid("cannot commit to '" + plan.target + "': a path holds a line break");
  }
  SLUICE_RETURN_NOT_OK(fs.WriteAll(path + ".tmp", text));
  return fs.Rename(path + ".tmp", path);
}

Result<CommitPlan> ReadJournal(io::FileSystem& fs, const std::string& path, bool* moving) {
  SLUICE_ASSIGN_OR_RAISE(std::string text, fs.ReadAll(path));
  CommitPlan plan;
  *moving = false;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    size_t tab = line.find('\t');
    if (tab == std::string::npos)
      return Status::ParseError("commit journal '" + path + "': line without a tab");
    std::string key = line.substr(0, tab), value = line.substr(tab + 1);
    if (key == "target")
      plan.target = value;
    else if (key == "staging")
      plan.staging = value;
    else if (key == "trash")
      plan.trash = value;
    else if (key == "whole")
      plan.replace_whole = value == "1";
    else if (key == "replace")
      plan.replaced_dirs.push_back(value);
    else if (key == "moving")
      *moving = true;
    else
      return Status::ParseError("commit journal '" + path + "': unknown key '" + key + "'");
  }
  if (plan.target.empty() || plan.staging.empty() || plan.trash.empty())
    return Status::ParseError("commit journal '" + path + "' is incomplete");
  return plan;
}

// Carries the plan out from wherever an earlier attempt stopped.
Status RollForward(io::FileSystem& fs, const CommitPlan& plan, const std::string& journal,
                   bool moving) {
  if (plan.replace_whole) {
    if (fs.Exists(plan.staging)) {
      if (fs.Exists(plan.target)) {
        if (fs.Exists(plan.trash)) {
          return Status::IOError("cannot finish the commit to '" + plan.target +
                                 "': both it and '" + plan.trash + "' exist");
        }
        SLUICE_RETURN_NOT_OK(fs.Rename(plan.target, plan.trash));
      }
      SLUICE_RETURN_NOT_OK(fs.Rename(plan.staging, plan.target));
    }
  } else {
    if (!moving) {
      for (const std::string& dir : plan.replaced_dirs) {
        const std::string old_dir = plan.target + "/" + dir;
        const std::string aside = plan.trash + "/" + dir;
        if (!fs.Exists(old_dir) || fs.Exists(aside)) continue;
        SLUICE_RETURN_NOT_OK(fs.CreateDirs(ParentOf(aside)));
        SLUICE_RETURN_NOT_OK(fs.Rename(old_dir, aside));
      }
      SLUICE_RETURN_NOT_OK(WriteJournal(fs, journal, plan, true));
    }
    if (fs.Exists(plan.staging)) {
      SLUICE_ASSIGN_OR_RAISE(auto files, fs.ListRecursive(plan.staging));
      for (const io::FileInfo& f : files) {
        const std::string relative = f.path.substr(plan.staging.size() + 1);
        if (relative == "_SUCCESS") continue;
        SLUICE_RETURN_NOT_OK(fs.CreateDirs(ParentOf(plan.target + "/" + relative)));
        SLUICE_RETURN_NOT_OK(fs.Rename(f.path, plan.target + "/" + relative));
      }
      SLUICE_RETURN_NOT_OK(fs.DeleteRecursive(plan.staging));
    }
    SLUICE_RETURN_NOT_OK(fs.WriteAll(plan.target + "/_SUCCESS", ""));
  }
  if (fs.Exists(plan.trash)) SLUICE_RETURN_NOT_OK(fs.DeleteRecursive(plan.trash));
  return fs.Delete(journal);
}

std::optional<int> JobPid(const std::string& job_id) {
  if (job_id.size() < 8) return std::nullopt;
  unsigned pid = 0;
  if (std::sscanf(job_id.substr(0, 8).c_str(), "%8x", &pid) != 1) return std::nullopt;
  return static_cast<int>(pid);
}

bool ProcessAlive(int pid) {
  if (pid <= 0) return true;  // unknown: assume alive, touch nothing
  return kill(pid, 0) == 0 || errno == EPERM;
}

}  // namespace

std::string NewJobId() {
  auto now = std::chrono::system_clock::now().time_since_epoch().count();
  char id[48];
  std::snprintf(id, sizeof(id), "%08x%08llx", static_cast<unsigned>(getpid()),
                static_cast<unsigned long long>(now));
  return id;
}

Status CommitDataset(io::FileSystem& fs, const CommitPlan& plan, const std::string& job_id) {
  const std::string journal = JournalPath(plan.target, job_id);
  SLUICE_RETURN_NOT_OK(WriteJournal(fs, journal, plan, false));
  return RollForward(fs, plan, journal, false);
}

Status RecoverDataset(io::FileSystem& fs, const std::string& target,
                      const std::function<bool(int pid)>& process_alive) {
  const std::string parent = ParentOf(target);
  if (!fs.Exists(parent)) return Status::OK();
  SLUICE_ASSIGN_OR_RAISE(auto entries, fs.ListDir(parent));
  const std::string prefix = "." + BaseName(target);
  auto dead = [&](const std::string& job_id) {
    auto pid = JobPid(job_id);
    if (!pid) return false;
    return !(process_alive ? process_alive(*pid) : ProcessAlive(*pid));
  };
  // Interrupted commits first: their staging folders are still needed.
  for (const io::FileInfo& entry : entries) {
    const std::string name = BaseName(entry.path);
    const std::string tag = prefix + kCommitTag;
    if (name.rfind(tag, 0) != 0 || name.size() <= tag.size()) continue;
    const std::string job_id = name.substr(tag.size());
    if (job_id.find('.') != std::string::npos) {  // a journal never renamed into place
      // (Finishing its commit above may have used and renamed it already.)
      if (dead(job_id.substr(0, job_id.find('.'))) && fs.Exists(entry.path))
        SLUICE_RETURN_NOT_OK(fs.Delete(entry.path));
      continue;
    }
    if (!dead(job_id)) continue;
    bool moving = false;
    SLUICE_ASSIGN_OR_RAISE(CommitPlan plan, ReadJournal(fs, entry.path, &moving));
    SLUICE_RETURN_NOT_OK(RollForward(fs, plan, entry.path, moving)
                             .WithContext("finishing the interrupted commit of job " + job_id));
  }
  // Then staging left by jobs that died before committing.
  SLUICE_ASSIGN_OR_RAISE(entries, fs.ListDir(parent));
  for (const io::FileInfo& entry : entries) {
    const std::string name = BaseName(entry.path);
    const std::string tag = prefix + kStagingTag;
    if (name.rfind(tag, 0) != 0 || !dead(name.substr(tag.size()))) continue;
    if (fs.Exists(JournalPath(target, name.substr(tag.size())))) continue;
    SLUICE_RETURN_NOT_OK(fs.DeleteRecursive(entry.path));
  }
  return Status::OK();
}

}  // namespace sluice::formats
