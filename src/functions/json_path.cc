#include "functions/json_path.h"

#include <charconv>

#include "functions/json_reader.h"

namespace sluice::functions {

using simdjson::dom::element;
using simdjson::dom::element_type;

std::optional<JsonPath> JsonPath::Parse(std::string_view p) {
  if (p.empty() || p[0] != '$') return std::nullopt;
  JsonPath path;
  size_t i = 1;
  while (i < p.size()) {
    Step step;
    if (p[i] == '.') {
      const size_t end = p.find_first_of(".[", i + 1);
      const std::string_view name =
          p.substr(i + 1, (end == std::string_view::npos ? p.size() : end) - i - 1);
      if (name.empty()) return std::nullopt;
      if (name == "*") {
        step.kind = Step::Kind::kWildcard;
      } else {
        step.kind = Step::Kind::kKey;
        step.key = std::string(name);
      }
      i += 1 + name.size();
    } else if (p[i] == '[') {
      const size_t close = p.find(']', i);
      if (close == std::string_view::npos) return std::nullopt;
      const std::string_view inside = p.substr(i + 1, close - i - 1);
      if (inside == "*") {
        step.kind = Step::Kind::kWildcard;
      } else if (inside.size() >= 2 && inside.front() == '\'' && inside.back() == '\'') {
        step.kind = Step::Kind::kKey;
        step.key = std::string(inside.substr(1, inside.size() - 2));
      } else {
        step.kind = Step::Kind::kIndex;
        const auto [end, ec] =
            std::from_chars(inside.data(), inside.data() + inside.size(), step.index);
        // An index past any array's end matches nothing; one too long to read is no path.
        if (inside.empty() || ec != std::errc() || end != inside.data() + inside.size())
          return std::nullopt;
      }
      i = close + 1;
    } else {
      return std::nullopt;
    }
    path.has_wildcard_ |= step.kind == Step::Kind::kWildcard;
    path.steps_.push_back(std::move(step));
  }
  return path;
}

void JsonPath::Collect(element e, size_t k, std::vector<element>* out) const {
  if (k == steps_.size()) {
    if (e.type() != element_type::NULL_VALUE) out->push_back(e);
    return;
  }
  const Step& step = steps_[k];
  switch (step.kind) {
    case Step::Kind::kKey: {
      if (e.type() != element_type::OBJECT) return;
      for (auto field : simdjson::dom::object(e)) {
        if (field.key == step.key) return Collect(field.value, k + 1, out);  // the first wins
      }
      return;
    }
    case Step::Kind::kIndex: {
      if (e.type() != element_type::ARRAY) return;
      element child;
      if (simdjson::dom::array(e).at(step.index).get(child) == simdjson::SUCCESS)
        Collect(child, k + 1, out);
      return;
    }
    case Step::Kind::kWildcard:
      if (e.type() != element_type::ARRAY) return;
      for (element child : simdjson::dom::array(e)) Collect(child, k + 1, out);
      return;
  }
}

std::optional<std::string> JsonPath::Evaluate(element root) const {
  std::vector<element> matches;
  Collect(root, 0, &matches);
  if (matches.empty()) return std::nullopt;
  if (!has_wildcard_) return JsonElementText(matches[0]);
  std::string out;
  if (matches.size() == 1) {
    AppendJsonElement(matches[0], &out);
    return out;
  }
  out.push_back('[');
  for (size_t i = 0; i < matches.size(); ++i) {
    if (i) out.push_back(',');
    AppendJsonElement(matches[i], &out);
  }
  out.push_back(']');
  return out;
}

}  // namespace sluice::functions
