// RejectedRow: one input row that did not make it into a table as read, with where it
// was (file, 1-based line, byte offset), which column, why, and its raw text: the
// rejects table that makes sure nothing is lost silently. Plain values.
#pragma once

#include <cstdint>
#include <string>

namespace sluice::formats {

struct RejectedRow {
  std::string file;
  uint64_t line = 0;         // 1-based physical line where the row starts; header included
  uint64_t byte_offset = 0;  // of the row's first byte (in the decoded text for compressed files)
  std::string column;        // empty when the whole row is at fault
  std::string category;      // short kind for summaries: "unparsable value", "field count", ...
  std::string reason;
  std::string raw;
};

// The order of rejects in summaries and ordered reads: by file, then line.
bool RejectedBefore(const RejectedRow& a, const RejectedRow& b);

// "file:line (byte N), column 'c': reason": how a reject reads in an error message.
std::string DescribeRejectedRow(const RejectedRow& row);

}  // namespace sluice::formats
