#include "functions/datetime_arithmetic.h"

namespace sluice::functions {

Result<BoundScalar> BindDatetimeArithmetic(char op, const FunctionContext&,
                                           const std::vector<BindArgument>& args) {
  return Status::Invalid(std::string("[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] cannot apply ") +
                         op + " to " + args[0].type.ToString() + " and " + args[1].type.ToString());
}

}  // namespace sluice::functions
