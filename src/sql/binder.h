// Binder: resolves a parsed query against the catalog into a typed logical plan: names to
// columns (with "did you mean" suggestions), functions to kernels, Spark's implicit casts,
// aggregation (GROUP BY, grouping sets, HAVING), windows, ORDER BY over aliases and hidden
// columns, set operations, subqueries (correlated ones read the enclosing row).
// One binder per statement; not thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "functions/function_context.h"
#include "plan/catalog.h"
#include "plan/logical_operator.h"
#include "sql/ast_query.h"

namespace sluice::sql {

// Session settings the binder honours besides the function context.
struct BindSettings {
  bool group_by_aliases = true;    // spark.sql.groupByAliases
  bool order_by_ordinal = true;    // spark.sql.orderByOrdinal
  bool group_by_ordinal = true;    // spark.sql.groupByOrdinal
  bool cross_join_enabled = true;  // spark.sql.crossJoin.enabled
  // spark.sql.legacy.ctePrecedencePolicy: EXCEPTION (the default) refuses a nested WITH that
  // redefines an outer CTE's name; otherwise (CORRECTED) the inner definition wins.
  bool nested_cte_names_must_differ = true;
};

// Binds a query (the text is for error messages with a caret).
Result<plan::OperatorPtr> BindQuery(const Query& query, const plan::Catalog& catalog,
                                    const functions::FunctionContext& ctx,
                                    const BindSettings& settings, std::string_view text);
// Binds an expression over the columns of `input` (for --where and the like).
Result<plan::ExprPtr> BindScalarExpression(const Expr& expr, const std::vector<types::Field>& input,
                                           const functions::FunctionContext& ctx,
                                           std::string_view text);

}  // namespace sluice::sql
