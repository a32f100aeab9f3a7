#include "main/variable_substitution.h"

#include <cstdlib>

namespace sluice::main {

namespace {

// `text` with each reference `${name}` replaced by `replace(name)` (nothing: kept).
std::string ReplaceReferences(
    std::string_view text,
    const std::function<std::optional<std::string>(const std::string&)>& replace) {
  std::string out;
  size_t at = 0;
  while (true) {
    const size_t open = text.find("${", at);
    if (open == std::string_view::npos) break;
    // A name is what Spark's pattern allows: no '}', '$' or space.
    size_t end = open + 2;
    while (end < text.size() && text[end] != '}' && text[end] != '$' && text[end] != ' ') ++end;
    if (end >= text.size() || text[end] != '}' || end == open + 2) {
      out.append(text.substr(at, open + 2 - at));
      at = open + 2;
      continue;
    }
    const std::optional<std::string> value =
        replace(std::string(text.substr(open + 2, end - open - 2)));
    out.append(text.substr(at, open - at));
    out.append(value ? *value : std::string(text.substr(open, end + 1 - open)));
    at = end + 1;
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace

std::string SubstituteVariables(
    std::string_view text,
    const std::function<std::optional<std::string>(const std::string&)>& setting) {
  return ReplaceReferences(text, [&](const std::string& name) -> std::optional<std::string> {
    if (name.rfind("env:", 0) == 0) {
      const char* env = std::getenv(name.c_str() + 4);
      return env ? std::optional<std::string>(env) : std::nullopt;
    }
    if (name.rfind("hiveconf:", 0) == 0) return setting(name.substr(9));
    if (name.rfind("hivevar:", 0) == 0) return setting(name.substr(8));
    return setting(name);
  });
}

std::string MaskVariables(std::string_view text) {
  return ReplaceReferences(text, [](const std::string& name) {
    return std::optional<std::string>(std::string(name.size() + 3, 'x'));
  });
}

}  // namespace sluice::main
