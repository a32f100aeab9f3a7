// Spark SQL parser: text to AST (ast_statement.h). Hand-written recursive descent with
// precedence climbing over Spark 3.5's grammar in its default (non-ANSI) keyword mode:
// non-reserved keywords are usable as names. Errors are Status::Invalid with Spark's
// "[PARSE_SYNTAX_ERROR] ... (line L, pos P)" text and a caret (parse_error.h).
// Pure functions: thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "common/status.h"
#include "sql/ast_statement.h"

namespace sluice::sql {

// Every statement of a `;`-separated script; positions are script positions.
Result<std::vector<StatementPtr>> ParseScript(std::string_view text);
// Exactly one statement (a trailing `;` is allowed). `origin`: where `text` starts in its
// script (ScriptStatement::start), so that node positions and errors are the script's.
Result<StatementPtr> ParseStatement(std::string_view text, const SourcePos& origin = {});
// One expression, as `--where` takes.
Result<ExprPtr> ParseExpression(std::string_view text);
// One type name: INT, DECIMAL(10,2), ARRAY<STRUCT<a: INT>>, INTERVAL DAY TO SECOND.
Result<types::LogicalType> ParseDataType(std::string_view text);

}  // namespace sluice::sql
