#include "functions/binder_functions.h"

namespace sluice::functions {

std::span<const BinderFunction> BinderFunctions() {
  static constexpr BinderFunction kFunctions[] = {
      // Conditionals (sql/binder_function.cc).
      {"coalesce",
       "coalesce(expr1, expr2, ...) - Returns its first argument that is not null, "
       "or null when all are."},
      {"if", "if(cond, expr1, expr2) - Returns `expr1` when `cond` is true, else `expr2`."},
      {"ifnull", "ifnull(expr1, expr2) - Returns `expr1`, or `expr2` when `expr1` is null."},
      {"isnotnull", "isnotnull(expr) - Returns true when `expr` is not null, else false."},
      {"isnull", "isnull(expr) - Returns true when `expr` is null, else false."},
      {"nullif", "nullif(expr1, expr2) - Returns null when `expr1` equals `expr2`, else `expr1`."},
      {"nvl", "nvl(expr1, expr2) - Returns `expr1`, or `expr2` when `expr1` is null."},
      {"nvl2",
       "nvl2(expr1, expr2, expr3) - Returns `expr2` when `expr1` is not null, else "
       "`expr3`."},
      // Generators (sql/binder_generate.cc).
      {"explode",
       "explode(expr) - One row per element of the array `expr` (column `col`), or "
       "per entry of the map `expr` (columns `key`, `value`)."},
      {"explode_outer",
       "explode_outer(expr) - As explode, with one row of nulls when `expr` is "
       "null or empty."},
      {"inline", "inline(expr) - One row per struct of the array `expr`, its fields as columns."},
      {"inline_outer",
       "inline_outer(expr) - As inline, with one row of nulls when `expr` is null "
       "or empty."},
      {"posexplode",
       "posexplode(expr) - As explode, with each element's position (`pos`, from "
       "0) before it."},
      {"posexplode_outer",
       "posexplode_outer(expr) - As posexplode, with one row of nulls when "
       "`expr` is null or empty."},
      {"stack", "stack(n, expr1, ..., exprk) - Splits `expr1`, ..., `exprk` into `n` rows."},
      // Higher-order functions (higher_order_functions.cc).
      {"aggregate",
       "aggregate(expr, start, merge, finish) - Folds the array `expr` into a value "
       "from `start` with the lambda `merge`, then applies the optional `finish`."},
      {"exists",
       "exists(expr, pred) - Whether the lambda `pred` holds for some element of the "
       "array `expr`."},
      {"filter",
       "filter(expr, func) - The elements of the array `expr` for which the lambda "
       "`func` (element[, index]) is true."},
      {"forall",
       "forall(expr, pred) - Whether the lambda `pred` holds for every element of the "
       "array `expr`."},
      {"map_filter",
       "map_filter(expr, func) - The entries of the map `expr` for which the lambda "
       "`func` (key, value) is true."},
      {"map_zip_with",
       "map_zip_with(map1, map2, func) - One map of the keys of both, each value "
       "the lambda `func` (key, value1, value2)."},
      {"reduce", "reduce(expr, start, merge, finish) - The same as aggregate."},
      {"transform",
       "transform(expr, func) - The array of the lambda `func` (element[, index]) "
       "over each element of the array `expr`."},
      {"transform_keys",
       "transform_keys(expr, func) - The map `expr` with each key replaced by "
       "the lambda `func` (key, value)."},
      {"transform_values",
       "transform_values(expr, func) - The map `expr` with each value "
       "replaced by the lambda `func` (key, value)."},
      {"zip_with",
       "zip_with(left, right, func) - The array of the lambda `func` over the "
       "elements of both arrays at each position (the shorter padded with nulls)."},
      // Window-only functions (exec/window_functions.cc).
      {"cume_dist",
       "cume_dist() - The fraction of the partition's rows ordered before or as "
       "peers of the row."},
      {"dense_rank", "dense_rank() - The row's rank in its partition, without gaps after ties."},
      {"lag",
       "lag(input[, offset[, default]]) - `input` of the row `offset` (1) rows before in "
       "the partition, or `default` (null) when there is none."},
      {"lead",
       "lead(input[, offset[, default]]) - `input` of the row `offset` (1) rows after in "
       "the partition, or `default` (null) when there is none."},
      {"nth_value",
       "nth_value(input, offset) - `input` of the frame's `offset`-th row (from 1), "
       "or null."},
      {"ntile",
       "ntile(n) - Splits the partition's rows into `n` buckets as evenly as possible "
       "and returns the row's bucket (from 1)."},
      {"percent_rank",
       "percent_rank() - The row's rank in its partition as a fraction: "
       "(rank - 1) / (rows - 1)."},
      {"rank", "rank() - The row's rank in its partition, with gaps after ties."},
      {"row_number",
       "row_number() - The row's number in its partition, from 1, in the window's "
       "order."},
      // Grouping functions (sql/binder_function.cc).
      {"grouping",
       "grouping(col) - 1 when `col` is aggregated away in the row's grouping set "
       "(ROLLUP, CUBE, GROUPING SETS), else 0."},
      {"grouping_id",
       "grouping_id([col1[, col2 ..]]) - The bits of grouping() of each column, "
       "the first column the highest bit."},
  };
  return kFunctions;
}

}  // namespace sluice::functions
