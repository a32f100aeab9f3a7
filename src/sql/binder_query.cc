// Queries: WITH, set operations, ORDER BY / LIMIT / OFFSET, VALUES, and the relations of
// FROM (tables, views, CTEs, subqueries, joins, table functions).
#include <algorithm>
#include <functional>

#include "common/text.h"
#include "exec/expression_evaluator.h"
#include "functions/kernel_util.h"
#include "functions/type_coercion.h"
#include "plan/outer_references.h"
#include "sql/binder_impl.h"
#include "sql/parser.h"
#include "vector/vector_ops.h"

namespace sluice::sql {

using plan::LogicalOperator;
using plan::OperatorType;
using types::LogicalType;
using types::TypeId;

namespace {

// Column i's position in the relation its qualifier names: recorded by a USING join, else
// (a table, a view, a subquery) its position in the scope.
size_t SourceOrder(const Scope& scope, size_t i) {
  const bool recorded = std::any_of(scope.columns.begin(), scope.columns.end(),
                                    [](const ScopeColumn& c) { return c.source_order != 0; });
  return recorded ? scope.columns[i].source_order : i;
}

}  // namespace

Result<Binder::BoundRelation> Binder::ApplyAlias(BoundRelation rel, const TableAlias& alias,
                                                 SourcePos pos) {
  if (!alias.columns.empty()) {
    if (alias.columns.size() != rel.scope.columns.size())
      return ErrorAt(pos, "ASSIGNMENT_ARITY_MISMATCH",
                     "Number of column aliases does not match number of columns. Number of "
                     "column aliases: " +
                         std::to_string(alias.columns.size()) +
                         "; number of columns: " + std::to_string(rel.scope.columns.size()) + ".");
    auto project = NewOperator(OperatorType::kProject, {rel.op});
    for (size_t i = 0; i < alias.columns.size(); ++i) {
      ScopeColumn& c = rel.scope.columns[i];
      project->expressions.push_back(plan::MakeColumn(c.index, c.type, alias.columns[i]));
      project->output.push_back({alias.columns[i], c.type, true});
      c.name = alias.columns[i];
      c.index = i;
    }
    rel.op = project;
  }
  if (!alias.name.empty()) {
    for (ScopeColumn& c : rel.scope.columns) {
      c.qualifier = alias.name;
      c.database.clear();
    }
  }
  return rel;
}

Result<int64_t> Binder::BindLimitValue(const Expr& e) {
  ExprContext ctx;
  SLUICE_ASSIGN_OR_RAISE(BoundPtr bound, BindExpr(e, ctx));
  if (!bound->IsConstant() || !bound->result_type.IsInteger())
    return ErrorAt(
        e.pos, "INVALID_LIMIT_LIKE_EXPRESSION.DATA_TYPE",
        "The limit like expression \"" + bound->name + "\" must be an integer constant.");
  SLUICE_ASSIGN_OR_RAISE(BoundPtr as_long, Fold(plan::MakeCast(bound, TypeId::kBigInt)));
  if (as_long->constant->IsNull(0))
    return ErrorAt(e.pos, "INVALID_LIMIT_LIKE_EXPRESSION.IS_NULL",
                   "The limit like expression must not be null.");
  const int64_t v = as_long->constant->data<int64_t>()[0];
  if (v < 0)
    return ErrorAt(e.pos, "INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE",
                   "The limit like expression \"" + bound->name +
                       "\" must be equal to or greater than 0, but got " + std::to_string(v) + ".");
  return v;
}

Result<Binder::BoundRelation> Binder::BindQuery(const Query& q) {
  const size_t ctes_before = ctes_.size();
  for (const Cte& cte : q.ctes) {
    if (start_of_query && settings_.nested_cte_names_must_differ) {
      for (size_t i = 0; i < ctes_before; ++i)
        if (types::SameColumnName(ctes_[i].first, cte.name, ctx_.case_sensitive))
          return ErrorAt(cte.pos, "AMBIGUOUS_ALIAS_IN_NESTED_CTE",
                         "Name `" + cte.name +
                             "` is ambiguous in nested CTE. Please set "
                             "\"spark.sql.legacy.ctePrecedencePolicy\" to \"CORRECTED\" so "
                             "that name defined in inner CTE takes precedence.");
    }
    Binder inner(catalog_, ctx_, settings_, text_);
    inner.view_database = view_database;
    inner.outer_scopes = outer_scopes;
    inner.ctes_ = ctes_;
    SLUICE_ASSIGN_OR_RAISE(BoundRelation rel, inner.BindQuery(*cte.query));
    max_escape = std::max(max_escape, inner.max_escape);
    if (plan::NondeterministicOnly(*rel.op)) {
      auto shared = std::make_shared<LogicalOperator>(*rel.op);
      shared->shared_result = true;
      rel.op = shared;
    }
    TableAlias alias;
    alias.name = cte.name;
    alias.columns = cte.columns;
    SLUICE_ASSIGN_OR_RAISE(rel, ApplyAlias(std::move(rel), alias, cte.pos));
    ctes_.emplace_back(cte.name, std::move(rel));
  }
  Result<BoundRelation> result = [&]() -> Result<BoundRelation> {
    if (q.body->kind == QueryTermKind::kSelect && !q.order_by.empty())
      return BindSelect(q.body->As<SelectTerm>(), &q);
    SLUICE_ASSIGN_OR_RAISE(BoundRelation rel, BindQueryTerm(*q.body));
    return BindOrderLimit(q, std::move(rel));
  }();
  ctes_.resize(ctes_before);
  if (!result.ok()) return result.status();
  BoundRelation rel = std::move(*result);
  if (q.limit || q.offset) {
    auto limit = NewOperator(OperatorType::kLimit, {rel.op});
    limit->output = rel.op->output;
    if (q.limit) {
      SLUICE_ASSIGN_OR_RAISE(limit->limit, BindLimitValue(*q.limit));
    }
    if (q.offset) {
      SLUICE_ASSIGN_OR_RAISE(limit->offset, BindLimitValue(*q.offset));
    }
    rel.op = limit;
  }
  return rel;
}

// ORDER BY over a query's output columns (set operations, VALUES, nested queries).
Result<Binder::BoundRelation> Binder::BindOrderLimit(const Query& q, BoundRelation rel) {
  if (q.order_by.empty()) return rel;
  auto sort = NewOperator(OperatorType::kSort, {rel.op});
  sort->output = rel.op->output;
  ExprContext ctx;
  ctx.scope = &rel.scope;
  for (const SortItem& item : q.order_by) {
    BoundPtr key;
    if (item.expr->kind == ExprKind::kLiteral &&
        item.expr->As<Literal>().number_type == TypeId::kInt && settings_.order_by_ordinal) {
      const int64_t ordinal = std::stoll(item.expr->As<Literal>().text);
      if (ordinal < 1 || ordinal > static_cast<int64_t>(rel.scope.columns.size()))
        return ErrorAt(item.pos, "ORDER_BY_POS_OUT_OF_RANGE",
                       "ORDER BY position " + std::to_string(ordinal) +
                           " is not in select list (valid range is [1, " +
                           std::to_string(rel.scope.columns.size()) + "]).");
      const ScopeColumn& c = rel.scope.columns[ordinal - 1];
      key = plan::MakeColumn(c.index, c.type, c.name);
    } else {
      SLUICE_ASSIGN_OR_RAISE(key, BindExpr(*item.expr, ctx));
    }
    sort->sort_keys.push_back({key, item.descending, item.nulls_first.value_or(!item.descending)});
  }
  rel.op = sort;
  return rel;
}

Result<Binder::BoundRelation> Binder::BindQueryTerm(const QueryTerm& term) {
  switch (term.kind) {
    case QueryTermKind::kSelect:
      return BindSelect(term.As<SelectTerm>(), nullptr);
    case QueryTermKind::kSetOperation:
      return BindSetOperation(term.As<SetOperationTerm>());
    case QueryTermKind::kValues: {
      const ValuesTerm& v = term.As<ValuesTerm>();
      return BindValues(v.rows, v.alias, v.pos);
    }
    case QueryTermKind::kNested: {
      Binder inner(catalog_, ctx_, settings_, text_);
      inner.view_database = view_database;
      inner.outer_scopes = outer_scopes;
      inner.ctes_ = ctes_;
      inner.start_of_query = false;
      SLUICE_ASSIGN_OR_RAISE(BoundRelation rel, inner.BindQuery(*term.As<NestedQueryTerm>().query));
      max_escape = std::max(max_escape, inner.max_escape);
      return rel;
    }
    case QueryTermKind::kTable: {
      TableRelation t(term.pos);
      t.name = term.As<TableTerm>().name;
      return BindRelation(t);
    }
  }
  return ErrorAt(term.pos, "INTERNAL_ERROR", "unknown query term");
}

Result<Binder::BoundRelation> Binder::BindSetOperation(const SetOperationTerm& s) {
  SLUICE_ASSIGN_OR_RAISE(BoundRelation left, BindQueryTerm(*s.left));
  SLUICE_ASSIGN_OR_RAISE(BoundRelation right, BindQueryTerm(*s.right));
  const char* op_name = s.op == SetOpKind::kUnion
                            ? "UNION"
                            : (s.op == SetOpKind::kIntersect ? "INTERSECT" : "EXCEPT");
  if (left.scope.columns.size() != right.scope.columns.size())
    return ErrorAt(s.pos, "NUM_COLUMNS_MISMATCH",
                   std::string(op_name) +
                       " can only be performed on inputs with the same number of columns, but the "
                       "first input has " +
                       std::to_string(left.scope.columns.size()) +
                       " columns and the second input has " +
                       std::to_string(right.scope.columns.size()) + " columns.");
  std::vector<LogicalType> types;
  for (size_t i = 0; i < left.scope.columns.size(); ++i) {
    std::optional<LogicalType> t =
        functions::WiderType(left.scope.columns[i].type, right.scope.columns[i].type);
    if (!t)
      return ErrorAt(s.pos, "INCOMPATIBLE_COLUMN_TYPE",
                     std::string(op_name) +
                         " can only be performed on tables with compatible column types. The " +
                         std::to_string(i + 1) + " column of the second table is \"" +
                         right.scope.columns[i].type.ToString() +
                         "\" type which is not compatible with \"" +
                         left.scope.columns[i].type.ToString() + "\".");
    types.push_back(*t);
  }
  auto conform = [&](BoundRelation& rel) {
    bool same = true;
    for (size_t i = 0; i < types.size(); ++i)
      same &= rel.scope.columns[i].type == types[i] && rel.scope.columns[i].index == i;
    if (same && rel.op->output.size() == types.size()) return;
    auto project = NewOperator(OperatorType::kProject, {rel.op});
    for (size_t i = 0; i < types.size(); ++i) {
      const ScopeColumn& c = rel.scope.columns[i];
      project->expressions.push_back(
          plan::MakeCast(plan::MakeColumn(c.index, c.type, c.name), types[i]));
      project->output.push_back({c.name, types[i], true});
    }
    rel.op = project;
  };
  conform(left);
  conform(right);
  auto op = NewOperator(OperatorType::kSetOperation, {left.op, right.op});
  op->set_kind = s.op == SetOpKind::kUnion       ? plan::SetOperationKind::kUnion
                 : s.op == SetOpKind::kIntersect ? plan::SetOperationKind::kIntersect
                                                 : plan::SetOperationKind::kExcept;
  op->set_all = s.quantifier == SetQuantifier::kAll;
  BoundRelation out;
  for (size_t i = 0; i < types.size(); ++i) {
    op->output.push_back({left.scope.columns[i].name, types[i], true});
    out.scope.columns.push_back({"", left.scope.columns[i].name, types[i], i});
  }
  out.op = op;
  return out;
}

Result<Binder::BoundRelation> Binder::BindValues(const std::vector<std::vector<sql::ExprPtr>>& rows,
                                                 const TableAlias& alias, SourcePos pos) {
  std::vector<std::vector<BoundPtr>> bound;
  ExprContext ctx;
  for (const auto& row : rows) {
    std::vector<BoundPtr> values;
    for (const sql::ExprPtr& e : row) {
      SLUICE_ASSIGN_OR_RAISE(BoundPtr v, BindExpr(*e, ctx));
      // Spark evaluates an inline table's rows once, at analysis: rand() cannot be.
      std::function<bool(const plan::Expression&)> nondeterministic =
          [&](const plan::Expression& x) {
            if (x.type == plan::ExprType::kCall && !x.deterministic) return true;
            return std::any_of(x.children.begin(), x.children.end(),
                               [&](const BoundPtr& c) { return nondeterministic(*c); });
          };
      if (nondeterministic(*v))
        return ErrorAt(e->pos, "INVALID_INLINE_TABLE.CANNOT_EVALUATE_EXPRESSION_IN_INLINE_TABLE",
                       "Invalid inline table. Cannot evaluate the expression \"" + v->name +
                           "\" in inline table definition.");
      if (!v->IsConstant()) {
        SLUICE_ASSIGN_OR_RAISE(v, Fold(v));
      }
      values.push_back(v);
    }
    if (!bound.empty() && values.size() != bound[0].size())
      return ErrorAt(pos, "INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH",
                     "Invalid inline table. Inline table expected " +
                         std::to_string(bound[0].size()) + " columns but found " +
                         std::to_string(values.size()) + " columns in row " +
                         std::to_string(bound.size()) + ".");
    bound.push_back(std::move(values));
  }
  const size_t width = bound.empty() ? 0 : bound[0].size();
  std::vector<types::Field> fields;
  for (size_t c = 0; c < width; ++c) {
    std::vector<LogicalType> types;
    for (const auto& row : bound) types.push_back(row[c]->result_type);
    std::optional<LogicalType> t = functions::WiderType(types);
    if (!t)
      return ErrorAt(pos, "INVALID_INLINE_TABLE.INCOMPATIBLE_TYPES_IN_INLINE_TABLE",
                     "Invalid inline table. Found incompatible types in the column `col" +
                         std::to_string(c + 1) + "` for inline table.");
    fields.push_back({"col" + std::to_string(c + 1), *t, true});
  }
  auto schema = std::make_shared<const types::Schema>(fields);
  auto batches = std::make_shared<std::vector<vector::Batch>>();
  SLUICE_ASSIGN_OR_RAISE(vector::Batch batch,
                         vector::Batch::Make(schema, std::max<size_t>(bound.size(), 1)));
  for (size_t r = 0; r < bound.size(); ++r) {
    for (size_t c = 0; c < width; ++c) {
      SLUICE_ASSIGN_OR_RAISE(BoundPtr v, Fold(plan::MakeCast(bound[r][c], fields[c].type)));
      SLUICE_RETURN_NOT_OK(vector::CopyRow(*v->constant, 0, batch.column(c), r));
    }
  }
  batch.set_num_rows(bound.size());
  batches->push_back(std::move(batch));
  auto op = NewOperator(OperatorType::kValues);
  op->rows = batches;
  op->output = fields;
  BoundRelation rel;
  rel.op = op;
  for (size_t c = 0; c < width; ++c)
    rel.scope.columns.push_back({"", fields[c].name, fields[c].type, c});
  return ApplyAlias(std::move(rel), alias, pos);
}

// read_files('path' [, 'path2' ...], format => 'csv', header => true, schema => 'a INT', ...)
// (Databricks): files as a table; named arguments are the reader's options.
Result<Binder::BoundRelation> Binder::BindReadFiles(const TableFunctionRelation& f) {
  std::vector<std::string> paths;
  std::map<std::string, std::string> options;
  std::string format;
  std::optional<types::Schema> schema;
  ExprContext ctx;
  for (const sql::ExprPtr& a : f.args) {
    const bool named = a->kind == ExprKind::kNamedArgument;
    const Expr& value_expr = named ? *a->As<NamedArgument>().value : *a;
    SLUICE_ASSIGN_OR_RAISE(BoundPtr value, BindExpr(value_expr, ctx));
    if (!value->IsConstant() || value->constant->IsNull(0))
      return ErrorAt(a->pos, "REQUIRED_PARAMETER_NOT_FOUND",
                     "read_files takes constant, non-NULL arguments.");
    SLUICE_ASSIGN_OR_RAISE(BoundPtr text, Fold(plan::MakeCast(value, TypeId::kString)));
    const std::string v(functions::Get<std::string_view>(*text->constant, 0));
    if (!named) {
      paths.push_back(v);
      continue;
    }
    const std::string key = a->As<NamedArgument>().name;
    if (AsciiLower(key) == "format") {
      format = AsciiLower(v);
    } else if (AsciiLower(key) == "schema") {
      Result<types::Schema> parsed = types::ParseDdlSchema(v);
      if (!parsed.ok()) return ErrorAt(a->pos, "INVALID_SCHEMA", parsed.status().message());
      schema = *parsed;
    } else {
      options[key] = v;
    }
  }
  if (paths.empty())
    return ErrorAt(f.pos, "REQUIRED_PARAMETER_NOT_FOUND", "read_files needs a path.");
  SLUICE_ASSIGN_OR_RAISE(const plan::CatalogEntry* entry,
                         catalog_.OpenFiles(format, paths, options, schema));
  BoundRelation rel;
  auto scan = std::make_shared<LogicalOperator>();
  scan->type = OperatorType::kScan;
  scan->source = entry->source;
  for (size_t i = 0; i < entry->columns.size(); ++i) {
    scan->scan_columns.push_back(i);
    rel.scope.columns.push_back({"", entry->columns[i].name, entry->columns[i].type, i});
  }
  scan->output = entry->columns;
  rel.op = scan;
  return ApplyAlias(std::move(rel), f.alias, f.pos);
}

Result<Binder::BoundRelation> Binder::BindTableFunction(const TableFunctionRelation& f) {
  const std::string name = AsciiLower(f.name.back());
  if (name == "read_files") return BindReadFiles(f);
  if (name == "range") {
    std::vector<int64_t> values;
    for (const sql::ExprPtr& a : f.args) {
      ExprContext ctx;
      SLUICE_ASSIGN_OR_RAISE(BoundPtr bound, BindExpr(*a, ctx));
      SLUICE_ASSIGN_OR_RAISE(bound, Fold(bound));
      // Any numeric constant, cast to BIGINT as Spark's Range does (range(6 + cos(3)): 5 rows).
      if (!bound->IsConstant() || !bound->result_type.IsNumeric() || bound->constant->IsNull(0))
        return ErrorAt(a->pos, "DATATYPE_MISMATCH", "range() takes numeric constants.");
      SLUICE_ASSIGN_OR_RAISE(BoundPtr as_long, Fold(plan::MakeCast(bound, TypeId::kBigInt)));
      values.push_back(as_long->constant->data<int64_t>()[0]);
    }
    if (values.empty() || values.size() > 4)
      return ErrorAt(f.pos, "WRONG_NUM_ARGS", "range() takes 1 to 4 arguments.");
    auto op = NewOperator(OperatorType::kRange);
    if (values.size() == 1) {
      op->range_end = values[0];
    } else {
      op->range_start = values[0];
      op->range_end = values[1];
      if (values.size() >= 3) op->range_step = values[2];
    }
    if (op->range_step == 0)
      return ErrorAt(f.pos, "FAILED_FUNCTION_CALL", "range(): the step must not be 0.");
    op->output = {{"id", TypeId::kBigInt, false}};
    BoundRelation rel;
    rel.op = op;
    rel.scope.columns.push_back({"", "id", TypeId::kBigInt, 0});
    return ApplyAlias(std::move(rel), f.alias, f.pos);
  }
  if (IsGeneratorName(name)) return BindGeneratorRelation(f);
  return ErrorAt(f.pos, "UNRESOLVED_ROUTINE",
                 "Cannot resolve function `" + name + "` on search path.");
}

Result<Binder::BoundRelation> Binder::BindRelation(const Relation& r) {
  if (r.sample)
    return ErrorAt(r.sample->pos, "UNSUPPORTED_FEATURE", "TABLESAMPLE is not supported.");
  switch (r.kind) {
    case RelationKind::kTable: {
      const TableRelation& t = r.As<TableRelation>();
      if (t.name.size() == 1) {
        for (auto it = ctes_.rbegin(); it != ctes_.rend(); ++it) {
          if (AsciiLower(it->first) == AsciiLower(t.name[0])) {
            BoundRelation rel = it->second;
            for (ScopeColumn& c : rel.scope.columns) {
              c.qualifier = t.name[0];
              c.database.clear();
            }
            return ApplyAlias(std::move(rel), t.alias, t.pos);
          }
        }
      }
      std::vector<std::string> name = t.name;
      if (name.size() == 1 && !view_database.empty()) name.insert(name.begin(), view_database);
      Result<const plan::CatalogEntry*> found = catalog_.Find(name);
      if (!found.ok()) return ErrorAt(t.pos, "", found.status().message());
      const plan::CatalogEntry* entry = *found;
      if (entry == nullptr) {
        std::string name;
        for (const std::string& part : t.name) name += (name.empty() ? "`" : ".`") + part + "`";
        return ErrorAt(t.pos, "TABLE_OR_VIEW_NOT_FOUND",
                       "The table or view " + name +
                           " cannot be found. Verify the spelling and "
                           "correctness of the schema and catalog.");
      }
      BoundRelation rel;
      if (entry->view) {
        rel.op = entry->view;
      } else if (!entry->view_sql.empty()) {
        SLUICE_ASSIGN_OR_RAISE(std::vector<StatementPtr> statements, ParseScript(entry->view_sql));
        if (statements.size() != 1 || statements[0]->kind != StatementKind::kQuery)
          return ErrorAt(t.pos, "INVALID_VIEW_TEXT",
                         "The stored view " + entry->name + " is not one query.");
        Binder inner(catalog_, ctx_, settings_, entry->view_sql);
        inner.view_database = entry->view_sql_database;
        SLUICE_ASSIGN_OR_RAISE(BoundRelation view,
                               inner.BindQuery(*statements[0]->As<QueryStatement>().query));
        rel.op = view.op;
        for (size_t i = 0; i < view.scope.columns.size(); ++i)
          rel.scope.columns.push_back({t.name.back(), view.scope.columns[i].name,
                                       view.scope.columns[i].type, view.scope.columns[i].index});
        for (ScopeColumn& c : rel.scope.columns) c.database = entry->database;
        return ApplyAlias(std::move(rel), t.alias, t.pos);
      } else {
        auto scan = NewOperator(OperatorType::kScan);
        scan->source = entry->source;
        for (size_t i = 0; i < entry->columns.size(); ++i) scan->scan_columns.push_back(i);
        scan->output = entry->columns;
        rel.op = scan;
      }
      for (size_t i = 0; i < entry->columns.size(); ++i) {
        rel.scope.columns.push_back(
            {t.name.back(), entry->columns[i].name, entry->columns[i].type, i});
        rel.scope.columns.back().database = entry->database;
      }
      return ApplyAlias(std::move(rel), t.alias, t.pos);
    }
    case RelationKind::kSubquery: {
      const SubqueryRelation& s = r.As<SubqueryRelation>();
      Binder inner(catalog_, ctx_, settings_, text_);
      inner.view_database = view_database;
      inner.outer_scopes = outer_scopes;
      inner.ctes_ = ctes_;
      inner.start_of_query = false;
      SLUICE_ASSIGN_OR_RAISE(BoundRelation rel, inner.BindQuery(*s.query));
      max_escape = std::max(max_escape, inner.max_escape);
      for (ScopeColumn& c : rel.scope.columns) {
        c.qualifier.clear();
        c.database.clear();
      }
      return ApplyAlias(std::move(rel), s.alias, s.pos);
    }
    case RelationKind::kValues: {
      const ValuesRelation& v = r.As<ValuesRelation>();
      return BindValues(v.rows, v.alias, v.pos);
    }
    case RelationKind::kTableFunction:
      return BindTableFunction(r.As<TableFunctionRelation>());
    case RelationKind::kJoin:
      return BindJoin(r.As<JoinRelation>());
    case RelationKind::kParenthesised: {
      SLUICE_ASSIGN_OR_RAISE(BoundRelation rel, BindRelation(*r.As<ParenthesisedRelation>().inner));
      return ApplyAlias(std::move(rel), r.alias, r.pos);
    }
  }
  return ErrorAt(r.pos, "INTERNAL_ERROR", "unknown relation");
}

Result<Binder::BoundRelation> Binder::BindJoin(const JoinRelation& j) {
  SLUICE_ASSIGN_OR_RAISE(BoundRelation left, BindRelation(*j.left));
  SLUICE_ASSIGN_OR_RAISE(BoundRelation right, BindRelation(*j.right));
  // Relations are rebased so that scope indexes equal output positions.
  auto rebase = [&](BoundRelation& rel) {
    bool identity = rel.op->output.size() == rel.scope.columns.size();
    for (size_t i = 0; identity && i < rel.scope.columns.size(); ++i)
      identity = rel.scope.columns[i].index == i;
    if (identity) return;
    auto project = NewOperator(OperatorType::kProject, {rel.op});
    for (size_t i = 0; i < rel.scope.columns.size(); ++i) {
      ScopeColumn& c = rel.scope.columns[i];
      project->expressions.push_back(plan::MakeColumn(c.index, c.type, c.name));
      project->output.push_back({c.name, c.type, true});
      c.index = i;
    }
    rel.op = project;
  };
  rebase(left);
  rebase(right);
  const size_t left_width = left.scope.columns.size();
  Scope combined = left.scope;
  for (ScopeColumn c : right.scope.columns) {
    c.index += left_width;
    combined.columns.push_back(c);
  }
  auto op = NewOperator(OperatorType::kJoin, {left.op, right.op});
  switch (j.join_type) {
    case JoinType::kInner:
      op->join_kind = plan::JoinKind::kInner;
      break;
    case JoinType::kCross:
      op->join_kind = plan::JoinKind::kCross;
      break;
    case JoinType::kLeft:
      op->join_kind = plan::JoinKind::kLeft;
      break;
    case JoinType::kRight:
      op->join_kind = plan::JoinKind::kRight;
      break;
    case JoinType::kFull:
      op->join_kind = plan::JoinKind::kFull;
      break;
    case JoinType::kLeftSemi:
      op->join_kind = plan::JoinKind::kSemi;
      break;
    case JoinType::kLeftAnti:
      op->join_kind = plan::JoinKind::kAnti;
      break;
  }
  std::vector<std::string> using_columns = j.using_columns;
  // A side's hidden columns (the other key of an earlier USING join) take no part.
  if (j.natural) {
    for (const ScopeColumn& l : left.scope.columns)
      for (const ScopeColumn& r : right.scope.columns)
        if (!l.hidden && !r.hidden && types::SameColumnName(l.name, r.name, ctx_.case_sensitive))
          using_columns.push_back(l.name);
  }
  std::vector<std::pair<size_t, size_t>> using_pairs;
  BoundPtr condition;
  auto add_conjunct = [&](BoundPtr c) {
    if (!condition) {
      condition = c;
      return;
    }
    auto both = std::make_shared<plan::Expression>();
    both->type = plan::ExprType::kAnd;
    both->result_type = TypeId::kBoolean;
    both->children = {condition, c};
    both->name = "(" + condition->name + " AND " + c->name + ")";
    condition = both;
  };
  for (const std::string& name : using_columns) {
    auto find = [&](const Scope& s) -> std::optional<size_t> {
      for (size_t i = 0; i < s.columns.size(); ++i)
        if (!s.columns[i].hidden &&
            types::SameColumnName(s.columns[i].name, name, ctx_.case_sensitive))
          return i;
      return std::nullopt;
    };
    std::optional<size_t> l = find(left.scope), r = find(right.scope);
    if (!l || !r)
      return ErrorAt(j.pos, "UNRESOLVED_USING_COLUMN_FOR_JOIN",
                     "USING column `" + name + "` cannot be resolved on the " +
                         (l ? "right" : "left") + " side of the join.");
    using_pairs.emplace_back(*l, *r);
    const ScopeColumn& lc = left.scope.columns[*l];
    const ScopeColumn& rc = right.scope.columns[*r];
    SLUICE_ASSIGN_OR_RAISE(BoundPtr eq,
                           CallFunction("=",
                                        {plan::MakeColumn(*l, lc.type, lc.name),
                                         plan::MakeColumn(left_width + *r, rc.type, rc.name)},
                                        j.pos));
    add_conjunct(eq);
  }
  if (j.on) {
    ExprContext ctx;
    ctx.scope = &combined;
    SLUICE_ASSIGN_OR_RAISE(BoundPtr on, BindExpr(*j.on, ctx));
    if (on->result_type.id() != TypeId::kBoolean && on->result_type.id() != TypeId::kNull)
      return ErrorAt(j.on->pos, "DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN",
                     "The join condition must be BOOLEAN, not " + on->result_type.ToString() + ".");
    add_conjunct(plan::MakeCast(on, TypeId::kBoolean));
  }
  op->condition = condition;
  const bool semi_or_anti =
      op->join_kind == plan::JoinKind::kSemi || op->join_kind == plan::JoinKind::kAnti;
  op->output = left.op->output;
  if (!semi_or_anti)
    for (const types::Field& f : right.op->output) op->output.push_back(f);
  BoundRelation rel;
  rel.op = op;
  rel.scope = semi_or_anti ? left.scope : combined;
  if (using_pairs.empty()) return ApplyAlias(std::move(rel), j.alias, j.pos);
  // USING / NATURAL: the join columns once (coalesced for a full join), then the rest.
  auto project = NewOperator(OperatorType::kProject, {op});
  Scope scope;
  auto emit = [&](BoundPtr e, const std::string& qualifier, size_t source_order,
                  bool hidden = false) {
    scope.columns.push_back(
        {qualifier, e->name, e->result_type, project->expressions.size(), hidden, source_order});
    project->output.push_back({e->name, e->result_type, true});
    project->expressions.push_back(e);
  };
  for (const auto& [l, r] : using_pairs) {
    const ScopeColumn& lc = left.scope.columns[l];
    const ScopeColumn& rc = right.scope.columns[r];
    const size_t lo = SourceOrder(left.scope, l), ro = SourceOrder(right.scope, r);
    BoundPtr lcol = plan::MakeColumn(l, lc.type, lc.name);
    BoundPtr rcol = plan::MakeColumn(left_width + r, rc.type, lc.name);
    if (op->join_kind == plan::JoinKind::kRight) {
      emit(rcol, rc.qualifier, ro);
    } else if (op->join_kind == plan::JoinKind::kFull) {
      SLUICE_ASSIGN_OR_RAISE(std::vector<BoundPtr> both, Unify({lcol, rcol}, j.pos, "USING"));
      auto c = std::make_shared<plan::Expression>();
      c->type = plan::ExprType::kCoalesce;
      c->result_type = both[0]->result_type;
      c->children = both;
      c->name = lc.name;
      emit(c, "", lo);
    } else {
      emit(lcol, lc.qualifier, lo);
    }
  }
  for (size_t i = 0; i < left.scope.columns.size(); ++i) {
    if (std::any_of(using_pairs.begin(), using_pairs.end(),
                    [&](const auto& p) { return p.first == i; }))
      continue;
    const ScopeColumn& c = left.scope.columns[i];
    emit(plan::MakeColumn(i, c.type, c.name), c.qualifier, SourceOrder(left.scope, i), c.hidden);
  }
  if (!semi_or_anti) {
    for (size_t i = 0; i < right.scope.columns.size(); ++i) {
      if (std::any_of(using_pairs.begin(), using_pairs.end(),
                      [&](const auto& p) { return p.second == i; }))
        continue;
      const ScopeColumn& c = right.scope.columns[i];
      emit(plan::MakeColumn(left_width + i, c.type, c.name), c.qualifier,
           SourceOrder(right.scope, i), c.hidden);
    }
  }
  // Each side's own key column stays reachable by a qualified name and `t.*`.
  for (const auto& [l, r] : using_pairs) {
    const ScopeColumn& lc = left.scope.columns[l];
    const ScopeColumn& rc = right.scope.columns[r];
    if (op->join_kind == plan::JoinKind::kRight || op->join_kind == plan::JoinKind::kFull)
      emit(plan::MakeColumn(l, lc.type, lc.name), lc.qualifier, SourceOrder(left.scope, l), true);
    if (!semi_or_anti && op->join_kind != plan::JoinKind::kRight)
      emit(plan::MakeColumn(left_width + r, rc.type, rc.name), rc.qualifier,
           SourceOrder(right.scope, r), true);
  }
  rel.op = project;
  rel.scope = scope;
  return ApplyAlias(std::move(rel), j.alias, j.pos);
}

Result<plan::OperatorPtr> BindQuery(const Query& query, const plan::Catalog& catalog,
                                    const functions::FunctionContext& ctx,
                                    const BindSettings& settings, std::string_view text) {
  Binder binder(catalog, ctx, settings, text);
  SLUICE_ASSIGN_OR_RAISE(Binder::BoundRelation rel, binder.BindQuery(query));
  // The result's columns in scope order.
  bool identity = rel.op->output.size() == rel.scope.columns.size();
  for (size_t i = 0; identity && i < rel.scope.columns.size(); ++i)
    identity = rel.scope.columns[i].index == i;
  if (identity) return rel.op;
  auto project = NewOperator(OperatorType::kProject, {rel.op});
  for (const ScopeColumn& c : rel.scope.columns) {
    project->expressions.push_back(plan::MakeColumn(c.index, c.type, c.name));
    project->output.push_back({c.name, c.type, true});
  }
  return plan::OperatorPtr(project);
}

Result<plan::ExprPtr> BindScalarExpression(const Expr& expr, const std::vector<types::Field>& input,
                                           const functions::FunctionContext& ctx,
                                           std::string_view text) {
  struct NoTables : plan::Catalog {
    Result<const plan::CatalogEntry*> Find(const std::vector<std::string>&) const override {
      return nullptr;
    }
    std::vector<std::string> Names() const override { return {}; }
    Result<const plan::CatalogEntry*> OpenFiles(
        const std::string&, const std::vector<std::string>&,
        const std::map<std::string, std::string>&,
        const std::optional<types::Schema>&) const override {
      return Status::Invalid("files cannot be read here");
    }
  } catalog;
  Binder binder(catalog, ctx, BindSettings{}, text);
  Scope scope;
  for (size_t i = 0; i < input.size(); ++i)
    scope.columns.push_back({"", input[i].name, input[i].type, i});
  ExprContext ectx;
  ectx.scope = &scope;
  return binder.BindExpr(expr, ectx);
}

}  // namespace sluice::sql
