// Internals of the binder (binder.h), shared by its files: scopes, the aggregation and
// window contexts that turn aggregate and window calls into columns, and the Binder.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "exec/executor.h"
#include "plan/outer_references.h"
#include "sql/ast_expression.h"
#include "sql/ast_query.h"
#include "sql/binder.h"

namespace sluice::sql {

// A bound expression (plan::ExprPtr); ExprPtr in this namespace is the AST's.
using BoundPtr = plan::ExprPtr;

// A column a name can resolve to.
struct ScopeColumn {
  std::string qualifier;  // table or alias name; empty for derived columns
  std::string name;
  types::LogicalType type;
  size_t index = 0;
  // A USING join's key of one side: only a qualified name or `t.*` reaches it.
  bool hidden = false;
  // Position in the relation the qualifier names (orders `t.*` after a USING join).
  size_t source_order = 0;
  // A stored table's or view's database, which may qualify the qualifier (db.t.col).
  std::string database = {};
};

struct Scope {
  std::vector<ScopeColumn> columns;
  std::vector<types::Field> Fields() const;
};

// Column positions given before the final layout is known: an aggregate's result, a window
// function's result. RemapMarkers replaces them once it is.
constexpr size_t kAggregateMarker = size_t{1} << 40;
constexpr size_t kWindowMarker = size_t{1} << 41;
constexpr size_t kGroupingIdMarker = size_t{1} << 42;

struct AggregationContext {
  std::vector<plan::ExprPtr> groups;
  std::vector<std::string> group_keys;  // Fingerprint of each group
  std::vector<plan::AggregateCall> aggregates;
  std::vector<std::string> aggregate_keys;
  bool grouping_sets = false;
};

struct WindowContext {
  std::vector<plan::WindowCall> calls;
  std::vector<std::string> keys;
  const std::vector<NamedWindow>* named = nullptr;
};

// Where an expression is bound.
struct ExprContext {
  const Scope* scope = nullptr;
  AggregationContext* aggregation = nullptr;  // set: columns must be groups or aggregated
  WindowContext* windows = nullptr;           // set: window functions allowed
  // Lambda parameters in scope, innermost last.
  struct LambdaVariable {
    std::string name;
    int slot = 0;
    types::LogicalType type;
  };
  std::vector<LambdaVariable> lambda_vars;
  // SELECT aliases usable here (HAVING, ORDER BY, GROUP BY): name -> select item expression.
  const std::vector<std::pair<std::string, const Expr*>>* aliases = nullptr;
  // QUALIFY: the aliases are usable inside window specifications and arguments too (as in
  // Databricks and DuckDB); in the select list they are not (Spark's lateral aliases).
  bool aliases_in_windows = false;
  bool inside_aggregate = false;
  // HAVING: a subquery here may aggregate this query's columns (Spark's UpdateOuterReferences
  // rewrites outer aggregates only in a Filter over the Aggregate, not in SELECT or ORDER BY).
  bool having = false;
};

// How Spark prints a lambda parameter in names, whatever it is called in the query.
inline constexpr const char* kLambdaVariableName = "namedlambdavariable()";

// A STRING constant (struct field names).
plan::ExprPtr MakeStringConstant(const std::string& text);
// explode, posexplode, inline, stack and their _outer forms.
bool IsGeneratorName(std::string_view name);
// Whether an AST expression holds an aggregate, window or grouping() call.
bool ExprHasAggregate(const Expr& e);
// A new plan operator of `type` over `children`.
inline std::shared_ptr<plan::LogicalOperator> NewOperator(
    plan::OperatorType type, std::vector<plan::OperatorPtr> children = {}) {
  auto op = std::make_shared<plan::LogicalOperator>();
  op->type = type;
  op->children = std::move(children);
  return op;
}

// A canonical text of a bound expression, equal for equal expressions.
std::string Fingerprint(const plan::Expression& e);
// Replaces marker column positions (see above).
plan::ExprPtr RemapMarkers(const plan::ExprPtr& e, size_t aggregate_base, size_t window_base,
                           size_t grouping_id_index);
// The name Spark gives an unaliased expression (its SQL text).
std::string AutoName(const Expr& e, std::string_view text);

class Binder {
 public:
  Binder(const plan::Catalog& catalog, const functions::FunctionContext& ctx,
         const BindSettings& settings, std::string_view text);

  struct BoundRelation {
    plan::OperatorPtr op;
    Scope scope;
  };

  Result<BoundRelation> BindQuery(const Query& q);
  Result<plan::ExprPtr> BindExpr(const Expr& e, ExprContext& ctx);

  // Errors with the statement line and a caret.
  Status ErrorAt(const SourcePos& pos, std::string_view error_class,
                 std::string_view message) const;

  // Outer scopes of the query being bound (innermost last), for correlated subqueries.
  std::vector<const Scope*> outer_scopes;
  // How far out of the current query level a reference reached (0: none).
  int max_escape = 0;
  // Whether the query being bound starts a query of its own (a CTE's definition, a subquery
  // expression) rather than being a FROM subquery or a parenthesised term: only there a WITH
  // may not redefine an enclosing CTE's name (Spark's AMBIGUOUS_ALIAS_IN_NESTED_CTE).
  bool start_of_query = true;
  // Inside a stored view: the database its unqualified table names resolve in (temporary
  // views are not seen there, as in Spark); empty elsewhere.
  std::string view_database;
  // The query this one is a subquery of, and the context its subquery expression is bound
  // in: an aggregate here over only that query's columns is computed there when that
  // context is its HAVING (Spark's outer aggregates, `HAVING EXISTS (... WHERE x < min(o.y))`).
  Binder* enclosing = nullptr;
  const ExprContext* enclosing_ctx = nullptr;

 private:
  friend struct SelectBinder;
  Result<BoundRelation> BindQueryTerm(const QueryTerm& term);
  Result<BoundRelation> BindSelect(const SelectTerm& s, const Query* query);
  Result<BoundRelation> BindRelation(const Relation& r);
  Result<BoundRelation> BindJoin(const JoinRelation& j);
  Result<BoundRelation> BindValues(const std::vector<std::vector<ExprPtr>>& rows,
                                   const TableAlias& alias, SourcePos pos);
  Result<BoundRelation> BindTableFunction(const TableFunctionRelation& f);
  Result<BoundRelation> BindReadFiles(const TableFunctionRelation& f);
  Result<BoundRelation> BindSetOperation(const SetOperationTerm& s);
  Result<BoundRelation> ApplyAlias(BoundRelation rel, const TableAlias& alias, SourcePos pos);
  Result<BoundRelation> BindOrderLimit(const Query& q, BoundRelation rel);
  Result<BoundRelation> BindPivot(const Pivot& p, BoundRelation input);
  Result<BoundRelation> BindUnpivot(const Unpivot& u, BoundRelation input);
  Result<int64_t> BindLimitValue(const Expr& e);

  Result<plan::ExprPtr> BindColumnRef(const ColumnRef& c, ExprContext& ctx);
  // Points outer references at `level` (see plan/outer_references.h) to the aggregate
  // query's group columns: a subquery in SELECT, HAVING or ORDER BY runs on the grouped row.
  plan::OuterReferenceRewrite ReferToGroups(const AggregationContext& aggregation, int level,
                                            SourcePos pos) const;
  // Whether `c` names a SELECT alias usable in `ctx`.
  bool IsAlias(const ColumnRef& c, const ExprContext& ctx) const;
  Result<plan::ExprPtr> BindFunction(const FunctionCall& f, ExprContext& ctx);
  Result<plan::ExprPtr> BindAggregateCall(const FunctionCall& f, ExprContext& ctx);
  // `f` as an outer reference to the enclosing query's aggregate when its arguments read
  // only that query's columns and that query aggregates; nullopt otherwise.
  Result<std::optional<plan::ExprPtr>> BindOuterAggregate(const FunctionCall& f,
                                                          const ExprContext& ctx);
  Result<plan::ExprPtr> BindWindowCall(const FunctionCall& f, ExprContext& ctx);
  // The registered aggregate `name` bound to `args` as a window aggregate (its errors at `pos`).
  Result<functions::BoundAggregate> BindAsAggregate(const std::string& name,
                                                    const std::vector<plan::ExprPtr>& args,
                                                    bool ignore_nulls, const SourcePos& pos);
  // `probes`: the left side of IN (one per subquery column).
  Result<plan::ExprPtr> BindSubquery(const Query& q, ExprContext& ctx, plan::ExprType type,
                                     std::vector<plan::ExprPtr> probes, bool negated,
                                     SourcePos pos);
  Result<plan::ExprPtr> BindLiteral(const Literal& l);
  Result<plan::ExprPtr> BindIntervalLiteral(const IntervalLiteral& l);
  Result<plan::ExprPtr> BindBinary(const Binary& b, ExprContext& ctx);
  Result<plan::ExprPtr> BindCase(const Case& c, ExprContext& ctx);
  Result<plan::ExprPtr> BindLike(const Like& l, ExprContext& ctx);
  Result<plan::ExprPtr> BindFieldAccess(plan::ExprPtr base, const std::string& field,
                                        SourcePos pos);
  // transform(xs, x -> ...) and the other calls with lambdas (binder_lambda.cc).
  Result<plan::ExprPtr> BindHigherOrderCall(const FunctionCall& f, const std::string& name,
                                            ExprContext& ctx);
  Result<plan::ExprPtr> BindLambda(const Lambda& l, const functions::LambdaSignature& signature,
                                   const std::string& function, ExprContext& ctx);
  // `body` with l's parameters (of these types) in scope.
  Result<plan::ExprPtr> BindLambdaBody(const Lambda& l, const Expr& body,
                                       const std::vector<types::LogicalType>& types,
                                       ExprContext& ctx);
  // struct(a, b AS x, s.*) and (a, b): fields named as Spark names them (binder_struct.cc).
  Result<plan::ExprPtr> BindStruct(const std::vector<ExprPtr>& items, ExprContext& ctx,
                                   SourcePos pos, bool row_constructor = false);
  // arrays_zip's result with its fields named after the call's arguments.
  Result<plan::ExprPtr> NameZippedFields(const FunctionCall& f, plan::ExprPtr zipped);

  // Generators (binder_generate.cc): the collection to expand and the columns it gives.
  struct BoundGenerator {
    plan::ExprPtr collection;
    std::string kind;  // explode, posexplode, inline (stack is inline over structs)
    bool outer = false;
    std::vector<types::Field> columns;
  };
  Result<BoundGenerator> BindGenerator(const std::string& function,
                                       const std::vector<ExprPtr>& args, ExprContext& ctx,
                                       SourcePos pos);
  Result<BoundGenerator> MakeGenerator(const std::string& function, std::vector<plan::ExprPtr> args,
                                       SourcePos pos);
  // `input` followed by the generator's columns (named `names` when given).
  Result<BoundRelation> AddGenerate(BoundRelation input, const BoundGenerator& g,
                                    const std::string& qualifier,
                                    const std::vector<std::string>& names, SourcePos pos);
  Result<BoundRelation> BindGeneratorRelation(const TableFunctionRelation& f);
  Result<BoundRelation> BindLateralView(BoundRelation input, const LateralView& v);

 public:
  // Calls a registered scalar function on bound arguments (casts inserted, constants folded).
  Result<plan::ExprPtr> CallFunction(const std::string& name, std::vector<plan::ExprPtr> args,
                                     SourcePos pos, std::string display_name = "");
  // Evaluates a constant expression now.
  Result<plan::ExprPtr> Fold(plan::ExprPtr e);
  // Casts every expression to one common type (CASE branches, IN lists, coalesce).
  Result<std::vector<plan::ExprPtr>> Unify(std::vector<plan::ExprPtr> exprs, SourcePos pos,
                                           std::string_view what);

 private:
  const plan::Catalog& catalog_;
  functions::FunctionContext ctx_;
  BindSettings settings_;
  std::string_view text_;
  // CTEs visible while binding, innermost last.
  std::vector<std::pair<std::string, BoundRelation>> ctes_;
  exec::Executor folder_;
  // The next free lambda parameter slot (unique within the statement).
  int next_lambda_slot_ = 0;
  // While a PIVOT binds its aggregates: the condition selecting the current pivot value,
  // added to each aggregate's FILTER.
  plan::ExprPtr pivot_filter_;
};

}  // namespace sluice::sql
