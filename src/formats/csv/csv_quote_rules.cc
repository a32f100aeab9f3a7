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

}  // namespace sluice::formats::csv
