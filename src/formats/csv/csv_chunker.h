// CsvChunker: cuts one in-memory CSV file into byte ranges that each start at a row
// boundary, so the ranges can be lexed on all cores. Without multiLine a row ends at
// every line break, as in Spark. With multiLine, quoted line breaks are found by running
// the lexer's quoting rules as a state machine (CsvQuoteRules::Step) over each range from
// every possible start state in parallel, then chaining the ranges' end states in order.
// Thread-safe (stateless functions).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "formats/csv/csv_options.h"
#include "formats/task_runner.h"

namespace sluice::formats::csv {

struct ByteRange {
  uint64_t begin;
  uint64_t end;
};

// Ranges of about `target_size` bytes covering [start, data.size()); with multiLine the
// ranges are summarised on `tasks`, in parallel.
Result<std::vector<ByteRange>> SplitIntoRowRanges(std::string_view data, uint64_t start,
                                                  uint64_t target_size, const CsvOptions& options,
                                                  TaskRunner& tasks);

}  // namespace sluice::formats::csv
