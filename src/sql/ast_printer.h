// Prints the AST back as canonical Spark SQL: every identifier backquoted, every compound
// expression parenthesised, keywords upper case. Parsing the output gives the same tree
// (tests rely on this), which also makes the text a structural fingerprint of a tree; the
// parentheses nest deeper than the input did, so a tree near the parser's nesting bound
// may print as text past it.
// Pure functions: thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sql/ast_statement.h"

namespace sluice::sql {

std::string ToSql(const Expr& expr);
std::string ToSql(const Query& query);
std::string ToSql(const Statement& statement);

// `name` (backquotes doubled); `a`.`b` for a qualified name.
std::string QuoteSqlName(std::string_view name);
std::string QuoteSqlName(const std::vector<std::string>& parts);
// 'value', escaped so that the lexer reads back exactly `value`.
std::string QuoteSqlString(std::string_view value);

}  // namespace sluice::sql
