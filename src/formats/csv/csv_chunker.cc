#include "formats/csv/csv_chunker.h"

#include <algorithm>
#include <string>

#include "formats/csv/csv_quote_rules.h"

namespace sluice::formats::csv {
namespace {

// Delimiters longer than this would need more Step() states than a byte holds.
constexpr size_t kMaxMultiLineDelimiter = 200;

// Per start state: the state the range ends in, and the first row start found.
struct RangeSummary {
  std::vector<uint8_t> end_state;
  std::vector<uint64_t> first_row_start;  // UINT64_MAX when none in the range
};

RangeSummary Summarize(const CsvQuoteRules& rules, std::string_view data, uint64_t begin,
                       uint64_t end) {
  const int num_states = rules.num_states();
  RangeSummary out;
  std::vector<uint8_t> state(static_cast<size_t>(num_states));
  for (int i = 0; i < num_states; ++i) state[static_cast<size_t>(i)] = static_cast<uint8_t>(i);
  out.first_row_start.assign(state.size(), UINT64_MAX);
  // Runs all start states side by side until they agree; after that one run serves all.
  bool converged = false;
  for (uint64_t p = begin; p < end; ++p) {
    const size_t runs = converged ? 1 : state.size();
    for (size_t i = 0; i < runs; ++i) {
      const uint8_t before = state[i];
      state[i] = rules.Step(before, data, p);
      if (state[i] != QuoteState::kRowStart || before == QuoteState::kRowStart) continue;
      for (size_t j = 0; j < state.size(); ++j) {
        if (out.first_row_start[j] == UINT64_MAX && (converged || j == i))
          out.first_row_start[j] = p + 1;
      }
    }
    if (!converged) {
      converged = true;
      for (size_t i = 1; i < state.size(); ++i) converged = converged && state[i] == state[0];
    }
  }
  out.end_state = converged ? std::vector<uint8_t>(state.size(), state[0]) : state;
  return out;
}

// Without multiLine every line break ends a row.
uint64_t NextLineStart(const CsvQuoteRules& rules, std::string_view data, uint64_t pos) {
  while (pos < data.size() && !rules.IsLineBreak(data[pos])) ++pos;
  return pos < data.size() ? pos + rules.LineBreakLength(data, pos) : pos;
}

}  // namespace

Result<std::vector<ByteRange>> SplitIntoRowRanges(std::string_view data, uint64_t start,
                                                  uint64_t target_size, const CsvOptions& options,
                                                  TaskRunner& tasks) {
  std::vector<ByteRange> ranges;
  const uint64_t size = data.size();
  if (start >= size) return ranges;
  if (target_size == 0) target_size = 1;
  const CsvQuoteRules rules(options);
  if (!options.multi_line) {
    uint64_t begin = start;
    while (begin < size) {
      uint64_t end =
          begin + target_size >= size ? size : NextLineStart(rules, data, begin + target_size - 1);
      ranges.push_back({begin, end});
      begin = end;
    }
    return ranges;
  }
  if (options.delimiter.size() > kMaxMultiLineDelimiter) {
    return Status::Invalid("multiLine reads support delimiters of up to " +
                           std::to_string(kMaxMultiLineDelimiter) + " bytes, found " +
                           std::to_string(options.delimiter.size()));
  }
  std::vector<ByteRange> nominal;
  for (uint64_t b = start; b < size; b += target_size)
    nominal.push_back({b, std::min(size, b + target_size)});
  std::vector<RangeSummary> summaries(nominal.size());
  SLUICE_RETURN_NOT_OK(
      tasks.Run(nominal.size(), std::min(tasks.size(), nominal.size()), [&](size_t, size_t i) {
        summaries[i] = Summarize(rules, data, nominal[i].begin, nominal[i].end);
        return Status::OK();
      }));
  // Chain: the first range starts at a row start; each later range starts at the first
  // row boundary found from the state the previous range ended in.
  uint8_t state = QuoteState::kRowStart;
  uint64_t begin = start;
  for (size_t i = 0; i < nominal.size(); ++i) {
    const uint8_t entry = state;
    state = summaries[i].end_state[entry];
    if (i == 0) continue;
    uint64_t boundary =
        entry == QuoteState::kRowStart ? nominal[i].begin : summaries[i].first_row_start[entry];
    if (boundary == UINT64_MAX || boundary <= begin || boundary >= size) continue;
    ranges.push_back({begin, boundary});
    begin = boundary;
  }
  ranges.push_back({begin, size});
  return ranges;
}

}  // namespace sluice::formats::csv
