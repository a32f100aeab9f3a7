// +, -, * and / when a DATE, TIMESTAMP or interval is involved (date + days,
// timestamp + interval, date - date, interval * 2, ...), as Spark resolves them.
#pragma once

#include "functions/scalar_function.h"

namespace sluice::functions {

// `op` is '+', '-', '*' or '/' (the last two when an interval is involved). An error when Spark has
// no such operation for the types.
Result<BoundScalar> BindDatetimeArithmetic(char op, const FunctionContext& ctx,
                                           const std::vector<BindArgument>& args);

}  // namespace sluice::functions
