#include "optimizer/plan_rewrite.h"

#include <algorithm>

#include "functions/function_registry.h"
#include "plan/outer_references.h"

namespace sluice::optimizer {

using plan::Expression;
using plan::ExprPtr;
using plan::ExprType;
using plan::OperatorPtr;

std::vector<ExprPtr> SplitConjuncts(const ExprPtr& e) {
  if (!e) return {};
  if (e->type != ExprType::kAnd) return {e};
  std::vector<ExprPtr> out = SplitConjuncts(e->children[0]);
  for (ExprPtr& c : SplitConjuncts(e->children[1])) out.push_back(std::move(c));
  return out;
}

ExprPtr MakeAnd(const std::vector<ExprPtr>& conjuncts) {
  ExprPtr out;
  for (const ExprPtr& c : conjuncts) {
    if (!out) {
      out = c;
      continue;
    }
    auto both = std::make_shared<Expression>();
    both->type = ExprType::kAnd;
    both->result_type = types::TypeId::kBoolean;
    both->children = {out, c};
    both->name = "(" + out->name + " AND " + c->name + ")";
    out = both;
  }
  return out;
}

bool IsMovable(const Expression& e) {
  if (e.subquery || e.type == ExprType::kOuterColumn) return false;
  if (e.type == ExprType::kCall && !e.deterministic) return false;
  return std::all_of(e.children.begin(), e.children.end(),
                     [](const ExprPtr& c) { return IsMovable(*c); });
}

bool HasLambda(const Expression& e) {
  return e.type == ExprType::kLambda || std::any_of(e.children.begin(), e.children.end(),
                                                    [](const ExprPtr& c) { return HasLambda(*c); });
}

namespace {

// Column references of `e` itself (not of its subqueries' plans).
void ForEachColumn(const Expression& e, const std::function<void(const Expression&)>& fn) {
  if (e.type == ExprType::kColumn) fn(e);
  for (const ExprPtr& c : e.children) ForEachColumn(*c, fn);
}

ExprPtr ReplaceOwnColumns(const ExprPtr& e,
                          const std::function<ExprPtr(const Expression&)>& replace) {
  if (e->type == ExprType::kColumn) {
    ExprPtr next = replace(*e);
    return next ? next : e;
  }
  std::shared_ptr<Expression> copy;
  size_t name_from = 0;
  for (size_t i = 0; i < e->children.size(); ++i) {
    const std::string& old_name = e->children[i]->name;
    const size_t at = e->name.find(old_name, name_from);
    if (at != std::string::npos) name_from = at + old_name.size();
    ExprPtr c = ReplaceOwnColumns(e->children[i], replace);
    if (c == e->children[i]) continue;
    if (!copy) copy = std::make_shared<Expression>(*e);
    // For EXPLAIN: the name shows the new child where it showed the old one.
    if (at != std::string::npos && c->name != old_name && !old_name.empty()) {
      const size_t shift = copy->name.size() - e->name.size();
      copy->name.replace(at + shift, old_name.size(), c->name);
    }
    copy->children[i] = std::move(c);
  }
  return copy ? ExprPtr(copy) : e;
}

}  // namespace

Status MarkColumnsRead(const ExprPtr& e, std::vector<bool>& read) {
  if (!e) return Status::OK();
  ForEachColumn(*e, [&](const Expression& c) { read.at(c.column_index) = true; });
  return plan::RewriteOuterReferences(e,
                                      [&](const Expression& ref, int level) -> Result<ExprPtr> {
                                        if (level == 0) read.at(ref.column_index) = true;
                                        return ExprPtr();
                                      })
      .status();
}

std::vector<size_t> ColumnsRead(const Expression& e) {
  std::vector<size_t> out;
  ForEachColumn(e, [&](const Expression& c) { out.push_back(c.column_index); });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Result<ExprPtr> ReplaceColumns(const ExprPtr& e,
                               const std::function<ExprPtr(const Expression&)>& replace) {
  if (!e) return e;
  SLUICE_ASSIGN_OR_RAISE(
      ExprPtr outer,
      plan::RewriteOuterReferences(e, [&](const Expression& ref, int level) -> Result<ExprPtr> {
        if (level != 0) return ExprPtr();
        ExprPtr next = replace(ref);
        if (!next) return ExprPtr();
        if (next->type != ExprType::kColumn && next->type != ExprType::kOuterColumn)
          return Status::Internal("optimizer: an outer reference replaced by an expression");
        auto copy = std::make_shared<Expression>(ref);
        copy->column_index = next->column_index;
        return ExprPtr(copy);
      }));
  return ReplaceOwnColumns(outer, replace);
}

Result<ExprPtr> RemapColumns(const ExprPtr& e, const std::vector<int>& map) {
  Status missing;
  auto remap = [&](const Expression& c) -> ExprPtr {
    const int to = c.column_index < map.size() ? map[c.column_index] : -1;
    if (to < 0) {
      missing = Status::Internal("optimizer: column " + std::to_string(c.column_index) +
                                 " was pruned but is read");
      return nullptr;
    }
    if (static_cast<size_t>(to) == c.column_index) return nullptr;
    auto copy = std::make_shared<Expression>(c);
    copy->column_index = static_cast<size_t>(to);
    return copy;
  };
  SLUICE_ASSIGN_OR_RAISE(ExprPtr out, ReplaceColumns(e, remap));
  SLUICE_RETURN_NOT_OK(missing);
  return out;
}

ExprPtr ShiftColumns(const ExprPtr& e, int64_t delta) {
  return ReplaceOwnColumns(e, [&](const Expression& c) -> ExprPtr {
    auto copy = std::make_shared<Expression>(c);
    copy->column_index = static_cast<size_t>(static_cast<int64_t>(c.column_index) + delta);
    return copy;
  });
}

ExprPtr MakeBinaryCall(const std::string& name, std::vector<ExprPtr> args) {
  std::vector<functions::BindArgument> types;
  for (const ExprPtr& a : args) types.push_back({a->result_type, nullptr});
  Result<functions::BoundScalar> bound =
      functions::FunctionRegistry::Builtin().FindScalar(name)->bind({}, types);
  if (!bound.ok() || bound->argument_types != std::vector<types::LogicalType>{args[0]->result_type,
                                                                              args[1]->result_type})
    return nullptr;
  auto e = std::make_shared<Expression>();
  e->type = ExprType::kCall;
  e->function_name = name;
  e->kernel = bound->kernel;
  e->result_type = bound->return_type;
  e->name = "(" + args[0]->name + " " + name + " " + args[1]->name + ")";
  e->children = std::move(args);
  return e;
}

ExprPtr MakeConstantOf(types::TypeId type, const std::function<void(vector::Vector&)>& set,
                       std::string name) {
  auto value = std::make_shared<vector::Vector>(*vector::Vector::Make(type, 1));
  set(*value);
  return plan::MakeConstant(value, std::move(name));
}

OperatorPtr MakeFilter(const OperatorPtr& input, const std::vector<ExprPtr>& conjuncts) {
  if (conjuncts.empty()) return input;
  auto filter = std::make_shared<plan::LogicalOperator>();
  filter->type = plan::OperatorType::kFilter;
  filter->children = {input};
  filter->output = input->output;
  filter->condition = MakeAnd(conjuncts);
  return filter;
}

Result<OperatorPtr> RewriteChildren(
    const OperatorPtr& op, const std::function<Result<OperatorPtr>(const OperatorPtr&)>& rewrite) {
  std::shared_ptr<plan::LogicalOperator> copy;
  for (size_t i = 0; i < op->children.size(); ++i) {
    SLUICE_ASSIGN_OR_RAISE(OperatorPtr c, rewrite(op->children[i]));
    if (c == op->children[i]) continue;
    if (!copy) copy = std::make_shared<plan::LogicalOperator>(*op);
    copy->children[i] = std::move(c);
  }
  return copy ? OperatorPtr(copy) : op;
}

}  // namespace sluice::optimizer
