// The records of JSON text: one per line (Spark's default; a line ends at \n, a \r before
// it is dropped, lines of white space only are skipped), or with multiLine the whole text
// as one record. Byte ranges of a file split at line starts read every record exactly once
// (a record belongs to the range holding its first byte). Pure functions: thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace sluice::formats::json {

struct JsonRecord {
  std::string_view text;
  uint64_t offset = 0;  // of its first byte in the text
  uint64_t line = 0;    // 0-based line of its first byte, counted from the range's start
};

// Calls `fn` for each record starting in [begin, end) of `text` (end at a line start or
// the text's end); stops at the first error `fn` returns.
Status ForEachJsonRecord(std::string_view text, uint64_t begin, uint64_t end, bool multi_line,
                         const std::function<Status(const JsonRecord&)>& fn);

// Range starts for splitting [begin, text.size()) into ranges of about `target` bytes, each
// at a line start: [begin, starts[1]), [starts[1], starts[2]), ..., up to text.size().
std::vector<uint64_t> SplitAtLines(std::string_view text, uint64_t begin, uint64_t target);

// The line breaks in [begin, end) of `text`.
uint64_t CountLines(std::string_view text, uint64_t begin, uint64_t end);

}  // namespace sluice::formats::json
