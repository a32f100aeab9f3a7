// CsvLexer: splits CSV bytes into rows and fields (spans into the input), honouring the
// dialect (delimiter of any length, quote, escape, comments, line separators, multiLine;
// the rules themselves are CsvQuoteRules') without decoding values. Lines of only white
// space are skipped, as Spark does. Rows that are malformed at this level (unterminated quote)
// are flagged, not dropped. Immutable after construction: thread-safe; each caller owns
// its LexedRows.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "formats/csv/csv_options.h"
#include "formats/csv/csv_quote_rules.h"

namespace sluice::formats::csv {

// A field's bytes relative to its row's start. Without kNeedsUnescape the span is the
// value itself; with it, the span is the raw text (quotes included) for Unescape().
struct FieldSpan {
  static constexpr uint32_t kQuoted = 1;
  static constexpr uint32_t kNeedsUnescape = 2;
  uint32_t begin;
  uint32_t end;
  uint32_t flags;
};

enum class RowError : uint8_t { kNone, kUnterminatedQuote };

struct LexedRows {
  std::vector<FieldSpan> fields;
  std::vector<uint32_t> field_offsets{0};  // row i: fields [field_offsets[i], field_offsets[i+1])
  std::vector<uint64_t> row_begin;         // offset of the row's first byte in the input
  std::vector<uint64_t> row_end;           // offset just past its text (terminator excluded)
  std::vector<uint64_t> row_line;          // lines before the row, counted from the lex start
  std::vector<RowError> row_error;
  uint64_t lines = 0;  // lines consumed so far (skipped ones included)
  // True when the vector scan saw every byte of these rows below 0x80 (then no value can
  // be invalid UTF-8); false means unknown.
  bool known_ascii = true;

  size_t num_rows() const { return row_begin.size(); }
  uint32_t num_fields(size_t row) const { return field_offsets[row + 1] - field_offsets[row]; }
  const FieldSpan& field(size_t row, size_t i) const { return fields[field_offsets[row] + i]; }
  void Clear();
};

class CsvLexer {
 public:
  explicit CsvLexer(const CsvOptions& options);

  // Lexes the rows that start in [pos, limit) of `data`, at most `max_rows` of them, and
  // returns where the next row starts. A row may run past `limit`. When `final` is false
  // a row that reaches the end of `data` unterminated is left for the next call (the
  // return value is its start); when true it is taken as ending there.
  size_t Lex(std::string_view data, size_t pos, size_t limit, size_t max_rows, bool final,
             LexedRows* out) const;

  // The value of a field flagged kNeedsUnescape: quotes removed, escapes resolved.
  void Unescape(std::string_view raw, std::string* out) const;

  const CsvOptions& options() const { return options_; }

 private:
  enum : uint8_t { kPlain = 0, kDelimiter = 1, kNewline = 2 };
  // The first position at or after `p` holding a delimiter's first byte or a line break.
  size_t SkipPlain(const char* s, size_t p, size_t size) const;
  size_t FieldEnd(std::string_view data, size_t p) const;
  // The fast path for the common dialects (see plain_rows_): lexes rows from `*pos` while
  // they hold no quote byte and end in a line break inside `data`; returns how many, and
  // leaves `*pos` at the first row not lexed (the general path's to take).
  size_t LexPlainRows(std::string_view data, size_t* pos, size_t limit, size_t max_rows,
                      LexedRows* out) const;

  CsvOptions options_;
  CsvQuoteRules rules_;
  std::array<uint8_t, 256> classes_{};  // a fast path over rules_: may a byte end a field?
  // A one-byte delimiter that is neither a line break nor the quote, and no white-space
  // trimming: then a row without quote bytes is cut at delimiters and its line break only.
  bool plain_rows_ = false;
};

}  // namespace sluice::formats::csv
