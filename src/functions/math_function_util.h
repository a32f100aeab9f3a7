// What the math, bitwise, conditional and misc binders share: argument checks with Spark's
// error classes (the number of arguments; which types an argument may have: Spark's
// ImplicitCastInputTypes, where a STRING or NULL becomes the number type asked for), and
// functions of no argument that return one value (pi(), current_database()).
// Pure functions: thread-safe.
#pragma once

#include <string>
#include <vector>

#include "functions/kernel_util.h"
#include "functions/scalar_function.h"

namespace sluice::functions {

// [WRONG_NUM_ARGS] unless min <= args.size() <= max.
Status CheckArgumentCount(const std::string& name, const std::vector<BindArgument>& args,
                          size_t min, size_t max);
// [DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] naming argument `index` and what was wanted.
Status UnexpectedType(const std::string& name, const std::vector<BindArgument>& args, size_t index,
                      const std::string& wanted);
// A number, a STRING or NULL: what Spark casts implicitly to the number type a function
// takes (DOUBLE, INT, BIGINT).
Status CheckNumeric(const std::string& name, const std::vector<BindArgument>& args, size_t index);
// The type itself if numeric, else DOUBLE (for STRING and NULL).
types::LogicalType NumericOrDouble(const types::LogicalType& t);

// name() returning `value` of `type` on every row.
template <typename T>
ScalarFunction ConstantFunction(const char* name, types::TypeId type, T value, const char* usage) {
  return ScalarFunction{
      name, usage,
      [name, type, value](const FunctionContext&,
                          const std::vector<BindArgument>& args) -> Result<BoundScalar> {
        SLUICE_RETURN_NOT_OK(CheckArgumentCount(name, args, 0, 0));
        BoundScalar bound;
        bound.return_type = type;
        bound.kernel = [value](const FunctionContext&, const std::vector<const vector::Vector*>&,
                               size_t rows, vector::Vector& out) {
          for (size_t row = 0; row < rows; ++row) Set<T>(out, row, value);
          return Status::OK();
        };
        return bound;
      }};
}

}  // namespace sluice::functions
