// Reading one element: element_at and try_element_at (arrays 1-based, negative from the
// end; maps by key), get (arrays 0-based) and subscript, the function the binder calls for
// base[index] (arrays 0-based, maps by key). Out of range is NULL, or an error under ANSI
// for element_at and subscript of arrays; index 0 of element_at is always an error.
#include "functions/array_builder.h"
#include "functions/function_registry.h"
#include "vector/vector_ops.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;
using vector::Vector;

namespace {

enum class Access { kElementAt, kTryElementAt, kGet, kSubscript };

// A missing key is NULL, under ANSI too (Spark 3.4's SPARK-40066).
Result<BoundScalar> BindMapLookup(const std::string& fn, const std::vector<BindArgument>& args) {
  const LogicalType& key = args[0].type.children()[0].type;
  const LogicalType& value = args[0].type.children()[1].type;
  std::optional<LogicalType> common = ElementValueType(key, args[1].type);
  if (!common)
    return Status::Invalid("[DATATYPE_MISMATCH.MAP_FUNCTION_DIFF_TYPES] Cannot resolve \"" + fn +
                           "\" due to data type mismatch: Input to `" + fn +
                           "` should have been \"MAP\" followed by a value with same key type, "
                           "but it's [\"" +
                           args[0].type.ToString() + "\", \"" + args[1].type.ToString() + "\"].");
  BoundScalar b;
  b.return_type = value;
  b.argument_types = {LogicalType::Map(*common, value), *common};
  b.kernel = RowKernel({0, 1},
                       [](const FunctionContext&, const std::vector<const Vector*>& in, size_t r,
                          Vector& out) -> Status {
                         const vector::ListEntry e = ListAt(*in[0], r);
                         const Vector& keys = in[0]->children()[0];
                         for (uint32_t i = 0; i < e.length; ++i)
                           if (vector::ValuesEqual(keys, e.offset + i, *in[1], r))
                             return vector::CopyRow(in[0]->children()[1], e.offset + i, out, r);
                         return SetNullValue(out, r);
                       });
  return b;
}

Result<BoundScalar> BindAccess(const std::string& fn, Access access,
                               const std::vector<BindArgument>& args) {
  if (args.size() != 2) return WrongNumArgs(fn, "2", args.size());
  const TypeId base = args[0].type.id();
  if (base == TypeId::kMap && access != Access::kGet) return BindMapLookup(fn, args);
  if (base != TypeId::kArray && base != TypeId::kNull)
    return UnexpectedInputType(
        fn, 0, access == Access::kGet ? "\"ARRAY\"" : "(\"ARRAY\" or \"MAP\")", args[0].type);
  if (!args[1].type.IsInteger() && args[1].type.id() != TypeId::kNull &&
      args[1].type.id() != TypeId::kString)
    return UnexpectedInputType(fn, 1, "\"INT\"", args[1].type);
  const LogicalType element =
      base == TypeId::kNull ? LogicalType(TypeId::kNull) : args[0].type.children()[0].type;
  BoundScalar b;
  b.return_type = element;
  b.argument_types = {LogicalType::Array(element), TypeId::kInt};
  b.kernel = RowKernel(
      {0, 1},
      [access](const FunctionContext& ctx, const std::vector<const Vector*>& in, size_t r,
               Vector& out) -> Status {
        const vector::ListEntry e = ListAt(*in[0], r);
        const int64_t index = in[1]->data<int32_t>()[r];
        const int64_t n = e.length;
        int64_t at;
        if (access == Access::kGet || access == Access::kSubscript) {
          at = index;
        } else {
          if (index == 0)
            return Status::Invalid(
                "[INVALID_INDEX_OF_ZERO] The index 0 is invalid. An index shall be either < 0 or > "
                "0 "
                "(the first element has index 1).");
          at = index > 0 ? index - 1 : n + index;
        }
        if (at < 0 || at >= n) {
          const bool error =
              ctx.ansi && (access == Access::kElementAt || access == Access::kSubscript);
          if (error)
            return Status::Invalid(
                std::string(access == Access::kElementAt ? "[INVALID_ARRAY_INDEX_IN_ELEMENT_AT]"
                                                         : "[INVALID_ARRAY_INDEX]") +
                " The index " + std::to_string(index) + " is out of bounds. The array has " +
                std::to_string(n) + " elements.");
          return SetNullValue(out, r);
        }
        return vector::CopyRow(in[0]->children()[0], e.offset + static_cast<uint32_t>(at), out, r);
      });
  return b;
}

ScalarBinder AccessBinder(std::string fn, Access access) {
  return [fn, access](const FunctionContext&, const std::vector<BindArgument>& args) {
    return BindAccess(fn, access, args);
  };
}

}  // namespace

void RegisterArrayAccessFunctions(FunctionRegistry& r) {
  r.Add({"element_at",
         "element_at(array, index) - Returns element of array at given (1-based) index. "
         "element_at(map, key) - Returns value for given key.",
         AccessBinder("element_at", Access::kElementAt)});
  r.Add({"try_element_at",
         "try_element_at(array, index) - Returns element of array at given (1-based) index, or "
         "NULL if the index is out of range.",
         AccessBinder("try_element_at", Access::kTryElementAt)});
  r.Add({"get", "get(array, index) - Returns element of array at given (0-based) index.",
         AccessBinder("get", Access::kGet)});
  r.Add({"subscript", "base[index] - An array's element at a 0-based index, a map's value.",
         AccessBinder("subscript", Access::kSubscript)});
}

}  // namespace sluice::functions
