// Struct constructors: named_struct(name1, value1, ...) with constant names, and struct(...)
// whose fields are col1, col2, ... (the binder names them after columns and aliases, as
// Spark does, by calling named_struct).
#include "functions/array_builder.h"
#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "vector/vector_ops.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;
using vector::Vector;

namespace {

BoundScalar MakeStruct(std::vector<types::Field> fields, std::vector<size_t> positions) {
  BoundScalar b;
  b.return_type = LogicalType::Struct(fields);
  for (const types::Field& f : fields) b.argument_types.push_back(f.type);
  b.kernel = [positions](const FunctionContext&, const std::vector<const Vector*>& in, size_t rows,
                         Vector& out) -> Status {
    for (size_t r = 0; r < rows; ++r) {
      out.validity().SetValid(r);
      for (size_t f = 0; f < positions.size(); ++f)
        SLUICE_RETURN_NOT_OK(vector::CopyRow(*in[positions[f]], r, out.children()[f], r));
    }
    return Status::OK();
  };
  return b;
}

Result<BoundScalar> BindStruct(const FunctionContext&, const std::vector<BindArgument>& args) {
  std::vector<types::Field> fields;
  std::vector<size_t> positions;
  for (size_t i = 0; i < args.size(); ++i) {
    fields.push_back({"col" + std::to_string(i + 1), args[i].type, true});
    positions.push_back(i);
  }
  return MakeStruct(fields, positions);
}

Result<BoundScalar> BindNamedStruct(const FunctionContext&, const std::vector<BindArgument>& args) {
  if (args.empty() || args.size() % 2 != 0)
    return Status::Invalid(
        "[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `named_struct` requires 2n (n > 0) parameters "
        "but the actual number is " +
        std::to_string(args.size()) + ".");
  std::vector<types::Field> fields;
  std::vector<size_t> positions;
  for (size_t i = 0; i < args.size(); i += 2) {
    if (args[i].type.id() != TypeId::kString || args[i].constant == nullptr ||
        args[i].constant->IsNull(0))
      return Status::Invalid(
          "[DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING] Cannot resolve "
          "\"named_struct\" due to data type mismatch: Only foldable \"STRING\" expressions are "
          "allowed to appear at odd position.");
    fields.push_back(
        {std::string(Get<std::string_view>(*args[i].constant, 0)), args[i + 1].type, true});
    positions.push_back(i + 1);
  }
  BoundScalar b = MakeStruct(fields, positions);
  b.argument_types.clear();
  for (size_t i = 0; i < args.size(); ++i) b.argument_types.push_back(args[i].type);
  return b;
}

}  // namespace

void RegisterStructFunctions(FunctionRegistry& r) {
  r.Add({"struct", "struct(col1, col2, col3, ...) - Creates a struct with the given field values.",
         BindStruct});
  r.Add({"named_struct",
         "named_struct(name1, val1, name2, val2, ...) - Creates a struct with the given field "
         "names and values.",
         BindNamedStruct});
}

}  // namespace sluice::functions
