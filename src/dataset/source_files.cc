#include "dataset/source_files.h"

#include <fnmatch.h>

#include <algorithm>
#include <map>

#include "common/logging.h"
#include "formats/partition_value.h"
#include "io/path.h"

namespace sluice::formats {

using io::BaseName;
using io::ParentOf;
namespace {

bool HasGlob(const std::string& s) { return s.find_first_of("*?[{") != std::string::npos; }

bool IsHidden(const std::string& name) {
  return !name.empty() && (name[0] == '.' || name[0] == '_');
}

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    if (slash > start) parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

std::string StripTrailingSlash(std::string p) {
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  return p;
}

// Expands a glob one path component at a time; returns matches and the deepest folder
// above the first wildcard (the default base path for partition discovery).
Result<std::vector<std::string>> ExpandGlob(io::FileSystem& fs, const std::string& pattern,
                                            std::string* root) {
  std::vector<std::string> parts = SplitPath(pattern);
  std::string prefix = pattern.rfind('/', 0) == 0 ? "/" : "";
  size_t i = 0;
  std::string fixed = prefix;
  for (; i < parts.size() && !HasGlob(parts[i]); ++i) {
    fixed += (fixed.empty() || fixed.back() == '/' ? "" : "/") + parts[i];
  }
  if (fixed.empty()) fixed = ".";
  *root = fixed;
  std::vector<std::string> current{fixed};
  for (; i < parts.size(); ++i) {
    std::vector<std::string> next;
    for (const std::string& dir : current) {
      auto entries = fs.ListDir(dir);
      if (!entries.ok()) continue;
      for (const io::FileInfo& e : *entries) {
        std::string name = BaseName(e.path);
        if (fnmatch(parts[i].c_str(), name.c_str(), FNM_PERIOD) == 0) next.push_back(e.path);
      }
    }
    current = std::move(next);
  }
  return current;
}

}  // namespace

Result<SourceListing> ListSourceFiles(io::FileSystem& fs, const std::vector<std::string>& paths,
                                      const ListingOptions& options) {
  struct Found {
    io::FileInfo info;
    std::string root;
  };
  std::vector<Found> found;
  for (const std::string& raw : paths) {
    std::string path = StripTrailingSlash(raw);
    std::vector<std::string> matches;
    std::string root;
    if (HasGlob(path) && !fs.Exists(path)) {
      SLUICE_ASSIGN_OR_RAISE(matches, ExpandGlob(fs, path, &root));
      if (matches.empty()) return Status::NotFound("no files match '" + raw + "'");
    } else {
      auto info = fs.GetInfo(path);
      if (!info.ok()) return Status::NotFound("path does not exist: '" + raw + "'");
      matches.push_back(path);
      root = info->is_directory ? path : ParentOf(path);
    }
    if (!options.base_path.empty()) root = StripTrailingSlash(options.base_path);
    for (const std::string& m : matches) {
      std::vector<std::string> cycles;
      SLUICE_ASSIGN_OR_RAISE(auto files, fs.ListRecursive(m, &cycles));
      for (const std::string& cycle : cycles) {
        if (options.warn_about_cycles)
          Log(LogLevel::kWarning, cycle + " (a symlink cycle): not followed");
      }
      for (io::FileInfo& f : files) {
        std::string rel =
            f.path.size() > root.size() ? f.path.substr(root.size() + 1) : BaseName(f.path);
        bool hidden = false;
        for (const std::string& part : SplitPath(rel)) hidden = hidden || IsHidden(part);
        if (hidden && f.path != path) continue;
        if (!options.path_glob_filter.empty() &&
            fnmatch(options.path_glob_filter.c_str(), BaseName(f.path).c_str(), 0) != 0) {
          continue;
        }
        found.push_back({std::move(f), root});
      }
    }
  }
  std::sort(found.begin(), found.end(),
            [](const Found& a, const Found& b) { return a.info.path < b.info.path; });
  // Each file once, by path and by identity: of the paths to one file, the one that
  // passes through no symlink is kept (its partition folders are the real ones), else
  // the first in sorted order.
  std::map<std::pair<uint64_t, uint64_t>, size_t> chosen;  // identity -> index in `found`
  for (size_t i = 0; i < found.size(); ++i) {
    const io::FileInfo& f = found[i].info;
    if (!f.HasIdentity()) continue;
    auto [it, inserted] = chosen.try_emplace({f.device, f.inode}, i);
    if (!inserted && found[it->second].info.through_symlink && !f.through_symlink) it->second = i;
  }
  std::vector<Found> unique;
  for (size_t i = 0; i < found.size(); ++i) {
    const io::FileInfo& f = found[i].info;
    if (!unique.empty() && unique.back().info.path == f.path) continue;
    if (f.HasIdentity() && chosen[{f.device, f.inode}] != i) continue;
    unique.push_back(std::move(found[i]));
  }
  found = std::move(unique);

  SourceListing listing;
  std::vector<std::string> partition_names;
  bool first = true;
  for (Found& f : found) {
    SourceFile file{f.info.path, f.info.size, f.info.modification_time_ns, {}};
    std::vector<std::string> names;
    if (!options.recursive_file_lookup && f.info.path.size() > f.root.size() &&
        f.info.path.compare(0, f.root.size(), f.root) == 0) {
      std::vector<std::string> dirs = SplitPath(f.info.path.substr(f.root.size()));
      if (!dirs.empty()) dirs.pop_back();  // the file name
      for (const std::string& dir : dirs) {
        size_t eq = dir.find('=');
        if (eq == std::string::npos || eq == 0) {
          if (!names.empty()) {
            return Status::Invalid("conflicting directory structure: '" + f.info.path +
                                   "' has folder '" + dir +
                                   "' after partition folders (expected key=value)");
          }
          continue;
        }
        names.push_back(UnescapePartitionValue(dir.substr(0, eq)));
        std::string value = UnescapePartitionValue(dir.substr(eq + 1));
        if (value == kHiveDefaultPartition) {
          file.partition_values.push_back(std::nullopt);
        } else {
          file.partition_values.push_back(value);
        }
      }
    }
    if (first) {
      partition_names = names;
      first = false;
    } else if (names != partition_names) {
      auto join = [](const std::vector<std::string>& v) {
        std::string s;
        for (const auto& n : v) s += (s.empty() ? "" : ", ") + n;
        return "[" + s + "]";
      };
      return Status::Invalid("conflicting partition columns: '" + f.info.path + "' has " +
                             join(names) + " but '" + listing.files.front().path + "' has " +
                             join(partition_names));
    }
    listing.files.push_back(std::move(file));
  }
  std::vector<types::Field> fields;
  for (size_t c = 0; c < partition_names.size(); ++c) {
    std::vector<const std::optional<std::string>*> values;
    for (const SourceFile& f : listing.files) values.push_back(&f.partition_values[c]);
    fields.push_back(types::Field{partition_names[c], InferPartitionType(values), true});
  }
  listing.partition_schema = types::Schema(std::move(fields));
  return listing;
}

}  // namespace sluice::formats
