// The ARRAY forms of functions the string family shares: concat and reverse. The string
// family's binders may call these when an argument is an ARRAY (AnyArrayArgument); until
// they do, RegisterArrayFunctions chains them in front of whatever is registered under those
// names. Pure functions: thread-safe.
#pragma once

#include <vector>

#include "functions/scalar_function.h"

namespace sluice::functions {

bool AnyArrayArgument(const std::vector<BindArgument>& args);
Result<BoundScalar> BindArrayConcat(const FunctionContext& ctx,
                                    const std::vector<BindArgument>& args);
Result<BoundScalar> BindArrayReverse(const FunctionContext& ctx,
                                     const std::vector<BindArgument>& args);

}  // namespace sluice::functions
