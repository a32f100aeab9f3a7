// Array constructors and element functions with Spark 3.5's semantics: array, size /
// cardinality / array_size, array_contains, array_position, array_remove, array_min/max,
// array_repeat, array_append / prepend / insert, array_compact, slice, flatten, sort_array,
// array_sort (natural order), shuffle, array_join, and the ARRAY forms
// of concat and reverse (chained onto the string functions of those names).
#include "functions/array_functions.h"

#include <algorithm>
#include <random>

#include "functions/array_builder.h"
#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "functions/type_coercion.h"
#include "vector/vector_ops.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;
using vector::Vector;

namespace {

using Args = std::vector<const Vector*>;

LogicalType ArrayOf(const LogicalType& element) { return LogicalType::Array(element); }

Status RequireInteger(const std::string& fn, const std::vector<BindArgument>& args, size_t i,
                      const char* required = "\"INT\"") {
  if (args[i].type.IsInteger() || args[i].type.id() == TypeId::kNull) return Status::OK();
  return UnexpectedInputType(fn, i, required, args[i].type);
}

Status DiffTypes(const std::string& fn, const LogicalType& array, const LogicalType& value) {
  return Status::Invalid("[DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES] Cannot resolve \"" + fn +
                         "\" due to data type mismatch: Input to `" + fn +
                         "` should have been \"ARRAY\" followed by a value with same element "
                         "type, but it's [\"" +
                         array.ToString() + "\", \"" + value.ToString() + "\"].");
}

// Binds f(array, value) with the value coerced to the element type (or both widened).
Result<std::pair<LogicalType, LogicalType>> ArrayAndValue(const std::string& fn,
                                                          const std::vector<BindArgument>& args) {
  if (args.size() != 2) return WrongNumArgs(fn, "2", args.size());
  SLUICE_ASSIGN_OR_RAISE(LogicalType element, ArrayElementType(fn, args, 0));
  std::optional<LogicalType> common = ElementValueType(element, args[1].type);
  if (!common) return DiffTypes(fn, args[0].type, args[1].type);
  return std::make_pair(ArrayOf(*common), *common);
}

Result<BoundScalar> BindArray(const FunctionContext&, const std::vector<BindArgument>& args) {
  std::vector<LogicalType> types;
  for (const BindArgument& a : args) types.push_back(a.type);
  std::optional<LogicalType> element = WiderType(types);
  if (!element)
    return Status::Invalid(
        "[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve \"array\" due to data type "
        "mismatch: Input to `array` should all be the same type.");
  BoundScalar b;
  b.return_type = ArrayOf(*element);
  b.argument_types.assign(args.size(), *element);
  b.kernel = [](const FunctionContext&, const Args& in, size_t rows, Vector& out) -> Status {
    std::vector<ElementRef> elements(in.size());
    for (size_t r = 0; r < rows; ++r) {
      for (size_t i = 0; i < in.size(); ++i)
        elements[i] = in[i]->IsNull(r) ? ElementRef{} : ElementRef{in[i], uint32_t(r)};
      SLUICE_RETURN_NOT_OK(SetList(out, r, elements));
    }
    return Status::OK();
  };
  return b;
}

// size / cardinality: -1 for NULL (spark.sql.legacy.sizeOfNull, on unless ANSI).
Result<BoundScalar> BindSize(const FunctionContext&, const std::vector<BindArgument>& args) {
  if (args.size() != 1) return WrongNumArgs("size", "1", args.size());
  const TypeId id = args[0].type.id();
  if (id != TypeId::kArray && id != TypeId::kMap && id != TypeId::kNull)
    return UnexpectedInputType("size", 0, "(\"ARRAY\" or \"MAP\")", args[0].type);
  BoundScalar b;
  b.return_type = TypeId::kInt;
  b.argument_types = {id == TypeId::kNull ? ArrayOf(TypeId::kNull) : args[0].type};
  b.kernel = [](const FunctionContext& ctx, const Args& in, size_t rows, Vector& out) -> Status {
    for (size_t r = 0; r < rows; ++r) {
      if (in[0]->IsNull(r)) {
        if (ctx.ansi)
          out.SetNull(r);
        else
          Set<int32_t>(out, r, -1);
        continue;
      }
      Set<int32_t>(out, r, static_cast<int32_t>(ListAt(*in[0], r).length));
    }
    return Status::OK();
  };
  return b;
}

Result<BoundScalar> BindArraySize(const FunctionContext&, const std::vector<BindArgument>& args) {
  if (args.size() != 1) return WrongNumArgs("array_size", "1", args.size());
  SLUICE_ASSIGN_OR_RAISE(LogicalType element, ArrayElementType("array_size", args, 0));
  BoundScalar b;
  b.return_type = TypeId::kInt;
  b.argument_types = {ArrayOf(element)};
  b.kernel = RowKernel({0}, [](const FunctionContext&, const Args& in, size_t r, Vector& out) {
    Set<int32_t>(out, r, static_cast<int32_t>(ListAt(*in[0], r).length));
    return Status::OK();
  });
  return b;
}

// array_contains: true if found, else NULL if the array holds a NULL, else false.
Result<BoundScalar> BindArrayContains(const FunctionContext&,
                                      const std::vector<BindArgument>& args) {
  SLUICE_ASSIGN_OR_RAISE(auto types, ArrayAndValue("array_contains", args));
  if (!IsOrderable(types.second))
    return Status::Invalid(
        "[DATATYPE_MISMATCH.INVALID_ORDERING_TYPE] array_contains does not "
        "support ordering on type \"" +
        types.second.ToString() + "\".");
  BoundScalar b;
  b.return_type = TypeId::kBoolean;
  b.argument_types = {types.first, types.second};
  b.kernel = RowKernel({0, 1}, [](const FunctionContext&, const Args& in, size_t r, Vector& out) {
    const vector::ListEntry e = ListAt(*in[0], r);
    const Vector& elements = in[0]->children()[0];
    bool saw_null = false;
    for (uint32_t i = 0; i < e.length; ++i) {
      if (elements.IsNull(e.offset + i)) {
        saw_null = true;
      } else if (vector::ValuesEqual(elements, e.offset + i, *in[1], r)) {
        Set<bool>(out, r, true);
        return Status::OK();
      }
    }
    if (saw_null)
      out.SetNull(r);
    else
      Set<bool>(out, r, false);
    return Status::OK();
  });
  return b;
}

Result<BoundScalar> BindArrayPosition(const FunctionContext&,
                                      const std::vector<BindArgument>& args) {
  SLUICE_ASSIGN_OR_RAISE(auto types, ArrayAndValue("array_position", args));
  BoundScalar b;
  b.return_type = TypeId::kBigInt;
  b.argument_types = {types.first, types.second};
  b.kernel = RowKernel({0, 1}, [](const FunctionContext&, const Args& in, size_t r, Vector& out) {
    const vector::ListEntry e = ListAt(*in[0], r);
    const Vector& elements = in[0]->children()[0];
    int64_t found = 0;
    for (uint32_t i = 0; i < e.length && found == 0; ++i)
      if (!elements.IsNull(e.offset + i) && vector::ValuesEqual(elements, e.offset + i, *in[1], r))
        found = i + 1;
    Set<int64_t>(out, r, found);
    return Status::OK();
  });
  return b;
}

Result<BoundScalar> BindArrayRemove(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_ASSIGN_OR_RAISE(auto types, ArrayAndValue("array_remove", args));
  BoundScalar b;
  b.return_type = types.first;
  b.argument_types = {types.first, types.second};
  b.kernel = RowKernel({0, 1}, [](const FunctionContext&, const Args& in, size_t r, Vector& out) {
    std::vector<ElementRef> kept;
    for (const ElementRef& x : Elements(*in[0], r))
      if (x.source->IsNull(x.row) || !vector::ValuesEqual(*x.source, x.row, *in[1], r))
        kept.push_back(x);
    return SetList(out, r, kept);
  });
  return b;
}

Result<BoundScalar> BindArrayExtreme(const std::string& fn, bool max,
                                     const std::vector<BindArgument>& args) {
  if (args.size() != 1) return WrongNumArgs(fn, "1", args.size());
  SLUICE_ASSIGN_OR_RAISE(LogicalType element, ArrayElementType(fn, args, 0));
  BoundScalar b;
  b.return_type = element;
  b.argument_types = {ArrayOf(element)};
  b.kernel = RowKernel({0}, [max](const FunctionContext&, const Args& in, size_t r, Vector& out) {
    std::optional<ElementRef> best;
    for (const ElementRef& x : Elements(*in[0], r)) {
      if (x.source->IsNull(x.row)) continue;
      const int c = best ? vector::CompareValues(*x.source, x.row, *best->source, best->row) : 0;
      if (!best || (max ? c > 0 : c < 0)) best = x;
    }
    if (!best) return SetNullValue(out, r);
    return vector::CopyRow(*best->source, best->row, out, r);
  });
  return b;
}

Result<BoundScalar> BindArrayRepeat(const FunctionContext&, const std::vector<BindArgument>& args) {
  if (args.size() != 2) return WrongNumArgs("array_repeat", "2", args.size());
  SLUICE_RETURN_NOT_OK(RequireInteger("array_repeat", args, 1));
  BoundScalar b;
  b.return_type = ArrayOf(args[0].type);
  b.argument_types = {args[0].type, TypeId::kInt};
  b.kernel = RowKernel({1}, [](const FunctionContext&, const Args& in, size_t r, Vector& out) {
    const int32_t n = std::max(in[1]->data<int32_t>()[r], 0);
    if (n > 2147483632)
      return Status::Invalid("[COLLECTION_SIZE_LIMIT_EXCEEDED.PARAMETER] Can't create array with " +
                             std::to_string(n) +
                             " elements which exceeding the array size limit 2147483632.");
    const ElementRef x = in[0]->IsNull(r) ? ElementRef{} : ElementRef{in[0], uint32_t(r)};
    return SetList(out, r, std::vector<ElementRef>(n, x));
  });
  return b;
}

// array_append / array_prepend: a NULL array gives NULL; a NULL value is added.
Result<BoundScalar> BindArrayAdd(const std::string& fn, bool append,
                                 const std::vector<BindArgument>& args) {
  SLUICE_ASSIGN_OR_RAISE(auto types, ArrayAndValue(fn, args));
  BoundScalar b;
  b.return_type = types.first;
  b.argument_types = {types.first, types.second};
  b.kernel =
      RowKernel({0}, [append](const FunctionContext&, const Args& in, size_t r, Vector& out) {
        std::vector<ElementRef> elements = Elements(*in[0], r);
        const ElementRef x = in[1]->IsNull(r) ? ElementRef{} : ElementRef{in[1], uint32_t(r)};
        elements.insert(append ? elements.end() : elements.begin(), x);
        return SetList(out, r, elements);
      });
  return b;
}

Status IndexOfZero() {
  return Status::Invalid(
      "[INVALID_INDEX_OF_ZERO] The index 0 is invalid. An index shall be either < 0 or > 0 "
      "(the first element has index 1).");
}

// array_insert(array, pos, value): 1-based; -1 inserts after the last element; positions
// past either end pad with NULLs.
Result<BoundScalar> BindArrayInsert(const FunctionContext&, const std::vector<BindArgument>& args) {
  if (args.size() != 3) return WrongNumArgs("array_insert", "3", args.size());
  SLUICE_RETURN_NOT_OK(RequireInteger("array_insert", args, 1));
  SLUICE_ASSIGN_OR_RAISE(auto types, ArrayAndValue("array_insert", {args[0], args[2]}));
  BoundScalar b;
  b.return_type = types.first;
  b.argument_types = {types.first, TypeId::kInt, types.second};
  b.kernel = RowKernel({0, 1}, [](const FunctionContext&, const Args& in, size_t r, Vector& out) {
    std::vector<ElementRef> elements = Elements(*in[0], r);
    const ElementRef x = in[2]->IsNull(r) ? ElementRef{} : ElementRef{in[2], uint32_t(r)};
    const int64_t pos = in[1]->data<int32_t>()[r];
    if (pos == 0) return IndexOfZero();
    const int64_t n = static_cast<int64_t>(elements.size());
    int64_t at = pos > 0 ? pos - 1 : n + pos + 1;
    if (at < 0) {
      std::vector<ElementRef> padded(static_cast<size_t>(-at) + 1);
      padded[0] = x;
      padded.insert(padded.end(), elements.begin(), elements.end());
      return SetList(out, r, padded);
    }
    if (at > n) elements.resize(static_cast<size_t>(at));
    elements.insert(elements.begin() + at, x);
    return SetList(out, r, elements);
  });
  return b;
}

Result<BoundScalar> BindArrayCompact(const FunctionContext&,
                                     const std::vector<BindArgument>& args) {
  if (args.size() != 1) return WrongNumArgs("array_compact", "1", args.size());
  SLUICE_ASSIGN_OR_RAISE(LogicalType element, ArrayElementType("array_compact", args, 0));
  BoundScalar b;
  b.return_type = ArrayOf(element);
  b.argument_types = {ArrayOf(element)};
  b.kernel = RowKernel({0}, [](const FunctionContext&, const Args& in, size_t r, Vector& out) {
    std::vector<ElementRef> kept;
    for (const ElementRef& x : Elements(*in[0], r))
      if (!x.source->IsNull(x.row)) kept.push_back(x);
    return SetList(out, r, kept);
  });
  return b;
}

// slice(array, start, length): start 1-based or negative from the end.
Result<BoundScalar> BindSlice(const FunctionContext&, const std::vector<BindArgument>& args) {
  if (args.size() != 3) return WrongNumArgs("slice", "3", args.size());
  SLUICE_ASSIGN_OR_RAISE(LogicalType element, ArrayElementType("slice", args, 0));
  SLUICE_RETURN_NOT_OK(RequireInteger("slice", args, 1));
  SLUICE_RETURN_NOT_OK(RequireInteger("slice", args, 2));
  BoundScalar b;
  b.return_type = ArrayOf(element);
  b.argument_types = {ArrayOf(element), TypeId::kInt, TypeId::kInt};
  b.kernel =
      RowKernel({0, 1, 2}, [](const FunctionContext&, const Args& in, size_t r, Vector& out) {
        std::vector<ElementRef> elements = Elements(*in[0], r);
        const int64_t start = in[1]->data<int32_t>()[r], length = in[2]->data<int32_t>()[r];
        const int64_t n = static_cast<int64_t>(elements.size());
        if (start == 0)
          return Status::Invalid(
              "[INVALID_PARAMETER_VALUE.START] The value of parameter(s) `start` in `slice` is "
              "invalid: Expects a positive or a negative value for `start`, but got 0.");
        if (length < 0)
          return Status::Invalid(
              "[INVALID_PARAMETER_VALUE.LENGTH] The value of parameter(s) `length` in `slice` "
              "is invalid: Expects `length` greater than or equal to 0, but got " +
              std::to_string(length) + ".");
        const int64_t from = start > 0 ? start - 1 : n + start;
        std::vector<ElementRef> part;
        for (int64_t i = std::max<int64_t>(from, 0); i < std::min(n, from + length); ++i)
          part.push_back(elements[i]);
        return SetList(out, r, part);
      });
  return b;
}

Result<BoundScalar> BindFlatten(const FunctionContext&, const std::vector<BindArgument>& args) {
  if (args.size() != 1) return WrongNumArgs("flatten", "1", args.size());
  SLUICE_ASSIGN_OR_RAISE(LogicalType inner, ArrayElementType("flatten", args, 0));
  if (inner.id() != TypeId::kArray)
    return UnexpectedInputType("flatten", 0, "\"ARRAY\" of \"ARRAY\"", args[0].type);
  BoundScalar b;
  b.return_type = inner;
  b.argument_types = {ArrayOf(inner)};
  b.kernel = RowKernel({0}, [](const FunctionContext&, const Args& in, size_t r, Vector& out) {
    std::vector<ElementRef> all;
    for (const ElementRef& x : Elements(*in[0], r)) {
      if (x.source->IsNull(x.row)) return SetNullList(out, r);
      for (const ElementRef& y : Elements(*x.source, x.row)) all.push_back(y);
    }
    return SetList(out, r, all);
  });
  return b;
}

// Sorts a row's elements; NULLs first or last.
Status SortElements(std::vector<ElementRef>& elements, bool ascending, bool nulls_first) {
  std::stable_sort(elements.begin(), elements.end(), [&](const ElementRef& a, const ElementRef& b) {
    const bool an = a.source->IsNull(a.row), bn = b.source->IsNull(b.row);
    if (an || bn) return an != bn && (an == nulls_first);
    const int c = vector::CompareValues(*a.source, a.row, *b.source, b.row);
    return ascending ? c < 0 : c > 0;
  });
  return Status::OK();
}

// sort_array(array[, ascending]): NULLs first ascending, last descending.
Result<BoundScalar> BindSortArray(const FunctionContext&, const std::vector<BindArgument>& args) {
  if (args.empty() || args.size() > 2) return WrongNumArgs("sort_array", "[1, 2]", args.size());
  SLUICE_ASSIGN_OR_RAISE(LogicalType element, ArrayElementType("sort_array", args, 0));
  if (!IsOrderable(element))
    return Status::Invalid(
        "[DATATYPE_MISMATCH.INVALID_ORDERING_TYPE] The `sort_array` does not "
        "support ordering on type \"" +
        element.ToString() + "\".");
  bool ascending = true;
  if (args.size() == 2) {
    if (args[1].type.id() != TypeId::kBoolean)
      return UnexpectedInputType("sort_array", 1, "\"BOOLEAN\"", args[1].type);
    if (args[1].constant == nullptr || args[1].constant->IsNull(0))
      return Status::Invalid(
          "[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT] Cannot resolve \"sort_array\" due to data "
          "type mismatch: the input `ascendingOrder` should be a foldable \"BOOLEAN\" "
          "expression; however, got NULL.");
    ascending = args[1].constant->data<bool>()[0];
  }
  BoundScalar b;
  b.return_type = ArrayOf(element);
  b.argument_types = {ArrayOf(element)};
  if (args.size() == 2) b.argument_types.push_back(TypeId::kBoolean);
  b.kernel =
      RowKernel({0}, [ascending](const FunctionContext&, const Args& in, size_t r, Vector& out) {
        std::vector<ElementRef> elements = Elements(*in[0], r);
        SLUICE_RETURN_NOT_OK(SortElements(elements, ascending, ascending));
        return SetList(out, r, elements);
      });
  return b;
}

// array_sort(array) without a comparator: ascending, NULLs last.
Result<BoundScalar> BindArraySort(const FunctionContext&, const std::vector<BindArgument>& args) {
  if (args.size() != 1) return WrongNumArgs("array_sort", "1", args.size());
  SLUICE_ASSIGN_OR_RAISE(LogicalType element, ArrayElementType("array_sort", args, 0));
  if (!IsOrderable(element))
    return Status::Invalid(
        "[DATATYPE_MISMATCH.INVALID_ORDERING_TYPE] The `array_sort` does not "
        "support ordering on type \"" +
        element.ToString() + "\".");
  BoundScalar b;
  b.return_type = ArrayOf(element);
  b.argument_types = {ArrayOf(element)};
  b.kernel = RowKernel({0}, [](const FunctionContext&, const Args& in, size_t r, Vector& out) {
    std::vector<ElementRef> elements = Elements(*in[0], r);
    SLUICE_RETURN_NOT_OK(SortElements(elements, true, false));
    return SetList(out, r, elements);
  });
  return b;
}

Result<BoundScalar> BindShuffle(const FunctionContext&, const std::vector<BindArgument>& args) {
  if (args.size() != 1) return WrongNumArgs("shuffle", "1", args.size());
  SLUICE_ASSIGN_OR_RAISE(LogicalType element, ArrayElementType("shuffle", args, 0));
  BoundScalar b;
  b.return_type = ArrayOf(element);
  b.argument_types = {ArrayOf(element)};
  b.deterministic = false;
  b.kernel = RowKernel({0}, [](const FunctionContext&, const Args& in, size_t r, Vector& out) {
    thread_local std::mt19937_64 random{std::random_device{}()};
    std::vector<ElementRef> elements = Elements(*in[0], r);
    std::shuffle(elements.begin(), elements.end(), random);
    return SetList(out, r, elements);
  });
  return b;
}

// array_join(array, delimiter[, null_replacement]): NULL elements are skipped unless replaced.
Result<BoundScalar> BindArrayJoin(const FunctionContext&, const std::vector<BindArgument>& args) {
  if (args.size() < 2 || args.size() > 3) return WrongNumArgs("array_join", "[2, 3]", args.size());
  SLUICE_ASSIGN_OR_RAISE(LogicalType element, ArrayElementType("array_join", args, 0));
  if (element.IsNested() || element.id() == TypeId::kBinary)
    return UnexpectedInputType("array_join", 0, "\"ARRAY<STRING>\"", args[0].type);
  BoundScalar b;
  b.return_type = TypeId::kString;
  b.argument_types = {ArrayOf(TypeId::kString), TypeId::kString};
  if (args.size() == 3) b.argument_types.push_back(TypeId::kString);
  std::vector<size_t> strict = {0, 1};
  if (args.size() == 3) strict.push_back(2);
  b.kernel = RowKernel(strict, [](const FunctionContext&, const Args& in, size_t r, Vector& out) {
    const std::string_view delimiter = Get<std::string_view>(*in[1], r);
    std::string text;
    bool first = true;
    for (const ElementRef& x : Elements(*in[0], r)) {
      std::string_view item;
      if (x.source->IsNull(x.row)) {
        if (in.size() < 3) continue;
        item = Get<std::string_view>(*in[2], r);
      } else {
        item = Get<std::string_view>(*x.source, x.row);
      }
      if (!first) text += delimiter;
      text += item;
      first = false;
    }
    Set<std::string>(out, r, text);
    return Status::OK();
  });
  return b;
}

}  // namespace

bool AnyArrayArgument(const std::vector<BindArgument>& args) {
  return std::any_of(args.begin(), args.end(),
                     [](const BindArgument& a) { return a.type.id() == TypeId::kArray; });
}

Result<BoundScalar> BindArrayConcat(const FunctionContext&, const std::vector<BindArgument>& args) {
  std::vector<LogicalType> types;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i].type.id() != TypeId::kArray && args[i].type.id() != TypeId::kNull)
      return Status::Invalid(
          "[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve \"concat\" due to data type "
          "mismatch: Input to `concat` should all be of type \"ARRAY\", but argument " +
          std::to_string(i + 1) + " is \"" + args[i].type.ToString() + "\".");
    types.push_back(args[i].type);
  }
  std::optional<LogicalType> common = WiderType(types);
  if (!common)
    return Status::Invalid(
        "[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve \"concat\" due to data type "
        "mismatch: Input to `concat` should all be the same type.");
  BoundScalar b;
  b.return_type = *common;
  b.argument_types.assign(args.size(), *common);
  std::vector<size_t> strict;
  for (size_t i = 0; i < args.size(); ++i) strict.push_back(i);
  b.kernel = RowKernel(strict, [](const FunctionContext&, const Args& in, size_t r, Vector& out) {
    std::vector<ElementRef> all;
    for (const Vector* a : in)
      for (const ElementRef& x : Elements(*a, r)) all.push_back(x);
    return SetList(out, r, all);
  });
  return b;
}

Result<BoundScalar> BindArrayReverse(const FunctionContext&,
                                     const std::vector<BindArgument>& args) {
  if (args.size() != 1) return WrongNumArgs("reverse", "1", args.size());
  BoundScalar b;
  b.return_type = args[0].type;
  b.argument_types = {args[0].type};
  b.kernel = RowKernel({0}, [](const FunctionContext&, const Args& in, size_t r, Vector& out) {
    std::vector<ElementRef> elements = Elements(*in[0], r);
    std::reverse(elements.begin(), elements.end());
    return SetList(out, r, elements);
  });
  return b;
}

namespace {

// concat and reverse belong to the string family too: when one is registered already, the
// ARRAY form is chained in front of it (so RegisterArrayFunctions runs after the strings').
void AddArrayForm(FunctionRegistry& r, const std::string& name, ScalarBinder array_form,
                  std::string usage) {
  ScalarBinder other;
  if (const ScalarFunction* existing = r.FindScalar(name)) {
    other = existing->bind;
    usage = existing->usage;
  }
  r.Add({name, usage,
         [array_form, other, name](const FunctionContext& ctx,
                                   const std::vector<BindArgument>& args) -> Result<BoundScalar> {
           if (AnyArrayArgument(args) || !other) return array_form(ctx, args);
           return other(ctx, args);
         }});
}

}  // namespace

void RegisterArrayFunctions(FunctionRegistry& r) {
  r.Add({"array", "array(expr, ...) - Returns an array with the given elements.", BindArray});
  r.Add({"size", "size(expr) - Returns the size of an array or a map.", BindSize});
  r.AddAlias("cardinality", "size");
  r.Add({"array_size", "array_size(expr) - Returns the size of an array.", BindArraySize});
  r.Add({"array_contains",
         "array_contains(array, value) - Returns true if the array contains "
         "the value.",
         BindArrayContains});
  r.Add({"array_position",
         "array_position(array, element) - Returns the (1-based) index of the first matching "
         "element of the array as long, or 0 if no match is found.",
         BindArrayPosition});
  r.Add({"array_remove",
         "array_remove(array, element) - Remove all elements that equal to "
         "element from array.",
         BindArrayRemove});
  r.Add({"array_min", "array_min(array) - Returns the minimum value in the array.",
         [](const FunctionContext&, const std::vector<BindArgument>& args) {
           return BindArrayExtreme("array_min", false, args);
         }});
  r.Add({"array_max", "array_max(array) - Returns the maximum value in the array.",
         [](const FunctionContext&, const std::vector<BindArgument>& args) {
           return BindArrayExtreme("array_max", true, args);
         }});
  r.Add({"array_repeat",
         "array_repeat(element, count) - Returns the array containing element "
         "count times.",
         BindArrayRepeat});
  r.Add({"array_append", "array_append(array, element) - Add the element at the end of the array.",
         [](const FunctionContext&, const std::vector<BindArgument>& args) {
           return BindArrayAdd("array_append", true, args);
         }});
  r.Add({"array_prepend",
         "array_prepend(array, element) - Add the element at the beginning of the array.",
         [](const FunctionContext&, const std::vector<BindArgument>& args) {
           return BindArrayAdd("array_prepend", false, args);
         }});
  r.Add({"array_insert", "array_insert(x, pos, val) - Places val into index pos of array x.",
         BindArrayInsert});
  r.Add({"array_compact", "array_compact(array) - Removes null values from the array.",
         BindArrayCompact});
  r.Add(
      {"slice", "slice(x, start, length) - Subsets array x starting from index start.", BindSlice});
  r.Add({"flatten", "flatten(arrayOfArrays) - Transforms an array of arrays into a single array.",
         BindFlatten});
  r.Add({"sort_array", "sort_array(array[, ascendingOrder]) - Sorts the input array.",
         BindSortArray});
  r.Add({"array_sort", "array_sort(expr, func) - Sorts the input array.", BindArraySort});
  r.Add({"shuffle", "shuffle(array) - Returns a random permutation of the given array.",
         BindShuffle});
  r.Add({"array_join",
         "array_join(array, delimiter[, nullReplacement]) - Concatenates the "
         "elements of the given array using the delimiter.",
         BindArrayJoin});
  AddArrayForm(r, "concat", BindArrayConcat,
               "concat(col1, col2, ..., colN) - Returns the concatenation of col1, col2, ..., "
               "colN.");
  AddArrayForm(r, "reverse", BindArrayReverse,
               "reverse(array) - Returns a reversed string or an array with reverse order of "
               "elements.");
}

}  // namespace sluice::functions
