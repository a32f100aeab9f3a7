// Calls of higher-order functions (transform(xs, x -> x + 1), aggregate, map_filter, ...):
// the other arguments are bound first, since they give the lambdas' parameter types; each
// lambda's parameters get slots (kLambdaVariable) that the evaluator fills with element values.
#include <algorithm>

#include "functions/higher_order_function.h"
#include "sql/binder_impl.h"

namespace sluice::sql {

using plan::Expression;
using plan::ExprType;
using types::LogicalType;

Result<BoundPtr> Binder::BindLambda(const Lambda& l, const functions::LambdaSignature& signature,
                                    const std::string& function, ExprContext& ctx) {
  if (l.params.size() > signature.params.size() || l.params.size() < signature.min_params)
    return ErrorAt(l.pos, "INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH",
                   "Invalid number of arguments for the lambda function of `" + function +
                       "`: it takes " + std::to_string(signature.params.size()) +
                       " argument(s) but " + std::to_string(l.params.size()) + " were given.");
  for (size_t i = 0; i < l.params.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (types::SameColumnName(l.params[i], l.params[j], ctx_.case_sensitive))
        return ErrorAt(l.pos, "INVALID_LAMBDA_FUNCTION_CALL.DUPLICATE_ARG_NAMES",
                       "The lambda function has duplicate arguments `" + l.params[i] + "`.");
  return BindLambdaBody(l, *l.body, signature.params, ctx);
}

Result<BoundPtr> Binder::BindLambdaBody(const Lambda& l, const Expr& body_expr,
                                        const std::vector<LogicalType>& types, ExprContext& ctx) {
  ExprContext inner = ctx;
  const int first_slot = next_lambda_slot_;
  next_lambda_slot_ += static_cast<int>(l.params.size());
  std::string params;
  for (size_t i = 0; i < l.params.size(); ++i) {
    inner.lambda_vars.push_back({l.params[i], first_slot + static_cast<int>(i), types[i]});
    params += std::string(", ") + kLambdaVariableName;
  }
  SLUICE_ASSIGN_OR_RAISE(BoundPtr body, BindExpr(body_expr, inner));
  auto lambda = std::make_shared<Expression>();
  lambda->type = ExprType::kLambda;
  lambda->result_type = body->result_type;
  lambda->lambda_arity = static_cast<int>(l.params.size());
  lambda->lambda_first_slot = first_slot;
  lambda->name = "lambdafunction(" + body->name + params + ")";
  lambda->children = {body};
  return BoundPtr(lambda);
}

Result<BoundPtr> Binder::BindHigherOrderCall(const FunctionCall& f, const std::string& name,
                                             ExprContext& ctx) {
  const functions::HigherOrderFunction* fn = functions::FindHigherOrderFunction(name);
  if (fn == nullptr)
    return ErrorAt(f.pos, "INVALID_LAMBDA_FUNCTION_CALL.NON_HIGHER_ORDER_FUNCTION",
                   "A lambda function should only be used in a higher order function. However, "
                   "`" +
                       name + "` is not a higher order function.");
  const size_t n = f.args.size();
  if (n < fn->min_args || n > fn->max_args)
    return ErrorAt(f.pos, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                   "The `" + name + "` requires " + std::to_string(fn->min_args) +
                       (fn->min_args == fn->max_args ? "" : " or " + std::to_string(fn->max_args)) +
                       " parameters but the actual number is " + std::to_string(n) + ".");
  auto is_lambda_position = [&](size_t i) {
    return std::find(fn->lambda_positions.begin(), fn->lambda_positions.end(), i) !=
           fn->lambda_positions.end();
  };
  std::vector<BoundPtr> args(n);
  std::vector<LogicalType> types(n);
  for (size_t i = 0; i < n; ++i) {
    // Any expression may stand for a lambda without parameters (transform(xs, 0)).
    if (is_lambda_position(i)) continue;
    if (f.args[i]->kind == ExprKind::kLambda)
      return ErrorAt(f.args[i]->pos, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                     "Parameter " + std::to_string(i + 1) + " of `" + name +
                         "` must not be a lambda function.");
    SLUICE_ASSIGN_OR_RAISE(args[i], BindExpr(*f.args[i], ctx));
    types[i] = args[i]->result_type;
  }
  std::vector<size_t> lambda_positions;
  for (size_t i = 0; i < n; ++i) {
    if (!is_lambda_position(i)) continue;
    Result<functions::LambdaSignature> signature = fn->signature(types, i);
    if (!signature.ok()) return ErrorAt(f.pos, "", signature.status().message());
    if (f.args[i]->kind == ExprKind::kLambda) {
      SLUICE_ASSIGN_OR_RAISE(args[i], BindLambda(f.args[i]->As<Lambda>(), *signature, name, ctx));
    } else {
      Lambda constant(f.args[i]->pos);
      SLUICE_ASSIGN_OR_RAISE(args[i], BindLambdaBody(constant, *f.args[i], {}, ctx));
    }
    types[i] = args[i]->result_type;
    lambda_positions.push_back(i);
  }
  Result<functions::BoundHigherOrder> bound = fn->bind(types);
  if (!bound.ok()) return ErrorAt(f.pos, "", bound.status().message());
  std::string display;
  for (size_t i = 0; i < n; ++i) {
    if (args[i]->type == ExprType::kLambda) {
      const size_t k =
          static_cast<size_t>(std::find(lambda_positions.begin(), lambda_positions.end(), i) -
                              lambda_positions.begin());
      auto lambda = std::make_shared<Expression>(*args[i]);
      lambda->children = {plan::MakeCast(args[i]->children[0], bound->lambda_result_types[k])};
      lambda->result_type = bound->lambda_result_types[k];
      args[i] = lambda;
    } else {
      args[i] = plan::MakeCast(args[i], bound->argument_types[i]);
    }
    display += (i == 0 ? "" : ", ") + args[i]->name;
  }
  // Spark's aggregate without a finish function gets the identity lambda, named with it.
  if ((name == "aggregate" || name == "reduce") && n == 3)
    display +=
        std::string(", lambdafunction(") + kLambdaVariableName + ", " + kLambdaVariableName + ")";
  auto e = std::make_shared<Expression>();
  e->type = ExprType::kCall;
  e->function_name = name;
  e->higher_order_kernel = bound->kernel;
  e->result_type = bound->return_type;
  e->name = name + "(" + display + ")";
  e->children = std::move(args);
  return BoundPtr(e);
}

}  // namespace sluice::sql
