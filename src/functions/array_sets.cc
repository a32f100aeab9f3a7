// Arrays as sets (Spark's equality: NULL equals NULL, NaN equals NaN, -0.0 equals 0.0;
// first occurrences kept in order): array_distinct, array_union, array_intersect,
// array_except, arrays_overlap; and arrays_zip.
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

Result<LogicalType> CommonArrayType(const std::string& fn, const std::vector<BindArgument>& args) {
  for (size_t i = 0; i < args.size(); ++i)
    SLUICE_RETURN_NOT_OK(ArrayElementType(fn, args, i).status());
  std::optional<LogicalType> common = WiderType(args[0].type, args[1].type);
  if (!common)
    return Status::Invalid("[DATATYPE_MISMATCH.BINARY_ARRAY_DIFF_TYPES] Cannot resolve \"" + fn +
                           "\" due to data type mismatch: Input to function `" + fn +
                           "` should have been two \"ARRAY\" with same element type, but it's "
                           "[\"" +
                           args[0].type.ToString() + "\", \"" + args[1].type.ToString() + "\"].");
  if (common->id() == TypeId::kNull) common = LogicalType::Array(TypeId::kNull);
  if (!IsOrderable(common->children()[0].type))
    return Status::Invalid("[DATATYPE_MISMATCH.INVALID_ORDERING_TYPE] The `" + fn +
                           "` does not support ordering on type \"" + common->ToString() + "\".");
  return *common;
}

enum class SetOp { kUnion, kIntersect, kExcept };

ScalarBinder SetOperation(std::string fn, SetOp op) {
  return [fn, op](const FunctionContext&,
                  const std::vector<BindArgument>& args) -> Result<BoundScalar> {
    if (args.size() != 2) return WrongNumArgs(fn, "2", args.size());
    SLUICE_ASSIGN_OR_RAISE(LogicalType type, CommonArrayType(fn, args));
    BoundScalar b;
    b.return_type = type;
    b.argument_types = {type, type};
    b.kernel = RowKernel(
        {0, 1}, [op](const FunctionContext&, const Args& in, size_t r, Vector& out) -> Status {
          std::vector<ElementRef> result;
          ElementSet emitted;
          if (op == SetOp::kUnion) {
            for (const Vector* a : in)
              for (const ElementRef& x : Elements(*a, r))
                if (emitted.Insert(x)) result.push_back(x);
            return SetList(out, r, result);
          }
          ElementSet right;
          for (const ElementRef& x : Elements(*in[1], r)) right.Insert(x);
          for (const ElementRef& x : Elements(*in[0], r))
            if (right.Contains(x) == (op == SetOp::kIntersect) && emitted.Insert(x))
              result.push_back(x);
          return SetList(out, r, result);
        });
    return b;
  };
}

Result<BoundScalar> BindArrayDistinct(const FunctionContext&,
                                      const std::vector<BindArgument>& args) {
  if (args.size() != 1) return WrongNumArgs("array_distinct", "1", args.size());
  SLUICE_ASSIGN_OR_RAISE(LogicalType element, ArrayElementType("array_distinct", args, 0));
  BoundScalar b;
  b.return_type = LogicalType::Array(element);
  b.argument_types = {b.return_type};
  b.kernel = RowKernel({0}, [](const FunctionContext&, const Args& in, size_t r, Vector& out) {
    std::vector<ElementRef> result;
    ElementSet emitted;
    for (const ElementRef& x : Elements(*in[0], r))
      if (emitted.Insert(x)) result.push_back(x);
    return SetList(out, r, result);
  });
  return b;
}

// arrays_overlap: true when a non-NULL element is in both; else NULL when both are non-empty
// and either holds a NULL; else false.
Result<BoundScalar> BindArraysOverlap(const FunctionContext&,
                                      const std::vector<BindArgument>& args) {
  if (args.size() != 2) return WrongNumArgs("arrays_overlap", "2", args.size());
  SLUICE_ASSIGN_OR_RAISE(LogicalType type, CommonArrayType("arrays_overlap", args));
  BoundScalar b;
  b.return_type = TypeId::kBoolean;
  b.argument_types = {type, type};
  b.kernel = RowKernel({0, 1}, [](const FunctionContext&, const Args& in, size_t r, Vector& out) {
    ElementSet left;
    bool saw_null = false;
    const std::vector<ElementRef> a = Elements(*in[0], r), c = Elements(*in[1], r);
    for (const ElementRef& x : a) {
      if (x.source->IsNull(x.row))
        saw_null = true;
      else
        left.Insert(x);
    }
    for (const ElementRef& x : c) {
      if (x.source->IsNull(x.row)) {
        saw_null = true;
      } else if (left.Contains(x)) {
        Set<bool>(out, r, true);
        return Status::OK();
      }
    }
    if (saw_null && !a.empty() && !c.empty())
      out.SetNull(r);
    else
      Set<bool>(out, r, false);
    return Status::OK();
  });
  return b;
}

// arrays_zip(a, b, ...): structs of the i-th elements, as long as the longest array.
Result<BoundScalar> BindArraysZip(const FunctionContext&, const std::vector<BindArgument>& args) {
  std::vector<types::Field> fields;
  std::vector<LogicalType> argument_types;
  for (size_t i = 0; i < args.size(); ++i) {
    SLUICE_ASSIGN_OR_RAISE(LogicalType element, ArrayElementType("arrays_zip", args, i));
    fields.push_back({std::to_string(i), element, true});
    argument_types.push_back(LogicalType::Array(element));
  }
  BoundScalar b;
  b.return_type = LogicalType::Array(LogicalType::Struct(fields));
  b.argument_types = argument_types;
  std::vector<size_t> strict;
  for (size_t i = 0; i < args.size(); ++i) strict.push_back(i);
  b.kernel = RowKernel(
      strict, [](const FunctionContext&, const Args& in, size_t r, Vector& out) -> Status {
        uint32_t length = 0;
        for (const Vector* a : in) length = std::max(length, ListAt(*a, r).length);
        SLUICE_ASSIGN_OR_RAISE(uint32_t at, out.AppendListEntry(r, length));
        out.validity().SetValid(r);
        Vector& structs = out.children()[0];
        for (uint32_t i = 0; i < length; ++i) {
          structs.validity().SetValid(at + i);
          for (size_t f = 0; f < in.size(); ++f) {
            const vector::ListEntry e = ListAt(*in[f], r);
            if (i < e.length)
              SLUICE_RETURN_NOT_OK(vector::CopyRow(in[f]->children()[0], e.offset + i,
                                                   structs.children()[f], at + i));
            else
              SLUICE_RETURN_NOT_OK(SetNullValue(structs.children()[f], at + i));
          }
        }
        return Status::OK();
      });
  return b;
}

}  // namespace

void RegisterArraySetFunctions(FunctionRegistry& r) {
  r.Add({"array_distinct", "array_distinct(array) - Removes duplicate values from the array.",
         BindArrayDistinct});
  r.Add({"array_union",
         "array_union(array1, array2) - Returns an array of the elements in the union of array1 "
         "and array2, without duplicates.",
         SetOperation("array_union", SetOp::kUnion)});
  r.Add({"array_intersect",
         "array_intersect(array1, array2) - Returns an array of the elements in the intersection "
         "of array1 and array2, without duplicates.",
         SetOperation("array_intersect", SetOp::kIntersect)});
  r.Add({"array_except",
         "array_except(array1, array2) - Returns an array of the elements in array1 but not in "
         "array2, without duplicates.",
         SetOperation("array_except", SetOp::kExcept)});
  r.Add({"arrays_overlap",
         "arrays_overlap(a1, a2) - Returns true if a1 contains at least a non-null element "
         "present also in a2.",
         BindArraysOverlap});
  r.Add({"arrays_zip",
         "arrays_zip(a1, a2, ...) - Returns a merged array of structs in which the N-th struct "
         "contains all N-th values of input arrays.",
         BindArraysZip});
}

}  // namespace sluice::functions
