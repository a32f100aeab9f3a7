// A global aggregate with DISTINCT as two aggregates, as Spark's RewriteDistinctAggregates does:
// the inner one groups by each DISTINCT aggregate's arguments (and FILTER), so that each distinct
// value is one of its groups; the outer one aggregates those values once each. Why: an aggregate
// spills its groups, not the distinct values inside one group, so `SELECT count(DISTINCT x)
// FROM t` (one group) over more values than memory holds would fail. A GROUP BY is left as it
// is: it spills by group, and its worker tables key the distinct values by group id (grouping
// by the keys and values instead took 25% more time and 35% more memory, for one distinct value
// per user and flyer over 10M rows).
// Several argument lists (count(DISTINCT a), count(DISTINCT b)): the inner aggregate has a
// grouping set per list (a row is aggregated once per list, the other lists' columns NULL), and
// the outer aggregate takes each list's rows by their grouping id (FILTER). The other
// aggregates are computed per inner group and merged by the outer one: count and count_if as a
// sum, sum as a sum, avg of numbers as a sum over a count, min, max and the boolean and bitwise
// folds as themselves. Beside any other aggregate (collect_list, stddev, ...) the aggregate is
// left as it is.
#include <algorithm>

#include "functions/function_registry.h"
#include "optimizer/optimizer.h"
#include "optimizer/plan_rewrite.h"

namespace sluice::optimizer {

using plan::AggregateCall;
using plan::ExprPtr;
using plan::LogicalOperator;
using plan::OperatorPtr;
using plan::OperatorType;
using types::TypeId;

namespace {

// How an aggregate that is not DISTINCT is merged from its values per inner group.
enum class Merge { kNone, kSum, kCount, kSelf, kAverage };

// Aggregates that DISTINCT does not change (Spark drops DISTINCT from them).
bool IgnoresDistinct(const std::string& name) {
  for (const char* n :
       {"min", "max", "bool_and", "every", "bool_or", "some", "any", "bit_and", "bit_or"})
    if (name == n) return true;
  return false;
}

Merge MergeOf(const AggregateCall& call) {
  if (call.name == "count" || call.name == "count_if") return Merge::kCount;
  if (call.name == "sum") return Merge::kSum;
  // avg of numbers (a DOUBLE) as a sum of DOUBLEs over a count, as Spark's partial average.
  if ((call.name == "avg" || call.name == "mean") && call.bound.return_type.id() == TypeId::kDouble)
    return Merge::kAverage;
  // The fold of folds: its value per inner group is of its argument's type.
  const bool same_type = call.bound.argument_types.size() == 1 &&
                         call.bound.argument_types[0] == call.bound.return_type;
  if (same_type && (IgnoresDistinct(call.name) || call.name == "bit_xor")) return Merge::kSelf;
  return Merge::kNone;
}

bool Distinct(const AggregateCall& call) {
  return call.info.distinct && !IgnoresDistinct(call.name);
}

// What a DISTINCT aggregate's values are grouped by: its arguments that are not constants,
// and its FILTER.
std::vector<ExprPtr> DistinctKey(const AggregateCall& call) {
  std::vector<ExprPtr> key;
  for (const ExprPtr& a : call.args)
    if (!a->IsConstant()) key.push_back(a);
  if (call.filter) key.push_back(call.filter);
  return key;
}

bool SameKey(const std::vector<ExprPtr>& a, const std::vector<ExprPtr>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!plan::SameExpression(*a[i], *b[i])) return false;
  return true;
}

// name(args) as the binder makes it (sum and count read no session setting).
Result<AggregateCall> CallOf(const std::string& name, std::vector<ExprPtr> args) {
  AggregateCall call;
  call.name = name;
  std::vector<functions::BindArgument> types;
  for (const ExprPtr& a : args) types.push_back({a->result_type, nullptr});
  SLUICE_ASSIGN_OR_RAISE(call.bound,
                         functions::FunctionRegistry::Builtin().FindAggregate(name)->bind(
                             functions::FunctionContext{}, types, call.info));
  for (size_t i = 0; i < args.size(); ++i)
    args[i] = plan::MakeCast(args[i], call.bound.argument_types[i]);
  call.args = std::move(args);
  return call;
}

// What the inner aggregate computes for a merged aggregate: the call itself, or for an average
// its sum of DOUBLEs and its count.
Result<std::vector<AggregateCall>> PartialsOf(const AggregateCall& call) {
  if (MergeOf(call) != Merge::kAverage) {
    AggregateCall partial = call;
    partial.info.distinct = false;
    return std::vector<AggregateCall>{partial};
  }
  SLUICE_ASSIGN_OR_RAISE(AggregateCall sum,
                         CallOf("sum", {plan::MakeCast(call.args[0], TypeId::kDouble)}));
  SLUICE_ASSIGN_OR_RAISE(AggregateCall count, CallOf("count", {call.args[0]}));
  sum.filter = count.filter = call.filter;
  return std::vector<AggregateCall>{sum, count};
}

ExprPtr BigIntConstant(int64_t value) {
  return MakeConstantOf(
      TypeId::kBigInt, [value](vector::Vector& v) { v.data<int64_t>()[0] = value; },
      std::to_string(value));
}

// The aggregate rewritten (see the top), or null when it is left as it is.
Result<OperatorPtr> RewriteAggregate(const LogicalOperator& op) {
  if (op.type != OperatorType::kAggregate || !op.groups.empty() || !op.grouping_sets.empty())
    return OperatorPtr();
  // The DISTINCT argument lists, and each aggregate's (-1: not DISTINCT, merged).
  std::vector<std::vector<ExprPtr>> keys;
  std::vector<int> key_of;
  for (const AggregateCall& call : op.aggregates) {
    if (!Distinct(call)) {
      if (MergeOf(call) == Merge::kNone) return OperatorPtr();
      key_of.push_back(-1);
      continue;
    }
    std::vector<ExprPtr> key = DistinctKey(call);
    for (const ExprPtr& e : key)
      if (!IsMovable(*e)) return OperatorPtr();
    size_t k = 0;
    while (k < keys.size() && !SameKey(keys[k], key)) ++k;
    if (k == keys.size()) keys.push_back(std::move(key));
    key_of.push_back(static_cast<int>(k));
  }
  if (keys.empty()) return OperatorPtr();
  const bool sets = keys.size() > 1;
  const bool merged = std::find(key_of.begin(), key_of.end(), -1) != key_of.end();

  // The inner aggregate: groups by each key's columns; the merged aggregates' values per group.
  auto inner = std::make_shared<LogicalOperator>();
  inner->type = OperatorType::kAggregate;
  inner->children = op.children;
  std::vector<size_t> key_start;
  for (const std::vector<ExprPtr>& key : keys) {
    // A key of constants alone (count(DISTINCT 1)) would group by nothing: one row even with no
    // input.
    if (key.empty()) return OperatorPtr();
    key_start.push_back(inner->groups.size());
    for (const ExprPtr& e : key) {
      inner->output.push_back({e->name, e->result_type, true});
      inner->groups.push_back(e);
    }
  }
  // The grouping id has a bit per group column.
  if (sets && inner->groups.size() > 62) return OperatorPtr();
  // Each key's grouping set and grouping id, then the merged aggregates' set (no column).
  std::vector<int64_t> set_ids;
  auto add_set = [&](size_t start, size_t size) {
    std::vector<size_t> set;
    int64_t id = 0;
    for (size_t g = 0; g < inner->groups.size(); ++g) {
      if (g >= start && g < start + size)
        set.push_back(g);
      else
        id |= int64_t{1} << (inner->groups.size() - 1 - g);
    }
    set_ids.push_back(id);
    inner->grouping_sets.push_back(std::move(set));
  };
  if (sets) {
    for (size_t k = 0; k < keys.size(); ++k) add_set(key_start[k], keys[k].size());
    if (merged) add_set(0, 0);
  }
  for (size_t a = 0; a < op.aggregates.size(); ++a) {
    if (key_of[a] >= 0) continue;
    SLUICE_ASSIGN_OR_RAISE(std::vector<AggregateCall> partials, PartialsOf(op.aggregates[a]));
    for (AggregateCall& partial : partials) {
      inner->output.push_back({op.output[a].name, partial.bound.return_type, true});
      inner->aggregates.push_back(std::move(partial));
    }
  }
  const size_t grouping_id = inner->output.size();
  if (sets) inner->output.push_back({"spark_grouping_id", TypeId::kBigInt, false});
  auto column = [&](size_t i) {
    return plan::MakeColumn(i, inner->output[i].type, inner->output[i].name);
  };
  // Whether a row is of grouping set `s`: grouping id = set_ids[s].
  std::vector<ExprPtr> of_set;
  for (int64_t id : set_ids) {
    of_set.push_back(MakeBinaryCall("=", {column(grouping_id), BigIntConstant(id)}));
    if (!of_set.back()) return OperatorPtr();
  }

  // The outer aggregate: each aggregate over its values. A projection above casts merged sums
  // back to their type, makes a count of no rows 0 and divides an average's sum by its count.
  auto outer = std::make_shared<LogicalOperator>();
  outer->type = OperatorType::kAggregate;
  outer->children = {inner};
  auto add = [&](AggregateCall call, const std::string& name) {
    const ExprPtr result = plan::MakeColumn(outer->output.size(), call.bound.return_type, name);
    outer->output.push_back({name, call.bound.return_type, true});
    outer->aggregates.push_back(std::move(call));
    return result;
  };
  std::vector<ExprPtr> finals;
  size_t next_merged = inner->groups.size();
  for (size_t a = 0; a < op.aggregates.size(); ++a) {
    const AggregateCall& call = op.aggregates[a];
    const types::Field& field = op.output[a];
    const Merge merge = MergeOf(call);
    ExprPtr result;
    if (key_of[a] >= 0) {
      const size_t k = static_cast<size_t>(key_of[a]);
      AggregateCall outer_call = call;
      outer_call.info.distinct = false;
      size_t i = key_start[k];
      for (ExprPtr& arg : outer_call.args)
        if (!arg->IsConstant()) arg = column(i++);
      std::vector<ExprPtr> conditions;
      if (call.filter) conditions.push_back(column(i));
      if (sets) conditions.push_back(of_set[k]);
      outer_call.filter = MakeAnd(conditions);
      result = add(std::move(outer_call), field.name);
    } else if (merge == Merge::kSelf) {
      AggregateCall outer_call = call;
      outer_call.args = {column(next_merged++)};
      outer_call.filter = sets ? of_set.back() : nullptr;
      result = add(std::move(outer_call), field.name);
    } else {
      // Sums of the values per inner group (two for an average: its sum and its count).
      std::vector<ExprPtr> sums;
      for (int n = merge == Merge::kAverage ? 2 : 1; n > 0; --n) {
        SLUICE_ASSIGN_OR_RAISE(AggregateCall sum, CallOf("sum", {column(next_merged++)}));
        sum.filter = sets ? of_set.back() : nullptr;
        sums.push_back(add(std::move(sum), field.name));
      }
      result = sums[0];
      // No rows (a global aggregate of nothing): the count is 0, not the sum's NULL.
      if (merge == Merge::kCount)
        result = plan::MakeNode(plan::ExprType::kCoalesce, result->result_type,
                                {result, BigIntConstant(0)}, field.name);
      if (merge == Merge::kAverage) {
        // NULL for no rows: the count's sum is NULL then, and 0 when every value was NULL.
        ExprPtr none = MakeBinaryCall("=", {sums[1], BigIntConstant(0)});
        ExprPtr quotient = MakeBinaryCall("/", {sums[0], plan::MakeCast(sums[1], TypeId::kDouble)});
        if (!none || !quotient) return OperatorPtr();
        result =
            plan::MakeNode(plan::ExprType::kCase, TypeId::kDouble,
                           {none,
                            MakeConstantOf(
                                TypeId::kDouble, [](vector::Vector& v) { v.SetNull(0); }, "NULL"),
                            quotient},
                           field.name);
      }
    }
    if (result->result_type != field.type) result = plan::MakeCast(result, field.type);
    finals.push_back(result);
  }
  auto projection = std::make_shared<LogicalOperator>();
  projection->type = OperatorType::kProject;
  projection->children = {outer};
  projection->expressions = std::move(finals);
  projection->output = op.output;
  return OperatorPtr(projection);
}

Result<OperatorPtr> Rewrite(const OperatorPtr& op) {
  // An operator every reference shares (a CTE run once) stays the one object they share.
  if (op->shared_result) return op;
  SLUICE_ASSIGN_OR_RAISE(OperatorPtr out, RewriteChildren(op, Rewrite));
  SLUICE_ASSIGN_OR_RAISE(OperatorPtr rewritten, RewriteAggregate(*out));
  return rewritten ? rewritten : out;
}

}  // namespace

Result<OperatorPtr> RewriteDistinctAggregates(const OperatorPtr& plan) { return Rewrite(plan); }

}  // namespace sluice::optimizer
