// = <> < <= > >= and <=> with Spark's coercion (ComparisonType) and ordering (NaN above
// every number and equal to itself, -0.0 = 0.0); <=> is never NULL.
#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "functions/type_coercion.h"
#include "vector/vector_ops.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;

namespace {

enum class Op { kEq, kNe, kLt, kLe, kGt, kGe, kNullSafeEq };

bool Holds(Op op, int c) {
  switch (op) {
    case Op::kEq:
    case Op::kNullSafeEq:
      return c == 0;
    case Op::kNe:
      return c != 0;
    case Op::kLt:
      return c < 0;
    case Op::kLe:
      return c <= 0;
    case Op::kGt:
      return c > 0;
    case Op::kGe:
      return c >= 0;
  }
  return false;
}

template <typename T>
int Compare3(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// Typed loop for the common fixed-width integer types; CompareValues otherwise. A constant
// right side (`col = 5`) is read once.
template <typename T>
void CompareTyped(Op op, const vector::Vector& a, const vector::Vector& b, size_t rows,
                  vector::Vector& out) {
  const T* x = a.data<T>();
  const T* y = b.data<T>();
  bool* r = out.data<bool>();
  if (b.is_constant()) {
    const T c = y[0];
    for (size_t i = 0; i < rows; ++i) r[i] = Holds(op, Compare3(x[i], c));
  } else {
    for (size_t i = 0; i < rows; ++i) r[i] = Holds(op, Compare3(x[i], y[i]));
  }
}

// = and <> on strings: bytes equal or not, the size and prefix compared first. NULL rows
// are skipped: their slots may hold anything.
void StringsEqual(bool equal, const vector::Vector& a, const vector::Vector& b, size_t rows,
                  vector::Vector& out) {
  const vector::StringRef* x = a.data<vector::StringRef>();
  const vector::StringRef* y = b.data<vector::StringRef>();
  const bool any_null = !a.validity().AllValid() || !b.validity().AllValid();
  const bool constant = b.is_constant();
  bool* r = out.data<bool>();
  for (size_t i = 0; i < rows; ++i) {
    if (any_null && (a.IsNull(i) || b.IsNull(i))) continue;
    r[i] = (x[i] == y[constant ? 0 : i]) == equal;
  }
}

Result<BoundScalar> BindComparison(Op op, const std::vector<BindArgument>& args,
                                   const char* symbol) {
  if (args.size() != 2) return Status::Invalid(std::string(symbol) + " takes two arguments");
  std::optional<LogicalType> common = ComparisonType(args[0].type, args[1].type);
  if (!common)
    return Status::Invalid("[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] Cannot compare " +
                           args[0].type.ToString() + " " + symbol + " " + args[1].type.ToString());
  if (common->id() == TypeId::kMap)
    return Status::Invalid("[DATATYPE_MISMATCH.INVALID_ORDERING_TYPE] maps cannot be compared");
  BoundScalar bound;
  bound.argument_types = {*common, *common};
  bound.return_type = TypeId::kBoolean;
  bound.kernel = [op](const FunctionContext&, const std::vector<const vector::Vector*>& in,
                      size_t rows, vector::Vector& out) -> Status {
    const vector::Vector& a = *in[0];
    const vector::Vector& b = *in[1];
    if (op == Op::kNullSafeEq) {
      for (size_t i = 0; i < rows; ++i) {
        const bool an = a.IsNull(i), bn = b.IsNull(i);
        out.data<bool>()[i] = (an || bn) ? (an && bn) : vector::CompareValues(a, i, b, i) == 0;
      }
      return Status::OK();
    }
    switch (a.type().id()) {
      case TypeId::kInt:
      case TypeId::kDate:
        CompareTyped<int32_t>(op, a, b, rows, out);
        break;
      case TypeId::kBigInt:
      case TypeId::kTimestamp:
      case TypeId::kTimestampNtz:
        CompareTyped<int64_t>(op, a, b, rows, out);
        break;
      case TypeId::kString:
      case TypeId::kBinary:
        if (op == Op::kEq || op == Op::kNe) {
          StringsEqual(op == Op::kEq, a, b, rows, out);
          break;
        }
        [[fallthrough]];
      default:
        for (size_t i = 0; i < rows; ++i)
          if (!a.IsNull(i) && !b.IsNull(i))
            out.data<bool>()[i] = Holds(op, vector::CompareValues(a, i, b, i));
    }
    for (size_t i = 0; i < rows; ++i)
      if (a.IsNull(i) || b.IsNull(i)) out.SetNull(i);
    return Status::OK();
  };
  return bound;
}

ScalarFunction Comparison(const char* name, Op op, const char* usage) {
  return ScalarFunction{name, usage,
                        [op, name](const FunctionContext&, const std::vector<BindArgument>& args) {
                          return BindComparison(op, args, name);
                        }};
}

}  // namespace

void RegisterComparisonFunctions(FunctionRegistry& r) {
  r.Add(Comparison("=", Op::kEq,
                   "expr1 = expr2 - Returns true if `expr1` equals `expr2`, or false otherwise."));
  r.AddAlias("==", "=");
  r.Add(Comparison(
      "<>", Op::kNe,
      "expr1 != expr2 - Returns true if `expr1` is not equal to `expr2`, or false otherwise."));
  r.AddAlias("!=", "<>");
  r.Add(Comparison("<", Op::kLt, "expr1 < expr2 - Returns true if `expr1` is less than `expr2`."));
  r.Add(Comparison("<=", Op::kLe,
                   "expr1 <= expr2 - Returns true if `expr1` is less than or equal to `expr2`."));
  r.Add(
      Comparison(">", Op::kGt, "expr1 > expr2 - Returns true if `expr1` is greater than `expr2`."));
  r.Add(
      Comparison(">=", Op::kGe,
                 "expr1 >= expr2 - Returns true if `expr1` is greater than or equal to `expr2`."));
  r.Add(
      Comparison("<=>", Op::kNullSafeEq,
                 "expr1 <=> expr2 - Returns same result as the EQUAL(=) operator for non-null "
                 "operands, but returns true if both are null, false if one of the them is null."));
}

}  // namespace sluice::functions
