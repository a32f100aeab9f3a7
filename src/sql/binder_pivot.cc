// PIVOT and UNPIVOT: rewritten into the operators that compute them. PIVOT is an
// aggregation grouped by the input columns it does not mention, with one aggregate per
// (value, aggregate expression) restricted to the rows whose pivot column equals the value;
// UNPIVOT is a UNION ALL of one projection per source column (NULL values dropped unless
// INCLUDE NULLS).
#include <algorithm>
#include <set>

#include "common/text.h"
#include "functions/type_coercion.h"
#include "sql/binder_impl.h"
#include "vector/value_formatter.h"

namespace sluice::sql {

using plan::LogicalOperator;
using plan::OperatorType;
using types::LogicalType;
using types::TypeId;

namespace {

// The lower-case names of the columns an AST expression reads.
void CollectColumnNames(const Expr& e, std::set<std::string>& names) {
  if (e.kind == ExprKind::kColumnRef) names.insert(AsciiLower(e.As<ColumnRef>().name.back()));
  if (e.kind == ExprKind::kFunctionCall) {
    for (const sql::ExprPtr& a : e.As<FunctionCall>().args) CollectColumnNames(*a, names);
    if (e.As<FunctionCall>().filter) CollectColumnNames(*e.As<FunctionCall>().filter, names);
  } else if (e.kind == ExprKind::kBinary) {
    CollectColumnNames(*e.As<Binary>().left, names);
    CollectColumnNames(*e.As<Binary>().right, names);
  } else if (e.kind == ExprKind::kUnary) {
    CollectColumnNames(*e.As<Unary>().operand, names);
  } else if (e.kind == ExprKind::kCast) {
    CollectColumnNames(*e.As<Cast>().operand, names);
  } else if (e.kind == ExprKind::kCase) {
    const Case& c = e.As<Case>();
    if (c.operand) CollectColumnNames(*c.operand, names);
    for (const auto& [w, t] : c.whens) {
      CollectColumnNames(*w, names);
      CollectColumnNames(*t, names);
    }
    if (c.else_result) CollectColumnNames(*c.else_result, names);
  }
}

BoundPtr MakeAnd(BoundPtr a, BoundPtr b) {
  if (!a) return b;
  auto e = std::make_shared<plan::Expression>();
  e->type = plan::ExprType::kAnd;
  e->result_type = TypeId::kBoolean;
  e->name = "(" + a->name + " AND " + b->name + ")";
  e->children = {std::move(a), std::move(b)};
  return e;
}

}  // namespace

Result<Binder::BoundRelation> Binder::BindPivot(const Pivot& p, BoundRelation input) {
  ExprContext plain;
  plain.scope = &input.scope;
  // The pivot columns.
  std::vector<BoundPtr> pivot_columns;
  std::set<std::string> used;
  for (const std::vector<std::string>& name : p.columns) {
    ColumnRef ref(p.pos);
    ref.name = name;
    SLUICE_ASSIGN_OR_RAISE(BoundPtr c, BindExpr(ref, plain));
    pivot_columns.push_back(c);
    used.insert(AsciiLower(name.back()));
  }
  for (const AliasedExpr& a : p.aggregates) CollectColumnNames(*a.expr, used);
  // Group by every other input column.
  AggregationContext aggregation;
  for (const ScopeColumn& c : input.scope.columns) {
    if (c.hidden || used.count(AsciiLower(c.name))) continue;
    BoundPtr g = plan::MakeColumn(c.index, c.type, c.name);
    aggregation.groups.push_back(g);
    aggregation.group_keys.push_back(Fingerprint(*g));
  }
  ExprContext agg_ctx;
  agg_ctx.scope = &input.scope;
  agg_ctx.aggregation = &aggregation;
  std::vector<std::pair<std::string, BoundPtr>> outputs;
  for (const AliasedExpr& value : p.values) {
    // The value (a constant, or a tuple for several pivot columns) as one condition.
    std::vector<BoundPtr> parts;
    const bool one_struct = pivot_columns.size() == 1 &&
                            pivot_columns[0]->result_type.id() == TypeId::kStruct &&
                            value.expr->kind == ExprKind::kRow;
    if (one_struct) {
      // FOR s IN ((1, 'a'), ...): a tuple is a value of the one struct column.
      SLUICE_ASSIGN_OR_RAISE(BoundPtr v,
                             BindStruct(value.expr->As<Row>().items, plain, value.pos, true));
      SLUICE_ASSIGN_OR_RAISE(v, Fold(plan::MakeCast(v, pivot_columns[0]->result_type)));
      parts.push_back(v);
    } else if (value.expr->kind == ExprKind::kRow) {
      for (const sql::ExprPtr& item : value.expr->As<Row>().items) {
        SLUICE_ASSIGN_OR_RAISE(BoundPtr v, BindExpr(*item, plain));
        parts.push_back(v);
      }
    } else {
      SLUICE_ASSIGN_OR_RAISE(BoundPtr v, BindExpr(*value.expr, plain));
      parts.push_back(v);
    }
    if (parts.size() != pivot_columns.size())
      return ErrorAt(value.pos, "PIVOT_VALUE_DATA_TYPE_MISMATCH",
                     "Invalid pivot value: the value has " + std::to_string(parts.size()) +
                         " parts for " + std::to_string(pivot_columns.size()) + " pivot columns.");
    BoundPtr condition;
    std::string value_name;
    for (size_t i = 0; i < parts.size(); ++i) {
      if (!parts[i]->IsConstant())
        return ErrorAt(
            value.pos, "NON_LITERAL_PIVOT_VALUES",
            "Literal expressions required for pivot values, found \"" + parts[i]->name + "\".");
      SLUICE_ASSIGN_OR_RAISE(BoundPtr eq,
                             CallFunction("<=>", {pivot_columns[i], parts[i]}, value.pos));
      condition = MakeAnd(condition, eq);
      // Spark names a column by the value cast to a string ("null" for NULL), a tuple of
      // values as the struct they make: {dotNET, 2012}.
      const vector::Vector& v = *parts[i]->constant;
      value_name += (i ? ", " : "") +
                    (v.IsNull(0) ? std::string("null")
                                 : vector::FormatValue(v, 0, *ctx_.zone, vector::TextStyle::kCast));
    }
    if (parts.size() > 1) value_name = "{" + value_name + "}";
    if (!value.alias.empty()) value_name = value.alias;
    for (const AliasedExpr& a : p.aggregates) {
      if (!ExprHasAggregate(*a.expr))
        return ErrorAt(a.pos, "NON_AGGREGATE_EXPRESSION_IN_PIVOT",
                       "Non-aggregate expression \"" + AutoName(*a.expr, text_) +
                           "\" in PIVOT: it must be an aggregate.");
      pivot_filter_ = condition;
      Result<BoundPtr> bound = BindExpr(*a.expr, agg_ctx);
      pivot_filter_ = nullptr;
      SLUICE_RETURN_NOT_OK(bound.status());
      std::string name = value_name;
      if (p.aggregates.size() > 1) name += "_" + (a.alias.empty() ? (*bound)->name : a.alias);
      outputs.emplace_back(name, *bound);
    }
  }
  auto agg = NewOperator(OperatorType::kAggregate, {input.op});
  agg->groups = aggregation.groups;
  agg->aggregates = aggregation.aggregates;
  for (const BoundPtr& g : aggregation.groups)
    agg->output.push_back({g->name, g->result_type, true});
  for (const plan::AggregateCall& c : aggregation.aggregates)
    agg->output.push_back({c.name, c.bound.return_type, true});
  auto project = NewOperator(OperatorType::kProject, {agg});
  BoundRelation out;
  const size_t groups = aggregation.groups.size();
  for (size_t g = 0; g < groups; ++g) {
    project->expressions.push_back(
        plan::MakeColumn(g, aggregation.groups[g]->result_type, aggregation.groups[g]->name));
    project->output.push_back(
        {aggregation.groups[g]->name, aggregation.groups[g]->result_type, true});
    out.scope.columns.push_back(
        {"", aggregation.groups[g]->name, aggregation.groups[g]->result_type, g});
  }
  for (auto& [name, e] : outputs) {
    BoundPtr remapped = RemapMarkers(e, groups, agg->output.size(), agg->output.size());
    out.scope.columns.push_back({"", name, remapped->result_type, project->expressions.size()});
    project->expressions.push_back(remapped);
    project->output.push_back({name, remapped->result_type, true});
  }
  out.op = project;
  return ApplyAlias(std::move(out), p.alias, p.pos);
}

Result<Binder::BoundRelation> Binder::BindUnpivot(const Unpivot& u, BoundRelation input) {
  ExprContext plain;
  plain.scope = &input.scope;
  std::set<size_t> source_indexes;
  // Each source: its columns bound, and its name.
  std::vector<std::vector<BoundPtr>> sources;
  std::vector<std::string> names;
  for (const Unpivot::Source& s : u.sources) {
    std::vector<BoundPtr> columns;
    std::string name;
    for (const std::vector<std::string>& c : s.columns) {
      ColumnRef ref(s.pos);
      ref.name = c;
      SLUICE_ASSIGN_OR_RAISE(BoundPtr bound, BindExpr(ref, plain));
      source_indexes.insert(bound->column_index);
      columns.push_back(bound);
      name += (name.empty() ? "" : "_") + c.back();
    }
    if (columns.size() != u.value_columns.size())
      return ErrorAt(
          s.pos, "UNPIVOT_VALUE_SIZE_MISMATCH",
          "All unpivot value columns must have the same size as there are value column names (" +
              std::to_string(u.value_columns.size()) + ").");
    sources.push_back(columns);
    names.push_back(s.alias.empty() ? name : s.alias);
  }
  // A common type per value column.
  std::vector<LogicalType> types;
  for (size_t v = 0; v < u.value_columns.size(); ++v) {
    std::vector<LogicalType> candidates;
    for (const auto& s : sources) candidates.push_back(s[v]->result_type);
    std::optional<LogicalType> t = functions::WiderType(candidates);
    if (!t)
      return ErrorAt(u.pos, "UNPIVOT_VALUE_DATA_TYPE_MISMATCH",
                     "Unpivot value columns must share a least common type.");
    types.push_back(*t);
  }
  std::vector<const ScopeColumn*> kept;
  for (const ScopeColumn& c : input.scope.columns)
    if (!c.hidden && !source_indexes.count(c.index)) kept.push_back(&c);
  plan::OperatorPtr result;
  for (size_t s = 0; s < sources.size(); ++s) {
    auto project = NewOperator(OperatorType::kProject, {input.op});
    for (const ScopeColumn* c : kept) {
      project->expressions.push_back(plan::MakeColumn(c->index, c->type, c->name));
      project->output.push_back({c->name, c->type, true});
    }
    auto name = std::make_shared<vector::Vector>(*vector::Vector::Make(TypeId::kString, 1));
    name->data<vector::StringRef>()[0] = name->heap().Add(names[s]);
    project->expressions.push_back(plan::MakeConstant(name, "'" + names[s] + "'"));
    project->output.push_back({u.name_column, TypeId::kString, true});
    BoundPtr any_value;
    for (size_t v = 0; v < types.size(); ++v) {
      BoundPtr value = plan::MakeCast(sources[s][v], types[v]);
      project->expressions.push_back(value);
      project->output.push_back({u.value_columns[v], types[v], true});
    }
    plan::OperatorPtr part = project;
    if (!u.include_nulls) {
      // Drop rows whose value columns are all NULL.
      BoundPtr any_not_null;
      for (size_t v = 0; v < types.size(); ++v) {
        const size_t at = kept.size() + 1 + v;
        auto test = std::make_shared<plan::Expression>();
        test->type = plan::ExprType::kIsNotNull;
        test->result_type = TypeId::kBoolean;
        test->children = {plan::MakeColumn(at, types[v], u.value_columns[v])};
        if (!any_not_null) {
          any_not_null = test;
        } else {
          auto either = std::make_shared<plan::Expression>();
          either->type = plan::ExprType::kOr;
          either->result_type = TypeId::kBoolean;
          either->children = {any_not_null, test};
          any_not_null = either;
        }
      }
      auto filter = NewOperator(OperatorType::kFilter, {part});
      filter->condition = any_not_null;
      filter->output = project->output;
      part = filter;
    }
    if (!result) {
      result = part;
    } else {
      auto union_all = NewOperator(OperatorType::kSetOperation, {result, part});
      union_all->set_kind = plan::SetOperationKind::kUnion;
      union_all->set_all = true;
      union_all->output = project->output;
      result = union_all;
    }
  }
  BoundRelation out;
  out.op = result;
  size_t i = 0;
  for (const types::Field& f : result->output)
    out.scope.columns.push_back({"", f.name, f.type, i++});
  return ApplyAlias(std::move(out), u.alias, u.pos);
}

}  // namespace sluice::sql
