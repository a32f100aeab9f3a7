// Map constructors and functions with Spark 3.5's semantics: map, map_from_arrays,
// map_from_entries, str_to_map, map_keys, map_values, map_entries, map_concat,
// map_contains_key. NULL and duplicate keys are errors (spark.sql.mapKeyDedupPolicy's
// default, EXCEPTION).
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

std::vector<size_t> AllArguments(size_t n) {
  std::vector<size_t> all(n);
  for (size_t i = 0; i < n; ++i) all[i] = i;
  return all;
}

Status MapDiffTypes(const char* what, const std::vector<LogicalType>& types) {
  std::string list;
  for (const LogicalType& t : types) list += (list.empty() ? "\"" : ", \"") + t.ToString() + "\"";
  return Status::Invalid(std::string("[DATATYPE_MISMATCH.MAP_CONTAINS_KEY_DIFF_TYPES] Cannot "
                                     "resolve \"map\" due to data type mismatch: The given ") +
                         what + " of `map` should all be the same type, but they are [" + list +
                         "].");
}

Result<LogicalType> MapType(const std::string& fn, const std::vector<BindArgument>& args,
                            size_t i) {
  if (args[i].type.id() == TypeId::kMap) return args[i].type;
  if (args[i].type.id() == TypeId::kNull) return LogicalType::Map(TypeId::kNull, TypeId::kNull);
  return UnexpectedInputType(fn, i, "\"MAP\"", args[i].type);
}

Result<BoundScalar> BindMap(const FunctionContext&, const std::vector<BindArgument>& args) {
  if (args.size() % 2 != 0)
    return Status::Invalid(
        "[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `map` requires 2n (n > 0) parameters but the "
        "actual number is " +
        std::to_string(args.size()) + ".");
  std::vector<LogicalType> keys, values;
  for (size_t i = 0; i < args.size(); ++i) (i % 2 ? values : keys).push_back(args[i].type);
  std::optional<LogicalType> key = WiderType(keys), value = WiderType(values);
  if (!key) return MapDiffTypes("keys", keys);
  if (!value) return MapDiffTypes("values", values);
  if (key->id() == TypeId::kMap)
    return Status::Invalid(
        "[DATATYPE_MISMATCH.INVALID_MAP_KEY_TYPE] The key of map cannot be/"
        "contain \"MAP\".");
  BoundScalar b;
  b.return_type = LogicalType::Map(*key, *value);
  for (size_t i = 0; i < args.size(); ++i) b.argument_types.push_back(i % 2 ? *value : *key);
  b.kernel = [](const FunctionContext&, const Args& in, size_t rows, Vector& out) -> Status {
    std::vector<ElementRef> keys(in.size() / 2), values(in.size() / 2);
    for (size_t r = 0; r < rows; ++r) {
      for (size_t i = 0; i + 1 < in.size(); i += 2) {
        keys[i / 2] = in[i]->IsNull(r) ? ElementRef{} : ElementRef{in[i], uint32_t(r)};
        values[i / 2] = in[i + 1]->IsNull(r) ? ElementRef{} : ElementRef{in[i + 1], uint32_t(r)};
      }
      SLUICE_RETURN_NOT_OK(SetCheckedMap(out, r, keys, values));
    }
    return Status::OK();
  };
  return b;
}

Result<BoundScalar> BindMapFromArrays(const FunctionContext&,
                                      const std::vector<BindArgument>& args) {
  if (args.size() != 2) return WrongNumArgs("map_from_arrays", "2", args.size());
  SLUICE_ASSIGN_OR_RAISE(LogicalType key, ArrayElementType("map_from_arrays", args, 0));
  SLUICE_ASSIGN_OR_RAISE(LogicalType value, ArrayElementType("map_from_arrays", args, 1));
  BoundScalar b;
  b.return_type = LogicalType::Map(key, value);
  b.argument_types = {LogicalType::Array(key), LogicalType::Array(value)};
  b.kernel = RowKernel({0, 1}, [](const FunctionContext&, const Args& in, size_t r, Vector& out) {
    std::vector<ElementRef> keys = Elements(*in[0], r), values = Elements(*in[1], r);
    if (keys.size() != values.size())
      return Status::Invalid(
          "[INVALID_PARAMETER_VALUE] The key array and value array of MapData must have the same "
          "length.");
    return SetCheckedMap(out, r, keys, values);
  });
  return b;
}

// map_from_entries(array<struct<k, v>>): NULL when an entry is NULL.
Result<BoundScalar> BindMapFromEntries(const FunctionContext&,
                                       const std::vector<BindArgument>& args) {
  if (args.size() != 1) return WrongNumArgs("map_from_entries", "1", args.size());
  SLUICE_ASSIGN_OR_RAISE(LogicalType entry, ArrayElementType("map_from_entries", args, 0));
  if (entry.id() != TypeId::kStruct || entry.children().size() != 2)
    return UnexpectedInputType("map_from_entries", 0, "\"ARRAY\" of pair \"STRUCT\"", args[0].type);
  BoundScalar b;
  b.return_type = LogicalType::Map(entry.children()[0].type, entry.children()[1].type);
  b.argument_types = {args[0].type};
  b.kernel = RowKernel({0}, [](const FunctionContext&, const Args& in, size_t r, Vector& out) {
    std::vector<ElementRef> keys, values;
    const Vector& entries = in[0]->children()[0];
    for (const ElementRef& x : Elements(*in[0], r)) {
      if (entries.IsNull(x.row)) return SetNullList(out, r);
      keys.push_back({&entries.children()[0], x.row});
      values.push_back(entries.children()[1].IsNull(x.row)
                           ? ElementRef{}
                           : ElementRef{&entries.children()[1], x.row});
    }
    return SetCheckedMap(out, r, keys, values);
  });
  return b;
}

std::vector<std::string_view> Split(std::string_view text, std::string_view delimiter,
                                    size_t limit) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < limit && !delimiter.empty()) {
    const size_t at = text.find(delimiter);
    if (at == std::string_view::npos) break;
    parts.push_back(text.substr(0, at));
    text.remove_prefix(at + delimiter.size());
  }
  parts.push_back(text);
  return parts;
}

// str_to_map(text[, pair_delimiter[, key_value_delimiter]]): ',' and ':' by default; the
// delimiters are taken literally.
Result<BoundScalar> BindStrToMap(const FunctionContext&, const std::vector<BindArgument>& args) {
  if (args.empty() || args.size() > 3) return WrongNumArgs("str_to_map", "[1, 2, 3]", args.size());
  BoundScalar b;
  b.return_type = LogicalType::Map(TypeId::kString, TypeId::kString);
  b.argument_types.assign(args.size(), TypeId::kString);
  b.kernel = RowKernel(
      AllArguments(args.size()),
      [](const FunctionContext&, const Args& in, size_t r, Vector& out) -> Status {
        const std::string_view text = Get<std::string_view>(*in[0], r);
        const std::string_view pair = in.size() > 1 ? Get<std::string_view>(*in[1], r) : ",";
        const std::string_view kv = in.size() > 2 ? Get<std::string_view>(*in[2], r) : ":";
        SLUICE_ASSIGN_OR_RAISE(Vector parts, Vector::Make(TypeId::kString, 16));
        std::vector<ElementRef> keys, values;
        const std::vector<std::string_view> items = Split(text, pair, SIZE_MAX);
        SLUICE_RETURN_NOT_OK(parts.Reserve(2 * items.size()));
        uint32_t n = 0;
        for (std::string_view item : items) {
          std::vector<std::string_view> key_value = Split(item, kv, 2);
          Set<std::string_view>(parts, n, key_value[0]);
          keys.push_back({&parts, n++});
          if (key_value.size() == 2) {
            Set<std::string_view>(parts, n, key_value[1]);
            values.push_back({&parts, n++});
          } else {
            values.push_back({});
          }
        }
        return SetCheckedMap(out, r, keys, values);
      });
  return b;
}

// map_keys (child 0), map_values (child 1).
ScalarBinder MapPart(std::string fn, size_t child) {
  return [fn, child](const FunctionContext&,
                     const std::vector<BindArgument>& args) -> Result<BoundScalar> {
    if (args.size() != 1) return WrongNumArgs(fn, "1", args.size());
    SLUICE_ASSIGN_OR_RAISE(LogicalType map, MapType(fn, args, 0));
    BoundScalar b;
    b.return_type = LogicalType::Array(map.children()[child].type);
    b.argument_types = {map};
    b.kernel =
        RowKernel({0}, [child](const FunctionContext&, const Args& in, size_t r, Vector& out) {
          return SetList(out, r, Elements(*in[0], r, child));
        });
    return b;
  };
}

Result<BoundScalar> BindMapEntries(const FunctionContext&, const std::vector<BindArgument>& args) {
  if (args.size() != 1) return WrongNumArgs("map_entries", "1", args.size());
  SLUICE_ASSIGN_OR_RAISE(LogicalType map, MapType("map_entries", args, 0));
  BoundScalar b;
  b.return_type = LogicalType::Array(LogicalType::Struct(
      {{"key", map.children()[0].type, false}, {"value", map.children()[1].type, true}}));
  b.argument_types = {map};
  b.kernel =
      RowKernel({0}, [](const FunctionContext&, const Args& in, size_t r, Vector& out) -> Status {
        const vector::ListEntry e = ListAt(*in[0], r);
        SLUICE_ASSIGN_OR_RAISE(uint32_t at, out.AppendListEntry(r, e.length));
        out.validity().SetValid(r);
        Vector& entries = out.children()[0];
        for (uint32_t i = 0; i < e.length; ++i) {
          entries.validity().SetValid(at + i);
          for (size_t c = 0; c < 2; ++c)
            SLUICE_RETURN_NOT_OK(
                vector::CopyRow(in[0]->children()[c], e.offset + i, entries.children()[c], at + i));
        }
        return Status::OK();
      });
  return b;
}

Result<BoundScalar> BindMapConcat(const FunctionContext&, const std::vector<BindArgument>& args) {
  std::vector<LogicalType> types;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i].type.id() != TypeId::kMap && args[i].type.id() != TypeId::kNull)
      return Status::Invalid(
          "[DATATYPE_MISMATCH.MAP_CONCAT_DIFF_TYPES] Cannot resolve \"map_concat\" due to data "
          "type mismatch: The `map_concat` should all be of type map, but it's \"" +
          args[i].type.ToString() + "\".");
    types.push_back(args[i].type);
  }
  std::optional<LogicalType> common = WiderType(types);
  if (!common)
    return Status::Invalid(
        "[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve \"map_concat\" due to data type "
        "mismatch: Input to `map_concat` should all be the same type.");
  if (args.empty() || common->id() == TypeId::kNull)
    common = LogicalType::Map(TypeId::kString, TypeId::kString);
  BoundScalar b;
  b.return_type = *common;
  b.argument_types.assign(args.size(), *common);
  b.kernel = RowKernel(AllArguments(args.size()),
                       [](const FunctionContext&, const Args& in, size_t r, Vector& out) {
                         std::vector<ElementRef> keys, values;
                         for (const Vector* m : in) {
                           for (const ElementRef& k : Elements(*m, r, 0)) keys.push_back(k);
                           for (const ElementRef& v : Elements(*m, r, 1)) values.push_back(v);
                         }
                         return SetCheckedMap(out, r, keys, values);
                       });
  return b;
}

Result<BoundScalar> BindMapContainsKey(const FunctionContext&,
                                       const std::vector<BindArgument>& args) {
  if (args.size() != 2) return WrongNumArgs("map_contains_key", "2", args.size());
  SLUICE_ASSIGN_OR_RAISE(LogicalType map, MapType("map_contains_key", args, 0));
  std::optional<LogicalType> key = ElementValueType(map.children()[0].type, args[1].type);
  if (!key)
    return Status::Invalid(
        "[DATATYPE_MISMATCH.MAP_FUNCTION_DIFF_TYPES] Cannot resolve \"map_contains_key\" due to "
        "data type mismatch: Input to `map_contains_key` should have been \"MAP\" followed by a "
        "value with same key type, but it's [\"" +
        map.ToString() + "\", \"" + args[1].type.ToString() + "\"].");
  BoundScalar b;
  b.return_type = TypeId::kBoolean;
  b.argument_types = {LogicalType::Map(*key, map.children()[1].type), *key};
  b.kernel = RowKernel({0, 1}, [](const FunctionContext&, const Args& in, size_t r, Vector& out) {
    bool found = false;
    for (const ElementRef& k : Elements(*in[0], r, 0))
      found = found || vector::ValuesEqual(*k.source, k.row, *in[1], r);
    Set<bool>(out, r, found);
    return Status::OK();
  });
  return b;
}

}  // namespace

void RegisterMapFunctions(FunctionRegistry& r) {
  r.Add({"map",
         "map(key0, value0, key1, value1, ...) - Creates a map with the given key/value "
         "pairs.",
         BindMap});
  r.Add({"map_from_arrays",
         "map_from_arrays(keys, values) - Creates a map with a pair of the given key/value "
         "arrays.",
         BindMapFromArrays});
  r.Add({"map_from_entries",
         "map_from_entries(arrayOfEntries) - Returns a map created from the given array of "
         "entries.",
         BindMapFromEntries});
  r.Add({"str_to_map",
         "str_to_map(text[, pairDelim[, keyValueDelim]]) - Creates a map after splitting the text "
         "into key/value pairs using delimiters.",
         BindStrToMap});
  r.Add({"map_keys", "map_keys(map) - Returns an unordered array containing the keys of the map.",
         MapPart("map_keys", 0)});
  r.Add({"map_values",
         "map_values(map) - Returns an unordered array containing the values of the map.",
         MapPart("map_values", 1)});
  r.Add({"map_entries",
         "map_entries(map) - Returns an unordered array of all entries in the given map.",
         BindMapEntries});
  r.Add({"map_concat", "map_concat(map, ...) - Returns the union of all the given maps.",
         BindMapConcat});
  r.Add({"map_contains_key",
         "map_contains_key(map, key) - Returns true if the map contains the key.",
         BindMapContainsKey});
}

}  // namespace sluice::functions
