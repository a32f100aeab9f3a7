// Prints the AST back as canonical Spark SQL: every identifier backquoted, every compound
// expression parenthesised, keywords upper case. Parsing the output gives the same tree
// (tests rely on this), which also makes the text a structural fingerprint of a tree.
// Pure functions: thread-safe.
#pragma once

#include <string>

#include "sql/ast_statement.h"

namespace sluice::sql {

std::string ToSql(const Expr& expr);
std::string ToSql(const Query& query);
std::string ToSql(const Statement& statement);

}  // namespace sluice::sql
