// Path text helpers for '/'-separated paths (every FileSystem's spelling). Pure
// functions: thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace sluice::io {

// The last component: "a/b/c.csv" -> "c.csv".
inline std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Everything before the last component: "a/b/c.csv" -> "a/b", "/x" -> "/", "x" -> ".".
inline std::string ParentOf(const std::string& path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// True when `path` ends with `extension` (".parquet", ".csv.gz") in any letter case, as
// Spark's and Hadoop's codec and format lookups do.
inline bool HasExtension(std::string_view path, std::string_view extension) {
  if (path.size() < extension.size()) return false;
  std::string_view tail = path.substr(path.size() - extension.size());
  for (size_t i = 0; i < tail.size(); ++i) {
    char a = tail[i], b = extension[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

}  // namespace sluice::io
