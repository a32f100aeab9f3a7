// Binders of the string functions that other families extend: concat and reverse also take
// arrays, which the array functions bind. The array family registers its own `concat` and
// `reverse` after the string family and calls these for the other argument types.
// Pure functions: thread-safe.
#pragma once

#include <vector>

#include "functions/scalar_function.h"

namespace sluice::functions {

// concat of strings (binary when every argument is BINARY); ARRAY arguments are refused.
Result<BoundScalar> BindStringConcat(const FunctionContext& ctx,
                                     const std::vector<BindArgument>& args);
// reverse of a string by characters; ARRAY arguments are refused.
Result<BoundScalar> BindStringReverse(const FunctionContext& ctx,
                                      const std::vector<BindArgument>& args);

}  // namespace sluice::functions
