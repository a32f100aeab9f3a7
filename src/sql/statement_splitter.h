// Splits a SQL script into statements on `;` with Spark's lexical rules: a `;` inside
// quotes, backquotes or comments does not split. Used by the CLI (`sql -f`, `-e`) and the
// conformance runner to run statements one by one. Pure functions: thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sql/lexer.h"

namespace sluice::sql {

struct ScriptStatement {
  std::string text;  // from the statement's first token to its last, comments inside kept
  SourcePos start;   // script position of the first token, for error messages
};

// The non-empty statements of `script`, in order. Where the script stops lexing (an
// unclosed quote or comment), the rest of it is the last statement: parsing that one
// reports the error, and the statements before it still run, as in Spark.
std::vector<ScriptStatement> SplitStatements(std::string_view script);

}  // namespace sluice::sql
