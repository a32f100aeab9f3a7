// Text cells as a box for a terminal, as Spark's Dataset.show prints it: "+---+" rules,
// "|" between cells, columns at least 3 characters wide. Widths count characters (UTF-8
// code points), not bytes. Pure function: thread-safe.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace sluice::main {

// With `truncate` > 0, cells longer than `truncate` characters are cut (ending in "...")
// and all cells are right-aligned, as show() does by default; with 0 nothing is cut and
// cells are left-aligned, as show(truncate = false).
void WriteTable(const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows, size_t truncate,
                std::ostream& out);

}  // namespace sluice::main
