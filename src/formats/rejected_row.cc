#include "formats/rejected_row.h"

#include "formats/csv/csv_writer.h"

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

void AppendRejectCsvLine(std::string* out, const RejectedRow& row) {
  static const csv::CsvOptions options;
  csv::AppendCsvField(out, row.file, options, false);
  *out += ',';
  *out += std::to_string(row.line);
  *out += ',';
  *out += std::to_string(row.byte_offset);
  *out += ',';
  if (!row.column.empty())
    csv::AppendCsvField(out, row.column, options, false);  // empty: the whole row
  *out += ',';
  csv::AppendCsvField(out, row.reason, options, false);
  *out += ',';
  // The raw text is always quoted so that an empty row is not read back as null.
  csv::AppendCsvField(out, row.raw, options, true);
  *out += '\n';
}

}  // namespace sluice::formats
