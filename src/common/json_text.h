// JSON string literals: quoting and escaping text for JSON output (schemas, rescued
// data, `cat --format json`). Pure function: thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace sluice {

// Appends `text` as a JSON string literal, quotes included.
void AppendJsonString(std::string* out, std::string_view text);

}  // namespace sluice
