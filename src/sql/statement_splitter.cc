#include "sql/statement_splitter.h"

#include <cctype>

namespace sluice::sql {

std::vector<ScriptStatement> SplitStatements(std::string_view script) {
  std::vector<Token> tokens;
  bool complete = Tokenize(script, &tokens).ok();
  std::vector<ScriptStatement> statements;
  size_t first = 0;  // first token of the current statement
  for (size_t i = 0; i < tokens.size(); ++i) {
    bool end = tokens[i].kind == TokenKind::kEnd;
    if (!end && !tokens[i].IsOperator(";")) continue;
    if (i > first) {
      const Token& last = tokens[i - 1];
      size_t begin = tokens[first].pos.offset;
      statements.push_back(
          ScriptStatement{std::string(script.substr(begin, last.pos.offset + last.length - begin)),
                          tokens[first].pos});
    }
    first = i + 1;
  }
  if (!complete) {
    // The unlexable rest starts after the last token, or at the statement's first token.
    SourcePos start;
    if (first < tokens.size()) {
      start = tokens[first].pos;
    } else if (!tokens.empty()) {
      const Token& last = tokens.back();
      start = last.pos;
      start.offset += last.length;
      start.column += static_cast<int>(last.length);
    }
    size_t begin = start.offset;
    while (begin < script.size() && std::isspace(static_cast<unsigned char>(script[begin]))) {
      if (script[begin] == '\n') {
        ++start.line;
        start.column = 0;
      }
      ++begin;
      ++start.column;
    }
    start.offset = begin;
    statements.push_back(ScriptStatement{std::string(script.substr(begin)), start});
  }
  return statements;
}

}  // namespace sluice::sql
