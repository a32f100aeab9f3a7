// Generators: explode, explode_outer, posexplode[_outer], inline[_outer] and stack, in FROM
// (SELECT * FROM explode(array(1, 2)) t(x)), in LATERAL VIEW [OUTER] and in the select list
// (SELECT explode(m) AS (k, v) FROM t). Each becomes a Generate operator whose output is its
// input's columns followed by the generator's (stack is inline over an array of structs).
#include "sql/binder_impl.h"

namespace sluice::sql {

using plan::LogicalOperator;
using plan::OperatorType;
using types::LogicalType;
using types::TypeId;

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string BaseName(const std::string& name) {
  const std::string suffix = "_outer";
  if (name.size() > suffix.size() &&
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
    return name.substr(0, name.size() - suffix.size());
  return name;
}

}  // namespace

bool IsGeneratorName(std::string_view name) {
  const std::string base = BaseName(Lower(name));
  return base == "explode" || base == "posexplode" || base == "inline" || base == "stack";
}

Result<Binder::BoundGenerator> Binder::BindGenerator(const std::string& function,
                                                     const std::vector<ExprPtr>& ast_args,
                                                     ExprContext& ctx, SourcePos pos) {
  const std::string name = Lower(function);
  std::vector<BoundPtr> args;
  for (const ExprPtr& a : ast_args) {
    if (a->kind == ExprKind::kFunctionCall && IsGeneratorName(a->As<FunctionCall>().name.back()))
      return ErrorAt(a->pos, "UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS",
                     "The generator is not supported: nested in expressions \"" + name + "\".");
    SLUICE_ASSIGN_OR_RAISE(BoundPtr bound, BindExpr(*a, ctx));
    args.push_back(bound);
  }
  return MakeGenerator(name, std::move(args), pos);
}

Result<Binder::BoundGenerator> Binder::MakeGenerator(const std::string& function,
                                                     std::vector<BoundPtr> args, SourcePos pos) {
  const std::string name = Lower(function);
  BoundGenerator g;
  g.kind = BaseName(name);
  g.outer = g.kind != name;
  if (g.kind == "stack") {
    // stack(n, v1, ..., vk): n rows of ceil(k / n) columns, as inline over structs.
    if (args.size() < 2 || !args[0]->IsConstant() || !args[0]->result_type.IsInteger() ||
        args[0]->constant->IsNull(0))
      return ErrorAt(pos, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                     "stack() takes a constant positive number of rows, then the values.");
    SLUICE_ASSIGN_OR_RAISE(BoundPtr rows_value, Fold(plan::MakeCast(args[0], TypeId::kBigInt)));
    const int64_t rows = rows_value->constant->data<int64_t>()[0];
    if (rows <= 0)
      return ErrorAt(pos, "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
                     "The number of rows of stack() must be positive.");
    const size_t values = args.size() - 1;
    const size_t columns = (values + rows - 1) / rows;
    // A column's values have one type (NULLs take it).
    for (size_t c = 0; c < columns; ++c) {
      std::optional<LogicalType> type;
      std::string type_name;
      for (size_t at = 1 + c; at < args.size(); at += columns) {
        const LogicalType& t = args[at]->result_type;
        if (t.id() == TypeId::kNull) continue;
        if (type && *type != t)
          return ErrorAt(pos, "DATATYPE_MISMATCH.STACK_COLUMN_DIFF_TYPES",
                         "Cannot resolve \"stack\" due to data type mismatch: The data type of "
                         "the column (" +
                             std::to_string(c) +
                             ") do not have the same type: " + type->ToString() + " (" + type_name +
                             ") <> " + t.ToString() + " (" + args[at]->name + ").");
        type = t;
        type_name = args[at]->name;
      }
    }
    std::vector<BoundPtr> structs;
    for (int64_t r = 0; r < rows; ++r) {
      std::vector<BoundPtr> fields;
      for (size_t c = 0; c < columns; ++c) {
        const size_t at = 1 + r * columns + c;
        fields.push_back(MakeStringConstant("col" + std::to_string(c)));
        if (at < args.size()) {
          fields.push_back(args[at]);
        } else {
          auto null = std::make_shared<vector::Vector>(*vector::Vector::Make(TypeId::kNull, 1));
          null->SetNull(0);
          fields.push_back(plan::MakeConstant(null, "NULL"));
        }
      }
      SLUICE_ASSIGN_OR_RAISE(BoundPtr s, CallFunction("named_struct", std::move(fields), pos));
      structs.push_back(s);
    }
    SLUICE_ASSIGN_OR_RAISE(g.collection, CallFunction("array", std::move(structs), pos));
    g.kind = "inline";
  } else {
    if (args.size() != 1)
      return ErrorAt(pos, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                     "The `" + name + "` requires 1 parameters but the actual number is " +
                         std::to_string(args.size()) + ".");
    g.collection = args[0];
  }
  const LogicalType& type = g.collection->result_type;
  const bool is_map = type.id() == TypeId::kMap && g.kind != "inline";
  const bool is_array = type.id() == TypeId::kArray;
  const bool inline_structs =
      g.kind == "inline" && is_array && type.children()[0].type.id() == TypeId::kStruct;
  if (!(is_map || (is_array && g.kind != "inline") || inline_structs))
    return ErrorAt(pos, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                   "Cannot resolve \"" + name + "(" + g.collection->name +
                       ")\" due to data type mismatch: Parameter 1 requires the " +
                       (g.kind == "inline" ? "\"ARRAY<STRUCT>\"" : "(\"ARRAY\" or \"MAP\")") +
                       " type, however \"" + g.collection->name + "\" has the type \"" +
                       type.ToString() + "\".");
  if (g.kind == "posexplode") g.columns.push_back({"pos", TypeId::kInt, true});
  if (is_map) {
    g.columns.push_back({"key", type.children()[0].type, true});
    g.columns.push_back({"value", type.children()[1].type, true});
  } else if (inline_structs) {
    for (const types::Field& f : type.children()[0].type.children()) g.columns.push_back(f);
  } else {
    g.columns.push_back({"col", type.children()[0].type, true});
  }
  return g;
}

Result<Binder::BoundRelation> Binder::AddGenerate(BoundRelation input, const BoundGenerator& g,
                                                  const std::string& qualifier,
                                                  const std::vector<std::string>& names,
                                                  SourcePos pos) {
  if (!names.empty() && names.size() != g.columns.size())
    return ErrorAt(pos, "UDTF_ALIAS_NUMBER_MISMATCH",
                   "The number of aliases supplied in the AS clause does not match the number "
                   "of columns output by the UDTF. Expected " +
                       std::to_string(g.columns.size()) + " aliases, but got " +
                       std::to_string(names.size()) + ".");
  auto op = std::make_shared<LogicalOperator>();
  op->type = OperatorType::kGenerate;
  op->children = {input.op};
  op->expressions = {g.collection};
  op->generator = g.kind;
  op->generator_outer = g.outer;
  op->output = input.op->output;
  for (size_t i = 0; i < g.columns.size(); ++i) {
    types::Field f = g.columns[i];
    if (!names.empty()) f.name = names[i];
    input.scope.columns.push_back({qualifier, f.name, f.type, op->output.size()});
    op->output.push_back(f);
  }
  input.op = op;
  return input;
}

Result<Binder::BoundRelation> Binder::BindGeneratorRelation(const TableFunctionRelation& f) {
  BoundRelation one;
  auto values = std::make_shared<LogicalOperator>();
  values->type = OperatorType::kValues;
  auto batches = std::make_shared<std::vector<vector::Batch>>();
  SLUICE_ASSIGN_OR_RAISE(vector::Batch b,
                         vector::Batch::Make(std::make_shared<types::Schema>(), 1));
  b.set_num_rows(1);
  batches->push_back(std::move(b));
  values->rows = batches;
  one.op = values;
  ExprContext ctx;
  SLUICE_ASSIGN_OR_RAISE(BoundGenerator g, BindGenerator(f.name.back(), f.args, ctx, f.pos));
  SLUICE_ASSIGN_OR_RAISE(BoundRelation rel, AddGenerate(std::move(one), g, "", {}, f.pos));
  return ApplyAlias(std::move(rel), f.alias, f.pos);
}

Result<Binder::BoundRelation> Binder::BindLateralView(BoundRelation input, const LateralView& v) {
  if (!IsGeneratorName(v.function.back()))
    return ErrorAt(v.pos, "UNSUPPORTED_GENERATOR.NOT_GENERATOR",
                   "The generator is not supported: `" + v.function.back() +
                       "` is expected to be a generator.");
  ExprContext ctx;
  ctx.scope = &input.scope;
  std::string name = v.function.back();
  if (v.outer && BaseName(Lower(name)) == Lower(name)) name += "_outer";
  SLUICE_ASSIGN_OR_RAISE(BoundGenerator g, BindGenerator(name, v.args, ctx, v.pos));
  return AddGenerate(std::move(input), g, v.table_alias, v.column_aliases, v.pos);
}

}  // namespace sluice::sql
