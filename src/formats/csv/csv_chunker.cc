#include "formats/csv/csv_chunker.h"

#include <array>

#include "parallel/thread_pool.h"

namespace sluice::formats::csv {
namespace {

// States of the quote state machine; a row boundary is a line break seen in kUnquoted or
// kFieldStart (the bytes after it start a row).
enum State : uint8_t {
  kRowStart,
  kFieldStart,
  kUnquoted,
  kQuoted,
  kQuotedEscape,
  kAfterQuote,
  kComment,
  kNumStates
};

struct Machine {
  char delimiter, quote, escape, comment, line_sep;

  bool IsNewline(char c) const {
    return line_sep != '\0' ? c == line_sep : (c == '\n' || c == '\r');
  }

  State Step(State s, char c) const {
    switch (s) {
      case kRowStart:
        if (comment != '\0' && c == comment) return kComment;
        [[fallthrough]];
      case kFieldStart:
        if (IsNewline(c)) return kRowStart;
        if (c == delimiter) return kFieldStart;
        if (quote != '\0' && c == quote) return kQuoted;
        return kUnquoted;
      case kUnquoted:
      case kAfterQuote:
        if (IsNewline(c)) return kRowStart;
        if (c == delimiter) return kFieldStart;
        if (s == kAfterQuote && c == quote) return kQuoted;  // a doubled quote
        return kUnquoted;
      case kQuoted:
        if (c == escape && escape != quote) return kQuotedEscape;
        if (c == quote) return kAfterQuote;
        return kQuoted;
      case kQuotedEscape:
        return kQuoted;
      case kComment:
        return IsNewline(c) ? kRowStart : kComment;
      case kNumStates:
        break;
    }
    return s;
  }
};

struct RangeSummary {
  std::array<uint8_t, kNumStates> end_state{};
  std::array<uint64_t, kNumStates> first_row_start{};  // UINT64_MAX when none in the range
};

RangeSummary Summarize(const Machine& m, std::string_view data, uint64_t begin, uint64_t end) {
  RangeSummary out;
  std::array<uint8_t, kNumStates> state;
  for (int i = 0; i < kNumStates; ++i) {
    state[i] = static_cast<uint8_t>(i);
    out.first_row_start[i] = UINT64_MAX;
  }
  // Runs all start states side by side until they agree; after that one run serves all.
  bool converged = false;
  for (uint64_t p = begin; p < end; ++p) {
    const int runs = converged ? 1 : kNumStates;
    for (int i = 0; i < runs; ++i) {
      State before = static_cast<State>(state[i]);
      State after = m.Step(before, data[p]);
      state[i] = after;
      if (after != kRowStart || before == kRowStart) continue;
      // A "\r\n" pair ends one line: the row starts after the '\n'.
      uint64_t next = p + 1;
      if (data[p] == '\r' && m.line_sep == '\0' && next < data.size() && data[next] == '\n') ++next;
      for (int j = 0; j < kNumStates; ++j) {
        if (out.first_row_start[j] == UINT64_MAX && (converged || j == i))
          out.first_row_start[j] = next;
      }
    }
    if (!converged) {
      converged = true;
      for (int i = 1; i < kNumStates; ++i) converged = converged && state[i] == state[0];
    }
  }
  for (int i = 0; i < kNumStates; ++i) out.end_state[i] = converged ? state[0] : state[i];
  return out;
}

// Without multiLine every line break ends a row.
uint64_t NextLineStart(std::string_view data, uint64_t pos, const CsvOptions& options) {
  while (pos < data.size()) {
    char c = data[pos];
    bool newline = options.line_sep != '\0' ? c == options.line_sep : (c == '\n' || c == '\r');
    ++pos;
    if (newline) {
      if (c == '\r' && options.line_sep == '\0' && pos < data.size() && data[pos] == '\n') ++pos;
      return pos;
    }
  }
  return data.size();
}

}  // namespace

Result<std::vector<ByteRange>> SplitIntoRowRanges(std::string_view data, uint64_t start,
                                                  uint64_t target_size, const CsvOptions& options) {
  std::vector<ByteRange> ranges;
  const uint64_t size = data.size();
  if (start >= size) return ranges;
  if (target_size == 0) target_size = 1;
  if (!options.multi_line) {
    uint64_t begin = start;
    while (begin < size) {
      uint64_t end = begin + target_size >= size
                         ? size
                         : NextLineStart(data, begin + target_size - 1, options);
      ranges.push_back({begin, end});
      begin = end;
    }
    return ranges;
  }
  Machine m{options.delimiter[0], options.quote, options.escape, options.comment, options.line_sep};
  std::vector<ByteRange> nominal;
  for (uint64_t b = start; b < size; b += target_size)
    nominal.push_back({b, std::min(size, b + target_size)});
  std::vector<RangeSummary> summaries(nominal.size());
  auto& pool = parallel::ThreadPool::Default();
  std::atomic<size_t> next{0};
  SLUICE_RETURN_NOT_OK(pool.RunParallel(std::min(pool.size(), nominal.size()), [&](size_t) {
    for (size_t i; (i = next.fetch_add(1)) < nominal.size();) {
      summaries[i] = Summarize(m, data, nominal[i].begin, nominal[i].end);
    }
    return Status::OK();
  }));
  // Chain: the first range starts at a row start; each later range starts at the first
  // row boundary found from the state the previous range ended in.
  State state = kRowStart;
  uint64_t begin = start;
  for (size_t i = 0; i < nominal.size(); ++i) {
    State entry = state;
    state = static_cast<State>(summaries[i].end_state[entry]);
    if (i == 0) continue;
    uint64_t boundary = entry == kRowStart ? nominal[i].begin : summaries[i].first_row_start[entry];
    if (boundary == UINT64_MAX || boundary <= begin || boundary >= size) continue;
    ranges.push_back({begin, boundary});
    begin = boundary;
  }
  ranges.push_back({begin, size});
  return ranges;
}

}  // namespace sluice::formats::csv
