// Scalar functions: a binder that checks argument types and picks a kernel, and the kernel
// that computes a column of results from columns of arguments. Registered by name
// (FunctionRegistry); the SQL binder inserts the casts a binding asks for.
// Bound kernels are immutable: thread-safe to call from many threads at once.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "functions/function_context.h"
#include "types/logical_type.h"
#include "vector/vector.h"

namespace sluice::functions {

// One argument as the binder sees it: its type, and its value when it is a constant
// (a one-row vector), so that a kernel can prepare once (a regex, a format pattern).
struct BindArgument {
  types::LogicalType type;
  const vector::Vector* constant = nullptr;  // one row; null when not constant
};

// Computes rows [0, rows) of `out` (made with the bound return type, capacity >= rows)
// from `args` (each with rows [0, rows) valid, already cast to the bound argument types).
using ScalarKernel =
    std::function<Status(const FunctionContext& ctx, const std::vector<const vector::Vector*>& args,
                         size_t rows, vector::Vector& out)>;

struct BoundScalar {
  types::LogicalType return_type;
  // The types the arguments must be cast to first (same length as the call's arguments).
  std::vector<types::LogicalType> argument_types;
  ScalarKernel kernel;
  // Same result for the same input in one query (rand() and uuid() are not).
  bool deterministic = true;
};

// Errors name the function and what it expected, as Spark's DATATYPE_MISMATCH does.
using ScalarBinder = std::function<Result<BoundScalar>(const FunctionContext& ctx,
                                                       const std::vector<BindArgument>& args)>;

struct ScalarFunction {
  std::string name;   // lower case
  std::string usage;  // DESCRIBE FUNCTION: "concat(col1, col2, ..., colN) - Returns ..."
  ScalarBinder bind;
};

}  // namespace sluice::functions
