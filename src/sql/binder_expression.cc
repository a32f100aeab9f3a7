// Binding of scalar expressions: names, literals, operators, CASE, IN, LIKE, casts, field
// access, subqueries and function calls; aggregate and window calls become columns of the
// Aggregate and Window operators (binder_aggregate.cc).
#include <algorithm>
#include <cctype>
#include <climits>
#include <set>

#include "common/text.h"
#include "exec/expression_evaluator.h"
#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "functions/type_coercion.h"
#include "plan/outer_references.h"
#include "sql/ast_printer.h"
#include "sql/binder_impl.h"
#include "sql/parse_error.h"
#include "types/text_parsing.h"
#include "vector/vector_ops.h"

namespace sluice::sql {

using plan::Expression;
using plan::ExprType;
using plan::MakeNode;
using types::LogicalType;
using types::TypeId;

namespace {

bool NameEquals(std::string_view a, std::string_view b, bool case_sensitive) {
  return types::SameColumnName(a, b, case_sensitive);
}

std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

std::string NegatedName(const std::string& name, bool negated) {
  return negated ? "(NOT " + name + ")" : name;
}

// An aggregate in a subquery over the enclosing query's columns: Spark computes those in
// the enclosing query (or refuses them); here they are refused. Returns the error class.
std::optional<std::string> OuterAggregateError(const plan::LogicalOperator& op) {
  for (const plan::OperatorPtr& child : op.children)
    if (auto error = OuterAggregateError(*child)) return error;
  for (const plan::AggregateCall& a : op.aggregates) {
    bool outer = false, local = false;
    for (const BoundPtr& arg : a.args) {
      std::function<void(const Expression&)> walk = [&](const Expression& x) {
        outer |= x.type == ExprType::kOuterColumn;
        local |= x.type == ExprType::kColumn;
        for (const BoundPtr& c : x.children) walk(*c);
      };
      walk(*arg);
    }
    if (outer)
      return local
                 ? "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.AGGREGATE_FUNCTION_MIXED_OUTER_LOCAL_"
                   "REFERENCES"
                 : "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_REFERENCE";
  }
  return std::nullopt;
}

// Whether a set operation in `op` reads an enclosing query's row: Spark decorrelates that
// for scalar subqueries only, and refuses it under EXISTS and IN.
bool OuterReferenceUnderSetOperation(const plan::LogicalOperator& op) {
  if (op.type == plan::OperatorType::kSetOperation) {
    bool outer = false;
    Status walked =
        plan::ForEachOuterReference(op, [&](const Expression&, int level) { outer |= level >= 1; });
    if (outer || !walked.ok()) return true;
  }
  for (const plan::OperatorPtr& child : op.children)
    if (OuterReferenceUnderSetOperation(*child)) return true;
  return false;
}

}  // namespace

plan::OuterReferenceRewrite Binder::ReferToGroups(const AggregationContext& aggregation, int level,
                                                  SourcePos pos) const {
  return [this, &aggregation, level, pos](const Expression& ref, int at) -> Result<BoundPtr> {
    // An outer aggregate (BindOuterAggregate) is already a column of the grouped row.
    if (at != level || ref.column_index >= kAggregateMarker) return BoundPtr();
    const std::string column =
        Fingerprint(*plan::MakeColumn(ref.column_index, ref.result_type, ref.name));
    for (size_t g = 0; g < aggregation.group_keys.size(); ++g) {
      if (aggregation.group_keys[g] != column) continue;
      auto grouped = std::make_shared<Expression>(ref);
      grouped->column_index = g;
      return BoundPtr(grouped);
    }
    return ErrorAt(pos, "MISSING_AGGREGATION",
                   "The non-aggregating expression \"" + ref.name +
                       "\" is based on columns which are not participating in the GROUP BY "
                       "clause.");
  };
}

bool Binder::IsAlias(const ColumnRef& c, const ExprContext& ctx) const {
  if (ctx.aliases == nullptr || c.name.size() != 1) return false;
  for (const auto& [alias, expr] : *ctx.aliases)
    if (NameEquals(alias, c.name[0], ctx_.case_sensitive)) return true;
  return false;
}

std::vector<types::Field> Scope::Fields() const {
  std::vector<types::Field> fields;
  for (const ScopeColumn& c : columns) fields.push_back({c.name, c.type, true});
  return fields;
}

namespace {

// The smallest lambda parameter slot bound in `e` (INT_MAX: none).
int FirstLambdaSlot(const Expression& e) {
  int first = e.type == ExprType::kLambda ? e.lambda_first_slot : INT_MAX;
  for (const BoundPtr& c : e.children) first = std::min(first, FirstLambdaSlot(*c));
  return first;
}

std::string FingerprintFrom(const Expression& e, int slot_base) {
  std::string out = std::to_string(static_cast<int>(e.type)) + "(";
  switch (e.type) {
    case ExprType::kColumn:
    case ExprType::kOuterColumn:
      out += "#" + std::to_string(e.column_index) + "@" + std::to_string(e.outer_depth);
      break;
    case ExprType::kLambdaVariable:
      out += "$" + std::to_string(static_cast<int>(e.column_index) - slot_base);
      break;
    case ExprType::kConstant:
      out += e.name + ":" + e.result_type.ToString();
      break;
    case ExprType::kCall:
      out += e.function_name;
      break;
    case ExprType::kCast:
      out += e.result_type.ToString();
      break;
    default:
      if (e.subquery)
        out += "subquery" + std::to_string(reinterpret_cast<uintptr_t>(e.subquery.get()));
      break;
  }
  std::vector<std::string> children;
  for (const BoundPtr& c : e.children) children.push_back(FingerprintFrom(*c, slot_base));
  // Operand order does not matter for commutative operators (Spark canonicalizes them too):
  // GROUP BY a + b matches b + a.
  static const std::set<std::string> kCommutative = {"+", "*", "=", "==", "<=>", "&", "|", "^"};
  if (e.type == ExprType::kAnd || e.type == ExprType::kOr ||
      (e.type == ExprType::kCall && kCommutative.count(e.function_name) > 0))
    std::sort(children.begin(), children.end());
  for (const std::string& c : children) out += c + ",";
  return out + ")";
}

}  // namespace

// Lambda slots count from the first one bound in `e`: the same text bound twice (in SELECT
// and GROUP BY) gives the same fingerprint.
std::string Fingerprint(const Expression& e) {
  const int first = FirstLambdaSlot(e);
  return FingerprintFrom(e, first == INT_MAX ? 0 : first);
}

namespace {

size_t RemapMarker(size_t index, size_t aggregate_base, size_t window_base,
                   size_t grouping_id_index) {
  if (index >= kGroupingIdMarker) return grouping_id_index;
  if (index >= kWindowMarker) return window_base + (index - kWindowMarker);
  return aggregate_base + (index - kAggregateMarker);
}

BoundPtr RemapColumnMarkers(const BoundPtr& e, size_t aggregate_base, size_t window_base,
                            size_t grouping_id_index) {
  bool changed = false;
  std::vector<BoundPtr> children;
  for (const BoundPtr& c : e->children) {
    children.push_back(RemapColumnMarkers(c, aggregate_base, window_base, grouping_id_index));
    changed |= children.back() != c;
  }
  const bool marker = e->type == ExprType::kColumn && e->column_index >= kAggregateMarker;
  if (!changed && !marker) return e;
  auto copy = std::make_shared<Expression>(*e);
  copy->children = std::move(children);
  if (marker)
    copy->column_index =
        RemapMarker(e->column_index, aggregate_base, window_base, grouping_id_index);
  return copy;
}

}  // namespace

BoundPtr RemapMarkers(const BoundPtr& e, size_t aggregate_base, size_t window_base,
                      size_t grouping_id_index) {
  BoundPtr remapped = RemapColumnMarkers(e, aggregate_base, window_base, grouping_id_index);
  // Subqueries' outer aggregates (BindOuterAggregate) read this query's row too.
  plan::OuterReferenceRewrite outer = [&](const Expression& ref, int level) -> Result<BoundPtr> {
    if (level != 0 || ref.column_index < kAggregateMarker) return BoundPtr();
    auto copy = std::make_shared<Expression>(ref);
    copy->column_index =
        RemapMarker(ref.column_index, aggregate_base, window_base, grouping_id_index);
    return BoundPtr(copy);
  };
  // `outer` cannot fail.
  return *plan::RewriteOuterReferences(remapped, outer);
}

std::string AutoName(const Expr& e, std::string_view text) {
  if (e.kind == ExprKind::kColumnRef) return e.As<ColumnRef>().name.back();
  if (e.kind == ExprKind::kFieldAccess) return e.As<FieldAccess>().field;
  (void)text;
  return ToSql(e);
}

Binder::Binder(const plan::Catalog& catalog, const functions::FunctionContext& ctx,
               const BindSettings& settings, std::string_view text)
    : catalog_(catalog), ctx_(ctx), settings_(settings), text_(text), folder_(ctx_) {}

Status Binder::ErrorAt(const SourcePos& pos, std::string_view error_class,
                       std::string_view message) const {
  return ParseErrorAt(text_, pos, error_class, message);
}

Result<BoundPtr> Binder::Fold(BoundPtr e) {
  exec::ExpressionEvaluator eval(folder_, ctx_);
  SLUICE_ASSIGN_OR_RAISE(vector::Vector v, eval.EvaluateConstant(*e));
  auto folded = plan::MakeConstant(std::make_shared<vector::Vector>(std::move(v)), e->name);
  return folded;
}

namespace {

bool AllConstant(const std::vector<BoundPtr>& args) {
  return std::all_of(args.begin(), args.end(), [](const BoundPtr& a) { return a->IsConstant(); });
}

}  // namespace

Result<std::vector<BoundPtr>> Binder::Unify(std::vector<BoundPtr> exprs, SourcePos pos,
                                            std::string_view what) {
  std::vector<LogicalType> types;
  for (const BoundPtr& e : exprs) types.push_back(e->result_type);
  std::optional<LogicalType> common = functions::WiderType(types);
  if (!common) {
    std::vector<std::string> names;
    for (const LogicalType& t : types) names.push_back("\"" + t.ToString() + "\"");
    return ErrorAt(pos, "DATATYPE_MISMATCH.DATA_DIFF_TYPES",
                   std::string("Cannot resolve ") + std::string(what) +
                       " due to data type mismatch: Input to it should all be the same type, "
                       "but it's [" +
                       Join(names, ", ") + "].");
  }
  for (BoundPtr& e : exprs) e = plan::MakeCast(e, *common);
  return exprs;
}

Result<BoundPtr> Binder::CallFunction(const std::string& name, std::vector<BoundPtr> args,
                                      SourcePos pos, std::string display_name) {
  const functions::ScalarFunction* f = functions::FunctionRegistry::Builtin().FindScalar(name);
  if (f == nullptr) {
    std::vector<std::string> suggestions = functions::FunctionRegistry::Builtin().Suggest(name);
    std::string message = "Cannot resolve function `" + name + "` on search path.";
    if (!suggestions.empty()) message += " Did you mean `" + Join(suggestions, "`, `") + "`?";
    return ErrorAt(pos, "UNRESOLVED_ROUTINE", message);
  }
  std::vector<functions::BindArgument> bind_args;
  for (const BoundPtr& a : args)
    bind_args.push_back({a->result_type, a->IsConstant() ? a->constant.get() : nullptr});
  Result<functions::BoundScalar> bound = f->bind(ctx_, bind_args);
  if (!bound.ok()) return ErrorAt(pos, "", bound.status().message());
  for (size_t i = 0; i < args.size() && i < bound->argument_types.size(); ++i)
    args[i] = plan::MakeCast(args[i], bound->argument_types[i]);
  auto e = std::make_shared<Expression>();
  e->type = ExprType::kCall;
  e->function_name = f->name;
  e->kernel = bound->kernel;
  e->deterministic = bound->deterministic;
  e->result_type = bound->return_type;
  if (display_name.empty()) {
    std::vector<std::string> names;
    for (const BoundPtr& a : args) names.push_back(a->name);
    // An operator is named infix, as Spark prints it: (a = b).
    const bool infix = names.size() == 2 && !std::isalpha(static_cast<unsigned char>(name[0]));
    display_name = infix ? "(" + names[0] + " " + name + " " + names[1] + ")"
                         : name + "(" + Join(names, ", ") + ")";
  }
  e->name = std::move(display_name);
  const bool constant = AllConstant(args) && bound->deterministic;
  e->children = std::move(args);
  if (constant) return Fold(e);
  return BoundPtr(e);
}

Result<BoundPtr> Binder::BindColumnRef(const ColumnRef& c, ExprContext& ctx) {
  const bool cs = ctx_.case_sensitive;
  // Lambda parameters first (x, or acc.field).
  for (auto it = ctx.lambda_vars.rbegin(); it != ctx.lambda_vars.rend(); ++it) {
    if (!NameEquals(it->name, c.name[0], cs)) continue;
    auto var = std::make_shared<Expression>();
    var->type = ExprType::kLambdaVariable;
    var->column_index = static_cast<size_t>(it->slot);
    var->result_type = it->type;
    var->name = kLambdaVariableName;
    BoundPtr e = var;
    for (size_t i = 1; i < c.name.size(); ++i) {
      SLUICE_ASSIGN_OR_RAISE(e, BindFieldAccess(e, c.name[i], c.pos));
    }
    return e;
  }
  // Try spark_catalog.db.table.column[.field...], db.table.column[.field...],
  // qualifier.column[.field...] and column[.field...], in this scope then outer ones.
  auto resolve = [&](const Scope& scope, int depth) -> Result<std::optional<BoundPtr>> {
    for (size_t qualifier_parts : {size_t{3}, size_t{2}, size_t{1}, size_t{0}}) {
      if (c.name.size() <= qualifier_parts) continue;
      if (qualifier_parts == 3 && AsciiLower(c.name[0]) != "spark_catalog") continue;
      const ScopeColumn* found = nullptr;
      int matches = 0;
      for (const ScopeColumn& col : scope.columns) {
        if (col.hidden && qualifier_parts == 0) continue;
        if (qualifier_parts >= 2 &&
            (col.database.empty() || !NameEquals(col.database, c.name[qualifier_parts - 2], cs)))
          continue;
        if (qualifier_parts > 0 && !NameEquals(col.qualifier, c.name[qualifier_parts - 1], cs))
          continue;
        if (!NameEquals(col.name, c.name[qualifier_parts], cs)) continue;
        if (found == nullptr) found = &col;
        ++matches;
      }
      if (matches > 1)
        return ErrorAt(c.pos, "AMBIGUOUS_REFERENCE",
                       "Reference `" + Join(c.name, ".") + "` is ambiguous, could be: [" +
                           found->qualifier + "." + found->name + ", ...].");
      if (found == nullptr) continue;
      BoundPtr e;
      if (depth == 0) {
        e = plan::MakeColumn(found->index, found->type, found->name);
      } else {
        auto outer = std::make_shared<Expression>();
        outer->type = ExprType::kOuterColumn;
        outer->column_index = found->index;
        outer->outer_depth = depth;
        outer->result_type = found->type;
        outer->name = found->name;
        e = outer;
        max_escape = std::max(max_escape, depth);
      }
      for (size_t i = qualifier_parts + 1; i < c.name.size(); ++i) {
        SLUICE_ASSIGN_OR_RAISE(e, BindFieldAccess(e, c.name[i], c.pos));
      }
      return std::optional<BoundPtr>(e);
    }
    return std::optional<BoundPtr>();
  };
  if (ctx.scope != nullptr) {
    SLUICE_ASSIGN_OR_RAISE(std::optional<BoundPtr> e, resolve(*ctx.scope, 0));
    if (e) return *e;
  }
  // A SELECT alias (HAVING, ORDER BY, GROUP BY, lateral aliases); its expression may use
  // the aliases before it.
  if (ctx.aliases != nullptr && c.name.size() == 1) {
    for (size_t k = 0; k < ctx.aliases->size(); ++k) {
      const auto& [alias, expr] = (*ctx.aliases)[k];
      if (NameEquals(alias, c.name[0], cs)) {
        const std::vector<std::pair<std::string, const Expr*>> earlier(
            ctx.aliases->begin(), ctx.aliases->begin() + static_cast<std::ptrdiff_t>(k));
        ExprContext plain = ctx;
        plain.aliases = &earlier;
        return BindExpr(*expr, plain);
      }
    }
  }
  for (size_t d = 1; d <= outer_scopes.size(); ++d) {
    SLUICE_ASSIGN_OR_RAISE(std::optional<BoundPtr> e,
                           resolve(*outer_scopes[outer_scopes.size() - d], static_cast<int>(d)));
    if (e) return *e;
  }
  // Functions Spark also accepts without parentheses.
  if (c.name.size() == 1) {
    static const char* kNiladic[] = {"current_date",   "current_timestamp", "current_user",
                                     "user",           "session_user",      "current_database",
                                     "current_schema", "current_catalog",   "localtimestamp"};
    const std::string lower = AsciiLower(c.name[0]);
    for (const char* f : kNiladic)
      if (lower == f && functions::FunctionRegistry::Builtin().FindScalar(lower) != nullptr)
        return CallFunction(lower, {}, c.pos, lower + "()");
  }
  // Not found: suggest the closest names.
  std::vector<std::pair<size_t, std::string>> scored;
  if (ctx.scope != nullptr) {
    for (const ScopeColumn& col : ctx.scope->columns) {
      std::string full = col.qualifier.empty() ? col.name : col.qualifier + "." + col.name;
      scored.emplace_back(EditDistance(AsciiLower(c.name.back()), AsciiLower(col.name)),
                          "`" + full + "`");
    }
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> names;
  for (size_t i = 0; i < scored.size() && i < 5; ++i) names.push_back(scored[i].second);
  std::string message =
      "A column or function parameter with name `" + Join(c.name, "`.`") + "` cannot be resolved.";
  if (!names.empty()) message += " Did you mean one of the following? [" + Join(names, ", ") + "].";
  return ErrorAt(
      c.pos,
      names.empty() ? "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION" : "UNRESOLVED_COLUMN.WITH_SUGGESTION",
      message);
}

Result<BoundPtr> Binder::BindFieldAccess(BoundPtr base, const std::string& field, SourcePos pos) {
  if (base->result_type.id() != TypeId::kStruct)
    return ErrorAt(pos, "INVALID_EXTRACT_BASE_FIELD_TYPE",
                   "Can't extract a value from \"" + base->name +
                       "\". Need a complex type [STRUCT, ARRAY, MAP] but got \"" +
                       base->result_type.ToString() + "\".");
  const auto& fields = base->result_type.children();
  for (size_t i = 0; i < fields.size(); ++i) {
    if (!NameEquals(fields[i].name, field, ctx_.case_sensitive)) continue;
    auto e = std::make_shared<Expression>();
    e->type = ExprType::kCall;
    e->function_name = "get_struct_field";
    e->result_type = fields[i].type;
    e->name = base->name + "." + fields[i].name;
    e->kernel = [i](const functions::FunctionContext&, const std::vector<const vector::Vector*>& in,
                    size_t rows, vector::Vector& out) -> Status {
      const vector::Vector& s = *in[0];
      for (size_t r = 0; r < rows; ++r) {
        if (s.IsNull(r))
          out.SetNull(r);
        else
          SLUICE_RETURN_NOT_OK(vector::CopyRow(s.children()[i], r, out, r));
      }
      return Status::OK();
    };
    e->children = {base};
    if (base->IsConstant()) return Fold(e);
    return BoundPtr(e);
  }
  return ErrorAt(pos, "FIELD_NOT_FOUND",
                 "No such struct field `" + field + "` in " + base->result_type.ToString() + ".");
}

namespace {

// Whether an AST expression holds an aggregate or window call (not inside a subquery).
bool ContainsAggregateOrWindow(const Expr& e);

template <typename F>
void ForEachChild(const Expr& e, F&& f) {
  switch (e.kind) {
    case ExprKind::kFieldAccess:
      f(*e.As<FieldAccess>().base);
      break;
    case ExprKind::kSubscript:
      f(*e.As<Subscript>().base);
      f(*e.As<Subscript>().index);
      break;
    case ExprKind::kUnary:
      f(*e.As<Unary>().operand);
      break;
    case ExprKind::kBinary:
      f(*e.As<Binary>().left);
      f(*e.As<Binary>().right);
      break;
    case ExprKind::kIs:
      f(*e.As<IsPredicate>().operand);
      if (e.As<IsPredicate>().other) f(*e.As<IsPredicate>().other);
      break;
    case ExprKind::kBetween:
      f(*e.As<Between>().operand);
      f(*e.As<Between>().low);
      f(*e.As<Between>().high);
      break;
    case ExprKind::kInList:
      f(*e.As<InList>().operand);
      for (const sql::ExprPtr& x : e.As<InList>().list) f(*x);
      break;
    case ExprKind::kInSubquery:
      f(*e.As<InSubquery>().operand);
      break;
    case ExprKind::kLike:
      f(*e.As<Like>().operand);
      for (const sql::ExprPtr& x : e.As<Like>().patterns) f(*x);
      break;
    case ExprKind::kCase: {
      const Case& c = e.As<Case>();
      if (c.operand) f(*c.operand);
      for (const auto& [w, t] : c.whens) {
        f(*w);
        f(*t);
      }
      if (c.else_result) f(*c.else_result);
      break;
    }
    case ExprKind::kCast:
      f(*e.As<Cast>().operand);
      break;
    case ExprKind::kFunctionCall:
      for (const sql::ExprPtr& x : e.As<FunctionCall>().args) f(*x);
      break;
    case ExprKind::kLambda:
      f(*e.As<Lambda>().body);
      break;
    case ExprKind::kNamedArgument:
      f(*e.As<NamedArgument>().value);
      break;
    case ExprKind::kRow:
      for (const sql::ExprPtr& x : e.As<Row>().items) f(*x);
      break;
    case ExprKind::kAlias:
      f(*e.As<Alias>().expr);
      break;
    default:
      break;
  }
}

bool IsAggregateName(const std::vector<std::string>& name) {
  if (name.size() != 1) return false;
  const std::string n = AsciiLower(name[0]);
  if (n == "grouping" || n == "grouping_id") return false;
  return functions::FunctionRegistry::Builtin().FindAggregate(n) != nullptr;
}

bool ContainsAggregateOrWindow(const Expr& e) {
  if (e.kind == ExprKind::kFunctionCall) {
    const FunctionCall& f = e.As<FunctionCall>();
    if (f.over || IsAggregateName(f.name)) return true;
    const std::string n = AsciiLower(f.name.back());
    if (n == "grouping" || n == "grouping_id") return true;
  }
  bool found = false;
  ForEachChild(e, [&](const Expr& c) { found = found || ContainsAggregateOrWindow(c); });
  return found;
}

}  // namespace

bool ExprHasAggregate(const Expr& e) {
  if (e.kind == ExprKind::kFunctionCall) {
    const FunctionCall& f = e.As<FunctionCall>();
    const std::string n = AsciiLower(f.name.back());
    if (!f.over && (IsAggregateName(f.name) || n == "grouping" || n == "grouping_id")) return true;
  }
  bool found = false;
  ForEachChild(e, [&](const Expr& c) { found = found || ExprHasAggregate(c); });
  return found;
}

Result<BoundPtr> Binder::BindExpr(const Expr& e, ExprContext& ctx) {
  // grouping__id: Spark's old name for grouping_id() (when no column has that name).
  if (e.kind == ExprKind::kColumnRef && ctx.aggregation != nullptr &&
      ctx.aggregation->grouping_sets) {
    const ColumnRef& c = e.As<ColumnRef>();
    const bool column =
        ctx.scope != nullptr && std::any_of(ctx.scope->columns.begin(), ctx.scope->columns.end(),
                                            [&](const ScopeColumn& col) {
                                              return NameEquals(col.name, "grouping__id", false);
                                            });
    if (c.name.size() == 1 && NameEquals(c.name[0], "grouping__id", false) && !column) {
      FunctionCall call(c.pos);
      call.name = {"grouping_id"};
      SLUICE_ASSIGN_OR_RAISE(BoundPtr id, BindFunction(call, ctx));
      auto named = std::make_shared<Expression>(*id);
      named->name = "grouping__id";
      return BoundPtr(named);
    }
  }
  // In an aggregate query, an expression equal to a GROUP BY expression is that column.
  if (ctx.aggregation != nullptr && !ctx.inside_aggregate && e.kind != ExprKind::kLiteral &&
      !ContainsAggregateOrWindow(e)) {
    ExprContext plain = ctx;
    plain.aggregation = nullptr;
    plain.windows = nullptr;
    plain.aliases = nullptr;  // a SELECT alias is bound below, where aggregates are allowed
    Result<BoundPtr> bound = BindExpr(e, plain);
    if (bound.ok()) {
      const std::string key = Fingerprint(**bound);
      const auto& keys = ctx.aggregation->group_keys;
      for (size_t g = 0; g < keys.size(); ++g)
        if (keys[g] == key) return plan::MakeColumn(g, (*bound)->result_type, (*bound)->name);
      if ((*bound)->IsConstant()) return *bound;
      // Subqueries here run on the grouped row: what they read of this query must be groups.
      SLUICE_ASSIGN_OR_RAISE(
          *bound, plan::RewriteOuterReferences(*bound, ReferToGroups(*ctx.aggregation, 0, e.pos)));
      bool reads_columns = false;
      std::function<void(const Expression&)> walk = [&](const Expression& x) {
        if (x.type == ExprType::kColumn) reads_columns = true;
        for (const BoundPtr& c : x.children) walk(*c);
      };
      walk(**bound);
      if (!reads_columns) return *bound;  // outer references and subqueries only
      if (e.kind == ExprKind::kColumnRef || e.kind == ExprKind::kFieldAccess)
        return ErrorAt(e.pos, "MISSING_AGGREGATION",
                       "The non-aggregating expression \"" + (*bound)->name +
                           "\" is based on columns which are not participating in the GROUP BY "
                           "clause. Add the columns or the expression to the GROUP BY, "
                           "aggregate the expression, or use \"any_value(" +
                           (*bound)->name +
                           ")\" if you do not care which of the values within a group is "
                           "returned.");
    } else if (e.kind == ExprKind::kColumnRef && !IsAlias(e.As<ColumnRef>(), ctx)) {
      return bound.status();
    }
  }

  switch (e.kind) {
    case ExprKind::kLiteral:
      return BindLiteral(e.As<Literal>());
    case ExprKind::kInterval:
      return BindIntervalLiteral(e.As<IntervalLiteral>());
    case ExprKind::kColumnRef:
      return BindColumnRef(e.As<ColumnRef>(), ctx);
    case ExprKind::kFieldAccess: {
      const FieldAccess& f = e.As<FieldAccess>();
      SLUICE_ASSIGN_OR_RAISE(BoundPtr base, BindExpr(*f.base, ctx));
      return BindFieldAccess(base, f.field, f.pos);
    }
    case ExprKind::kSubscript: {
      const Subscript& s = e.As<Subscript>();
      SLUICE_ASSIGN_OR_RAISE(BoundPtr base, BindExpr(*s.base, ctx));
      SLUICE_ASSIGN_OR_RAISE(BoundPtr index, BindExpr(*s.index, ctx));
      if (base->result_type.id() == TypeId::kStruct && index->IsConstant() &&
          index->result_type.id() == TypeId::kString)
        return BindFieldAccess(
            base, std::string(functions::Get<std::string_view>(*index->constant, 0)), s.pos);
      return CallFunction("subscript", {base, index}, s.pos, base->name + "[" + index->name + "]");
    }
    case ExprKind::kStar:
      return ErrorAt(e.pos, "INVALID_USAGE_OF_STAR_OR_REGEX",
                     "Invalid usage of '*' in expression.");
    case ExprKind::kUnary: {
      const Unary& u = e.As<Unary>();
      SLUICE_ASSIGN_OR_RAISE(BoundPtr operand, BindExpr(*u.operand, ctx));
      switch (u.op) {
        case UnaryOp::kMinus:
          return CallFunction("negative", {operand}, u.pos, "(- " + operand->name + ")");
        case UnaryOp::kPlus: {
          // The value itself, named as Spark names it.
          auto positive = std::make_shared<Expression>(*operand);
          positive->name = "(+ " + operand->name + ")";
          return BoundPtr(positive);
        }
        case UnaryOp::kBitNot:
          return CallFunction("~", {operand}, u.pos, "~" + operand->name);
        case UnaryOp::kNot: {
          operand = plan::MakeCast(operand, TypeId::kBoolean);
          BoundPtr n =
              MakeNode(ExprType::kNot, TypeId::kBoolean, {operand}, "(NOT " + operand->name + ")");
          if (operand->IsConstant()) return Fold(n);
          return n;
        }
      }
      break;
    }
    case ExprKind::kBinary:
      return BindBinary(e.As<Binary>(), ctx);
    case ExprKind::kIs: {
      const IsPredicate& p = e.As<IsPredicate>();
      SLUICE_ASSIGN_OR_RAISE(BoundPtr operand, BindExpr(*p.operand, ctx));
      BoundPtr result;
      switch (p.test) {
        case IsTest::kNull:
          result = MakeNode(p.negated ? ExprType::kIsNotNull : ExprType::kIsNull, TypeId::kBoolean,
                            {operand},
                            "(" + operand->name + (p.negated ? " IS NOT NULL)" : " IS NULL)"));
          if (operand->IsConstant()) return Fold(result);
          return result;
        case IsTest::kUnknown:
          operand = plan::MakeCast(operand, TypeId::kBoolean);
          result = MakeNode(
              p.negated ? ExprType::kIsNotNull : ExprType::kIsNull, TypeId::kBoolean, {operand},
              "(" + operand->name + (p.negated ? " IS NOT UNKNOWN)" : " IS UNKNOWN)"));
          return result;
        case IsTest::kTrue:
        case IsTest::kFalse: {
          auto value = std::make_shared<vector::Vector>(*vector::Vector::Make(TypeId::kBoolean, 1));
          value->data<bool>()[0] = p.test == IsTest::kTrue;
          BoundPtr constant = plan::MakeConstant(value, p.test == IsTest::kTrue ? "true" : "false");
          SLUICE_ASSIGN_OR_RAISE(
              BoundPtr eq,
              CallFunction("<=>", {plan::MakeCast(operand, TypeId::kBoolean), constant}, p.pos));
          if (!p.negated) return eq;
          return MakeNode(ExprType::kNot, TypeId::kBoolean, {eq}, "(NOT " + eq->name + ")");
        }
        case IsTest::kDistinctFrom: {
          SLUICE_ASSIGN_OR_RAISE(BoundPtr other, BindExpr(*p.other, ctx));
          SLUICE_ASSIGN_OR_RAISE(BoundPtr eq, CallFunction("<=>", {operand, other}, p.pos));
          if (p.negated) return eq;
          return MakeNode(ExprType::kNot, TypeId::kBoolean, {eq}, "(NOT " + eq->name + ")");
        }
      }
      break;
    }
    case ExprKind::kBetween: {
      const Between& b = e.As<Between>();
      SLUICE_ASSIGN_OR_RAISE(BoundPtr operand, BindExpr(*b.operand, ctx));
      SLUICE_ASSIGN_OR_RAISE(BoundPtr low, BindExpr(*b.low, ctx));
      SLUICE_ASSIGN_OR_RAISE(BoundPtr high, BindExpr(*b.high, ctx));
      SLUICE_ASSIGN_OR_RAISE(BoundPtr ge, CallFunction(">=", {operand, low}, b.pos));
      SLUICE_ASSIGN_OR_RAISE(BoundPtr le, CallFunction("<=", {operand, high}, b.pos));
      BoundPtr both =
          MakeNode(ExprType::kAnd, TypeId::kBoolean, {ge, le},
                   "(" + operand->name + " BETWEEN " + low->name + " AND " + high->name + ")");
      if (b.negated)
        both = MakeNode(ExprType::kNot, TypeId::kBoolean, {both}, "(NOT " + both->name + ")");
      if (operand->IsConstant() && low->IsConstant() && high->IsConstant()) return Fold(both);
      return both;
    }
    case ExprKind::kInList: {
      const InList& in = e.As<InList>();
      std::vector<BoundPtr> all;
      SLUICE_ASSIGN_OR_RAISE(BoundPtr operand, BindExpr(*in.operand, ctx));
      all.push_back(operand);
      std::vector<std::string> names;
      for (const sql::ExprPtr& x : in.list) {
        SLUICE_ASSIGN_OR_RAISE(BoundPtr item, BindExpr(*x, ctx));
        names.push_back(item->name);
        all.push_back(item);
      }
      // (a, b) IN ((1, 2), ...): the rows' fields match the left side's by position.
      const LogicalType& left = operand->result_type;
      for (size_t k = 1; k < all.size() && left.id() == TypeId::kStruct; ++k) {
        const LogicalType& t = all[k]->result_type;
        if (t.id() != TypeId::kStruct || t.children().size() != left.children().size()) continue;
        std::vector<types::Field> fields = t.children();
        for (size_t f = 0; f < fields.size(); ++f) fields[f].name = left.children()[f].name;
        all[k] = plan::MakeCast(all[k], LogicalType::Struct(std::move(fields)));
      }
      SLUICE_ASSIGN_OR_RAISE(all, Unify(std::move(all), in.pos, "IN"));
      auto node = std::make_shared<Expression>();
      node->type = ExprType::kInList;
      node->result_type = TypeId::kBoolean;
      node->negated = in.negated;
      // Spark parses `a NOT IN (...)` as Not(In(...)) and names it so.
      node->name =
          NegatedName("(" + operand->name + " IN (" + Join(names, ", ") + "))", in.negated);
      const bool constant = AllConstant(all);
      node->children = std::move(all);
      if (constant) return Fold(node);
      return BoundPtr(node);
    }
    case ExprKind::kInSubquery: {
      const InSubquery& in = e.As<InSubquery>();
      // (a, b) IN (SELECT x, y ...) compares column by column.
      std::vector<BoundPtr> probes;
      if (in.operand->kind == ExprKind::kRow) {
        for (const sql::ExprPtr& x : in.operand->As<Row>().items) {
          SLUICE_ASSIGN_OR_RAISE(BoundPtr item, BindExpr(*x, ctx));
          probes.push_back(item);
        }
      } else {
        SLUICE_ASSIGN_OR_RAISE(BoundPtr operand, BindExpr(*in.operand, ctx));
        probes.push_back(operand);
      }
      return BindSubquery(*in.query, ctx, ExprType::kInSubquery, std::move(probes), in.negated,
                          in.pos);
    }
    case ExprKind::kLike:
      return BindLike(e.As<Like>(), ctx);
    case ExprKind::kExists:
      return BindSubquery(*e.As<Exists>().query, ctx, ExprType::kExists, {}, false, e.pos);
    case ExprKind::kScalarSubquery:
      return BindSubquery(*e.As<ScalarSubquery>().query, ctx, ExprType::kScalarSubquery, {}, false,
                          e.pos);
    case ExprKind::kCase:
      return BindCase(e.As<Case>(), ctx);
    case ExprKind::kCast: {
      const Cast& c = e.As<Cast>();
      SLUICE_ASSIGN_OR_RAISE(BoundPtr operand, BindExpr(*c.operand, ctx));
      auto node = std::make_shared<Expression>();
      node->type = ExprType::kCast;
      node->result_type = c.type;
      node->try_cast = c.syntax == CastSyntax::kTryCast;
      // Spark's Cast.sql leaves out a cast to a nested type (a Hive legacy): its operand's name.
      const bool nested = c.type.id() == TypeId::kArray || c.type.id() == TypeId::kMap ||
                          c.type.id() == TypeId::kStruct;
      node->name = nested ? operand->name
                          : (c.syntax == CastSyntax::kTryCast ? "TRY_CAST(" : "CAST(") +
                                operand->name + " AS " + c.type.ToString() + ")";
      const bool constant = operand->IsConstant();
      node->children = {operand};
      if (constant) return Fold(node);
      return BoundPtr(node);
    }
    case ExprKind::kFunctionCall:
      return BindFunction(e.As<FunctionCall>(), ctx);
    case ExprKind::kLambda:
      return ErrorAt(e.pos, "UNSUPPORTED_FEATURE", "Lambda functions are not supported yet.");
    case ExprKind::kNamedArgument:
      return ErrorAt(e.pos, "UNEXPECTED_NAMED_ARGUMENT",
                     "Named arguments are only allowed in table functions.");
    case ExprKind::kRow:
      return BindStruct(e.As<Row>().items, ctx, e.pos, /*row_constructor=*/true);
    case ExprKind::kAlias:
      return BindExpr(*e.As<Alias>().expr, ctx);
  }
  return ErrorAt(e.pos, "INTERNAL_ERROR", "unknown expression");
}

namespace {

bool IsDateAndDays(const Expression& date, const Expression& days) {
  const TypeId d = days.result_type.id();
  return date.result_type.id() == TypeId::kDate && (d == TypeId::kInt || d == TypeId::kSmallInt ||
                                                    d == TypeId::kTinyInt || d == TypeId::kNull);
}

bool IsDayInterval(const LogicalType& t) {
  return t.id() == TypeId::kDayTimeInterval && t.interval_start() == types::IntervalField::kDay &&
         t.interval_end() == types::IntervalField::kDay;
}

bool IsDatetimeInterval(const LogicalType& t) {
  return t.id() == TypeId::kInterval || t.id() == TypeId::kDayTimeInterval;
}

// The name Spark gives `left + right` (or `left - right` when `subtract`) of a date or
// timestamp and an interval, or of a date and days, from the expression its analyzer turns it
// into; nothing when it stays arithmetic.
std::optional<std::string> DatetimeArithmeticName(const Expression& left, const Expression& right,
                                                  bool subtract) {
  const LogicalType &l = left.result_type, &r = right.result_type;
  const bool l_date = l.id() == TypeId::kDate, r_date = r.id() == TypeId::kDate;
  const bool l_ts = l.id() == TypeId::kTimestamp || l.id() == TypeId::kTimestampNtz;
  const bool r_ts = r.id() == TypeId::kTimestamp || r.id() == TypeId::kTimestampNtz;
  const std::string plain = left.name + (subtract ? " - " : " + ") + right.name;
  if (subtract) {
    if (l_date && IsDayInterval(r))
      return "date_add(" + left.name + ", (- extractansiintervaldays(" + right.name + ")))";
    if (IsDateAndDays(left, right)) return "date_sub(" + left.name + ", " + right.name + ")";
    if (((l_date || l_ts) && r.id() == TypeId::kYearMonthInterval) ||
        (!l.IsAnsiInterval() && l.id() != TypeId::kInterval && l.id() != TypeId::kNull &&
         IsDatetimeInterval(r)))
      return plain;
    return std::nullopt;
  }
  if (l_date && IsDayInterval(r))
    return "date_add(" + left.name + ", extractansiintervaldays(" + right.name + "))";
  if (r_date && IsDayInterval(l))
    return "date_add(" + right.name + ", extractansiintervaldays(" + left.name + "))";
  if (IsDateAndDays(left, right)) return "date_add(" + left.name + ", " + right.name + ")";
  if (IsDateAndDays(right, left)) return "date_add(" + right.name + ", " + left.name + ")";
  const std::string swapped = right.name + " + " + left.name;
  if ((l_date || l_ts) && r.id() == TypeId::kYearMonthInterval) return plain;
  if ((r_date || r_ts) && l.id() == TypeId::kYearMonthInterval) return swapped;
  const bool l_interval = l.IsAnsiInterval() || l.id() == TypeId::kInterval;
  const bool r_interval = r.IsAnsiInterval() || r.id() == TypeId::kInterval;
  // An interval and NULL stay arithmetic.
  if (!l_interval && l.id() != TypeId::kNull && IsDatetimeInterval(r)) return plain;
  if (!r_interval && r.id() != TypeId::kNull && IsDatetimeInterval(l)) return swapped;
  return std::nullopt;
}

}  // namespace

Result<BoundPtr> Binder::BindBinary(const Binary& b, ExprContext& ctx) {
  SLUICE_ASSIGN_OR_RAISE(BoundPtr left, BindExpr(*b.left, ctx));
  SLUICE_ASSIGN_OR_RAISE(BoundPtr right, BindExpr(*b.right, ctx));
  auto named = [&](const char* symbol) {
    return "(" + left->name + " " + symbol + " " + right->name + ")";
  };
  switch (b.op) {
    case BinaryOp::kAnd:
    case BinaryOp::kOr: {
      const bool is_and = b.op == BinaryOp::kAnd;
      for (BoundPtr* side : {&left, &right}) {
        const TypeId id = (*side)->result_type.id();
        if (id != TypeId::kBoolean && id != TypeId::kNull)
          return ErrorAt(b.pos, "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
                         std::string("Cannot resolve \"") + named(is_and ? "AND" : "OR") +
                             "\" due to data type mismatch: the operands must be BOOLEAN, not \"" +
                             (*side)->result_type.ToString() + "\".");
        *side = plan::MakeCast(*side, TypeId::kBoolean);
      }
      BoundPtr node = MakeNode(is_and ? ExprType::kAnd : ExprType::kOr, TypeId::kBoolean,
                               {left, right}, named(is_and ? "AND" : "OR"));
      if (left->IsConstant() && right->IsConstant()) return Fold(node);
      return node;
    }
    case BinaryOp::kEq:
      return CallFunction("=", {left, right}, b.pos, named("="));
    case BinaryOp::kNullSafeEq:
      return CallFunction("<=>", {left, right}, b.pos, named("<=>"));
    case BinaryOp::kNotEq: {
      SLUICE_ASSIGN_OR_RAISE(BoundPtr eq, CallFunction("=", {left, right}, b.pos, named("=")));
      BoundPtr n = MakeNode(ExprType::kNot, TypeId::kBoolean, {eq}, "(NOT " + eq->name + ")");
      if (eq->IsConstant()) return Fold(n);
      return n;
    }
    case BinaryOp::kLt:
      return CallFunction("<", {left, right}, b.pos, named("<"));
    case BinaryOp::kLe:
      return CallFunction("<=", {left, right}, b.pos, named("<="));
    case BinaryOp::kGt:
      return CallFunction(">", {left, right}, b.pos, named(">"));
    case BinaryOp::kGe:
      return CallFunction(">=", {left, right}, b.pos, named(">="));
    case BinaryOp::kBitOr:
      return CallFunction("|", {left, right}, b.pos, named("|"));
    case BinaryOp::kBitXor:
      return CallFunction("^", {left, right}, b.pos, named("^"));
    case BinaryOp::kBitAnd:
      return CallFunction("&", {left, right}, b.pos, named("&"));
    case BinaryOp::kAdd:
    case BinaryOp::kSubtract: {
      // Spark turns date + days into date_add(date, days), date - interval into a
      // DatetimeSub, ..., and names them so.
      const bool subtract = b.op == BinaryOp::kSubtract;
      std::optional<std::string> name = DatetimeArithmeticName(*left, *right, subtract);
      return CallFunction(subtract ? "-" : "+", {left, right}, b.pos,
                          name ? *name : named(subtract ? "-" : "+"));
    }
    case BinaryOp::kConcat:
      return CallFunction("concat", {left, right}, b.pos,
                          "concat(" + left->name + ", " + right->name + ")");
    case BinaryOp::kMultiply:
      // number * interval is Spark's interval * number, named with the interval first.
      if (right->result_type.IsAnsiInterval() && !left->result_type.IsAnsiInterval())
        return CallFunction("*", {left, right}, b.pos,
                            "(" + right->name + " * " + left->name + ")");
      return CallFunction("*", {left, right}, b.pos, named("*"));
    case BinaryOp::kDivide:
      return CallFunction("/", {left, right}, b.pos, named("/"));
    case BinaryOp::kModulo:
      return CallFunction("%", {left, right}, b.pos, named("%"));
    case BinaryOp::kIntDivide:
      return CallFunction("div", {left, right}, b.pos, named("div"));
  }
  return ErrorAt(b.pos, "INTERNAL_ERROR", "unknown operator");
}

Result<BoundPtr> Binder::BindCase(const Case& c, ExprContext& ctx) {
  std::vector<BoundPtr> conditions, results;
  BoundPtr operand;
  if (c.operand) {
    SLUICE_ASSIGN_OR_RAISE(operand, BindExpr(*c.operand, ctx));
  }
  // CASE x WHEN v is Spark's CASE WHEN (x = v), and named so.
  std::string name = "CASE";
  for (const auto& [when, then] : c.whens) {
    SLUICE_ASSIGN_OR_RAISE(BoundPtr w, BindExpr(*when, ctx));
    if (operand) {
      SLUICE_ASSIGN_OR_RAISE(w, CallFunction("=", {operand, w}, when->pos));
    } else {
      w = plan::MakeCast(w, TypeId::kBoolean);
    }
    SLUICE_ASSIGN_OR_RAISE(BoundPtr t, BindExpr(*then, ctx));
    name += " WHEN " + w->name + " THEN " + t->name;
    conditions.push_back(w);
    results.push_back(t);
  }
  if (c.else_result) {
    SLUICE_ASSIGN_OR_RAISE(BoundPtr other, BindExpr(*c.else_result, ctx));
    name += " ELSE " + other->name;
    results.push_back(other);
  }
  name += " END";
  SLUICE_ASSIGN_OR_RAISE(results, Unify(std::move(results), c.pos, "CASE"));
  std::vector<BoundPtr> children;
  for (size_t i = 0; i < conditions.size(); ++i) {
    children.push_back(conditions[i]);
    children.push_back(results[i]);
  }
  if (results.size() > conditions.size()) children.push_back(results.back());
  LogicalType type = results.empty() ? LogicalType(TypeId::kNull) : results[0]->result_type;
  BoundPtr node = MakeNode(ExprType::kCase, type, std::move(children), name);
  if (AllConstant(node->children)) return Fold(node);
  return node;
}

Result<BoundPtr> Binder::BindLike(const Like& l, ExprContext& ctx) {
  SLUICE_ASSIGN_OR_RAISE(BoundPtr operand, BindExpr(*l.operand, ctx));
  const char* fn = l.like_kind == LikeKind::kLike
                       ? "like"
                       : (l.like_kind == LikeKind::kILike ? "ilike" : "rlike");
  BoundPtr result;
  for (const sql::ExprPtr& p : l.patterns) {
    SLUICE_ASSIGN_OR_RAISE(BoundPtr pattern, BindExpr(*p, ctx));
    std::vector<BoundPtr> args = {operand, pattern};
    if (l.escape) {
      auto v = std::make_shared<vector::Vector>(*vector::Vector::Make(TypeId::kString, 1));
      functions::Set<std::string>(*v, 0, *l.escape);
      args.push_back(plan::MakeConstant(v, "'" + *l.escape + "'"));
    }
    SLUICE_ASSIGN_OR_RAISE(
        BoundPtr one,
        CallFunction(fn, std::move(args), l.pos,
                     l.like_kind == LikeKind::kILike
                         ? "ilike(" + operand->name + ", " + pattern->name + ")"
                         : operand->name +
                               (l.like_kind == LikeKind::kRLike ? " RLIKE " : " LIKE ") +
                               pattern->name));
    // NOT LIKE ANY/ALL negates each pattern's test (Spark's NotLikeAny/NotLikeAll).
    if (l.negated) one = MakeNode(ExprType::kNot, TypeId::kBoolean, {one}, "NOT " + one->name);
    if (!result) {
      result = one;
    } else {
      const bool all = l.quantifier == LikeQuantifier::kAll;
      result = MakeNode(all ? ExprType::kAnd : ExprType::kOr, TypeId::kBoolean, {result, one},
                        result->name);
    }
  }
  return result;
}

Result<BoundPtr> Binder::BindSubquery(const Query& q, ExprContext& ctx, ExprType type,
                                      std::vector<BoundPtr> probes, bool negated, SourcePos pos) {
  Binder inner(catalog_, ctx_, settings_, text_);
  inner.view_database = view_database;
  inner.outer_scopes = outer_scopes;
  static const Scope kEmpty;
  inner.outer_scopes.push_back(ctx.scope ? ctx.scope : &kEmpty);
  inner.ctes_ = ctes_;
  inner.enclosing = this;
  inner.enclosing_ctx = &ctx;
  SLUICE_ASSIGN_OR_RAISE(BoundRelation rel, inner.BindQuery(q));
  if (inner.max_escape > 1) max_escape = std::max(max_escape, inner.max_escape - 1);
  if (ctx.aggregation != nullptr && !ctx.inside_aggregate) {
    SLUICE_ASSIGN_OR_RAISE(
        rel.op, plan::RewriteOuterReferences(rel.op, ReferToGroups(*ctx.aggregation, 1, pos)));
  }
  if (type != ExprType::kScalarSubquery && OuterReferenceUnderSetOperation(*rel.op))
    return ErrorAt(
        pos, "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.ACCESSING_OUTER_QUERY_COLUMN_IS_NOT_ALLOWED",
        "Accessing outer query column is not allowed in a set operation under an "
        "EXISTS or IN subquery.");
  if (std::optional<std::string> error = OuterAggregateError(*rel.op))
    return ErrorAt(pos, *error,
                   "Aggregate functions over the outer query's columns are not supported in a "
                   "subquery.");
  auto node = std::make_shared<Expression>();
  node->type = type;
  node->subquery = rel.op;
  node->correlated = inner.max_escape >= 1;
  node->negated = negated;
  // Spark names a subquery after the outer columns it reads: scalarsubquery(t1a, t1b).
  std::string outer_names;
  SLUICE_RETURN_NOT_OK(
      plan::ForEachOuterReference(*rel.op, [&outer_names](const Expression& ref, int level) {
        if (level == 1) outer_names += (outer_names.empty() ? "" : ", ") + ref.name;
      }));
  if (type == ExprType::kScalarSubquery) {
    if (rel.scope.columns.size() != 1)
      return ErrorAt(
          pos, "INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN",
          "The scalar subquery must return only one column, but got " +
              std::to_string(rel.scope.columns.size()) + ".");
    node->result_type = rel.scope.columns[0].type;
    node->name = "scalarsubquery(" + outer_names + ")";
  } else {
    node->result_type = TypeId::kBoolean;
    node->name = "exists(" + outer_names + ")";
  }
  if (type == ExprType::kInSubquery) {
    const size_t n = rel.scope.columns.size();
    std::vector<std::string> names;
    for (const BoundPtr& p : probes) names.push_back(p->name);
    if (probes.size() != n)
      return ErrorAt(pos, "DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH",
                     "The number of columns in the left hand side of an IN subquery does not "
                     "match the number of columns in the output of subquery. Left hand side "
                     "columns(length: " +
                         std::to_string(probes.size()) + "): [" + Join(names, ", ") +
                         "], right hand side columns(length: " + std::to_string(n) + ").");
    // Each side's column i and the subquery's column i are cast to their wider type.
    auto project = std::make_shared<plan::LogicalOperator>();
    project->type = plan::OperatorType::kProject;
    project->children = {rel.op};
    bool cast = false;
    for (size_t i = 0; i < n; ++i) {
      const ScopeColumn& column = rel.scope.columns[i];
      std::optional<LogicalType> common = functions::WiderType(probes[i]->result_type, column.type);
      if (!common)
        return ErrorAt(pos, "DATATYPE_MISMATCH.IN_SUBQUERY_DATA_TYPE_MISMATCH",
                       "The data type of one or more elements in the left hand side of an IN "
                       "subquery is not compatible with the data type of the output of the "
                       "subquery. Mismatched columns: [" +
                           probes[i]->result_type.ToString() + ", " + column.type.ToString() +
                           "].");
      probes[i] = plan::MakeCast(probes[i], *common);
      cast |= column.type != *common;
      project->expressions.push_back(
          plan::MakeCast(plan::MakeColumn(i, column.type, column.name), *common));
      project->output.push_back({column.name, *common, true});
    }
    if (cast) node->subquery = project;
    std::vector<std::string> fields;
    for (const std::string& name : names) fields.push_back("'" + name + "', " + name);
    node->name =
        NegatedName("(" + (n == 1 ? names[0] : "named_struct(" + Join(fields, ", ") + ")") +
                        " IN (listquery()))",
                    negated);
    node->children = std::move(probes);
  }
  return BoundPtr(node);
}

}  // namespace sluice::sql
