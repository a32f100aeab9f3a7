#include "plan/outer_references.h"

namespace sluice::plan {

namespace {

// Walks a tree; `level` counts the subquery boundaries crossed from the tree's query.
// Notes non-deterministic calls in `*nondeterministic` when given.
class Rewriter {
 public:
  Rewriter(const OuterReferenceRewrite& rewrite, bool* nondeterministic)
      : rewrite_(rewrite), nondeterministic_(nondeterministic) {}

  Result<ExprPtr> Expr(const ExprPtr& e, int level) {
    if (!e) return e;
    if (e->type == ExprType::kCall && !e->deterministic && nondeterministic_)
      *nondeterministic_ = true;
    if (e->type == ExprType::kOuterColumn && e->outer_depth >= level)
      return rewrite_(*e, e->outer_depth - level);
    std::shared_ptr<Expression> copy;
    auto mutable_copy = [&]() -> Expression& {
      if (!copy) copy = std::make_shared<Expression>(*e);
      return *copy;
    };
    for (size_t i = 0; i < e->children.size(); ++i) {
      SLUICE_ASSIGN_OR_RAISE(ExprPtr c, Expr(e->children[i], level));
      if (c != e->children[i]) mutable_copy().children[i] = c;
    }
    if (e->subquery) {
      SLUICE_ASSIGN_OR_RAISE(OperatorPtr sub, Operator(e->subquery, level + 1));
      if (sub != e->subquery) mutable_copy().subquery = sub;
    }
    return copy ? ExprPtr(copy) : e;
  }

  Result<OperatorPtr> Operator(const OperatorPtr& op, int level) {
    auto copy = std::make_shared<LogicalOperator>(*op);
    bool changed = false;
    auto visit = [&](ExprPtr& e) -> Status {
      SLUICE_ASSIGN_OR_RAISE(ExprPtr next, Expr(e, level));
      changed |= next != e;
      e = std::move(next);
      return Status::OK();
    };
    for (OperatorPtr& child : copy->children) {
      SLUICE_ASSIGN_OR_RAISE(OperatorPtr next, Operator(child, level));
      changed |= next != child;
      child = std::move(next);
    }
    for (ExprPtr& e : copy->expressions) SLUICE_RETURN_NOT_OK(visit(e));
    SLUICE_RETURN_NOT_OK(visit(copy->condition));
    for (ExprPtr& e : copy->groups) SLUICE_RETURN_NOT_OK(visit(e));
    auto visit_aggregate = [&](AggregateCall& a) -> Status {
      for (ExprPtr& e : a.args) SLUICE_RETURN_NOT_OK(visit(e));
      return visit(a.filter);
    };
    for (AggregateCall& a : copy->aggregates) SLUICE_RETURN_NOT_OK(visit_aggregate(a));
    for (WindowCall& w : copy->windows) {
      SLUICE_RETURN_NOT_OK(visit_aggregate(w.aggregate));
      for (ExprPtr& e : w.partition_by) SLUICE_RETURN_NOT_OK(visit(e));
      for (SortKey& k : w.order_by) SLUICE_RETURN_NOT_OK(visit(k.expr));
      SLUICE_RETURN_NOT_OK(visit(w.frame_start.offset));
      SLUICE_RETURN_NOT_OK(visit(w.frame_end.offset));
    }
    for (SortKey& k : copy->sort_keys) SLUICE_RETURN_NOT_OK(visit(k.expr));
    return changed ? OperatorPtr(copy) : op;
  }

 private:
  const OuterReferenceRewrite& rewrite_;
  bool* nondeterministic_;
};

}  // namespace

Result<OperatorPtr> RewriteOuterReferences(const OperatorPtr& op,
                                           const OuterReferenceRewrite& rewrite) {
  return Rewriter(rewrite, nullptr).Operator(op, 0);
}

Result<ExprPtr> RewriteOuterReferences(const ExprPtr& e, const OuterReferenceRewrite& rewrite) {
  return Rewriter(rewrite, nullptr).Expr(e, 0);
}

bool DependsOnOuterRow(const LogicalOperator& op) {
  bool depends = false;
  OuterReferenceRewrite note = [&](const Expression& ref, int level) -> Result<ExprPtr> {
    depends |= level >= 1;
    return ExprPtr(std::make_shared<Expression>(ref));
  };
  // The walk copies nodes only where it rewrote; the copy is dropped.
  auto shared = std::shared_ptr<const LogicalOperator>(&op, [](const LogicalOperator*) {});
  Result<OperatorPtr> ignored = Rewriter(note, &depends).Operator(shared, 0);
  return depends || !ignored.ok();
}

}  // namespace sluice::plan
