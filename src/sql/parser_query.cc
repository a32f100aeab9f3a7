// Query rules: WITH, set operations (INTERSECT binds tighter than UNION, EXCEPT and
// MINUS), SELECT blocks, FROM relations and joins, GROUP BY analytics, organisation.
#include <cctype>

#include "sql/parse_error.h"
#include "sql/parser_impl.h"

namespace sluice::sql {

Result<QueryPtr> Parser::QueryRule() {
  DepthGuard guard(*this);
  if (guard.TooDeep()) return TooDeep();
  SourcePos pos = Cur().pos;
  SLUICE_ASSIGN_OR_RAISE(std::vector<Cte> ctes, WithClause());
  return QueryAfterWith(pos, std::move(ctes));
}

Result<std::vector<Cte>> Parser::WithClause() {
  std::vector<Cte> ctes;
  if (!AcceptKw("WITH")) return ctes;
  do {
    Cte cte;
    cte.pos = Cur().pos;
    SLUICE_ASSIGN_OR_RAISE(cte.name, Identifier());
    if (IsOp("(")) {
      SLUICE_ASSIGN_OR_RAISE(cte.columns, IdentifierList());
    }
    AcceptKw("AS");
    SLUICE_RETURN_NOT_OK(ExpectOp("("));
    SLUICE_ASSIGN_OR_RAISE(cte.query, QueryRule());
    SLUICE_RETURN_NOT_OK(ExpectOp(")"));
    for (const Cte& earlier : ctes) {
      if (Upper(earlier.name) == Upper(cte.name)) {
        return ErrorAt(cte.pos, "CTE definition can't have duplicate names: '" + cte.name + "'.");
      }
    }
    ctes.push_back(std::move(cte));
  } while (AcceptOp(","));
  return ctes;
}

Result<QueryPtr> Parser::QueryAfterWith(SourcePos pos, std::vector<Cte> ctes) {
  auto query = std::make_unique<Query>();
  query->pos = pos;
  query->ctes = std::move(ctes);
  SLUICE_ASSIGN_OR_RAISE(query->body, SetUnion());
  SLUICE_RETURN_NOT_OK(Organization(*query));
  return query;
}

Result<QueryPtr> Parser::ParenthesisedQuery(bool must) {
  const size_t start = pos_;
  if (!must && failed_subqueries_.count(start)) return QueryPtr();
  Advance();  // (
  auto query = QueryRule();
  if (query.ok() && AcceptOp(")")) return query;
  if (must) return query.ok() ? Fail("')'") : query.status();
  failed_subqueries_.insert(start);
  pos_ = start;
  return QueryPtr();
}

Result<QueryTermPtr> Parser::SetUnion() {
  SLUICE_ASSIGN_OR_RAISE(QueryTermPtr left, SetIntersect());
  while (IsKw("UNION") || IsKw("EXCEPT") || IsKw("MINUS")) {
    auto node = Make<SetOperationTerm>(left->pos);
    node->op = IsKw("UNION") ? SetOpKind::kUnion : SetOpKind::kExcept;
    node->minus_spelling = IsKw("MINUS");
    Advance();
    node->quantifier = AcceptKw("ALL")        ? SetQuantifier::kAll
                       : AcceptKw("DISTINCT") ? SetQuantifier::kDistinct
                                              : SetQuantifier::kDefault;
    node->left = std::move(left);
    SLUICE_ASSIGN_OR_RAISE(node->right, SetIntersect());
    left = std::move(node);
  }
  return left;
}

Result<QueryTermPtr> Parser::SetIntersect() {
  SLUICE_ASSIGN_OR_RAISE(QueryTermPtr left, QueryPrimary());
  while (IsKw("INTERSECT")) {
    auto node = Make<SetOperationTerm>(left->pos);
    node->op = SetOpKind::kIntersect;
    Advance();
    node->quantifier = AcceptKw("ALL")        ? SetQuantifier::kAll
                       : AcceptKw("DISTINCT") ? SetQuantifier::kDistinct
                                              : SetQuantifier::kDefault;
    node->left = std::move(left);
    SLUICE_ASSIGN_OR_RAISE(node->right, QueryPrimary());
    left = std::move(node);
  }
  return left;
}

Result<QueryTermPtr> Parser::QueryPrimary() {
  SourcePos pos = Cur().pos;
  if (IsKw("SELECT") || IsKw("FROM")) return Select();
  if (AcceptKw("VALUES")) {
    auto node = Make<ValuesTerm>(pos);
    SLUICE_ASSIGN_OR_RAISE(node->rows, ValuesRows());
    SLUICE_RETURN_NOT_OK(AliasRule(node->alias));
    return QueryTermPtr(std::move(node));
  }
  if (IsKw("TABLE") && IsIdentifier(1)) {
    Advance();
    auto node = Make<TableTerm>(pos);
    SLUICE_ASSIGN_OR_RAISE(node->name, QualifiedName());
    return QueryTermPtr(std::move(node));
  }
  if (AcceptOp("(")) {
    auto node = Make<NestedQueryTerm>(pos);
    SLUICE_ASSIGN_OR_RAISE(node->query, QueryRule());
    SLUICE_RETURN_NOT_OK(ExpectOp(")"));
    return QueryTermPtr(std::move(node));
  }
  return Fail("SELECT, VALUES, TABLE, WITH or '('");
}

Result<std::vector<std::vector<ExprPtr>>> Parser::ValuesRows() {
  std::vector<std::vector<ExprPtr>> rows;
  do {
    SLUICE_ASSIGN_OR_RAISE(ExprPtr row, Expression());
    std::vector<ExprPtr> values;
    if (row->kind == ExprKind::kRow) {
      values = std::move(static_cast<Row&>(*row).items);
    } else {
      values.push_back(std::move(row));
    }
    rows.push_back(std::move(values));
  } while (AcceptOp(","));
  return rows;
}

Result<SelectItem> Parser::SelectItemRule() {
  SelectItem item;
  item.pos = Cur().pos;
  SLUICE_ASSIGN_OR_RAISE(item.expr, Expression());
  if (AcceptKw("AS")) {
    if (IsOp("(")) {
      SLUICE_ASSIGN_OR_RAISE(item.aliases, IdentifierList());
    } else {
      SLUICE_ASSIGN_OR_RAISE(item.alias, Identifier());
    }
  } else if (IsImplicitAlias()) {
    SLUICE_ASSIGN_OR_RAISE(item.alias, Identifier());
  } else if (IsKw("FROM") && IsKw("FROM", 1)) {
    // `count(*) FROM FROM t`: Spark reads the first FROM as the item's alias.
    item.alias = Cur().value;
    Advance();
  }
  return item;
}

Result<QueryTermPtr> Parser::Select() {
  auto node = Make<SelectTerm>(Cur().pos);
  if (!AcceptKw("FROM")) {
    SLUICE_RETURN_NOT_OK(SelectBody(*node, /*from_first=*/false));
    return QueryTermPtr(std::move(node));
  }
  const size_t from = pos_;
  SLUICE_RETURN_NOT_OK(FromClause(*node));
  SLUICE_RETURN_NOT_OK(SelectBody(*node, /*from_first=*/true));
  QueryTermPtr result = std::move(node);
  // FROM t SELECT ... SELECT ...: each SELECT reads the FROM clause (parsed again for it),
  // and Spark unions their rows (ALL).
  while (IsKw("SELECT")) {
    const size_t body = pos_;
    auto next = Make<SelectTerm>(Cur().pos);
    pos_ = from;
    SLUICE_RETURN_NOT_OK(FromClause(*next));
    pos_ = body;
    SLUICE_RETURN_NOT_OK(SelectBody(*next, /*from_first=*/true));
    auto both = Make<SetOperationTerm>(result->pos);
    both->op = SetOpKind::kUnion;
    both->quantifier = SetQuantifier::kAll;
    both->left = std::move(result);
    both->right = std::move(next);
    result = std::move(both);
  }
  return result;
}

Status Parser::SelectBody(SelectTerm& select, bool from_first) {
  SLUICE_RETURN_NOT_OK(ExpectKw("SELECT"));
  if (AcceptKw("DISTINCT")) {
    select.distinct = true;
  } else if (IsKw("ALL") && !IsOp("(", 1) && !IsOp(",", 1)) {
    select.all = true;
    Advance();
  }
  do {
    SLUICE_ASSIGN_OR_RAISE(SelectItem item, SelectItemRule());
    select.items.push_back(std::move(item));
  } while (AcceptOp(","));
  if (!from_first && AcceptKw("FROM")) SLUICE_RETURN_NOT_OK(FromClause(select));
  if (AcceptKw("WHERE")) {
    SLUICE_ASSIGN_OR_RAISE(select.where, Expression());
  }
  if (IsKw("GROUP") && IsKw("BY", 1)) {
    SLUICE_ASSIGN_OR_RAISE(select.group_by, GroupByRule());
  }
  if (AcceptKw("HAVING")) {
    SLUICE_ASSIGN_OR_RAISE(select.having, Expression());
  }
  while (true) {
    if (IsKw("WINDOW") && IsIdentifier(1) && IsKw("AS", 2)) {
      SLUICE_ASSIGN_OR_RAISE(select.windows, WindowClause());
    } else if (!select.qualify && AcceptKw("QUALIFY")) {
      SLUICE_ASSIGN_OR_RAISE(select.qualify, Expression());
    } else {
      break;
    }
  }
  return Status::OK();
}

Status Parser::FromClause(SelectTerm& select) {
  do {
    SLUICE_ASSIGN_OR_RAISE(RelationPtr relation, RelationRule());
    select.from.push_back(std::move(relation));
  } while (AcceptOp(","));
  while (IsKw("LATERAL") && IsKw("VIEW", 1)) {
    SLUICE_ASSIGN_OR_RAISE(LateralView view, LateralViewRule());
    select.lateral_views.push_back(std::move(view));
  }
  if (IsKw("PIVOT") && IsOp("(", 1)) {
    SLUICE_ASSIGN_OR_RAISE(select.pivot, PivotRule());
  }
  if (IsKw("UNPIVOT") && (IsOp("(", 1) || IsKw("INCLUDE", 1) || IsKw("EXCLUDE", 1))) {
    SLUICE_ASSIGN_OR_RAISE(select.unpivot, UnpivotRule());
  }
  return Status::OK();
}

Result<RelationPtr> Parser::RelationRule() {
  SLUICE_ASSIGN_OR_RAISE(RelationPtr left, RelationPrimary());
  while (true) {
    size_t k = IsKw("NATURAL") ? 1 : 0;
    JoinType type = JoinType::kInner;
    size_t words = 0;  // join-type words before JOIN
    if (IsKw("JOIN", k)) {
      words = 0;
    } else if (IsKw("INNER", k) && IsKw("JOIN", k + 1)) {
      words = 1;
    } else if (IsKw("CROSS", k) && IsKw("JOIN", k + 1)) {
      type = JoinType::kCross;
      words = 1;
    } else if (IsKw("LEFT", k) || IsKw("RIGHT", k) || IsKw("FULL", k)) {
      bool left_side = IsKw("LEFT", k);
      type = left_side ? JoinType::kLeft : IsKw("RIGHT", k) ? JoinType::kRight : JoinType::kFull;
      words = 1;
      if (IsKw("OUTER", k + 1)) {
        words = 2;
      } else if (left_side && IsKw("SEMI", k + 1)) {
        type = JoinType::kLeftSemi;
        words = 2;
      } else if (left_side && IsKw("ANTI", k + 1)) {
        type = JoinType::kLeftAnti;
        words = 2;
      }
    } else if (IsKw("SEMI", k) || IsKw("ANTI", k)) {
      type = IsKw("SEMI", k) ? JoinType::kLeftSemi : JoinType::kLeftAnti;
      words = 1;
    } else {
      return left;
    }
    auto join = Make<JoinRelation>(left->pos);
    join->natural = k == 1;
    join->join_type = type;
    pos_ += k + words;
    SLUICE_RETURN_NOT_OK(ExpectKw("JOIN"));
    join->left = std::move(left);
    SLUICE_ASSIGN_OR_RAISE(join->right, RelationPrimary());
    if (AcceptKw("ON")) {
      SLUICE_ASSIGN_OR_RAISE(join->on, Expression());
    } else if (AcceptKw("USING")) {
      join->has_using = true;
      SLUICE_ASSIGN_OR_RAISE(join->using_columns, IdentifierList());
    }
    left = std::move(join);
  }
}

Status Parser::AliasRule(TableAlias& alias) {
  alias.pos = Cur().pos;
  if (AcceptKw("AS")) {
    SLUICE_ASSIGN_OR_RAISE(alias.name, Identifier());
  } else if (IsImplicitAlias()) {
    SLUICE_ASSIGN_OR_RAISE(alias.name, Identifier());
  } else {
    return Status::OK();
  }
  if (IsOp("(")) {
    SLUICE_ASSIGN_OR_RAISE(alias.columns, IdentifierList());
  }
  return Status::OK();
}

Result<std::unique_ptr<TableSample>> Parser::Sample() {
  auto sample = std::make_unique<TableSample>();
  sample->pos = Cur().pos;
  Advance();  // TABLESAMPLE
  SLUICE_RETURN_NOT_OK(ExpectOp("("));
  if (AcceptKw("BUCKET")) {
    sample->method = TableSample::Method::kBucket;
    SLUICE_ASSIGN_OR_RAISE(sample->amount, ValueExpression());
    SLUICE_RETURN_NOT_OK(ExpectKw("OUT"));
    SLUICE_RETURN_NOT_OK(ExpectKw("OF"));
    SLUICE_ASSIGN_OR_RAISE(sample->bucket_total, ValueExpression());
    if (AcceptKw("ON")) {
      SLUICE_ASSIGN_OR_RAISE(sample->bucket_on, Expression());
    }
  } else if (Cur().kind == TokenKind::kWord && IsOp(")", 1) &&
             std::isdigit(static_cast<unsigned char>(Cur().value[0]))) {
    sample->method = TableSample::Method::kBytes;  // 100M: lexed as one word
    sample->bytes = Cur().value;
    Advance();
  } else {
    SLUICE_ASSIGN_OR_RAISE(sample->amount, ValueExpression());
    if (AcceptKw("PERCENT")) {
      sample->method = TableSample::Method::kPercent;
    } else if (AcceptKw("ROWS")) {
      sample->method = TableSample::Method::kRows;
    } else {
      return Fail("PERCENT or ROWS");
    }
  }
  SLUICE_RETURN_NOT_OK(ExpectOp(")"));
  return sample;
}

Result<RelationPtr> Parser::RelationPrimary() {
  DepthGuard guard(*this);
  if (guard.TooDeep()) return TooDeep();
  SourcePos pos = Cur().pos;
  RelationPtr relation;
  bool lateral = IsKw("LATERAL") && IsOp("(", 1);
  if (lateral) Advance();
  if (IsOp("(")) {
    QueryPtr query;
    if (IsQueryStart(1) || IsOp("(", 1)) {
      SLUICE_ASSIGN_OR_RAISE(query, ParenthesisedQuery(/*must=*/IsQueryStart(1)));
    }
    if (query) {
      auto node = Make<SubqueryRelation>(pos);
      node->lateral = lateral;
      node->query = std::move(query);
      relation = std::move(node);
    } else {
      Advance();
      auto node = Make<ParenthesisedRelation>(pos);
      SLUICE_ASSIGN_OR_RAISE(node->inner, RelationRule());
      SLUICE_RETURN_NOT_OK(ExpectOp(")"));
      relation = std::move(node);
    }
  } else if (AcceptKw("VALUES")) {
    auto node = Make<ValuesRelation>(pos);
    SLUICE_ASSIGN_OR_RAISE(node->rows, ValuesRows());
    relation = std::move(node);
  } else {
    SLUICE_ASSIGN_OR_RAISE(std::vector<std::string> name, QualifiedName());
    if (AcceptOp("(")) {
      auto node = Make<TableFunctionRelation>(pos);
      node->name = std::move(name);
      if (!IsOp(")")) {
        do {
          SLUICE_ASSIGN_OR_RAISE(ExprPtr arg, FunctionArgument());
          node->args.push_back(std::move(arg));
        } while (AcceptOp(","));
      }
      SLUICE_RETURN_NOT_OK(ExpectOp(")"));
      relation = std::move(node);
    } else {
      auto node = Make<TableRelation>(pos);
      node->name = std::move(name);
      relation = std::move(node);
    }
  }
  if (IsKw("TABLESAMPLE") && IsOp("(", 1)) {
    SLUICE_ASSIGN_OR_RAISE(relation->sample, Sample());
  }
  SLUICE_RETURN_NOT_OK(AliasRule(relation->alias));
  return relation;
}

Result<LateralView> Parser::LateralViewRule() {
  LateralView view;
  view.pos = Cur().pos;
  Advance();
  Advance();
  view.outer = AcceptKw("OUTER");
  SLUICE_ASSIGN_OR_RAISE(view.function, QualifiedName());
  SLUICE_RETURN_NOT_OK(ExpectOp("("));
  if (!IsOp(")")) {
    SLUICE_ASSIGN_OR_RAISE(view.args, ExpressionList());
  }
  SLUICE_RETURN_NOT_OK(ExpectOp(")"));
  if (IsImplicitAlias()) {
    SLUICE_ASSIGN_OR_RAISE(view.table_alias, Identifier());
  }
  if (AcceptKw("AS") || IsImplicitAlias()) {
    do {
      SLUICE_ASSIGN_OR_RAISE(std::string column, Identifier());
      view.column_aliases.push_back(std::move(column));
    } while (AcceptOp(","));
  }
  return view;
}

Result<std::unique_ptr<Pivot>> Parser::PivotRule() {
  auto pivot = std::make_unique<Pivot>();
  pivot->pos = Cur().pos;
  Advance();
  SLUICE_RETURN_NOT_OK(ExpectOp("("));
  do {
    AliasedExpr aggregate;
    aggregate.pos = Cur().pos;
    SLUICE_ASSIGN_OR_RAISE(aggregate.expr, Expression());
    if (AcceptKw("AS") || IsImplicitAlias()) {
      SLUICE_ASSIGN_OR_RAISE(aggregate.alias, Identifier());
    }
    pivot->aggregates.push_back(std::move(aggregate));
  } while (AcceptOp(","));
  SLUICE_RETURN_NOT_OK(ExpectKw("FOR"));
  if (AcceptOp("(")) {
    do {
      SLUICE_ASSIGN_OR_RAISE(std::vector<std::string> column, QualifiedName());
      pivot->columns.push_back(std::move(column));
    } while (AcceptOp(","));
    SLUICE_RETURN_NOT_OK(ExpectOp(")"));
  } else {
    SLUICE_ASSIGN_OR_RAISE(std::vector<std::string> column, QualifiedName());
    pivot->columns.push_back(std::move(column));
  }
  SLUICE_RETURN_NOT_OK(ExpectKw("IN"));
  SLUICE_RETURN_NOT_OK(ExpectOp("("));
  do {
    AliasedExpr value;
    value.pos = Cur().pos;
    SLUICE_ASSIGN_OR_RAISE(value.expr, Expression());
    if (AcceptKw("AS") || IsImplicitAlias()) {
      SLUICE_ASSIGN_OR_RAISE(value.alias, Identifier());
    }
    pivot->values.push_back(std::move(value));
  } while (AcceptOp(","));
  SLUICE_RETURN_NOT_OK(ExpectOp(")"));
  SLUICE_RETURN_NOT_OK(ExpectOp(")"));
  if (AcceptKw("AS") || IsImplicitAlias()) {
    SLUICE_ASSIGN_OR_RAISE(pivot->alias.name, Identifier());
  }
  return pivot;
}

Result<std::unique_ptr<Unpivot>> Parser::UnpivotRule() {
  auto unpivot = std::make_unique<Unpivot>();
  unpivot->pos = Cur().pos;
  Advance();
  if (IsKw("INCLUDE") || IsKw("EXCLUDE")) {
    unpivot->explicit_nulls = true;
    unpivot->include_nulls = IsKw("INCLUDE");
    Advance();
    SLUICE_RETURN_NOT_OK(ExpectKw("NULLS"));
  }
  SLUICE_RETURN_NOT_OK(ExpectOp("("));
  if (IsOp("(")) {
    unpivot->multi_value = true;
    SLUICE_ASSIGN_OR_RAISE(unpivot->value_columns, IdentifierList());
  } else {
    SLUICE_ASSIGN_OR_RAISE(std::string value, Identifier());
    unpivot->value_columns.push_back(std::move(value));
  }
  SLUICE_RETURN_NOT_OK(ExpectKw("FOR"));
  SLUICE_ASSIGN_OR_RAISE(unpivot->name_column, Identifier());
  SLUICE_RETURN_NOT_OK(ExpectKw("IN"));
  SLUICE_RETURN_NOT_OK(ExpectOp("("));
  do {
    Unpivot::Source source;
    source.pos = Cur().pos;
    if (AcceptOp("(")) {
      source.parenthesised = true;
      do {
        SLUICE_ASSIGN_OR_RAISE(std::vector<std::string> column, QualifiedName());
        source.columns.push_back(std::move(column));
      } while (AcceptOp(","));
      SLUICE_RETURN_NOT_OK(ExpectOp(")"));
    } else {
      SLUICE_ASSIGN_OR_RAISE(std::vector<std::string> column, QualifiedName());
      source.columns.push_back(std::move(column));
    }
    if (AcceptKw("AS") || IsImplicitAlias()) {
      SLUICE_ASSIGN_OR_RAISE(source.alias, Identifier());
    }
    unpivot->sources.push_back(std::move(source));
  } while (AcceptOp(","));
  SLUICE_RETURN_NOT_OK(ExpectOp(")"));
  SLUICE_RETURN_NOT_OK(ExpectOp(")"));
  if (AcceptKw("AS") || IsImplicitAlias()) {
    SLUICE_ASSIGN_OR_RAISE(unpivot->alias.name, Identifier());
  }
  return unpivot;
}

Result<GroupingElement> Parser::GroupingElementRule(bool top_level) {
  DepthGuard guard(*this);
  if (guard.TooDeep()) return TooDeep();
  GroupingElement element;
  element.pos = Cur().pos;
  bool rollup = IsKw("ROLLUP") && IsOp("(", 1);
  bool cube = IsKw("CUBE") && IsOp("(", 1);
  bool sets = IsKw("GROUPING") && IsKw("SETS", 1) && IsOp("(", 2);
  if (rollup || cube || sets) {
    element.kind = rollup ? GroupingKind::kRollup
                   : cube ? GroupingKind::kCube
                          : GroupingKind::kGroupingSets;
    pos_ += sets ? 3 : 2;
    do {
      SLUICE_ASSIGN_OR_RAISE(GroupingElement child, GroupingElementRule(/*top_level=*/false));
      if (!sets && child.kind != GroupingKind::kSet) {
        return Fail("an expression or a (set) inside ROLLUP or CUBE");
      }
      if (!sets && child.set.empty()) {
        return ErrorAt(child.pos, std::string("Empty set in ") + (rollup ? "ROLLUP" : "CUBE") +
                                      " grouping sets is not supported.");
      }
      element.children.push_back(std::move(child));
    } while (AcceptOp(","));
    SLUICE_RETURN_NOT_OK(ExpectOp(")"));
    return element;
  }
  if (!top_level && IsOp("(")) {
    element.kind = GroupingKind::kSet;
    Advance();
    if (!IsOp(")")) {
      SLUICE_ASSIGN_OR_RAISE(element.set, ExpressionList());
    }
    SLUICE_RETURN_NOT_OK(ExpectOp(")"));
    return element;
  }
  SLUICE_ASSIGN_OR_RAISE(ExprPtr expr, Expression());
  if (top_level) {
    element.expr = std::move(expr);
  } else {
    // Inside ROLLUP, CUBE and GROUPING SETS a lone expression is a set of one, as in
    // Spark; printing it as one keeps "(- (a, b))" from reading back as a set.
    element.kind = GroupingKind::kSet;
    element.set.push_back(std::move(expr));
  }
  return element;
}

Result<std::unique_ptr<GroupBy>> Parser::GroupByRule() {
  auto group_by = std::make_unique<GroupBy>();
  group_by->pos = Cur().pos;
  pos_ += 2;  // GROUP BY
  if (IsKw("ALL") && !IsOp("(", 1) && !IsOp(".", 1) && !IsOp(",", 1)) {
    Advance();
    group_by->all = true;
    return group_by;
  }
  bool plain = true;
  do {
    SLUICE_ASSIGN_OR_RAISE(GroupingElement element, GroupingElementRule(/*top_level=*/true));
    plain = plain && element.kind == GroupingKind::kExpr;
    group_by->items.push_back(std::move(element));
  } while (AcceptOp(","));
  if (plain && IsKw("WITH") && (IsKw("ROLLUP", 1) || IsKw("CUBE", 1))) {
    group_by->modifier =
        IsKw("ROLLUP", 1) ? GroupBy::Modifier::kWithRollup : GroupBy::Modifier::kWithCube;
    pos_ += 2;
  } else if (plain && IsKw("GROUPING") && IsKw("SETS", 1)) {
    group_by->modifier = GroupBy::Modifier::kGroupingSets;
    pos_ += 2;
    SLUICE_RETURN_NOT_OK(ExpectOp("("));
    do {
      SLUICE_ASSIGN_OR_RAISE(GroupingElement set, GroupingElementRule(/*top_level=*/false));
      group_by->sets.push_back(std::move(set));
    } while (AcceptOp(","));
    SLUICE_RETURN_NOT_OK(ExpectOp(")"));
  }
  return group_by;
}

Result<std::vector<NamedWindow>> Parser::WindowClause() {
  const SourcePos clause_pos = Cur().pos;
  Advance();  // WINDOW
  // Spark's errors in the clause (names compared as written) point at WINDOW.
  auto clause_error = [&](const char* subclass, const std::string& message) {
    return ParseErrorAt(text_, clause_pos, std::string("INVALID_SQL_SYNTAX.") + subclass,
                        "Invalid SQL syntax: " + message, origin_);
  };
  std::vector<NamedWindow> windows;
  do {
    NamedWindow window;
    window.pos = Cur().pos;
    SLUICE_ASSIGN_OR_RAISE(window.name, Identifier());
    SLUICE_RETURN_NOT_OK(ExpectKw("AS"));
    SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<WindowSpec> spec, WindowSpecRule());
    window.spec = std::move(*spec);
    windows.push_back(std::move(window));
  } while (AcceptOp(","));
  auto find = [&](const std::string& name) -> const NamedWindow* {
    for (const NamedWindow& w : windows)
      if (w.name == name) return &w;
    return nullptr;
  };
  for (size_t i = 0; i < windows.size(); ++i) {
    for (size_t j = 0; j < i; ++j)
      if (windows[j].name == windows[i].name)
        return clause_error("REPETITIVE_WINDOW_DEFINITION",
                            "The definition of window `" + windows[i].name + "` is repetitive.");
  }
  // `w2 AS w1` names w1's definition; a reference to a reference is an error (one level).
  for (const NamedWindow& w : windows) {
    if (w.spec.reference.empty()) continue;
    const NamedWindow* target = find(w.spec.reference);
    if (target == nullptr)
      return clause_error("UNRESOLVED_WINDOW_REFERENCE",
                          "Cannot resolve window reference `" + w.spec.reference + "`.");
    if (!target->spec.reference.empty())
      return clause_error("INVALID_WINDOW_REFERENCE", "Window reference `" + w.spec.reference +
                                                          "` is not a window specification.");
  }
  return windows;
}

Status Parser::Organization(Query& query) {
  if (IsKw("ORDER") && IsKw("BY", 1)) {
    pos_ += 2;
    SLUICE_ASSIGN_OR_RAISE(query.order_by, SortItems());
  }
  if (IsKw("CLUSTER") && IsKw("BY", 1)) {
    pos_ += 2;
    SLUICE_ASSIGN_OR_RAISE(query.cluster_by, ExpressionList());
  }
  if (IsKw("DISTRIBUTE") && IsKw("BY", 1)) {
    pos_ += 2;
    SLUICE_ASSIGN_OR_RAISE(query.distribute_by, ExpressionList());
  }
  if (IsKw("SORT") && IsKw("BY", 1)) {
    pos_ += 2;
    SLUICE_ASSIGN_OR_RAISE(query.sort_by, SortItems());
  }
  if (IsKw("WINDOW") && IsIdentifier(1) && IsKw("AS", 2)) {
    SLUICE_ASSIGN_OR_RAISE(query.windows, WindowClause());
  }
  if (AcceptKw("LIMIT")) {
    if (AcceptKw("ALL")) {
      query.limit_all = true;
    } else {
      SLUICE_ASSIGN_OR_RAISE(query.limit, Expression());
    }
  }
  if (AcceptKw("OFFSET")) {
    SLUICE_ASSIGN_OR_RAISE(query.offset, Expression());
  }
  return Status::OK();
}

}  // namespace sluice::sql
