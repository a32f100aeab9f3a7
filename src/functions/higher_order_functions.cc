// Higher-order functions with Spark 3.5's semantics: transform, filter, exists, forall,
// aggregate / reduce, zip_with, array_sort with a comparator, map_filter, map_zip_with,
// transform_keys, transform_values. Each lambda runs once per call over the elements of all
// rows (aggregate once per element position; array_sort once over all pairs of a row).
#include <algorithm>

#include "functions/array_builder.h"
#include "functions/higher_order_function.h"
#include "functions/kernel_util.h"
#include "functions/type_coercion.h"
#include "vector/value_formatter.h"
#include "vector/vector_ops.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;
using vector::Vector;

namespace {

using Args = std::vector<const Vector*>;
using Types = std::vector<LogicalType>;

constexpr uint32_t kNullRow = UINT32_MAX;

// Every element of the non-NULL rows of an ARRAY or MAP vector, in row order.
struct Flattened {
  std::vector<uint32_t> elements;  // rows of the children
  std::vector<uint32_t> outer;     // the row each element belongs to
  std::vector<int32_t> index;      // its position in that row
};

Flattened Flatten(const Vector& list, size_t rows) {
  Flattened f;
  for (size_t r = 0; r < rows; ++r) {
    if (list.IsNull(r)) continue;
    const vector::ListEntry e = ListAt(list, r);
    for (uint32_t i = 0; i < e.length; ++i) {
      f.elements.push_back(e.offset + i);
      f.outer.push_back(static_cast<uint32_t>(r));
      f.index.push_back(static_cast<int32_t>(i));
    }
  }
  return f;
}

// src's rows, kNullRow giving NULL.
Result<Vector> GatherOrNull(const Vector& src, const std::vector<uint32_t>& rows) {
  SLUICE_ASSIGN_OR_RAISE(Vector out, Vector::Make(src.type(), std::max<size_t>(rows.size(), 1)));
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i] == kNullRow)
      SLUICE_RETURN_NOT_OK(SetNullValue(out, i));
    else
      SLUICE_RETURN_NOT_OK(vector::CopyRow(src, rows[i], out, i));
  }
  return out;
}

std::vector<uint32_t> AllRows(size_t rows) {
  std::vector<uint32_t> all(rows);
  for (size_t r = 0; r < rows; ++r) all[r] = static_cast<uint32_t>(r);
  return all;
}

Result<Vector> Ints(const std::vector<int32_t>& values) {
  SLUICE_ASSIGN_OR_RAISE(Vector out,
                         Vector::Make(TypeId::kInt, std::max<size_t>(values.size(), 1)));
  for (size_t i = 0; i < values.size(); ++i) Set<int32_t>(out, i, values[i]);
  return out;
}

// Three-valued truth of a BOOLEAN row: 1, 0, -1 for NULL.
int Truth(const Vector& v, size_t row) {
  if (v.IsNull(row)) return -1;
  return v.data<bool>()[row] ? 1 : 0;
}

Status ArgumentType(const std::string& fn, const Types& args, size_t i, TypeId want,
                    const char* name) {
  if (args[i].id() == want || args[i].id() == TypeId::kNull) return Status::OK();
  return UnexpectedInputType(fn, i, name, args[i]);
}

LogicalType ElementOf(const LogicalType& array) {
  return array.id() == TypeId::kArray ? array.children()[0].type : LogicalType(TypeId::kNull);
}

LogicalType KeyOf(const LogicalType& map) {
  return map.id() == TypeId::kMap ? map.children()[0].type : LogicalType(TypeId::kNull);
}

LogicalType ValueOf(const LogicalType& map) {
  return map.id() == TypeId::kMap ? map.children()[1].type : LogicalType(TypeId::kNull);
}

LogicalType ArrayOrNull(const LogicalType& t) {
  return t.id() == TypeId::kNull ? LogicalType::Array(TypeId::kNull) : t;
}

LogicalType MapOrNull(const LogicalType& t) {
  return t.id() == TypeId::kNull ? LogicalType::Map(TypeId::kNull, TypeId::kNull) : t;
}

Status RequireBoolean(const std::string& fn, const LogicalType& body) {
  if (body.id() == TypeId::kBoolean || body.id() == TypeId::kNull) return Status::OK();
  return UnexpectedInputType(fn, 1, "\"BOOLEAN\"", body);
}

// --- Arrays ---

// transform(array, (x[, i]) -> y)
HigherOrderFunction Transform() {
  HigherOrderFunction f{"transform", {1}, 2, 2, nullptr, nullptr};
  f.signature = [](const Types& args, size_t) -> Result<LambdaSignature> {
    SLUICE_RETURN_NOT_OK(ArgumentType("transform", args, 0, TypeId::kArray, "\"ARRAY\""));
    return LambdaSignature{{ElementOf(args[0]), TypeId::kInt}, 1};
  };
  f.bind = [](const Types& args) -> Result<BoundHigherOrder> {
    BoundHigherOrder b;
    b.return_type = LogicalType::Array(args[1]);
    b.argument_types = {ArrayOrNull(args[0]), args[1]};
    b.lambda_result_types = {args[1]};
    b.kernel = [](const FunctionContext&, const Args& in, const std::vector<LambdaBody>& lambdas,
                  size_t rows, Vector& out) -> Status {
      const Flattened f = Flatten(*in[0], rows);
      SLUICE_ASSIGN_OR_RAISE(Vector x, vector::Gather(in[0]->children()[0], f.elements));
      SLUICE_ASSIGN_OR_RAISE(Vector index, Ints(f.index));
      SLUICE_ASSIGN_OR_RAISE(Vector y, lambdas[0]({&x, &index}, f.outer));
      uint32_t next = 0;
      for (size_t r = 0; r < rows; ++r) {
        if (in[0]->IsNull(r)) {
          SLUICE_RETURN_NOT_OK(SetNullList(out, r));
          continue;
        }
        std::vector<ElementRef> elements(ListAt(*in[0], r).length);
        for (ElementRef& e : elements) e = {&y, next++};
        SLUICE_RETURN_NOT_OK(SetList(out, r, elements));
      }
      return Status::OK();
    };
    return b;
  };
  return f;
}

// filter(array, (x[, i]) -> boolean)
HigherOrderFunction Filter() {
  HigherOrderFunction f = Transform();
  f.name = "filter";
  f.bind = [](const Types& args) -> Result<BoundHigherOrder> {
    SLUICE_RETURN_NOT_OK(RequireBoolean("filter", args[1]));
    BoundHigherOrder b;
    b.return_type = ArrayOrNull(args[0]);
    b.argument_types = {b.return_type, args[1]};
    b.lambda_result_types = {TypeId::kBoolean};
    b.kernel = [](const FunctionContext&, const Args& in, const std::vector<LambdaBody>& lambdas,
                  size_t rows, Vector& out) -> Status {
      const Flattened f = Flatten(*in[0], rows);
      const Vector& elements = in[0]->children()[0];
      SLUICE_ASSIGN_OR_RAISE(Vector x, vector::Gather(elements, f.elements));
      SLUICE_ASSIGN_OR_RAISE(Vector index, Ints(f.index));
      SLUICE_ASSIGN_OR_RAISE(Vector keep, lambdas[0]({&x, &index}, f.outer));
      uint32_t next = 0;
      for (size_t r = 0; r < rows; ++r) {
        if (in[0]->IsNull(r)) {
          SLUICE_RETURN_NOT_OK(SetNullList(out, r));
          continue;
        }
        std::vector<ElementRef> kept;
        for (const ElementRef& e : Elements(*in[0], r))
          if (Truth(keep, next++) == 1) kept.push_back(e);
        SLUICE_RETURN_NOT_OK(SetList(out, r, kept));
      }
      return Status::OK();
    };
    return b;
  };
  return f;
}

// exists (any true; else NULL if any NULL; else false) and forall (the dual).
HigherOrderFunction Quantifier(std::string name, bool exists) {
  HigherOrderFunction f = Transform();
  f.name = name;
  f.signature = [name](const Types& args, size_t) -> Result<LambdaSignature> {
    SLUICE_RETURN_NOT_OK(ArgumentType(name, args, 0, TypeId::kArray, "\"ARRAY\""));
    return LambdaSignature{{ElementOf(args[0])}, 1};
  };
  f.bind = [name, exists](const Types& args) -> Result<BoundHigherOrder> {
    SLUICE_RETURN_NOT_OK(RequireBoolean(name, args[1]));
    BoundHigherOrder b;
    b.return_type = TypeId::kBoolean;
    b.argument_types = {ArrayOrNull(args[0]), args[1]};
    b.lambda_result_types = {TypeId::kBoolean};
    b.kernel = [exists](const FunctionContext&, const Args& in,
                        const std::vector<LambdaBody>& lambdas, size_t rows,
                        Vector& out) -> Status {
      const Flattened f = Flatten(*in[0], rows);
      SLUICE_ASSIGN_OR_RAISE(Vector x, vector::Gather(in[0]->children()[0], f.elements));
      SLUICE_ASSIGN_OR_RAISE(Vector test, lambdas[0]({&x}, f.outer));
      const int decisive = exists ? 1 : 0;
      uint32_t next = 0;
      for (size_t r = 0; r < rows; ++r) {
        if (in[0]->IsNull(r)) {
          out.SetNull(r);
          continue;
        }
        bool decided = false, saw_null = false;
        for (uint32_t i = 0; i < ListAt(*in[0], r).length; ++i) {
          const int t = Truth(test, next++);
          decided |= t == decisive;
          saw_null |= t < 0;
        }
        if (decided)
          Set<bool>(out, r, exists);
        else if (saw_null)
          out.SetNull(r);
        else
          Set<bool>(out, r, !exists);
      }
      return Status::OK();
    };
    return b;
  };
  return f;
}

// Whether two types are the same but for field names (DataType.equalsStructurally).
bool SameStructure(const LogicalType& a, const LogicalType& b) {
  if (a.id() != b.id()) return false;
  if (!a.IsNested()) return a == b;
  if (a.children().size() != b.children().size()) return false;
  for (size_t i = 0; i < a.children().size(); ++i)
    if (!SameStructure(a.children()[i].type, b.children()[i].type)) return false;
  return true;
}

// aggregate(array, zero, (acc, x) -> acc[, acc -> result])
HigherOrderFunction Aggregate(std::string name) {
  HigherOrderFunction f{name, {2, 3}, 3, 4, nullptr, nullptr};
  f.signature = [name](const Types& args, size_t position) -> Result<LambdaSignature> {
    SLUICE_RETURN_NOT_OK(ArgumentType(name, args, 0, TypeId::kArray, "\"ARRAY\""));
    if (position == 2) return LambdaSignature{{args[1], ElementOf(args[0])}, 2};
    return LambdaSignature{{args[1]}, 1};
  };
  f.bind = [name](const Types& args) -> Result<BoundHigherOrder> {
    if (!SameStructure(args[1], args[2]) && args[2].id() != TypeId::kNull)
      return Status::Invalid("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"" + name +
                             "\" due to data type mismatch: Parameter 3 requires the \"" +
                             args[1].ToString() +
                             "\" type, however the merge function has "
                             "the type \"" +
                             args[2].ToString() + "\".");
    BoundHigherOrder b;
    const bool finish = args.size() == 4;
    b.return_type = finish ? args[3] : args[1];
    b.argument_types = {ArrayOrNull(args[0]), args[1], args[1]};
    b.lambda_result_types = {args[1]};
    if (finish) {
      b.argument_types.push_back(args[3]);
      b.lambda_result_types.push_back(args[3]);
    }
    b.kernel = [](const FunctionContext&, const Args& in, const std::vector<LambdaBody>& lambdas,
                  size_t rows, Vector& out) -> Status {
      const Vector& arrays = *in[0];
      const std::vector<uint32_t> all = AllRows(rows);
      SLUICE_ASSIGN_OR_RAISE(Vector acc, vector::Gather(*in[1], all));
      // One step per element position, over the rows that are that long.
      for (uint32_t k = 0;; ++k) {
        std::vector<uint32_t> active, elements;
        for (size_t r = 0; r < rows; ++r) {
          if (arrays.IsNull(r) || ListAt(arrays, r).length <= k) continue;
          active.push_back(static_cast<uint32_t>(r));
          elements.push_back(ListAt(arrays, r).offset + k);
        }
        if (active.empty()) break;
        SLUICE_ASSIGN_OR_RAISE(Vector a, vector::Gather(acc, active));
        SLUICE_ASSIGN_OR_RAISE(Vector x, vector::Gather(arrays.children()[0], elements));
        SLUICE_ASSIGN_OR_RAISE(Vector merged, lambdas[0]({&a, &x}, active));
        // A new accumulator: nested values cannot be overwritten in place.
        SLUICE_ASSIGN_OR_RAISE(Vector next, Vector::Make(acc.type(), std::max<size_t>(rows, 1)));
        for (size_t r = 0, j = 0; r < rows; ++r) {
          if (j < active.size() && active[j] == r)
            SLUICE_RETURN_NOT_OK(vector::CopyRow(merged, j++, next, r));
          else
            SLUICE_RETURN_NOT_OK(vector::CopyRow(acc, r, next, r));
        }
        acc = std::move(next);
      }
      if (lambdas.size() == 2) {
        SLUICE_ASSIGN_OR_RAISE(Vector finished, lambdas[1]({&acc}, all));
        acc = std::move(finished);
      }
      for (size_t r = 0; r < rows; ++r) {
        if (arrays.IsNull(r))
          SLUICE_RETURN_NOT_OK(SetNullValue(out, r));
        else
          SLUICE_RETURN_NOT_OK(vector::CopyRow(acc, r, out, r));
      }
      return Status::OK();
    };
    return b;
  };
  return f;
}

// zip_with(a, b, (x, y) -> z): as long as the longer array, NULL for the missing elements.
HigherOrderFunction ZipWith() {
  HigherOrderFunction f{"zip_with", {2}, 3, 3, nullptr, nullptr};
  f.signature = [](const Types& args, size_t) -> Result<LambdaSignature> {
    SLUICE_RETURN_NOT_OK(ArgumentType("zip_with", args, 0, TypeId::kArray, "\"ARRAY\""));
    SLUICE_RETURN_NOT_OK(ArgumentType("zip_with", args, 1, TypeId::kArray, "\"ARRAY\""));
    return LambdaSignature{{ElementOf(args[0]), ElementOf(args[1])}, 2};
  };
  f.bind = [](const Types& args) -> Result<BoundHigherOrder> {
    BoundHigherOrder b;
    b.return_type = LogicalType::Array(args[2]);
    b.argument_types = {ArrayOrNull(args[0]), ArrayOrNull(args[1]), args[2]};
    b.lambda_result_types = {args[2]};
    b.kernel = [](const FunctionContext&, const Args& in, const std::vector<LambdaBody>& lambdas,
                  size_t rows, Vector& out) -> Status {
      std::vector<uint32_t> left, right, outer;
      for (size_t r = 0; r < rows; ++r) {
        if (in[0]->IsNull(r) || in[1]->IsNull(r)) continue;
        const vector::ListEntry a = ListAt(*in[0], r), c = ListAt(*in[1], r);
        for (uint32_t i = 0; i < std::max(a.length, c.length); ++i) {
          left.push_back(i < a.length ? a.offset + i : kNullRow);
          right.push_back(i < c.length ? c.offset + i : kNullRow);
          outer.push_back(static_cast<uint32_t>(r));
        }
      }
      SLUICE_ASSIGN_OR_RAISE(Vector x, GatherOrNull(in[0]->children()[0], left));
      SLUICE_ASSIGN_OR_RAISE(Vector y, GatherOrNull(in[1]->children()[0], right));
      SLUICE_ASSIGN_OR_RAISE(Vector z, lambdas[0]({&x, &y}, outer));
      uint32_t next = 0;
      for (size_t r = 0; r < rows; ++r) {
        if (in[0]->IsNull(r) || in[1]->IsNull(r)) {
          SLUICE_RETURN_NOT_OK(SetNullList(out, r));
          continue;
        }
        std::vector<ElementRef> elements(
            std::max(ListAt(*in[0], r).length, ListAt(*in[1], r).length));
        for (ElementRef& e : elements) e = {&z, next++};
        SLUICE_RETURN_NOT_OK(SetList(out, r, elements));
      }
      return Status::OK();
    };
    return b;
  };
  return f;
}

// array_sort(array, (l, r) -> int): the comparator runs once over every pair of a row.
HigherOrderFunction ArraySort() {
  HigherOrderFunction f{"array_sort", {1}, 2, 2, nullptr, nullptr};
  f.signature = [](const Types& args, size_t) -> Result<LambdaSignature> {
    SLUICE_RETURN_NOT_OK(ArgumentType("array_sort", args, 0, TypeId::kArray, "\"ARRAY\""));
    return LambdaSignature{{ElementOf(args[0]), ElementOf(args[0])}, 2};
  };
  f.bind = [](const Types& args) -> Result<BoundHigherOrder> {
    if (!args[1].IsInteger() && args[1].id() != TypeId::kNull)
      return UnexpectedInputType("array_sort", 1, "\"INT\"", args[1]);
    BoundHigherOrder b;
    b.return_type = ArrayOrNull(args[0]);
    b.argument_types = {b.return_type, args[1]};
    b.lambda_result_types = {TypeId::kInt};
    b.kernel = [](const FunctionContext&, const Args& in, const std::vector<LambdaBody>& lambdas,
                  size_t rows, Vector& out) -> Status {
      const Vector& elements = in[0]->children()[0];
      for (size_t r = 0; r < rows; ++r) {
        if (in[0]->IsNull(r)) {
          SLUICE_RETURN_NOT_OK(SetNullList(out, r));
          continue;
        }
        const vector::ListEntry e = ListAt(*in[0], r);
        std::vector<uint32_t> left, right, outer;
        for (uint32_t i = 0; i < e.length; ++i)
          for (uint32_t j = 0; j < e.length; ++j) {
            left.push_back(e.offset + i);
            right.push_back(e.offset + j);
            outer.push_back(static_cast<uint32_t>(r));
          }
        SLUICE_ASSIGN_OR_RAISE(Vector x, vector::Gather(elements, left));
        SLUICE_ASSIGN_OR_RAISE(Vector y, vector::Gather(elements, right));
        SLUICE_ASSIGN_OR_RAISE(Vector c, lambdas[0]({&x, &y}, outer));
        for (size_t p = 0; p < left.size(); ++p)
          if (c.IsNull(p))
            return Status::Invalid(
                "[COMPARATOR_RETURNS_NULL] The comparator has returned a NULL for a comparison "
                "between " +
                vector::FormatValue(x, p, types::TimeZone::Utc()) + " and " +
                vector::FormatValue(y, p, types::TimeZone::Utc()) +
                ". It should return a positive integer for \"greater than\", 0 for \"equal\" "
                "and a negative integer for \"less than\".");
        std::vector<uint32_t> order(e.length);
        for (uint32_t i = 0; i < e.length; ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
          return c.data<int32_t>()[a * e.length + b] < 0;
        });
        std::vector<ElementRef> sorted;
        for (uint32_t i : order) sorted.push_back({&elements, e.offset + i});
        SLUICE_RETURN_NOT_OK(SetList(out, r, sorted));
      }
      return Status::OK();
    };
    return b;
  };
  return f;
}

// --- Maps ---

LambdaSignature KeyValue(const LogicalType& map) { return {{KeyOf(map), ValueOf(map)}, 2}; }

// map_filter(map, (k, v) -> boolean)
HigherOrderFunction MapFilter() {
  HigherOrderFunction f{"map_filter", {1}, 2, 2, nullptr, nullptr};
  f.signature = [](const Types& args, size_t) -> Result<LambdaSignature> {
    SLUICE_RETURN_NOT_OK(ArgumentType("map_filter", args, 0, TypeId::kMap, "\"MAP\""));
    return KeyValue(args[0]);
  };
  f.bind = [](const Types& args) -> Result<BoundHigherOrder> {
    SLUICE_RETURN_NOT_OK(RequireBoolean("map_filter", args[1]));
    BoundHigherOrder b;
    b.return_type = MapOrNull(args[0]);
    b.argument_types = {b.return_type, args[1]};
    b.lambda_result_types = {TypeId::kBoolean};
    b.kernel = [](const FunctionContext&, const Args& in, const std::vector<LambdaBody>& lambdas,
                  size_t rows, Vector& out) -> Status {
      const Flattened f = Flatten(*in[0], rows);
      SLUICE_ASSIGN_OR_RAISE(Vector k, vector::Gather(in[0]->children()[0], f.elements));
      SLUICE_ASSIGN_OR_RAISE(Vector v, vector::Gather(in[0]->children()[1], f.elements));
      SLUICE_ASSIGN_OR_RAISE(Vector keep, lambdas[0]({&k, &v}, f.outer));
      uint32_t next = 0;
      for (size_t r = 0; r < rows; ++r) {
        if (in[0]->IsNull(r)) {
          SLUICE_RETURN_NOT_OK(SetNullList(out, r));
          continue;
        }
        std::vector<ElementRef> keys, values;
        for (uint32_t i = 0; i < ListAt(*in[0], r).length; ++i, ++next) {
          if (Truth(keep, next) != 1) continue;
          keys.push_back({&k, next});
          values.push_back({&v, next});
        }
        SLUICE_RETURN_NOT_OK(SetMap(out, r, keys, values));
      }
      return Status::OK();
    };
    return b;
  };
  return f;
}

// transform_keys (new keys, checked: no NULL, no duplicates) and transform_values.
HigherOrderFunction TransformEntries(std::string name, bool keys) {
  HigherOrderFunction f{name, {1}, 2, 2, nullptr, nullptr};
  f.signature = [name](const Types& args, size_t) -> Result<LambdaSignature> {
    SLUICE_RETURN_NOT_OK(ArgumentType(name, args, 0, TypeId::kMap, "\"MAP\""));
    return KeyValue(args[0]);
  };
  f.bind = [keys](const Types& args) -> Result<BoundHigherOrder> {
    BoundHigherOrder b;
    const LogicalType map = MapOrNull(args[0]);
    b.return_type =
        keys ? LogicalType::Map(args[1], ValueOf(map)) : LogicalType::Map(KeyOf(map), args[1]);
    b.argument_types = {map, args[1]};
    b.lambda_result_types = {args[1]};
    b.kernel = [keys](const FunctionContext&, const Args& in,
                      const std::vector<LambdaBody>& lambdas, size_t rows, Vector& out) -> Status {
      const Flattened f = Flatten(*in[0], rows);
      SLUICE_ASSIGN_OR_RAISE(Vector k, vector::Gather(in[0]->children()[0], f.elements));
      SLUICE_ASSIGN_OR_RAISE(Vector v, vector::Gather(in[0]->children()[1], f.elements));
      SLUICE_ASSIGN_OR_RAISE(Vector y, lambdas[0]({&k, &v}, f.outer));
      uint32_t next = 0;
      for (size_t r = 0; r < rows; ++r) {
        if (in[0]->IsNull(r)) {
          SLUICE_RETURN_NOT_OK(SetNullList(out, r));
          continue;
        }
        std::vector<ElementRef> new_keys, new_values;
        for (uint32_t i = 0; i < ListAt(*in[0], r).length; ++i, ++next) {
          new_keys.push_back({keys ? &y : &k, next});
          new_values.push_back({keys ? &v : &y, next});
        }
        if (keys)
          SLUICE_RETURN_NOT_OK(SetCheckedMap(out, r, new_keys, new_values));
        else
          SLUICE_RETURN_NOT_OK(SetMap(out, r, new_keys, new_values));
      }
      return Status::OK();
    };
    return b;
  };
  return f;
}

// map_zip_with(m1, m2, (k, v1, v2) -> v): every key of either map (m1's first), NULL for a
// value the other map lacks. The keys of both maps are widened to one type.
HigherOrderFunction MapZipWith() {
  HigherOrderFunction f{"map_zip_with", {2}, 3, 3, nullptr, nullptr};
  auto key_type = [](const Types& args) -> Result<LogicalType> {
    SLUICE_RETURN_NOT_OK(ArgumentType("map_zip_with", args, 0, TypeId::kMap, "\"MAP\""));
    SLUICE_RETURN_NOT_OK(ArgumentType("map_zip_with", args, 1, TypeId::kMap, "\"MAP\""));
    std::optional<LogicalType> key = WiderType(KeyOf(args[0]), KeyOf(args[1]));
    if (!key)
      return Status::Invalid(
          "[DATATYPE_MISMATCH.MAP_ZIP_WITH_DIFF_TYPES] Cannot resolve \"map_zip_with\" due to "
          "data type mismatch: Input to the `map_zip_with` should have been two maps with "
          "compatible key types, but it's [\"" +
          KeyOf(args[0]).ToString() + "\", \"" + KeyOf(args[1]).ToString() + "\"].");
    return *key;
  };
  f.signature = [key_type](const Types& args, size_t) -> Result<LambdaSignature> {
    SLUICE_ASSIGN_OR_RAISE(LogicalType key, key_type(args));
    return LambdaSignature{{key, ValueOf(args[0]), ValueOf(args[1])}, 3};
  };
  f.bind = [key_type](const Types& args) -> Result<BoundHigherOrder> {
    SLUICE_ASSIGN_OR_RAISE(LogicalType key, key_type(args));
    BoundHigherOrder b;
    b.return_type = LogicalType::Map(key, args[2]);
    b.argument_types = {LogicalType::Map(key, ValueOf(args[0])),
                        LogicalType::Map(key, ValueOf(args[1])), args[2]};
    b.lambda_result_types = {args[2]};
    b.kernel = [](const FunctionContext&, const Args& in, const std::vector<LambdaBody>& lambdas,
                  size_t rows, Vector& out) -> Status {
      const Vector &m1 = *in[0], &m2 = *in[1];
      std::vector<uint32_t> key_rows, left, right, outer;
      std::vector<bool> from_left;
      for (size_t r = 0; r < rows; ++r) {
        if (m1.IsNull(r) || m2.IsNull(r)) continue;
        const vector::ListEntry a = ListAt(m1, r), c = ListAt(m2, r);
        auto find = [](const Vector& map, vector::ListEntry e, const Vector& keys,
                       uint32_t row) -> uint32_t {
          for (uint32_t i = 0; i < e.length; ++i)
            if (vector::ValuesEqual(map.children()[0], e.offset + i, keys, row))
              return e.offset + i;
          return kNullRow;
        };
        for (uint32_t i = 0; i < a.length; ++i) {
          key_rows.push_back(a.offset + i);
          from_left.push_back(true);
          left.push_back(a.offset + i);
          right.push_back(find(m2, c, m1.children()[0], a.offset + i));
          outer.push_back(static_cast<uint32_t>(r));
        }
        for (uint32_t i = 0; i < c.length; ++i) {
          if (find(m1, a, m2.children()[0], c.offset + i) != kNullRow) continue;
          key_rows.push_back(c.offset + i);
          from_left.push_back(false);
          left.push_back(kNullRow);
          right.push_back(c.offset + i);
          outer.push_back(static_cast<uint32_t>(r));
        }
      }
      SLUICE_ASSIGN_OR_RAISE(
          Vector k, Vector::Make(m1.children()[0].type(), std::max<size_t>(key_rows.size(), 1)));
      for (size_t i = 0; i < key_rows.size(); ++i)
        SLUICE_RETURN_NOT_OK(
            vector::CopyRow((from_left[i] ? m1 : m2).children()[0], key_rows[i], k, i));
      SLUICE_ASSIGN_OR_RAISE(Vector v1, GatherOrNull(m1.children()[1], left));
      SLUICE_ASSIGN_OR_RAISE(Vector v2, GatherOrNull(m2.children()[1], right));
      SLUICE_ASSIGN_OR_RAISE(Vector v, lambdas[0]({&k, &v1, &v2}, outer));
      uint32_t next = 0;
      for (size_t r = 0; r < rows; ++r) {
        if (m1.IsNull(r) || m2.IsNull(r)) {
          SLUICE_RETURN_NOT_OK(SetNullList(out, r));
          continue;
        }
        std::vector<ElementRef> keys, values;
        while (next < outer.size() && outer[next] == r) {
          keys.push_back({&k, next});
          values.push_back({&v, next});
          ++next;
        }
        SLUICE_RETURN_NOT_OK(SetMap(out, r, keys, values));
      }
      return Status::OK();
    };
    return b;
  };
  return f;
}

}  // namespace

const HigherOrderFunction* FindHigherOrderFunction(std::string_view name) {
  static const std::vector<HigherOrderFunction>* functions = new std::vector<HigherOrderFunction>{
      Transform(),
      Filter(),
      Quantifier("exists", true),
      Quantifier("forall", false),
      Aggregate("aggregate"),
      Aggregate("reduce"),
      ZipWith(),
      ArraySort(),
      MapFilter(),
      TransformEntries("transform_keys", true),
      TransformEntries("transform_values", false),
      MapZipWith(),
  };
  for (const HigherOrderFunction& f : *functions)
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace sluice::functions
