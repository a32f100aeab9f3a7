#include "plan/outer_references.h"

namespace sluice::plan {

namespace {

// Walks a tree; `level` counts the subquery boundaries crossed from the tree's query. Each
// step returns the rewritten node, or null when nothing under it changed. Notes
// non-deterministic calls in `*nondeterministic` when given.
class Rewriter {
 public:
  Rewriter(const OuterReferenceRewrite& rewrite, bool* nondeterministic)
      : rewrite_(rewrite), nondeterministic_(nondeterministic) {}

  Result<ExprPtr> Expr(const ExprPtr& e, int level) {
    if (!e) return ExprPtr();
    if (e->type == ExprType::kCall && !e->deterministic && nondeterministic_)
      *nondeterministic_ = true;
    if (e->type == ExprType::kOuterColumn && e->outer_depth >= level)
      return rewrite_(*e, e->outer_depth - level);
    std::shared_ptr<Expression> copy;
    auto target = [&]() -> Expression& {
      if (!copy) copy = std::make_shared<Expression>(*e);
      return *copy;
    };
    for (size_t i = 0; i < e->children.size(); ++i) {
      SLUICE_ASSIGN_OR_RAISE(ExprPtr c, Expr(e->children[i], level));
      if (c) target().children[i] = c;
    }
    if (e->subquery) {
      SLUICE_ASSIGN_OR_RAISE(OperatorPtr sub, Operator(*e->subquery, level + 1));
      if (sub) target().subquery = sub;
    }
    return ExprPtr(copy);
  }

  Result<OperatorPtr> Operator(const LogicalOperator& op, int level) {
    auto copy = std::make_shared<LogicalOperator>(op);
    bool changed = false;
    auto visit = [&](ExprPtr& e) -> Status {
      SLUICE_ASSIGN_OR_RAISE(ExprPtr next, Expr(e, level));
      if (next) {
        e = std::move(next);
        changed = true;
      }
      return Status::OK();
    };
    // An operator before its inputs, as Spark's plan traversal (names such as
    // scalarsubquery(a, b) list the outer references in this order).
    SLUICE_RETURN_NOT_OK(ForEachExpression(*copy, visit));
    for (OperatorPtr& child : copy->children) {
      SLUICE_ASSIGN_OR_RAISE(OperatorPtr next, Operator(*child, level));
      if (next) {
        child = std::move(next);
        changed = true;
      }
    }
    return changed ? OperatorPtr(copy) : OperatorPtr();
  }

 private:
  const OuterReferenceRewrite& rewrite_;
  bool* nondeterministic_;
};

}  // namespace

Result<OperatorPtr> RewriteOuterReferences(const OperatorPtr& op,
                                           const OuterReferenceRewrite& rewrite) {
  SLUICE_ASSIGN_OR_RAISE(OperatorPtr rewritten, Rewriter(rewrite, nullptr).Operator(*op, 0));
  return rewritten ? rewritten : op;
}

Result<ExprPtr> RewriteOuterReferences(const ExprPtr& e, const OuterReferenceRewrite& rewrite) {
  SLUICE_ASSIGN_OR_RAISE(ExprPtr rewritten, Rewriter(rewrite, nullptr).Expr(e, 0));
  return rewritten ? rewritten : e;
}

Status ForEachOuterReference(const LogicalOperator& op,
                             const std::function<void(const Expression& ref, int level)>& fn) {
  OuterReferenceRewrite visit = [&](const Expression& ref, int level) -> Result<ExprPtr> {
    fn(ref, level);
    return ExprPtr();
  };
  return Rewriter(visit, nullptr).Operator(op, 0).status();
}

namespace {

struct Dependence {
  bool outer_row = false, nondeterministic = false;
};

Dependence DependenceOf(const LogicalOperator& op) {
  Dependence d;
  OuterReferenceRewrite note = [&](const Expression&, int level) -> Result<ExprPtr> {
    d.outer_row |= level >= 1;
    return ExprPtr();
  };
  if (!Rewriter(note, &d.nondeterministic).Operator(op, 0).ok()) d.outer_row = true;
  return d;
}

}  // namespace

bool DependsOnOuterRow(const LogicalOperator& op) {
  const Dependence d = DependenceOf(op);
  return d.outer_row || d.nondeterministic;
}

bool NondeterministicOnly(const LogicalOperator& op) {
  const Dependence d = DependenceOf(op);
  return d.nondeterministic && !d.outer_row;
}

}  // namespace sluice::plan
