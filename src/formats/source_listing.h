// SourceListing: the data files a reader reads, each with its Hive partition values, and
// the listing options a format's option map carries. The dataset layer lists the files
// (dataset/source_files.h); readers only read what they are given. Plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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

}  // namespace sluice::formats
