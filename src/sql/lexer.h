// Lexer of Spark SQL text: Spark's lexical rules (case-insensitive words, backquoted
// identifiers, '..' and ".." strings with backslash escapes, numeric literals with type
// suffixes, `--` and nested `/* */` comments). Keywords are not told apart from
// identifiers here: the parser decides by context, as Spark's non-reserved keywords need.
// Pure functions over the text: thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace sluice::sql {

// Where a token or AST node starts: 1-based line and column (in characters), byte offset.
struct SourcePos {
  int line = 1;
  int column = 1;
  size_t offset = 0;
};

// Text parsed on its own but cut from a script (statement_splitter.h) starts at `origin`:
// these convert between positions in the text and positions in the script.
inline SourcePos ScriptPosition(const SourcePos& origin, const SourcePos& local) {
  return {origin.line + local.line - 1,
          local.line == 1 ? origin.column + local.column - 1 : local.column,
          origin.offset + local.offset};
}
inline SourcePos LocalPosition(const SourcePos& origin, const SourcePos& script) {
  return {script.line - origin.line + 1,
          script.line == origin.line ? script.column - origin.column + 1 : script.column,
          script.offset - origin.offset};
}

enum class TokenKind {
  kEnd,               // end of the text
  kWord,              // identifier or keyword, text as written
  kQuotedIdentifier,  // `name`, value without the backquotes
  kString,            // '..' or "..", value with escapes applied
  kNumber,            // 12, 1.5, 1e10, 12L, 1.5BD, ... (value: the spelling)
  kOperator,          // punctuation and operators: ( ) , . ; + - * / <=> || :: -> ...
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string value;  // see TokenKind
  SourcePos pos;
  size_t length = 0;  // bytes of source text

  bool IsOperator(std::string_view op) const { return kind == TokenKind::kOperator && value == op; }
  // Case-insensitive match of a bare word (keywords are written upper case by callers).
  bool IsWord(std::string_view upper) const;
};

// All tokens of `text`, ending with one kEnd token, positioned as if `text` started at
// `origin`. Fails on an unterminated string, backquote or comment, or a character Spark
// does not accept, naming its line and column.
Result<std::vector<Token>> Tokenize(std::string_view text, const SourcePos& origin = {});
// The same, keeping in `tokens` what was lexed before an error (no kEnd token then): the
// statement splitter still finds the statements before a broken one.
Status Tokenize(std::string_view text, std::vector<Token>* tokens, const SourcePos& origin = {});

}  // namespace sluice::sql
