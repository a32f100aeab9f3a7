// The JSONPath subset get_json_object reads (Spark's JsonPathParser): `$`, `.name`,
// `['name']`, `[n]` and `[*]`, and its evaluation over a parsed document. Immutable once
// parsed: thread-safe.
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::functions {

class JsonPath {
 public:
  // nullopt for a path Spark does not read (get_json_object then returns NULL).
  static std::optional<JsonPath> Parse(std::string_view path);

  // The value at the path as get_json_object returns it: a string unquoted, another value
  // as compact JSON; with wildcards, several matches as a JSON array (one match alone);
  // nullopt when nothing (or only JSON null) matches.
  std::optional<std::string> Evaluate(simdjson::dom::element root) const;

 private:
  struct Step {
    enum class Kind { kKey, kIndex, kWildcard } kind;
    std::string key;
    size_t index = 0;
  };
  void Collect(simdjson::dom::element e, size_t step,
               std::vector<simdjson::dom::element>* out) const;

  std::vector<Step> steps_;
  bool has_wildcard_ = false;
};

}  // namespace sluice::functions
