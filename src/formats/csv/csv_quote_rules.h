// CsvQuoteRules: the one definition of how CSV text is cut into fields and rows: line
// breaks, delimiters of any length, white space skipped before a quote, quotes, escapes,
// doubled quotes and comment lines. The lexer walks fields with these rules; the chunker
// runs Step(), the byte-at-a-time state machine built from the same rules, to find row
// boundaries in the middle of a file. Keeping both on one definition is what keeps a
// parallel read's rows equal to a serial read's. Immutable: thread-safe.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "formats/csv/csv_options.h"

namespace sluice::formats::csv {

// What the byte at a position inside a quoted field is.
enum class QuotedToken : uint8_t {
  kText,          // one byte of the value
  kLineBreak,     // a line break (a "\r\n" pair is a kCrLf)
  kCrLf,          // "\r\n" with the default line separators: two bytes, one line
  kEscapedPair,   // escape + quote, or escape + escape: two bytes, the second one is text
  kDoubledQuote,  // two quotes: one quote of text
  kClosingQuote,  // ends the quoted part
};

// States of Step(). A row may start right after a transition into kRowStart. The kSkipTo
// states mean "the next n bytes belong to a token already read" (the rest of a delimiter,
// of an escape pair, of a "\r\n"), then the named state follows.
struct QuoteState {
  static constexpr uint8_t kRowStart = 0;
  static constexpr uint8_t kFieldStart = 1;
  static constexpr uint8_t kUnquoted = 2;  // in an unquoted field, or after a closing quote
  static constexpr uint8_t kQuoted = 3;
  static constexpr uint8_t kComment = 4;
  static constexpr uint8_t kSkipToRowStart = 5;  // the '\n' of a "\r\n" outside quotes
  static constexpr uint8_t kSkipToQuoted = 6;    // the second byte of a two-byte quoted token
  // A delimiter's last byte; each further byte of a longer delimiter adds a state above.
  static constexpr uint8_t kSkipToFieldStart = 7;
};

class CsvQuoteRules {
 public:
  explicit CsvQuoteRules(const CsvOptions& options);

  // Step() states are numbered from 0 up to this (excluded).
  int num_states() const {
    return QuoteState::kSkipToFieldStart + static_cast<int>(delimiter_.size());
  }

  bool IsLineBreak(char c) const {
    return line_sep_ != '\0' ? c == line_sep_ : (c == '\n' || c == '\r');
  }
  // Length of the line break at `pos` (2 for "\r\n" with the default separators).
  size_t LineBreakLength(std::string_view data, size_t pos) const {
    return line_sep_ == '\0' && data[pos] == '\r' && pos + 1 < data.size() && data[pos + 1] == '\n'
               ? 2
               : 1;
  }
  bool AtDelimiter(std::string_view data, size_t pos) const {
    return data[pos] == delimiter_[0] &&
           (delimiter_.size() == 1 ||
            (data.size() - pos >= delimiter_.size() &&
             std::memcmp(data.data() + pos, delimiter_.data(), delimiter_.size()) == 0));
  }
  // Whether the byte at `pos`, at the start of a field, is white space skipped before a
  // possible opening quote (ignoreLeadingWhiteSpace; never a delimiter).
  bool SkipsBeforeField(std::string_view data, size_t pos) const {
    return trim_leading_ && (data[pos] == ' ' || data[pos] == '\t') && !IsLineBreak(data[pos]) &&
           !AtDelimiter(data, pos);
  }
  bool OpensQuote(char c) const { return quote_ != '\0' && c == quote_; }
  // Whether a row starting with `c` is a comment line.
  bool StartsComment(char c) const { return comment_ != '\0' && c == comment_; }
  // Spark drops lines whose Java String.trim() is empty: every char <= U+0020.
  static bool IsBlank(char c) { return static_cast<unsigned char>(c) <= ' '; }

  // The token at `pos` (after the opening quote, before the closing one). A line break
  // does not end the field here: without multiLine the caller ends the row.
  QuotedToken InQuotes(std::string_view data, size_t pos) const {
    const char c = data[pos];
    const bool has_next = pos + 1 < data.size();
    if (c == escape_ && escape_ != '\0' && escape_ != quote_ && has_next &&
        (data[pos + 1] == quote_ || (data[pos + 1] == escape_ && escape_escapes_escape_))) {
      return QuotedToken::kEscapedPair;
    }
    if (c == quote_) {
      return has_next && data[pos + 1] == quote_ ? QuotedToken::kDoubledQuote
                                                 : QuotedToken::kClosingQuote;
    }
    if (!IsLineBreak(c)) return QuotedToken::kText;
    return LineBreakLength(data, pos) == 2 ? QuotedToken::kCrLf : QuotedToken::kLineBreak;
  }

  // The state after the byte at `pos`, entered in `state`; may look at later bytes.
  // Inline: the chunker calls it for every byte of a multiLine file.
  uint8_t Step(uint8_t state, std::string_view data, size_t pos) const;

  bool multi_line() const { return multi_line_; }

 private:
  uint8_t AfterLineBreak(std::string_view data, size_t pos) const {
    return LineBreakLength(data, pos) == 2 ? QuoteState::kSkipToRowStart : QuoteState::kRowStart;
  }
  // A delimiter starting at `pos`: the state after its first byte.
  uint8_t AfterDelimiterStart() const {
    return delimiter_.size() == 1
               ? QuoteState::kFieldStart
               : static_cast<uint8_t>(QuoteState::kSkipToFieldStart + delimiter_.size() - 2);
  }

  std::string delimiter_;
  char quote_, escape_, comment_, line_sep_;
  bool escape_escapes_escape_, multi_line_, trim_leading_;
};

inline uint8_t CsvQuoteRules::Step(uint8_t state, std::string_view data, size_t pos) const {
  const char c = data[pos];
  switch (state) {
    case QuoteState::kRowStart:
      if (StartsComment(c)) return QuoteState::kComment;
      [[fallthrough]];
    case QuoteState::kFieldStart:
      if (IsLineBreak(c)) return AfterLineBreak(data, pos);
      if (AtDelimiter(data, pos)) return AfterDelimiterStart();
      if (SkipsBeforeField(data, pos)) return QuoteState::kFieldStart;
      return OpensQuote(c) ? QuoteState::kQuoted : QuoteState::kUnquoted;
    case QuoteState::kUnquoted:
      if (IsLineBreak(c)) return AfterLineBreak(data, pos);
      return AtDelimiter(data, pos) ? AfterDelimiterStart() : QuoteState::kUnquoted;
    case QuoteState::kQuoted:
      switch (InQuotes(data, pos)) {
        case QuotedToken::kText:
          return QuoteState::kQuoted;
        case QuotedToken::kLineBreak:
          return multi_line_ ? QuoteState::kQuoted : QuoteState::kRowStart;
        case QuotedToken::kCrLf:
          return multi_line_ ? QuoteState::kSkipToQuoted : QuoteState::kSkipToRowStart;
        case QuotedToken::kEscapedPair:
        case QuotedToken::kDoubledQuote:
          return QuoteState::kSkipToQuoted;
        case QuotedToken::kClosingQuote:
          return QuoteState::kUnquoted;
      }
      return QuoteState::kQuoted;
    case QuoteState::kComment:
      return IsLineBreak(c) ? AfterLineBreak(data, pos) : QuoteState::kComment;
    case QuoteState::kSkipToRowStart:
      return QuoteState::kRowStart;
    case QuoteState::kSkipToQuoted:
      return QuoteState::kQuoted;
    case QuoteState::kSkipToFieldStart:
      return QuoteState::kFieldStart;
    default:
      return static_cast<uint8_t>(state - 1);  // further into a long delimiter
  }
}

}  // namespace sluice::formats::csv
