// A deterministic generator of cloud billing events shaped like the billing seed
// (/work/shared/seeds/billing/schema.json): one CSV a day in Hive folders
// year=YYYY/month=MM/day=DD/billing.csv, for the billing examples and benchmarks.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"
#include "io/file_system.h"

namespace sluice::cli {

struct BillingGeneratorOptions {
  int days = 365;
  uint64_t rows_per_day = 19200;  // 365 days: about 7M rows
  int32_t start_day = 19723;      // days since 1970-01-01: 2024-01-01
  uint64_t seed = 42;
  uint64_t bad_rows = 0;  // malformed rows per file (bad timestamp, non-integer user_id)
};

Status GenerateBilling(io::FileSystem& fs, const std::string& out_dir,
                       const BillingGeneratorOptions& options);

}  // namespace sluice::cli
