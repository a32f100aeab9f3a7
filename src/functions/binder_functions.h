// Functions the binder builds itself rather than finding in the registry: conditionals that
// pick among their arguments, generators, higher-order functions, window-only and grouping
// functions. Listed here with their usage lines so that SHOW FUNCTIONS, DESCRIBE FUNCTION
// and "did you mean" know them as they know the registered ones.
#pragma once

#include <span>
#include <string_view>

namespace sluice::functions {

struct BinderFunction {
  std::string_view name;
  std::string_view usage;
};

std::span<const BinderFunction> BinderFunctions();

}  // namespace sluice::functions
