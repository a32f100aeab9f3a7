#include "plan/expression.h"

#include "vector/vector_ops.h"

namespace sluice::plan {

ExprPtr MakeColumn(size_t index, types::LogicalType type, std::string name) {
  auto e = std::make_shared<Expression>();
  e->type = ExprType::kColumn;
  e->column_index = index;
  e->result_type = std::move(type);
  e->name = std::move(name);
  return e;
}

ExprPtr MakeConstant(std::shared_ptr<const vector::Vector> value, std::string name) {
  auto e = std::make_shared<Expression>();
  e->type = ExprType::kConstant;
  e->result_type = value->type();
  e->constant = std::move(value);
  e->name = std::move(name);
  return e;
}

ExprPtr MakeCast(ExprPtr child, types::LogicalType to, bool try_cast) {
  if (child->result_type == to) return child;
  auto e = std::make_shared<Expression>();
  e->type = ExprType::kCast;
  e->result_type = std::move(to);
  e->try_cast = try_cast;
  e->name = child->name;
  e->children = {std::move(child)};
  return e;
}

ExprPtr MakeNode(ExprType type, types::LogicalType result, std::vector<ExprPtr> children,
                 std::string name) {
  auto e = std::make_shared<Expression>();
  e->type = type;
  e->result_type = std::move(result);
  e->children = std::move(children);
  e->name = std::move(name);
  return e;
}

bool SameExpression(const Expression& a, const Expression& b) {
  if (a.type != b.type || !(a.result_type == b.result_type) || a.column_index != b.column_index ||
      a.outer_depth != b.outer_depth || a.function_name != b.function_name ||
      a.try_cast != b.try_cast || a.negated != b.negated || a.subquery != b.subquery ||
      a.lambda_arity != b.lambda_arity || a.lambda_first_slot != b.lambda_first_slot ||
      a.children.size() != b.children.size() || !a.deterministic || !b.deterministic)
    return false;
  // A call's kernel may hold what its arguments do not (the field `get_struct_field` reads),
  // which its name says; a constant's text tells 0.0 from -0.0, which compare equal.
  if ((a.type == ExprType::kCall || a.IsConstant()) && a.name != b.name) return false;
  if (a.IsConstant() && !vector::ValuesEqual(*a.constant, 0, *b.constant, 0)) return false;
  for (size_t i = 0; i < a.children.size(); ++i)
    if (!SameExpression(*a.children[i], *b.children[i])) return false;
  return true;
}

bool ContainsExpression(const std::vector<ExprPtr>& list, const Expression& e) {
  for (const ExprPtr& item : list)
    if (SameExpression(*item, e)) return true;
  return false;
}

}  // namespace sluice::plan
