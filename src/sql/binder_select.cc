// SELECT: FROM, LATERAL VIEW, WHERE, GROUP BY (ordinals, aliases, ALL, ROLLUP, CUBE,
// GROUPING SETS), HAVING, window functions, QUALIFY, the select list (*, t.*, * EXCEPT),
// DISTINCT and an ORDER BY that may read columns the select list does not show.
#include <algorithm>

#include "functions/kernel_util.h"
#include "sql/binder_impl.h"

namespace sluice::sql {

using plan::LogicalOperator;
using plan::OperatorType;
using types::LogicalType;
using types::TypeId;

namespace {

// One output column of the select list before binding: an AST expression, or a column of
// the FROM scope expanded from a star.
struct SelectColumn {
  const Expr* expr = nullptr;
  std::optional<size_t> scope_column;
  std::string name;
  std::vector<std::string> generator_aliases;
  SourcePos pos;
  bool explicit_alias = false;  // AS name
};

// Every subset of `items` from the full set to the empty one (CUBE), in Spark's order.
std::vector<std::vector<size_t>> Cube(const std::vector<std::vector<size_t>>& items) {
  std::vector<std::vector<size_t>> sets;
  const size_t n = items.size();
  for (size_t mask = (size_t{1} << n); mask-- > 0;) {
    std::vector<size_t> set;
    for (size_t i = 0; i < n; ++i)
      if (mask & (size_t{1} << (n - 1 - i)))
        set.insert(set.end(), items[i].begin(), items[i].end());
    sets.push_back(set);
  }
  return sets;
}

std::vector<std::vector<size_t>> Rollup(const std::vector<std::vector<size_t>>& items) {
  std::vector<std::vector<size_t>> sets;
  for (size_t k = items.size() + 1; k-- > 0;) {
    std::vector<size_t> set;
    for (size_t i = 0; i < k; ++i) set.insert(set.end(), items[i].begin(), items[i].end());
    sets.push_back(set);
  }
  return sets;
}

}  // namespace

Result<Binder::BoundRelation> Binder::BindSelect(const SelectTerm& s, const Query* query) {
  // FROM
  BoundRelation input;
  if (s.from.empty()) {
    auto one = NewOperator(OperatorType::kValues);
    auto batches = std::make_shared<std::vector<vector::Batch>>();
    SLUICE_ASSIGN_OR_RAISE(vector::Batch b,
                           vector::Batch::Make(std::make_shared<types::Schema>(), 1));
    b.set_num_rows(1);
    batches->push_back(std::move(b));
    one->rows = batches;
    input.op = one;
  } else {
    for (size_t i = 0; i < s.from.size(); ++i) {
      if (i == 0) {
        SLUICE_ASSIGN_OR_RAISE(input, BindRelation(*s.from[0]));
        continue;
      }
      // a, b: a cross join.
      JoinRelation j(s.from[i]->pos);
      j.join_type = JoinType::kCross;
      SLUICE_ASSIGN_OR_RAISE(BoundRelation right, BindRelation(*s.from[i]));
      Scope combined = input.scope;
      const size_t left_width = input.op->output.size();
      for (ScopeColumn c : right.scope.columns) {
        c.index += left_width;
        combined.columns.push_back(c);
      }
      auto join = NewOperator(OperatorType::kJoin, {input.op, right.op});
      join->join_kind = plan::JoinKind::kCross;
      join->output = input.op->output;
      for (const types::Field& f : right.op->output) join->output.push_back(f);
      input.op = join;
      input.scope = combined;
    }
  }
  for (const LateralView& v : s.lateral_views) {
    SLUICE_ASSIGN_OR_RAISE(input, BindLateralView(std::move(input), v));
  }
  if (s.pivot) {
    SLUICE_ASSIGN_OR_RAISE(input, BindPivot(*s.pivot, std::move(input)));
  }
  if (s.unpivot) {
    SLUICE_ASSIGN_OR_RAISE(input, BindUnpivot(*s.unpivot, std::move(input)));
  }

  ExprContext where_ctx;
  where_ctx.scope = &input.scope;
  if (s.where) {
    // An aggregate here may be the enclosing aggregate query's (BindOuterAggregate).
    const bool outer_aggregates =
        enclosing_ctx != nullptr && enclosing_ctx->having && !enclosing_ctx->inside_aggregate;
    if (ExprHasAggregate(*s.where) && !outer_aggregates)
      return ErrorAt(
          s.where->pos, "INVALID_WHERE_CONDITION",
          "The WHERE condition contains aggregate or window functions, which are not allowed.");
    SLUICE_ASSIGN_OR_RAISE(BoundPtr condition, BindExpr(*s.where, where_ctx));
    auto filter = NewOperator(OperatorType::kFilter, {input.op});
    filter->condition = plan::MakeCast(condition, TypeId::kBoolean);
    filter->output = input.op->output;
    input.op = filter;
  }

  // A generator in the select list (one at most) runs after WHERE, or in an aggregate query
  // after the aggregation (its argument is then a select column); its columns take the
  // item's place.
  const SelectItem* generator = nullptr;
  const FunctionCall* generator_call = nullptr;
  bool generate_last = false;
  const size_t generator_first = input.scope.columns.size();
  for (const SelectItem& item : s.items) {
    const Expr* e = item.expr.get();
    if (e->kind == ExprKind::kAlias) e = e->As<Alias>().expr.get();
    if (e->kind != ExprKind::kFunctionCall || e->As<FunctionCall>().over ||
        !IsGeneratorName(e->As<FunctionCall>().name.back()))
      continue;
    if (generator != nullptr)
      return ErrorAt(item.pos, "UNSUPPORTED_GENERATOR.MULTI_GENERATOR",
                     "The generator is not supported: only one generator allowed per SELECT "
                     "clause.");
    generator = &item;
    const FunctionCall& call = e->As<FunctionCall>();
    generator_call = &call;
    generate_last = s.group_by != nullptr || s.having != nullptr;
    for (const SelectItem& other : s.items) generate_last |= ExprHasAggregate(*other.expr);
    if (generate_last) {
      if (s.distinct || (query && !query->order_by.empty()) || call.args.size() != 1)
        return ErrorAt(item.pos, "UNSUPPORTED_FEATURE",
                       "A generator in an aggregate query with DISTINCT or ORDER BY, or stack() "
                       "there, is not supported yet; aggregate in a subquery.");
      continue;
    }
    ExprContext generator_ctx;
    generator_ctx.scope = &input.scope;
    SLUICE_ASSIGN_OR_RAISE(BoundGenerator g,
                           BindGenerator(call.name.back(), call.args, generator_ctx, item.pos));
    std::vector<std::string> names = item.aliases;
    if (names.empty() && !item.alias.empty()) names = {item.alias};
    SLUICE_ASSIGN_OR_RAISE(input, AddGenerate(std::move(input), g, "", names, item.pos));
  }

  // The select list with stars expanded.
  std::vector<SelectColumn> columns;
  size_t generator_column = 0;  // generate_last: the column holding the generator's argument
  for (const SelectItem& item : s.items) {
    if (&item == generator && generate_last) {
      generator_column = columns.size();
      columns.push_back({generator_call->args[0].get(), std::nullopt, "col", {}, item.pos});
      continue;
    }
    if (&item == generator) {
      for (size_t i = generator_first; i < input.scope.columns.size(); ++i)
        columns.push_back({nullptr, i, input.scope.columns[i].name, {}, item.pos});
      continue;
    }
    if (item.expr->kind == ExprKind::kStar) {
      const Star& star = item.expr->As<Star>();
      bool any = false;
      // t.* lists t's columns in t's order (a USING join moves its keys first).
      std::vector<size_t> order(input.scope.columns.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = i;
      if (!star.qualifier.empty())
        std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
          return input.scope.columns[a].source_order < input.scope.columns[b].source_order;
        });
      for (size_t i : order) {
        if (i >= generator_first) continue;  // the select list's generator is shown once
        const ScopeColumn& c = input.scope.columns[i];
        if (star.qualifier.empty()
                ? c.hidden
                : !types::SameColumnName(c.qualifier, star.qualifier.back(), ctx_.case_sensitive))
          continue;
        any = true;
        bool excluded = false;
        for (const auto& except : star.except)
          excluded |= types::SameColumnName(except.back(), c.name, ctx_.case_sensitive);
        if (!excluded) columns.push_back({nullptr, i, c.name, {}, item.pos});
      }
      if (!any && !star.qualifier.empty())
        return ErrorAt(item.pos, "CANNOT_RESOLVE_STAR_EXPAND",
                       "Cannot resolve `" + star.qualifier.back() + ".*` given input columns.");
      continue;
    }
    std::string name = item.alias.empty() ? AutoName(*item.expr, text_) : item.alias;
    columns.push_back(
        {item.expr.get(), std::nullopt, name, item.aliases, item.pos, !item.alias.empty()});
  }
  std::vector<std::pair<std::string, const Expr*>> aliases;
  for (const SelectColumn& c : columns)
    if (c.expr != nullptr) aliases.emplace_back(c.name, c.expr);

  // Aggregation?
  bool aggregating = s.group_by != nullptr;
  for (const SelectColumn& c : columns) aggregating |= c.expr && ExprHasAggregate(*c.expr);
  if (s.having) aggregating |= true;
  if (query)
    for (const SortItem& item : query->order_by) aggregating |= ExprHasAggregate(*item.expr);

  AggregationContext aggregation;
  std::vector<std::vector<size_t>> grouping_sets;
  if (aggregating && s.group_by) {
    const GroupBy& g = *s.group_by;
    ExprContext plain;
    plain.scope = &input.scope;
    // Binds one GROUP BY expression: an ordinal, a select alias, or an expression.
    auto bind_group = [&](const Expr& e) -> Result<size_t> {
      BoundPtr bound;
      if (e.kind == ExprKind::kLiteral && e.As<Literal>().number_type == TypeId::kInt &&
          settings_.group_by_ordinal) {
        const int64_t ordinal = std::stoll(e.As<Literal>().text);
        if (std::any_of(s.items.begin(), s.items.end(),
                        [](const SelectItem& i) { return i.expr->kind == ExprKind::kStar; }))
          return ErrorAt(e.pos, "STAR_GROUP_BY_POS",
                         "Star (*) is not allowed in a select list when GROUP BY an ordinal "
                         "position is used.");
        if (ordinal < 1 || ordinal > static_cast<int64_t>(columns.size()))
          return ErrorAt(e.pos, "GROUP_BY_POS_OUT_OF_RANGE",
                         "GROUP BY position " + std::to_string(ordinal) +
                             " is not in select list (valid range is [1, " +
                             std::to_string(columns.size()) + "]).");
        const SelectColumn& c = columns[ordinal - 1];
        if (c.expr && ExprHasAggregate(*c.expr))
          return ErrorAt(e.pos, "GROUP_BY_POS_AGGREGATE",
                         "GROUP BY " + std::to_string(ordinal) +
                             " refers to an expression that contains an aggregate function.");
        if (c.scope_column) {
          const ScopeColumn& sc = input.scope.columns[*c.scope_column];
          bound = plan::MakeColumn(sc.index, sc.type, sc.name);
        } else {
          SLUICE_ASSIGN_OR_RAISE(bound, BindExpr(*c.expr, plain));
        }
      } else {
        Result<BoundPtr> r = BindExpr(e, plain);
        if (!r.ok() && e.kind == ExprKind::kColumnRef && settings_.group_by_aliases) {
          ExprContext with_aliases = plain;
          with_aliases.aliases = &aliases;
          r = BindExpr(e, with_aliases);
        }
        SLUICE_RETURN_NOT_OK(r.status());
        bound = *r;
      }
      const std::string key = Fingerprint(*bound);
      auto it = std::find(aggregation.group_keys.begin(), aggregation.group_keys.end(), key);
      if (it != aggregation.group_keys.end())
        return static_cast<size_t>(it - aggregation.group_keys.begin());
      aggregation.groups.push_back(bound);
      aggregation.group_keys.push_back(key);
      return aggregation.groups.size() - 1;
    };
    std::function<Result<std::vector<std::vector<size_t>>>(const GroupingElement&)> expand =
        [&](const GroupingElement& el) -> Result<std::vector<std::vector<size_t>>> {
      switch (el.kind) {
        case GroupingKind::kExpr: {
          SLUICE_ASSIGN_OR_RAISE(size_t p, bind_group(*el.expr));
          return std::vector<std::vector<size_t>>{{p}};
        }
        case GroupingKind::kSet: {
          std::vector<size_t> set;
          for (const sql::ExprPtr& e : el.set) {
            SLUICE_ASSIGN_OR_RAISE(size_t p, bind_group(*e));
            set.push_back(p);
          }
          return std::vector<std::vector<size_t>>{set};
        }
        case GroupingKind::kRollup:
        case GroupingKind::kCube: {
          std::vector<std::vector<size_t>> items;
          for (const GroupingElement& c : el.children) {
            SLUICE_ASSIGN_OR_RAISE(auto sets, expand(c));
            std::vector<size_t> flat;
            for (const auto& set : sets) flat.insert(flat.end(), set.begin(), set.end());
            items.push_back(flat);
          }
          return el.kind == GroupingKind::kCube ? Cube(items) : Rollup(items);
        }
        case GroupingKind::kGroupingSets: {
          std::vector<std::vector<size_t>> sets;
          for (const GroupingElement& c : el.children) {
            SLUICE_ASSIGN_OR_RAISE(auto inner, expand(c));
            if (c.kind == GroupingKind::kExpr || c.kind == GroupingKind::kSet) {
              std::vector<size_t> flat;
              for (const auto& set : inner) flat.insert(flat.end(), set.begin(), set.end());
              sets.push_back(flat);
            } else {
              sets.insert(sets.end(), inner.begin(), inner.end());
            }
          }
          return sets;
        }
      }
      return std::vector<std::vector<size_t>>{};
    };
    // GROUP BY ALL, unless a column is named `all` (then it groups by that column).
    const bool all_column = std::any_of(
        input.scope.columns.begin(), input.scope.columns.end(), [&](const ScopeColumn& c) {
          return !c.hidden && types::SameColumnName(c.name, "all", ctx_.case_sensitive);
        });
    if (g.all && all_column) {
      ColumnRef all(s.pos);
      all.name = {"all"};
      SLUICE_ASSIGN_OR_RAISE(BoundPtr bound, BindExpr(all, plain));
      aggregation.groups.push_back(bound);
      aggregation.group_keys.push_back(Fingerprint(*bound));
    } else if (g.all) {
      for (const SelectColumn& c : columns) {
        if (c.expr && ExprHasAggregate(*c.expr)) continue;
        if (c.scope_column) {
          const ScopeColumn& sc = input.scope.columns[*c.scope_column];
          BoundPtr bound = plan::MakeColumn(sc.index, sc.type, sc.name);
          aggregation.groups.push_back(bound);
          aggregation.group_keys.push_back(Fingerprint(*bound));
        } else {
          SLUICE_ASSIGN_OR_RAISE(BoundPtr bound, BindExpr(*c.expr, plain));
          aggregation.groups.push_back(bound);
          aggregation.group_keys.push_back(Fingerprint(*bound));
        }
      }
    }
    // Plain items multiply with the grouping-set items (a cross product of their sets).
    std::vector<std::vector<size_t>> product = {{}};
    bool any_sets = false;
    auto multiply = [&](const std::vector<std::vector<size_t>>& sets) {
      std::vector<std::vector<size_t>> next;
      for (const auto& a : product)
        for (const auto& b : sets) {
          std::vector<size_t> set = a;
          set.insert(set.end(), b.begin(), b.end());
          next.push_back(set);
        }
      product = std::move(next);
    };
    for (const GroupingElement& el : g.items) {
      SLUICE_ASSIGN_OR_RAISE(auto sets, expand(el));
      any_sets |= el.kind != GroupingKind::kExpr;
      multiply(sets);
    }
    if (g.modifier != GroupBy::Modifier::kNone) {
      std::vector<std::vector<size_t>> items;
      for (const GroupingElement& el : g.items) {
        SLUICE_ASSIGN_OR_RAISE(auto sets, expand(el));
        items.push_back(sets[0]);
      }
      any_sets = true;
      if (g.modifier == GroupBy::Modifier::kWithRollup) {
        product = Rollup(items);
      } else if (g.modifier == GroupBy::Modifier::kWithCube) {
        product = Cube(items);
      } else {
        product.clear();
        for (const GroupingElement& el : g.sets) {
          SLUICE_ASSIGN_OR_RAISE(auto sets, expand(el));
          product.insert(product.end(), sets.begin(), sets.end());
        }
      }
    }
    if (any_sets) {
      grouping_sets = product;
      aggregation.grouping_sets = true;
    }
  }

  WindowContext windows;
  windows.named = &s.windows;
  if (query && !query->windows.empty()) windows.named = &query->windows;
  ExprContext select_ctx;
  select_ctx.scope = &input.scope;
  select_ctx.aggregation = aggregating ? &aggregation : nullptr;
  select_ctx.windows = &windows;

  // Bind the select list. A name neither the FROM clause nor an enclosing query has may be
  // an earlier item's alias (Spark's lateral column aliases).
  std::vector<BoundPtr> outputs;
  std::vector<std::pair<std::string, const Expr*>> lateral;
  for (const SelectColumn& c : columns) {
    ExprContext item_ctx = select_ctx;
    item_ctx.aliases = &lateral;
    if (c.scope_column) {
      const ScopeColumn& sc = input.scope.columns[*c.scope_column];
      if (aggregating) {
        ColumnRef ref(c.pos);
        if (!sc.qualifier.empty()) ref.name.push_back(sc.qualifier);
        ref.name.push_back(sc.name);
        SLUICE_ASSIGN_OR_RAISE(BoundPtr e, BindExpr(ref, select_ctx));
        outputs.push_back(e);
      } else {
        outputs.push_back(plan::MakeColumn(sc.index, sc.type, sc.name));
      }
      continue;
    }
    SLUICE_ASSIGN_OR_RAISE(BoundPtr e, BindExpr(*c.expr, item_ctx));
    outputs.push_back(e);
    if (c.explicit_alias) lateral.emplace_back(c.name, c.expr);
  }
  BoundPtr having;
  if (s.having) {
    ExprContext having_ctx = select_ctx;
    having_ctx.aliases = &aliases;
    having_ctx.windows = nullptr;
    having_ctx.having = true;
    SLUICE_ASSIGN_OR_RAISE(having, BindExpr(*s.having, having_ctx));
    having = plan::MakeCast(having, TypeId::kBoolean);
  }
  BoundPtr qualify;
  if (s.qualify) {
    ExprContext qualify_ctx = select_ctx;
    qualify_ctx.aliases = &aliases;
    qualify_ctx.aliases_in_windows = true;
    SLUICE_ASSIGN_OR_RAISE(qualify, BindExpr(*s.qualify, qualify_ctx));
    qualify = plan::MakeCast(qualify, TypeId::kBoolean);
  }
  // ORDER BY: select columns by ordinal or name, else expressions over the input (hidden).
  std::vector<plan::SortKey> sort_keys;
  std::vector<BoundPtr> hidden;
  if (query) {
    for (const SortItem& item : query->order_by) {
      const bool nulls_first = item.nulls_first.value_or(!item.descending);
      const Expr& e = *item.expr;
      if (e.kind == ExprKind::kLiteral && e.As<Literal>().number_type == TypeId::kInt &&
          settings_.order_by_ordinal) {
        const int64_t ordinal = std::stoll(e.As<Literal>().text);
        if (ordinal < 1 || ordinal > static_cast<int64_t>(outputs.size()))
          return ErrorAt(e.pos, "ORDER_BY_POS_OUT_OF_RANGE",
                         "ORDER BY position " + std::to_string(ordinal) +
                             " is not in select list (valid range is [1, " +
                             std::to_string(outputs.size()) + "]).");
        sort_keys.push_back({plan::MakeColumn(ordinal - 1, outputs[ordinal - 1]->result_type,
                                              columns[ordinal - 1].name),
                             item.descending, nulls_first});
        continue;
      }
      if (e.kind == ExprKind::kColumnRef && e.As<ColumnRef>().name.size() == 1) {
        std::optional<size_t> match;
        for (size_t i = 0; i < columns.size(); ++i)
          if (types::SameColumnName(columns[i].name, e.As<ColumnRef>().name[0],
                                    ctx_.case_sensitive) &&
              !match)
            match = i;
        if (match) {
          sort_keys.push_back(
              {plan::MakeColumn(*match, outputs[*match]->result_type, columns[*match].name),
               item.descending, nulls_first});
          continue;
        }
      }
      ExprContext order_ctx = select_ctx;
      order_ctx.aliases = &aliases;
      SLUICE_ASSIGN_OR_RAISE(BoundPtr key, BindExpr(e, order_ctx));
      // An expression equal to a select column sorts by that column.
      const std::string fp = Fingerprint(*key);
      std::optional<size_t> same;
      for (size_t i = 0; i < outputs.size() && !same; ++i)
        if (Fingerprint(*outputs[i]) == fp) same = i;
      if (same) {
        sort_keys.push_back(
            {plan::MakeColumn(*same, key->result_type, key->name), item.descending, nulls_first});
        continue;
      }
      if (s.distinct)
        return ErrorAt(e.pos, "UNRESOLVED_COLUMN",
                       "ORDER BY expression " + key->name +
                           " must appear in the select list of a SELECT DISTINCT.");
      sort_keys.push_back(
          {plan::MakeColumn(outputs.size() + hidden.size(), key->result_type, key->name),
           item.descending, nulls_first});
      hidden.push_back(key);
    }
  }

  // Operators: [Aggregate] [Filter having] [Window] [Filter qualify] Project [Distinct] [Sort].
  plan::OperatorPtr current = input.op;
  size_t base_width = input.op->output.size();
  size_t aggregate_base = 0, grouping_id_index = 0;
  if (aggregating) {
    auto agg = NewOperator(OperatorType::kAggregate, {current});
    agg->groups = aggregation.groups;
    agg->aggregates = aggregation.aggregates;
    agg->grouping_sets = grouping_sets;
    for (const BoundPtr& g : aggregation.groups)
      agg->output.push_back({g->name, g->result_type, true});
    for (size_t i = 0; i < aggregation.aggregates.size(); ++i)
      agg->output.push_back(
          {aggregation.aggregates[i].name, aggregation.aggregates[i].bound.return_type, true});
    aggregate_base = aggregation.groups.size();
    grouping_id_index = aggregate_base + aggregation.aggregates.size();
    if (!grouping_sets.empty())
      agg->output.push_back({"spark_grouping_id", TypeId::kBigInt, false});
    base_width = agg->output.size();
    current = agg;
  }
  auto remap = [&](const BoundPtr& e) {
    return RemapMarkers(e, aggregate_base, base_width, grouping_id_index);
  };
  if (having) {
    auto filter = NewOperator(OperatorType::kFilter, {current});
    filter->condition = remap(having);
    filter->output = current->output;
    current = filter;
  }
  if (!windows.calls.empty()) {
    auto window = NewOperator(OperatorType::kWindow, {current});
    window->output = current->output;
    for (plan::WindowCall call : windows.calls) {
      for (BoundPtr& p : call.partition_by) p = remap(p);
      for (plan::SortKey& k : call.order_by) k.expr = remap(k.expr);
      for (BoundPtr& a : call.aggregate.args) a = remap(a);
      if (call.aggregate.filter) call.aggregate.filter = remap(call.aggregate.filter);
      window->output.push_back({call.aggregate.name, call.result_type, true});
      window->windows.push_back(std::move(call));
    }
    current = window;
  }
  if (qualify) {
    auto filter = NewOperator(OperatorType::kFilter, {current});
    filter->condition = remap(qualify);
    filter->output = current->output;
    current = filter;
  }
  // An unaliased expression is named as Spark prints it bound ("count(1)", "(a + 1)",
  // "struct(a AS x).x"); a column reference (a field path `s.f` included) keeps its last name
  // as written, and so does a cast of one (Spark's analyzer names CAST(a AS INT) `a`).
  for (size_t i = 0; i < outputs.size(); ++i) {
    const Expr* e = columns[i].expr;
    if (e != nullptr && e->kind == ExprKind::kCast &&
        e->As<Cast>().operand->kind == ExprKind::kColumnRef)
      e = e->As<Cast>().operand.get();
    if (e != nullptr && !columns[i].explicit_alias && e->kind != ExprKind::kColumnRef &&
        !outputs[i]->name.empty())
      columns[i].name = outputs[i]->name;
    else if (e != nullptr && !columns[i].explicit_alias && e->kind == ExprKind::kColumnRef)
      columns[i].name = e->As<ColumnRef>().name.back();
  }
  auto project = NewOperator(OperatorType::kProject, {current});
  for (size_t i = 0; i < outputs.size(); ++i) {
    project->expressions.push_back(remap(outputs[i]));
    project->output.push_back({columns[i].name, outputs[i]->result_type, true});
  }
  for (const BoundPtr& h : hidden) {
    project->expressions.push_back(remap(h));
    project->output.push_back({h->name, h->result_type, true});
  }
  current = project;
  if (s.distinct) {
    auto distinct = NewOperator(OperatorType::kDistinct, {current});
    distinct->output = current->output;
    current = distinct;
  }
  if (!sort_keys.empty()) {
    auto sort = NewOperator(OperatorType::kSort, {current});
    sort->sort_keys = sort_keys;
    sort->output = current->output;
    current = sort;
  }
  if (!hidden.empty()) {
    auto trim = NewOperator(OperatorType::kProject, {current});
    for (size_t i = 0; i < outputs.size(); ++i) {
      trim->expressions.push_back(plan::MakeColumn(i, outputs[i]->result_type, columns[i].name));
      trim->output.push_back(project->output[i]);
    }
    current = trim;
  }
  if (generate_last) {
    // Generate over the projected rows, then put its columns in the generator's place.
    const size_t at = generator_column;
    SLUICE_ASSIGN_OR_RAISE(
        BoundGenerator g,
        MakeGenerator(generator_call->name.back(),
                      {plan::MakeColumn(at, outputs[at]->result_type, outputs[at]->name)},
                      generator->pos));
    std::vector<std::string> names = generator->aliases;
    if (names.empty() && !generator->alias.empty()) names = {generator->alias};
    BoundRelation projected;
    projected.op = current;
    SLUICE_ASSIGN_OR_RAISE(projected,
                           AddGenerate(std::move(projected), g, "", names, generator->pos));
    auto reorder = NewOperator(OperatorType::kProject, {projected.op});
    std::vector<SelectColumn> final_columns;
    std::vector<BoundPtr> final_outputs;
    for (size_t i = 0; i < outputs.size(); ++i) {
      if (i != at) {
        final_columns.push_back(columns[i]);
        final_outputs.push_back(plan::MakeColumn(i, outputs[i]->result_type, columns[i].name));
        continue;
      }
      for (const ScopeColumn& c : projected.scope.columns) {
        final_columns.push_back({nullptr, std::nullopt, c.name, {}, generator->pos});
        final_outputs.push_back(plan::MakeColumn(c.index, c.type, c.name));
      }
    }
    for (size_t i = 0; i < final_outputs.size(); ++i) {
      reorder->expressions.push_back(final_outputs[i]);
      reorder->output.push_back({final_columns[i].name, final_outputs[i]->result_type, true});
    }
    current = reorder;
    columns = std::move(final_columns);
    outputs = std::move(final_outputs);
  }
  BoundRelation out;
  out.op = current;
  for (size_t i = 0; i < outputs.size(); ++i) {
    out.scope.columns.push_back({"", columns[i].name, outputs[i]->result_type, i});
    if (columns[i].scope_column) {
      out.scope.columns.back().qualifier = input.scope.columns[*columns[i].scope_column].qualifier;
      out.scope.columns.back().database = input.scope.columns[*columns[i].scope_column].database;
    }
  }
  return out;
}

}  // namespace sluice::sql
