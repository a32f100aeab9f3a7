// Path text helpers for '/'-separated paths (every FileSystem's spelling). Pure
// functions: thread-safe.
#pragma once

#include <string>

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

}  // namespace sluice::io
