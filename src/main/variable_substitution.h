// Variable substitution, as Spark's SQL does it before parsing (spark.sql.variable.substitute,
// on by default): `${name}`, `${hiveconf:name}` and `${hivevar:name}` become the session
// setting `name` (SET name=value, `sluice sql -d name=value`), `${env:NAME}` the environment
// variable. A reference to nothing stays as written. Textual, quotes included, as in Spark.
// Pure function: thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace sluice::main {

std::string SubstituteVariables(
    std::string_view text,
    const std::function<std::optional<std::string>(const std::string&)>& setting);

// `text` with each reference replaced by as many letters: what a lexer can split into
// statements before they are substituted one by one.
std::string MaskVariables(std::string_view text);

}  // namespace sluice::main
