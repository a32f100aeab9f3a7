// +, - and the like when a DATE, TIMESTAMP or INTERVAL is involved (date + days,
// timestamp + interval, date - date, ...), as Spark resolves them.
#pragma once

#include "functions/scalar_function.h"

namespace sluice::functions {

// `op` is '+' or '-'. An error when Spark has no such operation for the types.
Result<BoundScalar> BindDatetimeArithmetic(char op, const FunctionContext& ctx,
                                           const std::vector<BindArgument>& args);

}  // namespace sluice::functions
