// Building blocks of the kernels over ARRAY and MAP vectors: a row's elements, writing a row
// as a list of elements copied from other vectors (nested values included), sets of element
// values, map key checks, and the argument checks and errors the nested families share.
// Pure functions over the given vectors: thread-safe for distinct outputs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "functions/scalar_function.h"
#include "types/logical_type.h"
#include "vector/vector.h"

namespace sluice::functions {

// One element to copy: row `row` of `source`, or a NULL element when source is null.
struct ElementRef {
  const vector::Vector* source = nullptr;
  uint32_t row = 0;
};

inline vector::ListEntry ListAt(const vector::Vector& v, size_t row) {
  return v.data<vector::ListEntry>()[row];
}

// The elements of row `row` of an ARRAY vector (or the keys / values of a MAP: child c).
std::vector<ElementRef> Elements(const vector::Vector& list, size_t row, size_t child = 0);

// out[row] = NULL; an empty range keeps the children's offsets in order.
Status SetNullList(vector::Vector& out, size_t row);
// out[row] = ARRAY of the given elements.
Status SetList(vector::Vector& out, size_t row, const std::vector<ElementRef>& elements);
// out[row] = MAP of keys[i] -> values[i].
Status SetMap(vector::Vector& out, size_t row, const std::vector<ElementRef>& keys,
              const std::vector<ElementRef>& values);

// Spark's errors for map keys (spark.sql.mapKeyDedupPolicy=EXCEPTION).
Status DuplicateMapKey(const vector::Vector& keys, uint32_t row);
Status NullMapKey();

// Whether an element type can be compared with = (not a MAP, nor holding one).
bool IsOrderable(const types::LogicalType& t);

// "[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] ..." for argument `index` (0-based) of `fn`.
Status UnexpectedInputType(const std::string& fn, size_t index, const std::string& required,
                           const types::LogicalType& found);

// out[row] = NULL for any type (lists get an empty range, see SetNullList).
Status SetNullValue(vector::Vector& out, size_t row);

// A kernel calling `f(in, row, out)` for every row whose arguments at positions `strict` are
// all non-NULL; the others are NULL (Spark's null-intolerant functions).
template <typename F>
ScalarKernel RowKernel(std::vector<size_t> strict, F f) {
  return [strict, f](const FunctionContext& ctx, const std::vector<const vector::Vector*>& in,
                     size_t rows, vector::Vector& out) -> Status {
    for (size_t r = 0; r < rows; ++r) {
      bool any_null = false;
      for (size_t i : strict) any_null |= in[i]->IsNull(r);
      if (any_null) {
        SLUICE_RETURN_NOT_OK(SetNullValue(out, r));
        continue;
      }
      SLUICE_RETURN_NOT_OK(f(ctx, in, r, out));
    }
    return Status::OK();
  };
}

// The common type of an array's elements and a value for array_contains, array_position,
// array_remove, array_append...: numeric widening, never a string promotion.
std::optional<types::LogicalType> ElementValueType(const types::LogicalType& element,
                                                   const types::LogicalType& value);

// "[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `fn` requires `expected` parameters but ...".
Status WrongNumArgs(const std::string& fn, const std::string& expected, size_t found);
// The element type of an ARRAY argument, or UnexpectedInputType.
Result<types::LogicalType> ArrayElementType(const std::string& fn,
                                            const std::vector<BindArgument>& args, size_t index);

// Elements seen so far, by value (NULL equals NULL, NaN equals NaN, -0.0 equals 0.0).
class ElementSet {
 public:
  bool Contains(const ElementRef& x) const {
    auto [begin, end] = seen_.equal_range(Hash(x));
    for (auto it = begin; it != end; ++it)
      if (Equal(it->second, x)) return true;
    return false;
  }
  // False when an equal element is there already.
  bool Insert(const ElementRef& x) {
    if (Contains(x)) return false;
    seen_.emplace(Hash(x), x);
    return true;
  }

 private:
  static uint64_t Hash(const ElementRef& x);
  static bool Equal(const ElementRef& a, const ElementRef& b);
  std::unordered_multimap<uint64_t, ElementRef> seen_;
};

// out[row] = MAP of keys[i] -> values[i], refusing NULL and duplicate keys (Spark's
// spark.sql.mapKeyDedupPolicy=EXCEPTION).
Status SetCheckedMap(vector::Vector& out, size_t row, const std::vector<ElementRef>& keys,
                     const std::vector<ElementRef>& values);

}  // namespace sluice::functions
