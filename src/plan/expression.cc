#include "plan/expression.h"

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

}  // namespace sluice::plan
