// Source file discovery for file-based readers: expands files, folders, globs and lists
// of them into the data files to read, skipping hidden and marker files (names starting
// with '.' or '_'; a symlink back to a parent folder is not followed, and a file reached by
// two paths is listed once), and discovers Hive partitions (`year=2024/month=01/`) with inferred
// column types, as Spark's partition discovery does. Stateless: thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "io/file_system.h"
#include "types/schema.h"

namespace sluice::formats {

struct ListingOptions {
  std::string base_path;               // Spark's basePath: where partition folders start
  bool recursive_file_lookup = false;  // read nested folders; disables partition discovery
  std::string path_glob_filter;        // a glob on file names, e.g. "*.csv"
  bool warn_about_cycles = true;       // log each symlink cycle that was cut
};

struct SourceFile {
  std::string path;
  uint64_t size = 0;
  int64_t modification_time_ns = 0;
  // One raw (URL-unescaped) value per partition column; nullopt for __HIVE_DEFAULT_PARTITION__.
  std::vector<std::optional<std::string>> partition_values;
};

struct SourceListing {
  std::vector<SourceFile> files;
  types::Schema partition_schema;  // partition columns in folder order, types inferred
};

// Takes one of Spark's listing options (basePath, recursiveFileLookup, pathGlobFilter;
// the key in lower case) into `out`; false for any other key.
bool ApplyListingOption(const std::string& key, const std::string& value, ListingOptions* out);

Result<SourceListing> ListSourceFiles(io::FileSystem& fs, const std::vector<std::string>& paths,
                                      const ListingOptions& options);

// Spark's escaping of partition values in folder names, and its inverse.
std::string EscapePartitionValue(const std::string& value);
std::string UnescapePartitionValue(const std::string& value);

inline constexpr const char* kHiveDefaultPartition = "__HIVE_DEFAULT_PARTITION__";

}  // namespace sluice::formats
