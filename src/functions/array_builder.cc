#include "functions/array_builder.h"

#include "functions/type_coercion.h"
#include "vector/value_formatter.h"
#include "vector/vector_ops.h"

namespace sluice::functions {

using types::TypeId;

std::vector<ElementRef> Elements(const vector::Vector& list, size_t row, size_t child) {
  const vector::ListEntry e = ListAt(list, row);
  std::vector<ElementRef> out(e.length);
  for (uint32_t i = 0; i < e.length; ++i) out[i] = {&list.children()[child], e.offset + i};
  return out;
}

Status SetNullList(vector::Vector& out, size_t row) {
  SLUICE_RETURN_NOT_OK(out.AppendListEntry(row, 0).status());
  out.SetNull(row);
  return Status::OK();
}

namespace {

Status CopyElements(const std::vector<ElementRef>& elements, vector::Vector& child, uint32_t at) {
  for (size_t i = 0; i < elements.size(); ++i) {
    if (elements[i].source == nullptr) {
      child.SetNull(at + i);
      if (child.type().id() == TypeId::kArray || child.type().id() == TypeId::kMap)
        SLUICE_RETURN_NOT_OK(child.AppendListEntry(at + i, 0).status());
      if (child.type().id() == TypeId::kStruct)
        for (vector::Vector& f : child.children()) f.SetNull(at + i);
      continue;
    }
    SLUICE_RETURN_NOT_OK(vector::CopyRow(*elements[i].source, elements[i].row, child, at + i));
  }
  return Status::OK();
}

}  // namespace

Status SetList(vector::Vector& out, size_t row, const std::vector<ElementRef>& elements) {
  SLUICE_ASSIGN_OR_RAISE(uint32_t at,
                         out.AppendListEntry(row, static_cast<uint32_t>(elements.size())));
  out.validity().SetValid(row);
  return CopyElements(elements, out.children()[0], at);
}

Status SetMap(vector::Vector& out, size_t row, const std::vector<ElementRef>& keys,
              const std::vector<ElementRef>& values) {
  SLUICE_ASSIGN_OR_RAISE(uint32_t at, out.AppendListEntry(row, static_cast<uint32_t>(keys.size())));
  out.validity().SetValid(row);
  SLUICE_RETURN_NOT_OK(CopyElements(keys, out.children()[0], at));
  return CopyElements(values, out.children()[1], at);
}

Status DuplicateMapKey(const vector::Vector& keys, uint32_t row) {
  return Status::Invalid("[DUPLICATED_MAP_KEY] Duplicate map key " +
                         vector::FormatValue(keys, row, types::TimeZone::Utc()) +
                         " was found, please check the input data. If you want to remove the "
                         "duplicated keys, you can set \"spark.sql.mapKeyDedupPolicy\" to "
                         "\"LAST_WIN\" so that the key inserted at last takes precedence.");
}

Status NullMapKey() { return Status::Invalid("[NULL_MAP_KEY] Cannot use null as map key."); }

bool IsOrderable(const types::LogicalType& t) {
  if (t.id() == TypeId::kMap) return false;
  for (const types::Field& f : t.children())
    if (!IsOrderable(f.type)) return false;
  return true;
}

Status UnexpectedInputType(const std::string& fn, size_t index, const std::string& required,
                           const types::LogicalType& found) {
  static const char* kOrdinals[] = {"first", "second", "third", "fourth", "fifth"};
  return Status::Invalid("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"" + fn +
                         "\" due to data type mismatch: Parameter " + std::to_string(index + 1) +
                         " (" + kOrdinals[index < 5 ? index : 4] + ") requires the " + required +
                         " type, however it has the type \"" + found.ToString() + "\".");
}

Status SetNullValue(vector::Vector& out, size_t row) {
  const types::TypeId id = out.type().id();
  if (id == types::TypeId::kArray || id == types::TypeId::kMap) return SetNullList(out, row);
  out.SetNull(row);
  if (id == types::TypeId::kStruct)
    for (vector::Vector& f : out.children()) SLUICE_RETURN_NOT_OK(SetNullValue(f, row));
  return Status::OK();
}

std::optional<types::LogicalType> ElementValueType(const types::LogicalType& element,
                                                   const types::LogicalType& value) {
  const bool es = element.id() == TypeId::kString, vs = value.id() == TypeId::kString;
  if (es != vs && element.id() != TypeId::kNull && value.id() != TypeId::kNull) return std::nullopt;
  return WiderType(element, value);
}

Status WrongNumArgs(const std::string& fn, const std::string& expected, size_t found) {
  return Status::Invalid("[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `" + fn + "` requires " +
                         expected + " parameters but the actual number is " +
                         std::to_string(found) + ".");
}

Result<types::LogicalType> ArrayElementType(const std::string& fn,
                                            const std::vector<BindArgument>& args, size_t index) {
  const types::LogicalType& t = args[index].type;
  if (t.id() == TypeId::kArray) return t.children()[0].type;
  if (t.id() == TypeId::kNull) return types::LogicalType(TypeId::kNull);
  return UnexpectedInputType(fn, index, "\"ARRAY\"", t);
}

uint64_t ElementSet::Hash(const ElementRef& x) {
  return x.source->IsNull(x.row) ? 0 : vector::HashValue(*x.source, x.row);
}

bool ElementSet::Equal(const ElementRef& a, const ElementRef& b) {
  return vector::ValuesEqual(*a.source, a.row, *b.source, b.row);
}

Status SetCheckedMap(vector::Vector& out, size_t row, const std::vector<ElementRef>& keys,
                     const std::vector<ElementRef>& values) {
  ElementSet seen;
  for (const ElementRef& k : keys) {
    if (k.source == nullptr || k.source->IsNull(k.row)) return NullMapKey();
    if (!seen.Insert(k)) return DuplicateMapKey(*k.source, k.row);
  }
  return SetMap(out, row, keys, values);
}

}  // namespace sluice::functions
