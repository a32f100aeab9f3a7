// Evaluates bound expressions a column at a time over a batch of rows. Subqueries are run
// through the executor (uncorrelated ones once per query, correlated ones per outer row).
// An evaluator belongs to one thread; the expressions it reads are shared.
#pragma once

#include <map>
#include <memory>
#include <vector>

#include "common/status.h"
#include "functions/function_context.h"
#include "plan/expression.h"
#include "vector/batch.h"

namespace sluice::exec {

class Executor;

class ExpressionEvaluator {
 public:
  ExpressionEvaluator(Executor& executor, const functions::FunctionContext& ctx)
      : executor_(executor), ctx_(ctx) {}

  // The expression's value for rows [0, rows) of `input` (a batch without selection).
  Result<vector::Vector> Evaluate(const plan::Expression& e, const vector::Batch& input,
                                  size_t rows);
  // A boolean condition as the rows where it is true.
  Result<std::vector<uint32_t>> SelectTrue(const plan::Expression& e, const vector::Batch& input,
                                           size_t rows);
  // A constant expression's value (one row).
  Result<vector::Vector> EvaluateConstant(const plan::Expression& e);

  const functions::FunctionContext& context() const { return ctx_; }

 private:
  // `e` run on the `selected` rows of `input` only (a branch a row does not reach must not
  // run there: it could fail, as ANSI casts and division do), its values at those rows of a
  // vector of `rows` rows (the others NULL).
  Result<vector::Vector> EvaluateRows(const plan::Expression& e, const vector::Batch& input,
                                      size_t rows, const std::vector<uint32_t>& selected);
  Result<vector::Vector> EvaluateCase(const plan::Expression& e, const vector::Batch& input,
                                      size_t rows);
  Result<vector::Vector> EvaluateLogic(const plan::Expression& e, const vector::Batch& input,
                                       size_t rows);
  Result<vector::Vector> EvaluateInList(const plan::Expression& e, const vector::Batch& input,
                                        size_t rows);
  Result<vector::Vector> EvaluateSubquery(const plan::Expression& e, const vector::Batch& input,
                                          size_t rows);

  // Lambdas (evaluate_lambda.cc).
  Result<vector::Vector> EvaluateHigherOrder(const plan::Expression& e, const vector::Batch& input,
                                             size_t rows);
  Result<vector::Vector> EvaluateLambda(const plan::Expression& lambda, const vector::Batch& input,
                                        const std::vector<const vector::Vector*>& params,
                                        const std::vector<uint32_t>& outer_rows);

  // A literal's value as a constant vector of at least `rows` rows.
  Result<vector::Vector> Constant(const std::shared_ptr<const vector::Vector>& value, size_t rows);

  Executor& executor_;
  const functions::FunctionContext& ctx_;
  // Literals broadcast once per evaluator and shared with every batch (copy on write), so
  // a literal costs no per-row copies per batch; keyed by the plan's value, which the key
  // keeps alive.
  std::map<std::shared_ptr<const vector::Vector>, vector::Vector> constants_;
  // The values of the lambda parameters in scope, by slot, one row per row of the batch
  // being evaluated.
  std::map<size_t, const vector::Vector*> lambda_slots_;
};

}  // namespace sluice::exec
