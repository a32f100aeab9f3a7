#include "formats/csv/csv_quote_rules.h"

namespace sluice::formats::csv {

CsvQuoteRules::CsvQuoteRules(const CsvOptions& options)
    : delimiter_(options.delimiter),
      quote_(options.quote),
      escape_(options.escape),
      comment_(options.comment),
      line_sep_(options.line_sep),
      escape_escapes_escape_(options.escape == options.escape_quote_escaping),
      multi_line_(options.multi_line),
      trim_leading_(options.ignore_leading_white_space) {}

uint8_t CsvQuoteRules::Step(uint8_t state, std::string_view data, size_t pos) const {
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
