// The interactive `sluice sql` shell: line editing and history (libedit), statements that
// span lines until a `;`, Ctrl-C cancels the running query (or the line being typed) and
// keeps the shell, Ctrl-D exits.
#pragma once

#include <functional>
#include <string>

#include "main/connection.h"

namespace sluice::cli {

// Runs the shell on the terminal; `print` shows one statement's result. Returns the exit code.
int RunSqlShell(main::Connection& connection,
                const std::function<Status(const main::QueryResult&)>& print);

// Whether `text` ends with a complete statement: a `;` outside quotes and comments, with
// only white space or comments after it.
bool EndsWithCompleteStatement(const std::string& text);

}  // namespace sluice::cli
