// Higher-order function calls: the kernel gets each lambda as a LambdaBody that evaluates the
// body over a batch whose rows are elements (of every row at once). The body's reads of the
// input's columns and of enclosing lambdas' parameters see the element's own row: those
// values are gathered by outer_rows.
#include <set>

#include "exec/executor.h"
#include "exec/expression_evaluator.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

using plan::ExprType;
using vector::Vector;

namespace {

// The input columns an expression reads (nested lambda bodies included).
void ColumnsRead(const plan::Expression& e, std::set<size_t>& columns) {
  if (e.type == ExprType::kColumn) columns.insert(e.column_index);
  for (const plan::ExprPtr& c : e.children) ColumnsRead(*c, columns);
}

}  // namespace

Result<Vector> ExpressionEvaluator::EvaluateHigherOrder(const plan::Expression& e,
                                                        const vector::Batch& input, size_t rows) {
  std::vector<Vector> values;
  values.reserve(e.children.size());
  std::vector<const Vector*> args;
  std::vector<functions::LambdaBody> lambdas;
  for (const plan::ExprPtr& child : e.children) {
    if (child->type == ExprType::kLambda) {
      args.push_back(nullptr);
      const plan::Expression* lambda = child.get();
      lambdas.push_back([this, lambda, &input](const std::vector<const Vector*>& params,
                                               const std::vector<uint32_t>& outer_rows) {
        return EvaluateLambda(*lambda, input, params, outer_rows);
      });
      continue;
    }
    SLUICE_ASSIGN_OR_RAISE(Vector v, Evaluate(*child, input, rows));
    values.push_back(std::move(v));
    args.push_back(&values.back());
  }
  SLUICE_ASSIGN_OR_RAISE(Vector out, Vector::Make(e.result_type, std::max<size_t>(rows, 1)));
  SLUICE_RETURN_NOT_OK(e.higher_order_kernel(ctx_, args, lambdas, rows, out));
  return out;
}

Result<Vector> ExpressionEvaluator::EvaluateLambda(const plan::Expression& lambda,
                                                   const vector::Batch& input,
                                                   const std::vector<const Vector*>& params,
                                                   const std::vector<uint32_t>& outer_rows) {
  const size_t n = outer_rows.size();
  // The element batch: the columns the body reads, one row per element (the others are
  // never read: they stay at one row).
  SLUICE_ASSIGN_OR_RAISE(vector::Batch elements, vector::Batch::Make(input.schema_ptr(), 1));
  std::set<size_t> columns;
  ColumnsRead(*lambda.children[0], columns);
  for (size_t c : columns) {
    SLUICE_ASSIGN_OR_RAISE(Vector gathered, vector::Gather(input.column(c), outer_rows));
    elements.column(c) = std::move(gathered);
  }
  elements.set_num_rows(n);
  // Enclosing lambdas' parameters, gathered the same way; restored afterwards.
  const std::map<size_t, const Vector*> saved = lambda_slots_;
  std::vector<Vector> enclosing;
  enclosing.reserve(saved.size());
  for (auto& [slot, value] : lambda_slots_) {
    SLUICE_ASSIGN_OR_RAISE(Vector gathered, vector::Gather(*value, outer_rows));
    enclosing.push_back(std::move(gathered));
    value = &enclosing.back();
  }
  for (int i = 0; i < lambda.lambda_arity && static_cast<size_t>(i) < params.size(); ++i)
    lambda_slots_[lambda.lambda_first_slot + i] = params[i];
  Result<Vector> result = Evaluate(*lambda.children[0], elements, n);
  lambda_slots_ = saved;
  return result;
}

}  // namespace sluice::exec
