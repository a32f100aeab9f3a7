// Numbers as text in other bases: bin, conv (Spark's NumberConverter: through an unsigned
// 64-bit value, a negative target base gives signed text), hex of numbers, strings and binary
// (upper-case digits), and unhex.
#include <cctype>

#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "functions/math_function_util.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;

namespace {

constexpr char kDigits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

// v's digits in `radix` (2..36), as an unsigned number.
std::string UnsignedText(uint64_t v, unsigned radix) {
  std::string out;
  do {
    out.insert(out.begin(), kDigits[v % radix]);
    v /= radix;
  } while (v != 0);
  return out;
}

// Java's Character.digit: -1 when c is not a digit of `radix`.
int DigitValue(char c, int radix) {
  int d = -1;
  if (c >= '0' && c <= '9') d = c - '0';
  if (c >= 'a' && c <= 'z') d = c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') d = c - 'A' + 10;
  return d < radix ? d : -1;
}

// NumberConverter.convert: an overflow reads as 2^64 - 1, or is an error under ANSI.
Result<std::optional<std::string>> Convert(std::string_view text, int32_t from, int32_t to,
                                           bool ansi) {
  if (from < 2 || from > 36 || std::abs(to) < 2 || std::abs(to) > 36)
    return std::optional<std::string>();
  // UTF8String.trim: spaces only.
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return std::optional<std::string>();
  bool negative = text[0] == '-';
  if (negative) text.remove_prefix(1);
  // Digits up to the first that is not one of `from`.
  uint64_t v = 0;
  for (char c : text) {
    const int d = DigitValue(c, from);
    if (d < 0) break;
    if (v > (UINT64_MAX - static_cast<uint64_t>(d)) / static_cast<uint64_t>(from)) {
      if (ansi) return Status::Invalid("[ARITHMETIC_OVERFLOW] Overflow in function conv().");
      v = UINT64_MAX;
      break;
    }
    v = v * static_cast<uint64_t>(from) + static_cast<uint64_t>(d);
  }
  if (negative && to > 0) v = static_cast<int64_t>(v) < 0 ? UINT64_MAX : -v;
  if (to < 0 && static_cast<int64_t>(v) < 0) {
    v = -v;
    negative = true;
  }
  std::string out = UnsignedText(v, static_cast<unsigned>(std::abs(to)));
  if (negative && to < 0) out.insert(out.begin(), '-');
  return std::optional<std::string>(std::move(out));
}

Result<BoundScalar> BindBin(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgumentCount("bin", args, 1, 1));
  SLUICE_RETURN_NOT_OK(CheckNumeric("bin", args, 0));
  BoundScalar bound;
  bound.argument_types = {TypeId::kBigInt};
  bound.return_type = TypeId::kString;
  bound.kernel = [](const FunctionContext&, const std::vector<const vector::Vector*>& in,
                    size_t rows, vector::Vector& out) {
    return MapRows<int64_t>(in, rows, out,
                            [](int64_t v) { return UnsignedText(static_cast<uint64_t>(v), 2); });
  };
  return bound;
}

Result<BoundScalar> BindConv(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgumentCount("conv", args, 3, 3));
  SLUICE_RETURN_NOT_OK(CheckNumeric("conv", args, 1));
  SLUICE_RETURN_NOT_OK(CheckNumeric("conv", args, 2));
  BoundScalar bound;
  bound.argument_types = {TypeId::kString, TypeId::kInt, TypeId::kInt};
  bound.return_type = TypeId::kString;
  bound.kernel = [](const FunctionContext& ctx, const std::vector<const vector::Vector*>& in,
                    size_t rows, vector::Vector& out) {
    return MapRows<std::string_view, int32_t, int32_t>(
        in, rows, out, [&](std::string_view text, int32_t from, int32_t to) {
          return Convert(text, from, to, ctx.ansi);
        });
  };
  return bound;
}

// hex of a number (BIGINT, as unsigned), or of a string's or binary's bytes.

}  // namespace

void RegisterRadixFunctions(FunctionRegistry& r) {
  r.Add(ScalarFunction{"bin",
                       "bin(expr) - Returns the string representation of the long value `expr` "
                       "represented in binary.",
                       BindBin});
  r.Add(ScalarFunction{"conv",
                       "conv(num, from_base, to_base) - Convert `num` from `from_base` to "
                       "`to_base`.",
                       BindConv});
}

}  // namespace sluice::functions
