#include "functions/math_function_util.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;

Status CheckArgumentCount(const std::string& name, const std::vector<BindArgument>& args,
                          size_t min, size_t max) {
  if (args.size() >= min && args.size() <= max) return Status::OK();
  std::string expected = std::to_string(min);
  if (max != min) expected += max == SIZE_MAX ? " or more" : " or " + std::to_string(max);
  return Status::Invalid("[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `" + name + "` requires " +
                         expected + " parameters but the actual number is " +
                         std::to_string(args.size()) + ".");
}

Status UnexpectedType(const std::string& name, const std::vector<BindArgument>& args, size_t index,
                      const std::string& wanted) {
  return Status::Invalid("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve `" + name +
                         "` due to data type mismatch: Parameter " + std::to_string(index + 1) +
                         " requires the " + wanted + " type, however it has the type \"" +
                         args[index].type.ToString() + "\".");
}

Status CheckNumeric(const std::string& name, const std::vector<BindArgument>& args, size_t index) {
  const LogicalType& t = args[index].type;
  if (t.IsNumeric() || t.id() == TypeId::kString || t.id() == TypeId::kNull) return Status::OK();
  return UnexpectedType(name, args, index, "\"NUMERIC\"");
}

LogicalType NumericOrDouble(const LogicalType& t) {
  return t.IsNumeric() ? t : LogicalType(TypeId::kDouble);
}

}  // namespace sluice::functions
