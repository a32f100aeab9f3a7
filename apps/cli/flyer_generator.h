// A deterministic generator of flyer app events shaped like the flyer seed data
// (timestamp with offset, 64-hex user id, event, flyer_id, merchant_id; the seed's event
// mix and empty ids), for the demo landing zone and the benchmarks. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"
#include "io/file_system.h"

namespace sluice::cli {

struct FlyerGeneratorOptions {
  uint64_t rows = 100000;
  int files = 1;  // files per day folder
  int days = 1;   // consecutive days from 2018-10-01, one date=YYYY-MM-DD folder each
  uint64_t seed = 42;
  uint64_t bad_rows = 0;  // malformed rows spread through the data, to exercise rejects
};

// Writes OUT/date=YYYY-MM-DD/part-NNNNN.csv files (or a single file when OUT ends in .csv).
Status GenerateFlyerEvents(io::FileSystem& fs, const std::string& out,
                           const FlyerGeneratorOptions& options);

}  // namespace sluice::cli
