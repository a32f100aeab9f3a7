// Helpers the statement handlers of Connection share: names for messages, and the
// results of commands and of text rows (SET, SHOW, DESCRIBE, EXPLAIN).
#pragma once

#include <string>
#include <vector>

#include "main/connection.h"

namespace sluice::main {

// `db`.`t` as messages show a name.
std::string QuotedName(const std::vector<std::string>& name);
// TABLE_OR_VIEW_NOT_FOUND for a name as written.
Status TableNotFound(const std::vector<std::string>& name);
// SHOW ... LIKE 'pattern' as Spark's StringUtils.filterPattern: `*` matches any text, `|`
// separates alternatives, case-insensitively.
bool MatchesShowPattern(const std::string& pattern, const std::string& name);
// The result of a statement that returns no rows.
QueryResult CommandResult();
// A result of string columns built row by row.
Result<QueryResult> TextRows(const std::vector<std::string>& names,
                             const std::vector<std::vector<std::string>>& rows);

}  // namespace sluice::main
