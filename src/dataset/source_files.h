// Source file discovery for file-based readers: expands files, folders, globs and lists
// of them into the data files to read, skipping hidden and marker files (names starting
// with '.' or '_'; a symlink back to a parent folder is not followed, and a file reached by
// two paths is listed once), and discovers Hive partitions (`year=2024/month=01/`) with inferred
// column types, as Spark's partition discovery does. Stateless: thread-safe.
#pragma once

#include <string>
#include <vector>

#include "formats/source_listing.h"
#include "io/file_system.h"

namespace sluice::formats {

Result<SourceListing> ListSourceFiles(io::FileSystem& fs, const std::vector<std::string>& paths,
                                      const ListingOptions& options);

}  // namespace sluice::formats
