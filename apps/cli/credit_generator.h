// A deterministic generator of daily credit status snapshots shaped like the SeQura mock:
// OUT/record_date=YYYY-MM-DD/part-0.csv (or .parquet), each the status of every credit that
// day (id, record_date, dim1..dim3), dims changing slowly, new credits appearing over time.
#pragma once

#include <cstdint>
#include <set>
#include <string>

#include "common/status.h"
#include "io/file_system.h"

namespace sluice::cli {

struct CreditGeneratorOptions {
  int days = 400;
  uint64_t credits = 73000;   // credits on the last day; half exist from the first day
  int32_t start_day = 18628;  // days since 1970-01-01: 2021-01-01
  bool parquet = false;
  std::set<int32_t> skip_days;  // days (since 1970-01-01) without a snapshot
  uint64_t seed = 42;
};

Status GenerateCredits(io::FileSystem& fs, const std::string& out_dir,
                       const CreditGeneratorOptions& options);

}  // namespace sluice::cli
