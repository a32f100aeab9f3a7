// Printing what reads rejected: counts per reason and column, then the first rows by file
// and line (`validate` on standard output, `sql` on standard error).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "formats/rejects_summary.h"

namespace sluice::cli {

// 1234567 as "1,234,567".
std::string Thousands(uint64_t n);

void PrintRejectsSummary(std::FILE* out, const formats::RejectsSummary& summary, bool first_rows);

}  // namespace sluice::cli
