#include "sql/parse_error.h"

#include <string>

namespace sluice::sql {

Status ParseErrorAt(std::string_view text, const SourcePos& pos, std::string_view error_class,
                    std::string_view message, const SourcePos& origin) {
  const SourcePos local = LocalPosition(origin, pos);
  size_t offset = std::min(local.offset, text.size());
  size_t line_start = offset;
  while (line_start > 0 && text[line_start - 1] != '\n') --line_start;
  size_t line_end = text.find('\n', offset);
  if (line_end == std::string_view::npos) line_end = text.size();
  std::string_view line = text.substr(line_start, line_end - line_start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  // An empty class: the message already starts with its own (a function's bind error).
  std::string prefix = error_class.empty() ? "" : "[" + std::string(error_class) + "] ";
  std::string out = prefix + std::string(message) + " (line " + std::to_string(pos.line) +
                    ", pos " + std::to_string(pos.column - 1) + ")\n\n== SQL ==\n" +
                    std::string(line) + "\n" + std::string(local.column - 1, '-') + "^^^";
  return Status::Invalid(std::move(out));
}

Status SyntaxError(std::string_view text, const Token& near, std::string_view expected,
                   const SourcePos& origin) {
  std::string message = "Syntax error at or near ";
  if (near.kind == TokenKind::kEnd) {
    message += "end of input";
  } else {
    const size_t offset = LocalPosition(origin, near.pos).offset;
    message += "'" + std::string(text.substr(offset, near.length)) + "'";
  }
  if (!expected.empty()) message += ": expected " + std::string(expected);
  return ParseErrorAt(text, near.pos, "PARSE_SYNTAX_ERROR", message, origin);
}

}  // namespace sluice::sql
