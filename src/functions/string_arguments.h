// Argument checks shared by the string, regexp and LIKE functions: arity errors and the
// implicit casts Spark's ImplicitTypeCasts inserts for them (length(123) reads '123').
// Pure functions: thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "functions/kernel_util.h"
#include "functions/scalar_function.h"

namespace sluice::functions {

// What a parameter accepts. STRING and BINARY share one representation, so a string
// parameter keeps BINARY as it is (the bytes are the cast's result) and vice versa.
enum class Accept {
  kString,          // any atomic type, read as its text
  kBinary,          // BINARY, or STRING as its UTF-8 bytes
  kStringOrBinary,  // BINARY stays BINARY; anything else as kString
  kInt,             // numbers and numeric strings, as INT
  kBigInt,
  kDouble,
  kBoolean,
};

// "[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] ..." unless min <= n <= max.
Status CheckArgCount(std::string_view fn, size_t n, size_t min, size_t max);
// The type argument `index` (0-based) of `fn` is cast to, or a DATATYPE_MISMATCH error.
Result<types::LogicalType> Coerce(std::string_view fn, size_t index, const types::LogicalType& t,
                                  Accept accept);
// Coerces every argument; `accepts` gives each position (the last repeats for the rest).
Result<std::vector<types::LogicalType>> CoerceAll(std::string_view fn,
                                                  const std::vector<BindArgument>& args,
                                                  const std::vector<Accept>& accepts);
// A function whose parameters take `accepts` (min_args of them required; at most
// max(min_args, accepts.size()), the last accept repeating), whose result is
// `result`, and whose kernel needs nothing prepared at bind time.
ScalarFunction SimpleFunction(std::string name, std::string usage, std::vector<Accept> accepts,
                              size_t min_args, types::LogicalType result, ScalarKernel kernel);
// Strings are limited to 2 GB, as Spark's are: a longer result is an error naming `fn`.
Status CheckResultBytes(std::string_view fn, int64_t bytes);

// Kernels that apply f to each row's one or two string arguments (MapRows' NULL rule).
template <typename F>
ScalarKernel StringKernel1(F f) {
  return [f](const FunctionContext&, const std::vector<const vector::Vector*>& in, size_t rows,
             vector::Vector& out) { return MapRows<std::string_view>(in, rows, out, f); };
}
template <typename F>
ScalarKernel StringKernel2(F f) {
  return [f](const FunctionContext&, const std::vector<const vector::Vector*>& in, size_t rows,
             vector::Vector& out) {
    return MapRows<std::string_view, std::string_view>(in, rows, out, f);
  };
}
// Whether an argument is a constant NULL, or a constant string (then its value).
bool IsNullConstant(const BindArgument& a);
std::optional<std::string> ConstantString(const BindArgument& a);

}  // namespace sluice::functions
