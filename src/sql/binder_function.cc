// Function calls: the forms Spark evaluates lazily (coalesce, if, nullif, nvl2), grouping()
// and grouping_id(), aggregates (columns of the Aggregate operator), window functions
// (columns of the Window operator), and registered scalar functions.
#include <algorithm>
#include <functional>
#include <set>

#include "common/text.h"
#include "functions/cast.h"
#include "functions/function_registry.h"
#include "functions/higher_order_function.h"
#include "functions/kernel_util.h"
#include "sql/binder_impl.h"

namespace sluice::sql {

using plan::Expression;
using plan::ExprType;
using types::LogicalType;
using types::TypeId;

namespace {

std::string ArgNames(const std::vector<BoundPtr>& args) {
  std::string out;
  for (size_t i = 0; i < args.size(); ++i) out += (i == 0 ? "" : ", ") + args[i]->name;
  return out;
}

// The names Spark's math and regex expressions give themselves (upper case), by the name
// they were called with; an alias such as sign, ceiling or pow keeps its own.
const char* SparkExpressionName(const std::string& fn, size_t arguments) {
  static const std::map<std::string, const char*> kNames = {
      {"acos", "ACOS"},       {"acosh", "ACOSH"},
      {"asin", "ASIN"},       {"asinh", "ASINH"},
      {"atan", "ATAN"},       {"atanh", "ATANH"},
      {"atan2", "ATAN2"},     {"cbrt", "CBRT"},
      {"cos", "COS"},         {"cosh", "COSH"},
      {"cot", "COT"},         {"csc", "CSC"},
      {"sec", "SEC"},         {"degrees", "DEGREES"},
      {"radians", "RADIANS"}, {"exp", "EXP"},
      {"expm1", "EXPM1"},     {"log10", "LOG10"},
      {"log1p", "LOG1P"},     {"log2", "LOG2"},
      {"rint", "ROUND"},      {"signum", "SIGNUM"},
      {"sin", "SIN"},         {"sinh", "SINH"},
      {"sqrt", "SQRT"},       {"tan", "TAN"},
      {"tanh", "TANH"},       {"power", "POWER"},
      {"hypot", "HYPOT"},     {"rlike", "RLIKE"},
      {"regexp", "REGEXP"},   {"regexp_like", "REGEXP_LIKE"}};
  // ceil(x, scale) and floor(x, scale) are other expressions, named in lower case.
  if ((fn == "ceil" || fn == "floor") && arguments == 1) return fn == "ceil" ? "CEIL" : "FLOOR";
  auto it = kNames.find(fn);
  return it == kNames.end() ? nullptr : it->second;
}

// The column name Spark gives a call: its arguments' names plus the defaults Spark fills in
// for omitted ones (substr(s, 5) is "substr(s, 5, 2147483647)"); the JSON and CSV functions
// show only their input (not their schema or options).
std::string CallName(const FunctionCall& f, const std::string& name,
                     const std::vector<BoundPtr>& args) {
  std::vector<std::string> parts;
  for (const BoundPtr& a : args) parts.push_back(a->name);
  if ((f.syntax == CallSyntax::kExtract || name == "extract" || name == "datepart") &&
      parts.size() == 2)
    return (name == "datepart" ? "datepart(" : "extract(") + parts[0] + " FROM " + parts[1] + ")";
  std::string fn = name;
  if (f.syntax == CallSyntax::kPosition) fn = "locate";
  if (f.syntax == CallSyntax::kSubstringFrom) fn = "substring";
  // DATEADD(unit, n, t) and DATEDIFF(unit, a, b) under any of their names.
  if (f.syntax == CallSyntax::kDatetimeUnit)
    fn = name.find("add") != std::string::npos ? "timestampadd" : "timestampdiff";
  if (const char* spark_name = SparkExpressionName(fn, args.size())) fn = spark_name;
  struct Default {
    const char* function;
    size_t position;
    const char* text;
  };
  static const Default kDefaults[] = {{"substr", 2, "2147483647"},
                                      {"substring", 2, "2147483647"},
                                      {"replace", 2, ""},
                                      {"locate", 2, "1"},
                                      {"position", 2, "1"},
                                      {"lpad", 2, " "},
                                      {"rpad", 2, " "},
                                      {"split", 2, "-1"},
                                      {"regexp_extract", 2, "1"},
                                      {"regexp_extract_all", 2, "1"},
                                      {"regexp_instr", 2, "0"},
                                      {"regexp_replace", 3, "1"},
                                      {"sort_array", 1, "true"},
                                      {"to_unix_timestamp", 1, "yyyy-MM-dd HH:mm:ss"},
                                      {"unix_timestamp", 0, "current_timestamp()"},
                                      {"from_unixtime", 1, "yyyy-MM-dd HH:mm:ss"},
                                      {"unix_timestamp", 1, "yyyy-MM-dd HH:mm:ss"},
                                      {"make_ym_interval", 0, "0"},
                                      {"make_ym_interval", 1, "0"},
                                      {"make_dt_interval", 0, "0"},
                                      {"make_dt_interval", 1, "0"},
                                      {"make_dt_interval", 2, "0"},
                                      {"make_dt_interval", 3, "0.000000"},
                                      {"make_interval", 0, "0"},
                                      {"make_interval", 1, "0"},
                                      {"make_interval", 2, "0"},
                                      {"make_interval", 3, "0"},
                                      {"make_interval", 4, "0"},
                                      {"make_interval", 5, "0"},
                                      {"make_interval", 6, "0.000000"}};
  for (const Default& d : kDefaults) {
    if (fn != d.function || parts.size() != d.position) continue;
    const bool binary_pad = (fn == "lpad" || fn == "rpad") && !args.empty() &&
                            args[0]->result_type.id() == TypeId::kBinary;
    parts.push_back(binary_pad ? "X'00'" : d.text);
  }
  if (fn == "div" && parts.size() == 2) return "(" + parts[0] + " div " + parts[1] + ")";
  if (fn == "if" && parts.size() == 3)
    return "(IF(" + parts[0] + ", " + parts[1] + ", " + parts[2] + "))";
  if (fn == "convert_timezone" && parts.size() == 2)
    parts.insert(parts.begin(), "current_timezone()");
  static const std::set<std::string> kInputOnly = {"from_json",     "from_csv", "schema_of_json",
                                                   "schema_of_csv", "to_json",  "to_csv"};
  if (kInputOnly.count(fn) && parts.size() > 1) parts.resize(1);
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i == 0 ? "" : ", ") + parts[i];
  return fn + "(" + out + ")";
}

const std::map<std::string, plan::WindowFunctionKind>& RankingFunctions() {
  using K = plan::WindowFunctionKind;
  static const std::map<std::string, K> kinds = {{"row_number", K::kRowNumber},
                                                 {"rank", K::kRank},
                                                 {"dense_rank", K::kDenseRank},
                                                 {"percent_rank", K::kPercentRank},
                                                 {"cume_dist", K::kCumeDist},
                                                 {"ntile", K::kNtile},
                                                 {"lag", K::kLag},
                                                 {"lead", K::kLead},
                                                 {"first_value", K::kFirstValue},
                                                 {"last_value", K::kLastValue},
                                                 {"nth_value", K::kNthValue}};
  return kinds;
}

// A function's bind error "[CLASS] message" as (CLASS, message), for ErrorAt.
std::pair<std::string, std::string> SplitErrorClass(const std::string& message) {
  const size_t end = message.find("] ");
  if (message.empty() || message[0] != '[' || end == std::string::npos) return {"", message};
  return {message.substr(1, end - 1), message.substr(end + 2)};
}

// Spark's cast aliases: boolean(x), int(x), ... are CAST(x AS type).
std::optional<LogicalType> CastAliasType(const std::string& name) {
  static const std::map<std::string, LogicalType> types = {
      {"boolean", TypeId::kBoolean},   {"tinyint", TypeId::kTinyInt},
      {"smallint", TypeId::kSmallInt}, {"int", TypeId::kInt},
      {"bigint", TypeId::kBigInt},     {"float", TypeId::kFloat},
      {"double", TypeId::kDouble},     {"decimal", LogicalType::Decimal(10, 0)},
      {"string", TypeId::kString},     {"binary", TypeId::kBinary},
      {"date", TypeId::kDate},         {"timestamp", TypeId::kTimestamp}};
  auto it = types.find(name);
  if (it == types.end()) return std::nullopt;
  return it->second;
}

}  // namespace

Result<BoundPtr> Binder::BindFunction(const FunctionCall& f, ExprContext& ctx) {
  const std::string name = AsciiLower(f.name.back());
  if (f.over) return BindWindowCall(f, ctx);
  if (functions::FunctionRegistry::Builtin().FindAggregate(name) != nullptr &&
      functions::FunctionRegistry::Builtin().FindScalar(name) == nullptr)
    return BindAggregateCall(f, ctx);
  if (RankingFunctions().count(name))
    return ErrorAt(f.pos, "WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE",
                   "Window function \"" + name + "\" requires an OVER clause.");

  if (name == "grouping" || name == "grouping_id") {
    if (ctx.aggregation == nullptr)
      return ErrorAt(f.pos, "UNSUPPORTED_GROUPING_EXPRESSION",
                     "grouping()/grouping_id() can only be used with GroupingSets/Cube/Rollup.");
    // Positions of the arguments among the GROUP BY expressions.
    std::vector<size_t> positions;
    ExprContext plain = ctx;
    plain.aggregation = nullptr;
    plain.windows = nullptr;
    const size_t groups = ctx.aggregation->groups.size();
    if (f.args.empty()) {
      for (size_t g = 0; g < groups; ++g) positions.push_back(g);
    }
    for (const sql::ExprPtr& a : f.args) {
      SLUICE_ASSIGN_OR_RAISE(BoundPtr bound, BindExpr(*a, plain));
      const std::string key = Fingerprint(*bound);
      auto it =
          std::find(ctx.aggregation->group_keys.begin(), ctx.aggregation->group_keys.end(), key);
      if (it == ctx.aggregation->group_keys.end())
        return ErrorAt(
            a->pos, "GROUPING_COLUMN_MISMATCH",
            "Column of grouping (" + bound->name + ") can't be found in grouping columns.");
      positions.push_back(static_cast<size_t>(it - ctx.aggregation->group_keys.begin()));
    }
    const bool is_grouping = name == "grouping";
    if (is_grouping && positions.size() != 1)
      return ErrorAt(f.pos, "WRONG_NUM_ARGS", "grouping() takes exactly one argument.");
    BoundPtr gid = plan::MakeColumn(kGroupingIdMarker, TypeId::kBigInt, "spark_grouping_id");
    auto e = std::make_shared<Expression>();
    e->type = ExprType::kCall;
    // The columns it reads are in the name, so that grouping(a) and grouping(b) differ.
    e->function_name = name;
    for (size_t p : positions) e->function_name += ":" + std::to_string(p);
    e->result_type = is_grouping ? LogicalType(TypeId::kTinyInt) : LogicalType(TypeId::kBigInt);
    std::string columns;
    for (size_t p : positions)
      columns += (columns.empty() ? "" : ", ") + ctx.aggregation->groups[p]->name;
    e->name = name + "(" + columns + ")";
    e->children = {gid};
    e->kernel = [positions, groups, is_grouping](const functions::FunctionContext&,
                                                 const std::vector<const vector::Vector*>& in,
                                                 size_t rows, vector::Vector& out) -> Status {
      for (size_t r = 0; r < rows; ++r) {
        const int64_t id = in[0]->data<int64_t>()[r];
        int64_t value = 0;
        for (size_t p : positions) value = (value << 1) | ((id >> (groups - 1 - p)) & 1);
        if (is_grouping)
          functions::Set<int8_t>(out, r, static_cast<int8_t>(value));
        else
          functions::Set<int64_t>(out, r, value);
      }
      return Status::OK();
    };
    return BoundPtr(e);
  }

  // Lambdas and struct field names need the call's AST (binder_lambda.cc, binder_struct.cc).
  if (std::any_of(f.args.begin(), f.args.end(),
                  [](const sql::ExprPtr& a) { return a->kind == ExprKind::kLambda; }) ||
      (functions::FindHigherOrderFunction(name) != nullptr &&
       functions::FunctionRegistry::Builtin().FindScalar(name) == nullptr))
    return BindHigherOrderCall(f, name, ctx);
  if (name == "struct") return BindStruct(f.args, ctx, f.pos);
  if (IsGeneratorName(name))
    return ErrorAt(f.pos, "UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS",
                   "The generator is not supported: nested in expressions \"" + name + "\".");

  std::vector<BoundPtr> args;
  if (f.args.size() == 1 && f.args[0]->kind == ExprKind::kStar)
    return ErrorAt(f.pos, "INVALID_USAGE_OF_STAR_OR_REGEX",
                   "Invalid usage of '*' in " + name + ".");
  for (const sql::ExprPtr& a : f.args) {
    SLUICE_ASSIGN_OR_RAISE(BoundPtr bound, BindExpr(*a, ctx));
    args.push_back(bound);
  }
  const std::string display = CallName(f, name, args);

  if (std::optional<LogicalType> to = CastAliasType(name)) {
    if (args.size() != 1)
      return ErrorAt(f.pos, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                     "The `" + name + "` requires 1 parameters but the actual number is " +
                         std::to_string(args.size()) + ".");
    if (!functions::CanCast(args[0]->result_type, *to, ctx_.ansi))
      return ErrorAt(f.pos, "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
                     "Cannot resolve \"" + display +
                         "\" due to data type mismatch: cannot cast \"" +
                         args[0]->result_type.ToString() + "\" to \"" + to->ToString() + "\".");
    // Named after its argument, as Spark names a cast alias.
    auto cast = std::make_shared<Expression>();
    cast->type = ExprType::kCast;
    cast->result_type = *to;
    cast->name = args[0]->name;
    const bool constant = args[0]->IsConstant();
    cast->children = {args[0]};
    if (constant) return Fold(cast);
    return BoundPtr(cast);
  }

  // Forms that evaluate their arguments lazily.
  if (name == "coalesce" || name == "nvl" || name == "ifnull") {
    if (args.empty() || ((name != "coalesce") && args.size() != 2))
      return ErrorAt(f.pos, "WRONG_NUM_ARGS",
                     "The `" + name + "` requires " +
                         (name == "coalesce" ? "at least one argument" : "2 parameters") + ".");
    SLUICE_ASSIGN_OR_RAISE(args, Unify(std::move(args), f.pos, name));
    auto e = std::make_shared<Expression>();
    e->type = ExprType::kCoalesce;
    e->result_type = args[0]->result_type;
    e->name = display;
    const bool constant =
        std::all_of(args.begin(), args.end(), [](const BoundPtr& a) { return a->IsConstant(); });
    e->children = std::move(args);
    if (constant) return Fold(e);
    return BoundPtr(e);
  }
  auto make_case = [&](std::vector<BoundPtr> children, LogicalType type) -> Result<BoundPtr> {
    auto e = std::make_shared<Expression>();
    e->type = ExprType::kCase;
    e->result_type = std::move(type);
    e->name = display;
    const bool constant = std::all_of(children.begin(), children.end(),
                                      [](const BoundPtr& a) { return a->IsConstant(); });
    e->children = std::move(children);
    if (constant) return Fold(e);
    return BoundPtr(e);
  };
  auto null_of = [](const LogicalType& type) {
    auto v = std::make_shared<vector::Vector>(*vector::Vector::Make(type, 1));
    v->SetNull(0);
    return plan::MakeConstant(v, "NULL");
  };
  if (name == "if" || name == "iff") {
    if (args.size() != 3)
      return ErrorAt(f.pos, "WRONG_NUM_ARGS", "The `if` requires 3 parameters.");
    SLUICE_ASSIGN_OR_RAISE(std::vector<BoundPtr> branches, Unify({args[1], args[2]}, f.pos, "if"));
    return make_case({plan::MakeCast(args[0], TypeId::kBoolean), branches[0], branches[1]},
                     branches[0]->result_type);
  }
  if (name == "nullif") {
    if (args.size() != 2)
      return ErrorAt(f.pos, "WRONG_NUM_ARGS", "The `nullif` requires 2 parameters.");
    SLUICE_ASSIGN_OR_RAISE(BoundPtr eq, CallFunction("=", {args[0], args[1]}, f.pos));
    return make_case({eq, null_of(args[0]->result_type), args[0]}, args[0]->result_type);
  }
  if (name == "nvl2") {
    if (args.size() != 3)
      return ErrorAt(f.pos, "WRONG_NUM_ARGS", "The `nvl2` requires 3 parameters.");
    SLUICE_ASSIGN_OR_RAISE(std::vector<BoundPtr> branches,
                           Unify({args[1], args[2]}, f.pos, "nvl2"));
    auto test = std::make_shared<Expression>();
    test->type = ExprType::kIsNotNull;
    test->result_type = TypeId::kBoolean;
    test->children = {args[0]};
    test->name = "isnotnull(" + args[0]->name + ")";
    return make_case({test, branches[0], branches[1]}, branches[0]->result_type);
  }
  if (name == "isnull" || name == "isnotnull") {
    if (args.size() != 1)
      return ErrorAt(f.pos, "WRONG_NUM_ARGS", "The `" + name + "` requires 1 parameter.");
    auto e = std::make_shared<Expression>();
    e->type = name == "isnull" ? ExprType::kIsNull : ExprType::kIsNotNull;
    e->result_type = TypeId::kBoolean;
    e->children = {args[0]};
    e->name = "(" + args[0]->name + (name == "isnull" ? " IS NULL)" : " IS NOT NULL)");
    if (args[0]->IsConstant()) return Fold(e);
    return BoundPtr(e);
  }
  // TRIM([BOTH | LEADING | TRAILING] [chars] FROM str) arrives as {str[, chars]}; the trim
  // functions take (chars, str), as Spark's trim(trimStr, str) does.
  if (f.syntax == CallSyntax::kTrimBoth || f.syntax == CallSyntax::kTrimLeading ||
      f.syntax == CallSyntax::kTrimTrailing) {
    const bool both = f.syntax == CallSyntax::kTrimBoth;
    const bool leading = f.syntax == CallSyntax::kTrimLeading;
    const char* fn = both ? "trim" : (leading ? "ltrim" : "rtrim");
    std::string trim_display = std::string(fn) + "(" + args[0]->name + ")";
    if (args.size() == 2) {
      trim_display = std::string("TRIM(") +
                     (both      ? "BOTH "
                      : leading ? "LEADING "
                                : "TRAILING ") +
                     args[1]->name + " FROM " + args[0]->name + ")";
      std::swap(args[0], args[1]);
    }
    return CallFunction(fn, std::move(args), f.pos, trim_display);
  }
  if (name == "arrays_zip") {
    SLUICE_ASSIGN_OR_RAISE(BoundPtr zipped, CallFunction(name, std::move(args), f.pos, display));
    return NameZippedFields(f, zipped);
  }
  SLUICE_ASSIGN_OR_RAISE(BoundPtr call, CallFunction(name, std::move(args), f.pos, display));
  // Spark's JsonToStructs prints itself as "entries" when it reads a top-level MAP.
  if (name != "from_json" || call->result_type.id() != TypeId::kMap) return call;
  auto entries = std::make_shared<Expression>(*call);
  entries->name = "entries";
  return BoundPtr(entries);
}

Result<std::optional<BoundPtr>> Binder::BindOuterAggregate(const FunctionCall& f,
                                                           const ExprContext& ctx) {
  if (enclosing_ctx == nullptr || !enclosing_ctx->having || enclosing_ctx->aggregation == nullptr ||
      enclosing_ctx->inside_aggregate)
    return std::optional<BoundPtr>();
  ExprContext inner = ctx;
  inner.inside_aggregate = true;
  inner.aliases = nullptr;
  bool outer = false, other = false;
  std::function<void(const Expression&)> walk = [&](const Expression& x) {
    outer |= x.type == ExprType::kOuterColumn && x.outer_depth == 1;
    other |= x.type == ExprType::kColumn || x.type == ExprType::kScalarSubquery ||
             x.type == ExprType::kExists || x.type == ExprType::kInSubquery ||
             (x.type == ExprType::kOuterColumn && x.outer_depth != 1);
    for (const BoundPtr& c : x.children) walk(*c);
  };
  std::vector<const Expr*> parts;
  for (const sql::ExprPtr& a : f.args) parts.push_back(a.get());
  if (f.filter) parts.push_back(f.filter.get());
  for (const Expr* part : parts) {
    if (part->kind == ExprKind::kStar) return std::optional<BoundPtr>();
    SLUICE_ASSIGN_OR_RAISE(BoundPtr bound, BindExpr(*part, inner));
    walk(*bound);
  }
  if (!outer || other) return std::optional<BoundPtr>();
  ExprContext there = *enclosing_ctx;
  SLUICE_ASSIGN_OR_RAISE(BoundPtr aggregate, enclosing->BindAggregateCall(f, there));
  auto ref = std::make_shared<Expression>(*aggregate);
  ref->type = ExprType::kOuterColumn;
  ref->outer_depth = 1;
  max_escape = std::max(max_escape, 1);
  return std::optional<BoundPtr>(ref);
}

Result<BoundPtr> Binder::BindAggregateCall(const FunctionCall& f, ExprContext& ctx) {
  const std::string name = AsciiLower(f.name.back());
  if (ctx.inside_aggregate)
    return ErrorAt(f.pos, "NESTED_AGGREGATE_FUNCTION",
                   "It is not allowed to use an aggregate function in the argument of another "
                   "aggregate function. Please use the inner aggregate function in a sub-query.");
  if (ctx.aggregation == nullptr) {
    SLUICE_ASSIGN_OR_RAISE(std::optional<BoundPtr> outer, BindOuterAggregate(f, ctx));
    if (outer) return *outer;
    return ErrorAt(f.pos, "UNSUPPORTED_EXPR_FOR_OPERATOR",
                   "Aggregate function " + name + " is not allowed here.");
  }
  const bool inverse_distribution = name == "percentile_cont" || name == "percentile_disc";
  if (inverse_distribution != !f.within_group.empty()) {
    if (!inverse_distribution)
      return ErrorAt(f.pos, "INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX",
                     "The function `" + name + "` does not support WITHIN GROUP (ORDER BY ...).");
    return ErrorAt(f.pos, "INVALID_WITHIN_GROUP_EXPRESSION.WITHIN_GROUP_MISSING",
                   "WITHIN GROUP is required for inverse distribution function `" + name + "`.");
  }
  if (inverse_distribution && f.distinct)
    return ErrorAt(f.pos, "INVALID_WITHIN_GROUP_EXPRESSION.DISTINCT_UNSUPPORTED",
                   "Cannot use DISTINCT with WITHIN GROUP in `" + name + "`.");
  if (f.within_group.size() > 1)
    return ErrorAt(f.pos, "INVALID_WITHIN_GROUP_EXPRESSION.WRONG_NUM_ORDERINGS",
                   "The function `" + name + "` requires 1 orderings in WITHIN GROUP but got " +
                       std::to_string(f.within_group.size()) + ".");
  ExprContext inner = ctx;
  inner.aggregation = nullptr;
  inner.windows = nullptr;
  inner.inside_aggregate = true;
  inner.aliases = nullptr;
  plan::AggregateCall call;
  call.name = name;
  call.info.distinct = f.distinct;
  call.info.ignore_nulls = f.nulls == NullTreatment::kIgnoreNulls;
  std::vector<BoundPtr> args;
  // count(*) counts rows; a star anywhere else (count(DISTINCT *), count(t.*, t.*)) stands
  // for the columns it names.
  const bool count_rows = name == "count" && !f.distinct && f.args.size() == 1 &&
                          f.args[0]->kind == ExprKind::kStar &&
                          f.args[0]->As<Star>().qualifier.empty();
  if (name == "count" && f.args.empty())
    return ErrorAt(f.pos, "WRONG_NUM_ARGS.WITH_SUGGESTION",
                   "The `count` requires at least 1 parameters but the actual number is 0. "
                   "Please use count(*) or count(1).");
  if (name == "count" && f.args.size() == 1 && f.args[0]->kind == ExprKind::kStar &&
      !f.args[0]->As<Star>().qualifier.empty())
    return ErrorAt(f.pos, "INVALID_USAGE_OF_STAR_WITH_TABLE_IDENTIFIER_IN_COUNT",
                   "count(" + f.args[0]->As<Star>().qualifier.back() +
                       ".*) is not allowed. Please use count(*) or expand the columns manually.");
  if (!count_rows) {
    for (const sql::ExprPtr& a : f.args) {
      if (a->kind != ExprKind::kStar) {
        SLUICE_ASSIGN_OR_RAISE(BoundPtr bound, BindExpr(*a, inner));
        args.push_back(bound);
        continue;
      }
      const Star& star = a->As<Star>();
      if (name != "count" || ctx.scope == nullptr)
        return ErrorAt(f.pos, "INVALID_USAGE_OF_STAR_OR_REGEX",
                       "Invalid usage of '*' in " + name + ".");
      for (const ScopeColumn& c : ctx.scope->columns) {
        if (star.qualifier.empty() ||
            types::SameColumnName(c.qualifier, star.qualifier.back(), ctx_.case_sensitive))
          args.push_back(plan::MakeColumn(c.index, c.type, c.name));
      }
    }
  }
  // percentile_cont(p) WITHIN GROUP (ORDER BY x DESC) is bound as percentile_cont(x, p).
  for (const SortItem& order : f.within_group) {
    SLUICE_ASSIGN_OR_RAISE(BoundPtr bound, BindExpr(*order.expr, inner));
    args.insert(args.begin(), bound);
    call.info.reverse = order.descending;
  }
  std::vector<functions::BindArgument> bind_args;
  for (const BoundPtr& a : args)
    bind_args.push_back({a->result_type, a->IsConstant() ? a->constant.get() : nullptr});
  const functions::AggregateFunction* fn =
      functions::FunctionRegistry::Builtin().FindAggregate(name);
  Result<functions::BoundAggregate> bound = fn->bind(ctx_, bind_args, call.info);
  if (!bound.ok()) {
    const auto [error_class, message] = SplitErrorClass(bound.status().message());
    return ErrorAt(f.pos, error_class, message);
  }
  for (size_t i = 0; i < args.size() && i < bound->argument_types.size(); ++i)
    args[i] = plan::MakeCast(args[i], bound->argument_types[i]);
  call.bound = *bound;
  call.args = args;
  if (f.filter) {
    SLUICE_ASSIGN_OR_RAISE(BoundPtr filter, BindExpr(*f.filter, inner));
    call.filter = plan::MakeCast(filter, TypeId::kBoolean);
  }
  if (pivot_filter_) {
    if (!call.filter) {
      call.filter = pivot_filter_;
    } else {
      auto both = std::make_shared<plan::Expression>();
      both->type = ExprType::kAnd;
      both->result_type = TypeId::kBoolean;
      both->children = {pivot_filter_, call.filter};
      call.filter = both;
    }
  }
  std::string display;
  if (inverse_distribution) {
    display = name + "(" + (f.distinct ? "DISTINCT " : "") + args[1]->name +
              ") WITHIN GROUP (ORDER BY " + args[0]->name + (call.info.reverse ? " DESC" : "") +
              ")";
  } else {
    std::string arg_names = count_rows ? "1" : ArgNames(args);
    // Spark shows the accuracy percentile_approx defaults to.
    if ((name == "percentile_approx" || name == "approx_percentile") && args.size() == 2)
      arg_names += ", 10000";
    display = name + "(" + (f.distinct ? "DISTINCT " : "") + arg_names + ")";
  }
  // The user's FILTER is part of the name (a PIVOT's own condition is not).
  if (f.filter) {
    const BoundPtr& own = pivot_filter_ ? call.filter->children[1] : call.filter;
    display += " FILTER (WHERE " + own->name + ")";
  }
  // The same aggregate twice is computed once.
  std::string key = display + "|" + (call.filter ? Fingerprint(*call.filter) : "") +
                    (call.info.ignore_nulls ? "|ignore" : "");
  for (const BoundPtr& a : args) key += Fingerprint(*a);
  AggregationContext& agg = *ctx.aggregation;
  size_t index = std::find(agg.aggregate_keys.begin(), agg.aggregate_keys.end(), key) -
                 agg.aggregate_keys.begin();
  if (index == agg.aggregate_keys.size()) {
    agg.aggregates.push_back(std::move(call));
    agg.aggregate_keys.push_back(key);
  }
  return plan::MakeColumn(kAggregateMarker + index, bound->return_type, display);
}

}  // namespace sluice::sql
