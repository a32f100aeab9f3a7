// Higher-order functions (transform, filter, aggregate, zip_with, map_filter, ...): functions
// taking lambdas. The binder asks a function for each lambda's parameter types, binds the
// lambda bodies, then binds the call; the kernel gets the non-lambda arguments as vectors and
// each lambda as a LambdaBody that the evaluator runs over many elements at once.
// Registered functions are immutable: thread-safe.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "functions/function_context.h"
#include "types/logical_type.h"
#include "vector/vector.h"

namespace sluice::functions {

// Evaluates a lambda's body for params[i].size() element rows: params are its parameters'
// values (one row per element), outer_rows[j] the row of the call's input that element row j
// belongs to (whose columns the body may read). Returns one value per element row.
using LambdaBody = std::function<Result<vector::Vector>(
    const std::vector<const vector::Vector*>& params, const std::vector<uint32_t>& outer_rows)>;

// Computes rows [0, rows) of `out`. args[i] is null at a lambda's position; lambdas are the
// call's lambdas in order.
using HigherOrderKernel =
    std::function<Status(const FunctionContext& ctx, const std::vector<const vector::Vector*>& args,
                         const std::vector<LambdaBody>& lambdas, size_t rows, vector::Vector& out)>;

// What a lambda at one argument position receives.
struct LambdaSignature {
  std::vector<types::LogicalType> params;
  size_t min_params = 0;  // fewer may be written (transform's index is optional)
};

struct BoundHigherOrder {
  types::LogicalType return_type;
  // Casts: of each argument (ignored at lambda positions), and of each lambda's result.
  std::vector<types::LogicalType> argument_types;
  std::vector<types::LogicalType> lambda_result_types;
  HigherOrderKernel kernel;
};

struct HigherOrderFunction {
  std::string name;
  // Positions that must be lambdas, and those that may be (array_sort's comparator,
  // aggregate's finish).
  std::vector<size_t> lambda_positions;
  size_t min_args = 0, max_args = 0;
  // The lambda at `position`'s parameters, from the arguments' types (lambda positions: NULL).
  std::function<Result<LambdaSignature>(const std::vector<types::LogicalType>& args,
                                        size_t position)>
      signature;
  // From the arguments' types, with each lambda's body type at its position.
  std::function<Result<BoundHigherOrder>(const std::vector<types::LogicalType>& args)> bind;
};

// The higher-order function of that name (lower case), or null.
const HigherOrderFunction* FindHigherOrderFunction(std::string_view name);

}  // namespace sluice::functions
