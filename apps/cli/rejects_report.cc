#include "rejects_report.h"

#include "formats/rejected_row.h"

namespace sluice::cli {

std::string Thousands(uint64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

void PrintRejectsSummary(std::FILE* out, const formats::RejectsSummary& summary, bool first_rows) {
  for (const auto& [key, count] : summary.counts()) {
    const auto& [category, column] = key;
    std::string reason = category + (column.empty() ? "" : " (column " + column + ")");
    std::fprintf(out, "  %-40s %s\n", reason.c_str(), Thousands(count).c_str());
  }
  if (!first_rows) return;
  const std::vector<formats::RejectedRow> first = summary.FirstRows();
  for (const formats::RejectedRow& r : first)
    std::fprintf(out, "  %s\n", formats::DescribeRejectedRow(r).c_str());
  if (summary.total() > first.size())
    std::fprintf(out, "  ... (%s more)\n", Thousands(summary.total() - first.size()).c_str());
}

}  // namespace sluice::cli
