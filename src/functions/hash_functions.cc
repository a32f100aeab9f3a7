// hash (Murmur3 x86_32) and xxhash64 with seed 42, over Spark's value layout
// (InterpretedHashFunction): each argument's hash seeds the next; a NULL leaves the seed as
// it is; integers up to INT and DATE hash as 4 bytes, BIGINT and timestamps as 8, -0.0 as 0,
// decimals of up to 18 digits as their unscaled long and wider ones as the big-endian
// two's-complement bytes of the unscaled value; nested values fold their elements in order.
// Results match Spark's for the same values, so they can partition data as Spark does.
#include <xxhash.h>

#include <cmath>
#include <cstring>

#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "functions/math_function_util.h"
#include "functions/spark_murmur3.h"
#include "types/interval.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;

namespace {

// Spark's XXH64 is the standard one over the little-endian bytes.
struct XxHash64 {
  static int64_t Int(int32_t v, int64_t seed) { return Bytes(&v, 4, seed); }
  static int64_t Long(int64_t v, int64_t seed) { return Bytes(&v, 8, seed); }
  static int64_t Bytes(const void* data, size_t length, int64_t seed) {
    return static_cast<int64_t>(XXH64(data, length, static_cast<uint64_t>(seed)));
  }
};

// BigInteger.toByteArray: the shortest big-endian two's complement.
std::vector<uint8_t> TwosComplementBytes(types::Int128 v) {
  std::vector<uint8_t> bytes(16);
  for (int i = 0; i < 16; ++i)
    bytes[15 - i] = static_cast<uint8_t>(static_cast<unsigned __int128>(v) >> (8 * i));
  size_t start = 0;
  while (start < 15 && ((bytes[start] == 0 && !(bytes[start + 1] & 0x80)) ||
                        (bytes[start] == 0xff && (bytes[start + 1] & 0x80))))
    ++start;
  return std::vector<uint8_t>(bytes.begin() + static_cast<std::ptrdiff_t>(start), bytes.end());
}

template <typename H>
int64_t HashValue(const vector::Vector& v, size_t row, int64_t seed) {
  if (v.IsNull(row)) return seed;
  const LogicalType& t = v.type();
  switch (t.id()) {
    case TypeId::kNull:
      return seed;
    case TypeId::kBoolean:
      return H::Int(v.data<bool>()[row] ? 1 : 0, seed);
    case TypeId::kTinyInt:
      return H::Int(v.data<int8_t>()[row], seed);
    case TypeId::kSmallInt:
      return H::Int(v.data<int16_t>()[row], seed);
    case TypeId::kInt:
    case TypeId::kDate:
    case TypeId::kYearMonthInterval:
      return H::Int(v.data<int32_t>()[row], seed);
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
    case TypeId::kDayTimeInterval:
      return H::Long(v.data<int64_t>()[row], seed);
    case TypeId::kFloat: {
      const float f = v.data<float>()[row];
      int32_t bits = 0x7fc00000;  // Float.floatToIntBits: one NaN
      if (f == 0)
        bits = 0;
      else if (!std::isnan(f))
        std::memcpy(&bits, &f, 4);
      return H::Int(bits, seed);
    }
    case TypeId::kDouble: {
      const double d = v.data<double>()[row];
      int64_t bits = 0x7ff8000000000000LL;
      if (d == 0)
        bits = 0;
      else if (!std::isnan(d))
        std::memcpy(&bits, &d, 8);
      return H::Long(bits, seed);
    }
    case TypeId::kDecimal: {
      const types::Int128 unscaled = Get<types::Int128>(v, row);
      if (t.precision() <= 18) return H::Long(static_cast<int64_t>(unscaled), seed);
      const std::vector<uint8_t> bytes = TwosComplementBytes(unscaled);
      return H::Bytes(bytes.data(), bytes.size(), seed);
    }
    case TypeId::kString:
    case TypeId::kBinary: {
      const std::string_view s = Get<std::string_view>(v, row);
      return H::Bytes(reinterpret_cast<const uint8_t*>(s.data()), s.size(), seed);
    }
    case TypeId::kInterval: {
      const types::Interval i = v.data<types::Interval>()[row];
      return H::Int(i.months, H::Int(i.days, H::Long(i.micros, seed)));
    }
    case TypeId::kArray: {
      const vector::ListEntry e = v.data<vector::ListEntry>()[row];
      for (uint32_t i = 0; i < e.length; ++i)
        seed = HashValue<H>(v.children()[0], e.offset + i, seed);
      return seed;
    }
    case TypeId::kMap: {
      const vector::ListEntry e = v.data<vector::ListEntry>()[row];
      for (uint32_t i = 0; i < e.length; ++i) {
        seed = HashValue<H>(v.children()[0], e.offset + i, seed);
        seed = HashValue<H>(v.children()[1], e.offset + i, seed);
      }
      return seed;
    }
    case TypeId::kStruct:
      for (const vector::Vector& field : v.children()) seed = HashValue<H>(field, row, seed);
      return seed;
  }
  return seed;
}

template <typename H>
ScalarFunction HashFunction(const char* name, TypeId result, const char* usage) {
  return ScalarFunction{
      name, usage,
      [name, result](const FunctionContext&,
                     const std::vector<BindArgument>& args) -> Result<BoundScalar> {
        if (args.empty())
          return Status::Invalid(std::string("[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `") + name +
                                 "` requires > 0 parameters but the actual number is 0.");
        for (size_t i = 0; i < args.size(); ++i)
          if (args[i].type.id() == TypeId::kMap)
            return Status::Invalid(std::string("[DATATYPE_MISMATCH.HASH_MAP_TYPE] Input to the "
                                               "function `") +
                                   name + "` cannot contain elements of the \"MAP\" type.");
        BoundScalar bound;
        for (const BindArgument& a : args) bound.argument_types.push_back(a.type);
        bound.return_type = result;
        bound.kernel = [result](const FunctionContext&,
                                const std::vector<const vector::Vector*>& in, size_t rows,
                                vector::Vector& out) {
          for (size_t row = 0; row < rows; ++row) {
            int64_t h = 42;
            for (const vector::Vector* v : in) h = HashValue<H>(*v, row, h);
            if (result == TypeId::kInt)
              Set<int32_t>(out, row, static_cast<int32_t>(h));
            else
              Set<int64_t>(out, row, h);
          }
          return Status::OK();
        };
        return bound;
      }};
}

}  // namespace

void RegisterHashFunctions(FunctionRegistry& r) {
  r.Add(HashFunction<Murmur3>("hash", TypeId::kInt,
                              "hash(expr1, expr2, ...) - Returns a hash value of the arguments."));
  r.Add(HashFunction<XxHash64>(
      "xxhash64", TypeId::kBigInt,
      "xxhash64(expr1, expr2, ...) - Returns a 64-bit hash value of the arguments. Hash seed is "
      "42."));
}

}  // namespace sluice::functions
