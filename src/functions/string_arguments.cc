#include "functions/string_arguments.h"

#include "functions/kernel_util.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;

namespace {

bool IsAtomic(const LogicalType& t) { return !t.IsNested() && t.id() != TypeId::kInterval; }

const char* Wanted(Accept a) {
  switch (a) {
    case Accept::kString:
      return "\"STRING\"";
    case Accept::kBinary:
      return "\"BINARY\"";
    case Accept::kStringOrBinary:
      return "(\"STRING\" or \"BINARY\")";
    case Accept::kInt:
      return "\"INT\"";
    case Accept::kBigInt:
      return "\"BIGINT\"";
    case Accept::kDouble:
      return "\"DOUBLE\"";
    case Accept::kBoolean:
      return "\"BOOLEAN\"";
  }
  return "";
}

}  // namespace

Status CheckArgCount(std::string_view fn, size_t n, size_t min, size_t max) {
  if (n >= min && n <= max) return Status::OK();
  std::string expected = min == max ? std::to_string(min)
                         : max == SIZE_MAX
                             ? "> " + std::to_string(min - 1)
                             : "[" + std::to_string(min) + ", " + std::to_string(max) + "]";
  return Status::Invalid("[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `" + std::string(fn) +
                         "` requires " + expected + " parameters but the actual number is " +
                         std::to_string(n) + ".");
}

Result<LogicalType> Coerce(std::string_view fn, size_t index, const LogicalType& t, Accept accept) {
  const TypeId id = t.id();
  bool ok = false;
  LogicalType to = t;
  switch (accept) {
    case Accept::kString:
    case Accept::kStringOrBinary:
      ok = IsAtomic(t);
      if (!t.IsStringLike()) to = TypeId::kString;
      break;
    case Accept::kBinary:
      ok = id == TypeId::kNull || t.IsStringLike();
      if (id == TypeId::kNull) to = TypeId::kBinary;
      break;
    case Accept::kInt:
    case Accept::kBigInt:
    case Accept::kDouble:
      ok = id == TypeId::kNull || id == TypeId::kString || t.IsNumeric();
      to = accept == Accept::kInt      ? TypeId::kInt
           : accept == Accept::kBigInt ? TypeId::kBigInt
                                       : TypeId::kDouble;
      break;
    case Accept::kBoolean:
      ok = id == TypeId::kNull || id == TypeId::kBoolean;
      to = TypeId::kBoolean;
      break;
  }
  if (!ok)
    return Status::Invalid("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"" +
                           std::string(fn) + "\" due to data type mismatch: Parameter " +
                           std::to_string(index + 1) + " requires the " + Wanted(accept) +
                           " type, however it has the type \"" + t.ToString() + "\".");
  return to;
}

Result<std::vector<LogicalType>> CoerceAll(std::string_view fn,
                                           const std::vector<BindArgument>& args,
                                           const std::vector<Accept>& accepts) {
  std::vector<LogicalType> out;
  for (size_t i = 0; i < args.size(); ++i) {
    SLUICE_ASSIGN_OR_RAISE(LogicalType t,
                           Coerce(fn, i, args[i].type, accepts[std::min(i, accepts.size() - 1)]));
    out.push_back(std::move(t));
  }
  return out;
}

ScalarFunction SimpleFunction(std::string name, std::string usage, std::vector<Accept> accepts,
                              size_t min_args, LogicalType result, ScalarKernel kernel) {
  ScalarFunction f{name, std::move(usage), nullptr};
  f.bind = [name, accepts, min_args, result, kernel](
               const FunctionContext&,
               const std::vector<BindArgument>& args) -> Result<BoundScalar> {
    SLUICE_RETURN_NOT_OK(
        CheckArgCount(name, args.size(), min_args, std::max(min_args, accepts.size())));
    BoundScalar bound;
    SLUICE_ASSIGN_OR_RAISE(bound.argument_types, CoerceAll(name, args, accepts));
    bound.return_type = result;
    bound.kernel = kernel;
    return bound;
  };
  return f;
}

Status CheckResultBytes(std::string_view fn, int64_t bytes) {
  if (bytes <= INT32_MAX) return Status::OK();
  return Status::Invalid("[EXCEED_LIMIT_LENGTH] The result of `" + std::string(fn) + "` would be " +
                         std::to_string(bytes) + " bytes, more than a string can hold (" +
                         std::to_string(INT32_MAX) + ").");
}

bool IsNullConstant(const BindArgument& a) {
  return a.type.id() == TypeId::kNull || (a.constant != nullptr && a.constant->IsNull(0));
}

std::optional<std::string> ConstantString(const BindArgument& a) {
  if (a.constant == nullptr || a.constant->IsNull(0) || !a.type.IsStringLike()) return std::nullopt;
  return std::string(Get<std::string_view>(*a.constant, 0));
}

}  // namespace sluice::functions
