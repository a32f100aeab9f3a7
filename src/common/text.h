// Small text helpers shared by the layers: ASCII case folding (SQL names, option keys) and
// edit distance ("did you mean" suggestions), joining names for messages. Pure functions:
// thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

// `s` with ASCII letters in lower case (other bytes unchanged).
std::string AsciiLower(std::string_view s);
// Levenshtein distance in bytes.
size_t EditDistance(std::string_view a, std::string_view b);
// "a, b, c": names as a message lists them.
std::string JoinNames(const std::vector<std::string>& names);

}  // namespace sluice
