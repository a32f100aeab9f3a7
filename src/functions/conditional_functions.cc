// greatest / least (skipping NULLs, Spark's ordering: NaN above every number), isnan, nanvl,
// equal_null, and the functions that raise the user's error: assert_true and raise_error.
// (coalesce, if, nullif, nvl, nvl2 evaluate lazily and live in the binder.)
#include <cmath>

#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "functions/math_function_util.h"
#include "functions/type_coercion.h"
#include "vector/vector_ops.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;

namespace {

// greatest (sign 1) / least (sign -1).
Result<BoundScalar> BindExtreme(const std::string& name, int sign,
                                const std::vector<BindArgument>& args) {
  if (args.size() < 2)
    return Status::Invalid("[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `" + name +
                           "` requires > 1 parameters but the actual number is " +
                           std::to_string(args.size()) + ".");
  // findWiderTypeWithoutStringPromotion: a STRING does not absorb a number here.
  std::vector<LogicalType> types;
  bool any_string = false, any_other = false;
  for (const BindArgument& a : args) {
    types.push_back(a.type);
    if (a.type.id() == TypeId::kString)
      any_string = true;
    else if (a.type.id() != TypeId::kNull)
      any_other = true;
  }
  std::optional<LogicalType> common = WiderType(types);
  if (!common || (any_string && any_other)) {
    std::string list;
    for (const LogicalType& t : types) list += (list.empty() ? "\"" : ", \"") + t.ToString() + "\"";
    return Status::Invalid("[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve `" + name +
                           "` due to data type mismatch: Input to `" + name +
                           "` should all be the same type, but it's [" + list + "].");
  }
  if (common->id() == TypeId::kMap)
    return Status::Invalid("[DATATYPE_MISMATCH.INVALID_ORDERING_TYPE] The `" + name +
                           "` does not support ordering on type \"" + common->ToString() + "\".");
  BoundScalar bound;
  bound.argument_types.assign(args.size(), *common);
  bound.return_type = *common;
  bound.kernel = [sign](const FunctionContext&, const std::vector<const vector::Vector*>& in,
                        size_t rows, vector::Vector& out) -> Status {
    for (size_t row = 0; row < rows; ++row) {
      const vector::Vector* best = nullptr;
      for (const vector::Vector* v : in) {
        if (v->IsNull(row)) continue;
        if (best == nullptr || sign * vector::CompareValues(*v, row, *best, row) > 0) best = v;
      }
      if (best == nullptr)
        out.SetNull(row);
      else
        SLUICE_RETURN_NOT_OK(vector::CopyRow(*best, row, out, row));
    }
    return Status::OK();
  };
  return bound;
}

Status CheckFloating(const std::string& name, const std::vector<BindArgument>& args, size_t i) {
  const TypeId id = args[i].type.id();
  if (id == TypeId::kDouble || id == TypeId::kFloat || id == TypeId::kNull ||
      id == TypeId::kString || args[i].type.IsNumeric())
    return Status::OK();
  return UnexpectedType(name, args, i, "(\"DOUBLE\" or \"FLOAT\")");
}

LogicalType FloatingType(const LogicalType& t) {
  return t.id() == TypeId::kFloat ? t : LogicalType(TypeId::kDouble);
}

// isnan(x): never NULL (NULL is not NaN).
Result<BoundScalar> BindIsNan(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgumentCount("isnan", args, 1, 1));
  SLUICE_RETURN_NOT_OK(CheckFloating("isnan", args, 0));
  const LogicalType t = FloatingType(args[0].type);
  BoundScalar bound;
  bound.argument_types = {t};
  bound.return_type = TypeId::kBoolean;
  bound.kernel = [t](const FunctionContext&, const std::vector<const vector::Vector*>& in,
                     size_t rows, vector::Vector& out) {
    for (size_t row = 0; row < rows; ++row) {
      const bool nan = !in[0]->IsNull(row) &&
                       (t.id() == TypeId::kFloat ? std::isnan(in[0]->data<float>()[row])
                                                 : std::isnan(in[0]->data<double>()[row]));
      Set<bool>(out, row, nan);
    }
    return Status::OK();
  };
  return bound;
}

// nanvl(a, b): b when a is NaN, else a (NULL only when the value chosen is NULL).
Result<BoundScalar> BindNanvl(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgumentCount("nanvl", args, 2, 2));
  SLUICE_RETURN_NOT_OK(CheckFloating("nanvl", args, 0));
  SLUICE_RETURN_NOT_OK(CheckFloating("nanvl", args, 1));
  const LogicalType t = FloatingType(args[0].type).id() == TypeId::kFloat &&
                                FloatingType(args[1].type).id() == TypeId::kFloat
                            ? LogicalType(TypeId::kFloat)
                            : LogicalType(TypeId::kDouble);
  BoundScalar bound;
  bound.argument_types = {t, t};
  bound.return_type = t;
  bound.kernel = [t](const FunctionContext&, const std::vector<const vector::Vector*>& in,
                     size_t rows, vector::Vector& out) -> Status {
    for (size_t row = 0; row < rows; ++row) {
      const bool nan = !in[0]->IsNull(row) &&
                       (t.id() == TypeId::kFloat ? std::isnan(in[0]->data<float>()[row])
                                                 : std::isnan(in[0]->data<double>()[row]));
      SLUICE_RETURN_NOT_OK(vector::CopyRow(*in[nan ? 1 : 0], row, out, row));
    }
    return Status::OK();
  };
  return bound;
}

Status UserError(const std::string& message) {
  return Status::Invalid("[USER_RAISED_EXCEPTION] " + message);
}

// raise_error(message): NULL-typed; fails every row it sees.
Result<BoundScalar> BindRaiseError(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgumentCount("raise_error", args, 1, 1));
  BoundScalar bound;
  bound.argument_types = {TypeId::kString};
  bound.return_type = TypeId::kNull;
  bound.deterministic = false;  // not folded: a branch never taken must not fail the query
  bound.kernel = [](const FunctionContext&, const std::vector<const vector::Vector*>& in,
                    size_t rows, vector::Vector&) -> Status {
    if (rows == 0) return Status::OK();
    return UserError(in[0]->IsNull(0) ? "null" : std::string(Get<std::string_view>(*in[0], 0)));
  };
  return bound;
}

// assert_true(condition[, message]): NULL when the condition holds.
Result<BoundScalar> BindAssertTrue(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgumentCount("assert_true", args, 1, 2));
  if (args[0].type.id() != TypeId::kBoolean && args[0].type.id() != TypeId::kNull)
    return UnexpectedType("assert_true", args, 0, "\"BOOLEAN\"");
  BoundScalar bound;
  bound.argument_types = {TypeId::kBoolean};
  if (args.size() == 2) bound.argument_types.push_back(TypeId::kString);
  bound.return_type = TypeId::kNull;
  bound.deterministic = false;
  bound.kernel = [](const FunctionContext&, const std::vector<const vector::Vector*>& in,
                    size_t rows, vector::Vector& out) -> Status {
    for (size_t row = 0; row < rows; ++row) {
      if (in[0]->IsNull(row) || !in[0]->data<bool>()[row]) {
        if (in.size() == 2)
          return UserError(in[1]->IsNull(row) ? "null"
                                              : std::string(Get<std::string_view>(*in[1], row)));
        return UserError("'" + std::string(in[0]->IsNull(row) ? "NULL" : "false") +
                         "' is not true!");
      }
      out.SetNull(row);
    }
    return Status::OK();
  };
  return bound;
}

}  // namespace

void RegisterConditionalFunctions(FunctionRegistry& r) {
  r.Add(ScalarFunction{"greatest",
                       "greatest(expr, ...) - Returns the greatest value of all parameters, "
                       "skipping null values.",
                       [](const FunctionContext&, const std::vector<BindArgument>& args) {
                         return BindExtreme("greatest", 1, args);
                       }});
  r.Add(ScalarFunction{"least",
                       "least(expr, ...) - Returns the least value of all parameters, skipping "
                       "null values.",
                       [](const FunctionContext&, const std::vector<BindArgument>& args) {
                         return BindExtreme("least", -1, args);
                       }});
  r.Add(ScalarFunction{"isnan", "isnan(expr) - Returns true if `expr` is NaN, or false otherwise.",
                       BindIsNan});
  r.Add(ScalarFunction{"nanvl",
                       "nanvl(expr1, expr2) - Returns `expr1` if it's not NaN, or `expr2` "
                       "otherwise.",
                       BindNanvl});
  r.AddAlias("equal_null", "<=>");
  r.Add(ScalarFunction{"raise_error", "raise_error(expr) - Throws an exception with `expr`.",
                       BindRaiseError});
  r.Add(ScalarFunction{"assert_true",
                       "assert_true(expr) - Throws an exception if `expr` is not true.",
                       BindAssertTrue});
}

}  // namespace sluice::functions
