// Argument checks the math, bitwise and conditional binders share, with Spark's error
// classes: the number of arguments, and which types an argument may have (Spark's
// ImplicitCastInputTypes: a STRING or NULL becomes the number type asked for).
// Pure functions: thread-safe.
#pragma once

#include <string>
#include <vector>

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

}  // namespace sluice::functions
