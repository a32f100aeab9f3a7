// A deterministic generator of the two files the Denver open data catalog republishes with a
// rolling window: traffic accidents (traffic_accidents.csv, 45 upper-case columns, timestamps
// yyyy-MM-dd HH:mm:ss) and 311 service requests (311_service_requests.csv, Latin-1, a leading
// comment line, 24 columns with spaces in their names, MM/dd/yyyy and MM/dd/yyyy hh:mm:ss a).
// A release holds the six years before its date; a later release repeats the rows it still
// covers (same ids, same values) and adds the newer ones, so re-ingestion can be tested.
// Stateless: thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"
#include "io/file_system.h"

namespace sluice::cli {

struct DenverGeneratorOptions {
  uint64_t accidents = 150000;  // about the rows of each release's accidents file
  uint64_t requests = 300000;   // about the rows of each release's 311 file
  int32_t release_day = 18262;  // days since 1970-01-01: 2020-01-01
  uint64_t seed = 42;
};

Status GenerateDenver(io::FileSystem& fs, const std::string& out_dir,
                      const DenverGeneratorOptions& options);

}  // namespace sluice::cli
