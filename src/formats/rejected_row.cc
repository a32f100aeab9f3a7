#include "formats/rejected_row.h"

namespace sluice::formats {

bool RejectedBefore(const RejectedRow& a, const RejectedRow& b) {
  int c = a.file.compare(b.file);
  return c != 0 ? c < 0 : a.line < b.line;
}

std::string DescribeRejectedRow(const RejectedRow& row) {
  std::string out =
      row.file + ":" + std::to_string(row.line) + " (byte " + std::to_string(row.byte_offset) + ")";
  if (!row.column.empty()) out += ", column '" + row.column + "'";
  out += ": " + row.reason;
  std::string raw = row.raw.size() > 200 ? row.raw.substr(0, 200) + "..." : row.raw;
  return out + "; row text: " + raw;
}

}  // namespace sluice::formats
