// Entry points, the token cursor and name rules of the parser.
#include "sql/parser.h"

#include <algorithm>
#include <array>

#include "sql/parse_error.h"
#include "sql/parser_impl.h"

namespace sluice::sql {
namespace {

// Spark's strict non-reserved words: never names in the default keyword mode.
constexpr std::array<std::string_view, 16> kReserved = {
    "ANTI", "CROSS", "EXCEPT",  "FULL", "INNER", "INTERSECT", "JOIN",  "LATERAL",
    "LEFT", "MINUS", "NATURAL", "ON",   "RIGHT", "SEMI",      "UNION", "USING"};

// Words that start the next clause, so they never are an alias written without AS.
constexpr std::array<std::string_view, 26> kClauseWords = {
    "FROM",        "WHERE", "GROUP",  "HAVING", "ORDER",   "SORT",  "CLUSTER",
    "DISTRIBUTE",  "LIMIT", "OFFSET", "WINDOW", "QUALIFY", "PIVOT", "UNPIVOT",
    "TABLESAMPLE", "AS",    "INTO",   "SELECT", "VALUES",  "WITH",  "LATERAL",
    "FOR",         "TABLE", "OVER",   "FILTER", "INSERT"};

bool IsOneOf(const Token& token, const auto& words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return token.IsWord(w); });
}

}  // namespace

bool Parser::AcceptKw(std::string_view kw) {
  if (!IsKw(kw)) return false;
  Advance();
  return true;
}

bool Parser::AcceptOp(std::string_view op) {
  if (!IsOp(op)) return false;
  Advance();
  return true;
}

Status Parser::ExpectKw(std::string_view kw) {
  if (AcceptKw(kw)) return Status::OK();
  return Fail(kw);
}

Status Parser::ExpectOp(std::string_view op) {
  if (AcceptOp(op)) return Status::OK();
  return Fail("'" + std::string(op) + "'");
}

Status Parser::Fail(std::string_view expected) const {
  return SyntaxError(text_, Cur(), expected, origin_);
}

Status Parser::ErrorAt(const SourcePos& pos, std::string_view message) const {
  return ParseErrorAt(text_, pos, "PARSE_SYNTAX_ERROR", message, origin_);
}

bool Parser::IsIdentifier(size_t k) const {
  const Token& t = Ahead(k);
  if (t.kind == TokenKind::kQuotedIdentifier) return true;
  return t.kind == TokenKind::kWord && !IsOneOf(t, kReserved);
}

bool Parser::IsImplicitAlias(size_t k) const {
  return IsIdentifier(k) && !IsOneOf(Ahead(k), kClauseWords);
}

Result<std::string> Parser::Identifier() {
  if (!IsIdentifier()) return Fail("an identifier");
  std::string name = Cur().value;
  Advance();
  return name;
}

Result<std::vector<std::string>> Parser::QualifiedName() {
  std::vector<std::string> parts;
  do {
    SLUICE_ASSIGN_OR_RAISE(std::string part, Identifier());
    parts.push_back(std::move(part));
  } while (IsOp(".") && IsIdentifier(1) && (Advance(), true));
  return parts;
}

Result<std::vector<std::string>> Parser::IdentifierList() {
  SLUICE_RETURN_NOT_OK(ExpectOp("("));
  std::vector<std::string> names;
  do {
    SLUICE_ASSIGN_OR_RAISE(std::string name, Identifier());
    names.push_back(std::move(name));
  } while (AcceptOp(","));
  SLUICE_RETURN_NOT_OK(ExpectOp(")"));
  return names;
}

Result<std::string> Parser::StringLiteral() {
  if (Cur().kind != TokenKind::kString) return Fail("a string literal");
  std::string value = Cur().value;
  Advance();
  return value;
}

Result<std::string> Parser::DottedName() {
  SLUICE_ASSIGN_OR_RAISE(std::vector<std::string> parts, QualifiedName());
  std::string text;
  for (size_t i = 0; i < parts.size(); ++i) text += (i ? "." : "") + parts[i];
  return text;
}

Result<bool> Parser::IfNotExists() {
  if (!AcceptKw("IF")) return false;
  SLUICE_RETURN_NOT_OK(ExpectKw("NOT"));
  SLUICE_RETURN_NOT_OK(ExpectKw("EXISTS"));
  return true;
}

bool Parser::IfExists() {
  if (!IsKw("IF") || !IsKw("EXISTS", 1)) return false;
  pos_ += 2;
  return true;
}

bool Parser::IsQueryStart(size_t k) const {
  return IsKw("SELECT", k) || IsKw("WITH", k) || IsKw("VALUES", k) || IsKw("FROM", k) ||
         (IsKw("TABLE", k) && IsIdentifier(k + 1));
}

Result<std::vector<StatementPtr>> Parser::Script() {
  std::vector<StatementPtr> statements;
  while (true) {
    while (AcceptOp(";")) {
    }
    if (AtEnd()) return statements;
    SLUICE_ASSIGN_OR_RAISE(StatementPtr statement, StatementRule());
    statements.push_back(std::move(statement));
    if (!AtEnd() && !IsOp(";")) return Fail("';' or end of input");
  }
}

Result<StatementPtr> Parser::SingleStatement() {
  SLUICE_ASSIGN_OR_RAISE(StatementPtr statement, StatementRule());
  while (AcceptOp(";")) {
  }
  if (!AtEnd()) return Fail("end of input");
  return statement;
}

Result<ExprPtr> Parser::SingleExpression() {
  SLUICE_ASSIGN_OR_RAISE(ExprPtr expr, Expression());
  if (!AtEnd()) return Fail("end of input");
  return expr;
}

Result<types::LogicalType> Parser::SingleDataType() {
  SLUICE_ASSIGN_OR_RAISE(types::LogicalType type, DataType());
  if (!AtEnd()) return Fail("end of input");
  return type;
}

namespace {
template <typename T>
Result<T> Run(std::string_view text, Result<T> (Parser::*rule)(), const SourcePos& origin = {}) {
  SLUICE_ASSIGN_OR_RAISE(std::vector<Token> tokens, Tokenize(text, origin));
  Parser parser(text, origin, std::move(tokens));
  return (parser.*rule)();
}
}  // namespace

Result<std::vector<StatementPtr>> ParseScript(std::string_view text) {
  return Run(text, &Parser::Script);
}
Result<StatementPtr> ParseStatement(std::string_view text, const SourcePos& origin) {
  return Run(text, &Parser::SingleStatement, origin);
}
Result<ExprPtr> ParseExpression(std::string_view text) {
  return Run(text, &Parser::SingleExpression);
}
Result<types::LogicalType> ParseDataType(std::string_view text) {
  return Run(text, &Parser::SingleDataType);
}

}  // namespace sluice::sql
