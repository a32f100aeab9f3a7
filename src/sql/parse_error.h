// SQL parse errors in the form Spark users know:
//   [PARSE_SYNTAX_ERROR] Syntax error at or near 'FROM': expected an expression (line 1, pos 7)
//
//   == SQL ==
//   SELECT FROM t
//   -------^^^
// `pos` is Spark's 0-based character position in the line. Thread-safe (pure functions).
#pragma once

#include <string_view>

#include "common/status.h"
#include "sql/lexer.h"

namespace sluice::sql {

// An error of class `error_class` (PARSE_SYNTAX_ERROR, UNCLOSED_BRACKETED_COMMENT, ...)
// at script position `pos` of `text` (which starts at `origin` of its script), with the
// line of `text` holding `pos` and a caret under it.
Status ParseErrorAt(std::string_view text, const SourcePos& pos, std::string_view error_class,
                    std::string_view message, const SourcePos& origin = {});

// "Syntax error at or near '<token>'" plus what was expected, when known.
Status SyntaxError(std::string_view text, const Token& near, std::string_view expected,
                   const SourcePos& origin = {});

}  // namespace sluice::sql
