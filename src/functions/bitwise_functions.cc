// Bitwise operators & | ^ ~ (functions named by their symbols: the binder calls them),
// shiftleft / shiftright / shiftrightunsigned (Java's shifts: the count is taken modulo the
// width), bit_count (of the value sign-extended to 64 bits, as Java's Long.bitCount) and
// bit_get / getbit, and the scalar bitmap functions.
#include <bit>

#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "functions/math_function_util.h"
#include "functions/numeric_dispatch.h"
#include "functions/type_coercion.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;

namespace {

Status CheckIntegerOnly(const std::string& name, const std::vector<BindArgument>& args,
                        size_t index, bool boolean_too = false) {
  const LogicalType& t = args[index].type;
  if (t.IsInteger() || t.id() == TypeId::kNull || (boolean_too && t.id() == TypeId::kBoolean))
    return Status::OK();
  return UnexpectedType(name, args, index,
                        boolean_too ? "(\"INTEGRAL\" or \"BOOLEAN\")" : "\"INTEGRAL\"");
}

// Calls f.template operator()<T>() with T the C++ type of an integer type.
template <typename F>
Status DispatchInteger(TypeId id, F&& f) {
  return DispatchFixedWidth(id, [&]<typename T>() -> Status {
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>)
      return f.template operator()<T>();
    else
      return Status::Internal("not an integer type");
  });
}

ScalarFunction BinaryBitwise(const char* name, char op, const char* usage) {
  return ScalarFunction{
      name, usage,
      [name, op](const FunctionContext&,
                 const std::vector<BindArgument>& args) -> Result<BoundScalar> {
        SLUICE_RETURN_NOT_OK(CheckArgumentCount(name, args, 2, 2));
        SLUICE_RETURN_NOT_OK(CheckIntegerOnly(name, args, 0));
        SLUICE_RETURN_NOT_OK(CheckIntegerOnly(name, args, 1));
        LogicalType t = WiderType(args[0].type, args[1].type).value_or(TypeId::kInt);
        if (t.id() == TypeId::kNull) t = TypeId::kInt;
        BoundScalar bound;
        bound.argument_types = {t, t};
        bound.return_type = t;
        bound.kernel = [op, t](const FunctionContext&, const std::vector<const vector::Vector*>& in,
                               size_t rows, vector::Vector& out) {
          return DispatchInteger(t.id(), [&]<typename T>() {
            return MapRows<T, T>(in, rows, out, [&](T a, T b) {
              return static_cast<T>(op == '&' ? (a & b) : op == '|' ? (a | b) : (a ^ b));
            });
          });
        };
        return bound;
      }};
}

Result<BoundScalar> BindBitwiseNot(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgumentCount("~", args, 1, 1));
  SLUICE_RETURN_NOT_OK(CheckIntegerOnly("~", args, 0));
  const LogicalType t = args[0].type.id() == TypeId::kNull ? TypeId::kInt : args[0].type;
  BoundScalar bound;
  bound.argument_types = {t};
  bound.return_type = t;
  bound.kernel = [t](const FunctionContext&, const std::vector<const vector::Vector*>& in,
                     size_t rows, vector::Vector& out) {
    return DispatchInteger(t.id(), [&]<typename T>() {
      return MapRows<T>(in, rows, out, [](T a) { return static_cast<T>(~a); });
    });
  };
  return bound;
}

enum class Shift { kLeft, kRight, kRightUnsigned };

ScalarFunction ShiftFunction(const char* name, Shift kind, const char* usage) {
  return ScalarFunction{name, usage,
                        [name, kind](const FunctionContext&,
                                     const std::vector<BindArgument>& args) -> Result<BoundScalar> {
                          SLUICE_RETURN_NOT_OK(CheckArgumentCount(name, args, 2, 2));
                          SLUICE_RETURN_NOT_OK(CheckNumeric(name, args, 0));
                          SLUICE_RETURN_NOT_OK(CheckNumeric(name, args, 1));
                          const LogicalType t =
                              args[0].type.id() == TypeId::kBigInt ? TypeId::kBigInt : TypeId::kInt;
                          BoundScalar bound;
                          bound.argument_types = {t, TypeId::kInt};
                          bound.return_type = t;
                          bound.kernel = [kind, t](const FunctionContext&,
                                                   const std::vector<const vector::Vector*>& in,
                                                   size_t rows, vector::Vector& out) {
                            return DispatchInteger(t.id(), [&]<typename T>() {
                              using U = std::make_unsigned_t<T>;
                              constexpr int kMask = sizeof(T) * 8 - 1;
                              return MapRows<T, int32_t>(in, rows, out, [&](T a, int32_t n) {
                                const int s = n & kMask;
                                switch (kind) {
                                  case Shift::kLeft:
                                    return static_cast<T>(static_cast<U>(a) << s);
                                  case Shift::kRight:
                                    return static_cast<T>(a >> s);
                                  default:
                                    return static_cast<T>(static_cast<U>(a) >> s);
                                }
                              });
                            });
                          };
                          return bound;
                        }};
}

Result<BoundScalar> BindBitCount(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgumentCount("bit_count", args, 1, 1));
  SLUICE_RETURN_NOT_OK(CheckIntegerOnly("bit_count", args, 0, true));
  const LogicalType t = args[0].type.id() == TypeId::kNull ? TypeId::kInt : args[0].type;
  BoundScalar bound;
  bound.argument_types = {t};
  bound.return_type = TypeId::kInt;
  bound.kernel = [t](const FunctionContext&, const std::vector<const vector::Vector*>& in,
                     size_t rows, vector::Vector& out) {
    return DispatchFixedWidth(t.id(), [&]<typename T>() -> Status {
      if constexpr (std::is_integral_v<T>) {
        return MapRows<T>(in, rows, out, [](T a) {
          return static_cast<int32_t>(
              std::popcount(static_cast<uint64_t>(static_cast<int64_t>(a))));
        });
      } else {
        return Status::Internal("bit_count of " + t.ToString());
      }
    });
  };
  return bound;
}

Result<BoundScalar> BindBitGet(const std::string& name, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgumentCount(name, args, 2, 2));
  SLUICE_RETURN_NOT_OK(CheckIntegerOnly(name, args, 0));
  SLUICE_RETURN_NOT_OK(CheckNumeric(name, args, 1));
  const LogicalType t = args[0].type.id() == TypeId::kNull ? TypeId::kInt : args[0].type;
  BoundScalar bound;
  bound.argument_types = {t, TypeId::kInt};
  bound.return_type = TypeId::kTinyInt;
  bound.kernel = [t, name](const FunctionContext&, const std::vector<const vector::Vector*>& in,
                           size_t rows, vector::Vector& out) {
    return DispatchInteger(t.id(), [&]<typename T>() {
      constexpr int kBits = sizeof(T) * 8;
      return MapRows<T, int32_t>(in, rows, out, [&](T a, int32_t pos) -> Result<int8_t> {
        if (pos < 0 || pos >= kBits)
          return Status::Invalid(
              "[INVALID_PARAMETER_VALUE.BIT_POSITION_RANGE] The value of parameter(s) `pos` in `" +
              name + "` is invalid: expects an integer value in [0, " + std::to_string(kBits) +
              "), but got " + std::to_string(pos) + ".");
        return static_cast<int8_t>((static_cast<uint64_t>(static_cast<int64_t>(a)) >> pos) & 1);
      });
    });
  };
  return bound;
}

// Spark 3.5's bitmaps: 32,768 bits per bucket; value v > 0 is bit (v - 1) % 32768 of bucket
// 1 + (v - 1) / 32768, and v <= 0 is bit -v % 32768 of bucket v / 32768.
constexpr int64_t kBitmapBits = 32768;

ScalarFunction BitmapPosition(const char* name, bool bucket, const char* usage) {
  return ScalarFunction{
      name, usage,
      [name, bucket](const FunctionContext&,
                     const std::vector<BindArgument>& args) -> Result<BoundScalar> {
        SLUICE_RETURN_NOT_OK(CheckArgumentCount(name, args, 1, 1));
        SLUICE_RETURN_NOT_OK(CheckNumeric(name, args, 0));
        BoundScalar bound;
        bound.argument_types = {TypeId::kBigInt};
        bound.return_type = TypeId::kBigInt;
        bound.kernel = [bucket](const FunctionContext&,
                                const std::vector<const vector::Vector*>& in, size_t rows,
                                vector::Vector& out) {
          return MapRows<int64_t>(in, rows, out, [bucket](int64_t v) -> int64_t {
            if (bucket) return v > 0 ? 1 + (v - 1) / kBitmapBits : v / kBitmapBits;
            return v > 0 ? (v - 1) % kBitmapBits : -(v % kBitmapBits);
          });
        };
        return bound;
      }};
}

Result<BoundScalar> BindBitmapCount(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgumentCount("bitmap_count", args, 1, 1));
  if (args[0].type.id() != TypeId::kBinary && args[0].type.id() != TypeId::kNull)
    return UnexpectedType("bitmap_count", args, 0, "\"BINARY\"");
  BoundScalar bound;
  bound.argument_types = {TypeId::kBinary};
  bound.return_type = TypeId::kBigInt;
  bound.kernel = [](const FunctionContext&, const std::vector<const vector::Vector*>& in,
                    size_t rows, vector::Vector& out) {
    return MapRows<std::string_view>(in, rows, out, [](std::string_view bytes) {
      int64_t count = 0;
      for (unsigned char b : bytes) count += std::popcount(b);
      return count;
    });
  };
  return bound;
}

}  // namespace

void RegisterBitwiseFunctions(FunctionRegistry& r) {
  r.Add(BinaryBitwise("&", '&',
                      "expr1 & expr2 - Returns the result of bitwise AND of `expr1` and `expr2`."));
  r.Add(BinaryBitwise("|", '|',
                      "expr1 | expr2 - Returns the result of bitwise OR of `expr1` and `expr2`."));
  r.Add(BinaryBitwise(
      "^", '^',
      "expr1 ^ expr2 - Returns the result of bitwise exclusive OR of `expr1` and `expr2`."));
  r.Add(
      ScalarFunction{"~", "~ expr - Returns the result of bitwise NOT of `expr`.", BindBitwiseNot});
  r.Add(ShiftFunction("shiftleft", Shift::kLeft, "shiftleft(base, expr) - Bitwise left shift."));
  r.Add(ShiftFunction("shiftright", Shift::kRight,
                      "shiftright(base, expr) - Bitwise (signed) right shift."));
  r.Add(ShiftFunction("shiftrightunsigned", Shift::kRightUnsigned,
                      "shiftrightunsigned(base, expr) - Bitwise unsigned right shift."));
  r.Add(ScalarFunction{"bit_count",
                       "bit_count(expr) - Returns the number of bits that are set in the argument "
                       "expr as an unsigned 64-bit integer, or NULL if the argument is NULL.",
                       BindBitCount});
  r.Add(ScalarFunction{
      "bit_get",
      "bit_get(expr, pos) - Returns the value of the bit (0 or 1) at the specified position.",
      [](const FunctionContext&, const std::vector<BindArgument>& args) {
        return BindBitGet("bit_get", args);
      }});
  r.Add(ScalarFunction{
      "getbit",
      "getbit(expr, pos) - Returns the value of the bit (0 or 1) at the specified position.",
      [](const FunctionContext&, const std::vector<BindArgument>& args) {
        return BindBitGet("getbit", args);
      }});
  r.Add(BitmapPosition("bitmap_bit_position", false,
                       "bitmap_bit_position(child) - Returns the bit position for the given input "
                       "child expression."));
  r.Add(
      BitmapPosition("bitmap_bucket_number", true,
                     "bitmap_bucket_number(child) - Returns the bucket number for the given input "
                     "child expression."));
  r.Add(ScalarFunction{"bitmap_count",
                       "bitmap_count(bitmap) - Returns the number of set bits in the child bitmap.",
                       BindBitmapCount});
}

}  // namespace sluice::functions
