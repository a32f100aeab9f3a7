// A deterministic generator of the five input files of the sales-days forecast example
// (examples/sales_days), in the formats the original R start script reads:
// dfSalesDaysFuture.csv and dfReinvestmentProjects.csv (the two published files, or N
// generated locations in their exact format), and, consistent with them, the monthly
// sales history, the cannibalization factors and the reinvestment factors.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"
#include "io/file_system.h"

namespace sluice::cli {

struct SalesDaysGeneratorOptions {
  uint64_t locations = 1000;
  // When not empty: the folder holding the two published files, which are read (not
  // written); only the three derived files are generated.
  std::string published_dir;
  uint64_t seed = 42;
};

Status GenerateSalesDays(io::FileSystem& fs, const std::string& out_dir,
                         const SalesDaysGeneratorOptions& options);

}  // namespace sluice::cli
