// Type names in CAST, `::` and DDL. The rules for type names live once, in
// types/ddl_parser.cc: this finds the tokens a type spans and hands their text over.
#include "sql/parse_error.h"
#include "sql/parser_impl.h"
#include "types/schema.h"

namespace sluice::sql {
namespace {

constexpr std::string_view kIntervalFields[] = {"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"};

bool IsIntervalField(const Token& token) {
  for (std::string_view f : kIntervalFields) {
    if (token.IsWord(f)) return true;
  }
  return false;
}

}  // namespace

Result<types::LogicalType> Parser::DataType() {
  if (Cur().kind != TokenKind::kWord) return Fail("a type name");
  const Token first = Cur();
  bool interval = first.IsWord("INTERVAL");
  Advance();
  if (interval && IsIntervalField(Cur())) {
    Advance();
    if (IsKw("TO") && IsIntervalField(Ahead(1))) pos_ += 2;
  }
  if (IsOp("<>")) {
    Advance();  // STRUCT<>
  } else if (IsOp("(") || IsOp("<")) {
    // Balanced ( ) or < >, nesting included; <> inside is an empty STRUCT<>.
    std::string_view open = Cur().value, close = IsOp("(") ? ")" : ">";
    int depth = 0;
    do {
      if (AtEnd()) return Fail(std::string("'") + std::string(close) + "'");
      if (Cur().IsOperator(open)) ++depth;
      if (Cur().IsOperator(close)) --depth;
      Advance();
    } while (depth > 0);
  }
  const Token& last = tokens_[pos_ - 1];
  std::string_view spelling =
      text_.substr(TextOffset(first), TextOffset(last) + last.length - TextOffset(first));
  auto type = types::ParseDdlType(spelling);
  if (!type.ok()) {
    return ParseErrorAt(
        text_, first.pos, "UNSUPPORTED_DATATYPE",
        "Unsupported data type \"" + std::string(spelling) + "\": " + type.status().message(),
        origin_);
  }
  return type;
}

}  // namespace sluice::sql
