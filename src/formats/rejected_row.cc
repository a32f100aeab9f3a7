#include "formats/rejected_row.h"

#include "formats/csv/csv_writer.h"

namespace sluice::formats {

std::string DescribeRejectedRow(const RejectedRow& row) {
  std::string out =
      row.file + ":" + std::to_string(row.line) + " (byte " + std::to_string(row.byte_offset) + ")";
  if (!row.column.empty()) out += ", column '" + row.column + "'";
  out += ": " + row.reason;
  std::string raw = row.raw.size() > 200 ? row.raw.substr(0, 200) + "..." : row.raw;
  return out + "; row text: " + raw;
}

Status WriteRejectsCsv(io::FileSystem& fs, const std::string& path,
                       const std::vector<RejectedRow>& rows) {
  csv::CsvOptions options;
  std::string out = "file,line,byte_offset,column,reason,raw\n";
  for (const RejectedRow& r : rows) {
    csv::AppendCsvField(&out, r.file, options, false);
    out += "," + std::to_string(r.line) + "," + std::to_string(r.byte_offset) + ",";
    if (!r.column.empty())
      csv::AppendCsvField(&out, r.column, options, false);  // empty: the whole row
    out += ',';
    csv::AppendCsvField(&out, r.reason, options, false);
    out += ',';
    // The raw text is always quoted so that an empty row is not read back as null.
    csv::AppendCsvField(&out, r.raw, options, true);
    out += '\n';
  }
  return fs.WriteAll(path, out);
}

}  // namespace sluice::formats
