// Expression: a bound, typed scalar expression of the logical plan. Column references are
// positions in the input operator's output (or in an enclosing query's row for correlated
// subqueries); functions are resolved to kernels; constants are one-row vectors.
// Immutable once built: thread-safe to share.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "functions/higher_order_function.h"
#include "functions/scalar_function.h"
#include "types/logical_type.h"
#include "vector/vector.h"

namespace sluice::plan {

struct LogicalOperator;
struct Expression;
using ExprPtr = std::shared_ptr<const Expression>;

enum class ExprType {
  kColumn,       // column_index of the input row
  kOuterColumn,  // column_index of the row of the query outer_depth levels out
  kConstant,     // constant (one row)
  kCall,         // kernel(children...)
  kCast,         // children[0] AS result_type (try_cast: NULL instead of an error)
  kCase,         // children: when1, then1, when2, then2, ..., [else]
  kAnd,          // three-valued logic
  kOr,
  kNot,
  kIsNull,
  kIsNotNull,
  kCoalesce,        // first non-NULL child, evaluated lazily
  kInList,          // children[0] IN (children[1..])
  kScalarSubquery,  // subquery's single value (NULL on no rows)
  kExists,          // subquery has a row
  kInSubquery,      // children[0] IN subquery's single column
  kLambda,          // x -> body: children[0] = body; lambda_arity parameters
  kLambdaVariable,  // a lambda's parameter: column_index = slot
};

struct Expression {
  ExprType type = ExprType::kConstant;
  types::LogicalType result_type;
  std::vector<ExprPtr> children;
  // The column name Spark derives for an unaliased select item: "(a + 1)", "count(1)".
  std::string name;

  size_t column_index = 0;                         // kColumn, kOuterColumn, kLambdaVariable
  int outer_depth = 0;                             // kOuterColumn: 1 = the directly enclosing query
  std::shared_ptr<const vector::Vector> constant;  // kConstant
  std::string function_name;                       // kCall
  functions::ScalarKernel kernel;                  // kCall
  // kCall of a higher-order function (kernel unset): its kLambda children become LambdaBodys.
  functions::HigherOrderKernel higher_order_kernel;
  bool deterministic = true;                        // kCall
  bool try_cast = false;                            // kCast
  bool negated = false;                             // kInList, kInSubquery, kExists
  std::shared_ptr<const LogicalOperator> subquery;  // kScalarSubquery, kExists, kInSubquery
  bool correlated = false;                          // subquery reads outer columns
  int lambda_arity = 0;                             // kLambda
  int lambda_first_slot = 0;                        // kLambda: slots of its parameters

  bool IsConstant() const { return type == ExprType::kConstant; }
};

ExprPtr MakeColumn(size_t index, types::LogicalType type, std::string name);
ExprPtr MakeConstant(std::shared_ptr<const vector::Vector> value, std::string name);
ExprPtr MakeCast(ExprPtr child, types::LogicalType to, bool try_cast = false);
// A node of `type` over `children` (kAnd, kNot, kCase, kIsNull, ...).
ExprPtr MakeNode(ExprType type, types::LogicalType result, std::vector<ExprPtr> children,
                 std::string name);

// Whether two expressions compute the same values: the same deterministic calls on the same
// columns and constants (subqueries by identity).
bool SameExpression(const Expression& a, const Expression& b);
// Whether `list` holds an expression the same as `e`.
bool ContainsExpression(const std::vector<ExprPtr>& list, const Expression& e);

}  // namespace sluice::plan
