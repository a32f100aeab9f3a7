#include "sql/ast_printer.h"

#include <cstdio>

namespace sluice::sql {
namespace {

bool IsNumber(const Expr& e) {
  return e.kind == ExprKind::kLiteral && e.As<Literal>().literal_kind == LiteralKind::kNumber;
}

class Printer {
 public:
  std::string Take() { return std::move(out_); }

  void Name(const std::string& name) { out_ += QuoteSqlName(name); }
  void Names(const std::vector<std::string>& parts) { out_ += QuoteSqlName(parts); }

  void NameList(const std::vector<std::string>& names) {
    out_ += '(';
    for (size_t i = 0; i < names.size(); ++i) {
      if (i) out_ += ", ";
      Name(names[i]);
    }
    out_ += ')';
  }

  void String(const std::string& value) { out_ += QuoteSqlString(value); }

  void Exprs(const std::vector<ExprPtr>& list) {
    for (size_t i = 0; i < list.size(); ++i) {
      if (i) out_ += ", ";
      ListItem(*list[i]);
    }
  }

  // A lambda's body extends as far as an expression can, so a lambda prints bare only where
  // a comma or a closing parenthesis follows it (a list item); elsewhere in parentheses.
  void ListItem(const Expr& e) {
    if (e.kind == ExprKind::kLambda) return LambdaText(e.As<Lambda>());
    Expression(e);
  }

  void LambdaText(const Lambda& l) {
    NameList(l.params);
    out_ += " -> ";
    Expression(*l.body);
  }

  void Sorts(const std::vector<SortItem>& items) {
    for (size_t i = 0; i < items.size(); ++i) {
      if (i) out_ += ", ";
      Expression(*items[i].expr);
      out_ += items[i].descending ? " DESC" : " ASC";
      if (items[i].nulls_first) out_ += *items[i].nulls_first ? " NULLS FIRST" : " NULLS LAST";
    }
  }

  void Bound(const FrameBound& bound) {
    switch (bound.kind) {
      case FrameBoundKind::kUnboundedPreceding:
        out_ += "UNBOUNDED PRECEDING";
        break;
      case FrameBoundKind::kUnboundedFollowing:
        out_ += "UNBOUNDED FOLLOWING";
        break;
      case FrameBoundKind::kCurrentRow:
        out_ += "CURRENT ROW";
        break;
      case FrameBoundKind::kPreceding:
      case FrameBoundKind::kFollowing:
        Expression(*bound.offset);
        out_ += bound.kind == FrameBoundKind::kPreceding ? " PRECEDING" : " FOLLOWING";
        break;
    }
  }

  void Window(const WindowSpec& spec) {
    if (!spec.reference.empty()) {
      Name(spec.reference);
      return;
    }
    out_ += '(';
    std::string sep;
    if (!spec.partition_by.empty()) {
      out_ += "PARTITION BY ";
      Exprs(spec.partition_by);
      sep = " ";
    }
    if (!spec.order_by.empty()) {
      out_ += sep + "ORDER BY ";
      Sorts(spec.order_by);
      sep = " ";
    }
    if (spec.frame) {
      out_ += sep + (spec.frame->rows ? "ROWS " : "RANGE ");
      if (spec.frame->end) {
        out_ += "BETWEEN ";
        Bound(spec.frame->start);
        out_ += " AND ";
        Bound(*spec.frame->end);
      } else {
        Bound(spec.frame->start);
      }
    }
    out_ += ')';
  }

  void Expression(const Expr& e) {
    switch (e.kind) {
      case ExprKind::kLiteral:
        return LiteralExpr(e.As<Literal>());
      case ExprKind::kInterval:
        return Interval(e.As<IntervalLiteral>());
      case ExprKind::kColumnRef:
        return Names(e.As<ColumnRef>().name);
      case ExprKind::kFieldAccess: {
        const auto& f = e.As<FieldAccess>();
        // "1.`a`" would lex as the number "1." and an alias.
        bool number = IsNumber(*f.base);
        if (number) out_ += '(';
        Expression(*f.base);
        if (number) out_ += ')';
        out_ += '.';
        return Name(f.field);
      }
      case ExprKind::kSubscript: {
        const auto& s = e.As<Subscript>();
        Expression(*s.base);
        out_ += '[';
        Expression(*s.index);
        out_ += ']';
        return;
      }
      case ExprKind::kStar: {
        const auto& s = e.As<Star>();
        if (!s.qualifier.empty()) {
          Names(s.qualifier);
          out_ += '.';
        }
        out_ += '*';
        if (!s.except.empty()) {
          out_ += " EXCEPT (";
          for (size_t i = 0; i < s.except.size(); ++i) {
            if (i) out_ += ", ";
            Names(s.except[i]);
          }
          out_ += ')';
        }
        return;
      }
      case ExprKind::kUnary: {
        const auto& u = e.As<Unary>();
        static const char* const kOps[] = {"- ", "+ ", "~ ", "NOT "};
        // "- 1" would read back as the literal -1: minus of a number keeps its parentheses.
        bool number = u.op == UnaryOp::kMinus && IsNumber(*u.operand);
        out_ += '(';
        out_ += kOps[static_cast<int>(u.op)];
        if (number) out_ += '(';
        Expression(*u.operand);
        if (number) out_ += ')';
        out_ += ')';
        return;
      }
      case ExprKind::kBinary: {
        const auto& b = e.As<Binary>();
        static const char* const kOps[] = {
            " OR ", " AND ", " = ", " <=> ", " <> ", " < ", " <= ", " > ", " >= ", " | ",
            " ^ ",  " & ",   " + ", " - ",   " || ", " * ", " / ",  " % ", " DIV "};
        out_ += '(';
        Expression(*b.left);
        out_ += kOps[static_cast<int>(b.op)];
        Expression(*b.right);
        out_ += ')';
        return;
      }
      case ExprKind::kIs: {
        const auto& p = e.As<IsPredicate>();
        static const char* const kTests[] = {"NULL", "TRUE", "FALSE", "UNKNOWN", "DISTINCT FROM "};
        out_ += '(';
        Expression(*p.operand);
        out_ += p.negated ? " IS NOT " : " IS ";
        out_ += kTests[static_cast<int>(p.test)];
        if (p.other) Expression(*p.other);
        out_ += ')';
        return;
      }
      case ExprKind::kBetween: {
        const auto& b = e.As<Between>();
        out_ += '(';
        Expression(*b.operand);
        out_ += b.negated ? " NOT BETWEEN " : " BETWEEN ";
        Expression(*b.low);
        out_ += " AND ";
        Expression(*b.high);
        out_ += ')';
        return;
      }
      case ExprKind::kInList: {
        const auto& in = e.As<InList>();
        out_ += '(';
        Expression(*in.operand);
        out_ += in.negated ? " NOT IN (" : " IN (";
        Exprs(in.list);
        out_ += "))";
        return;
      }
      case ExprKind::kInSubquery: {
        const auto& in = e.As<InSubquery>();
        out_ += '(';
        Expression(*in.operand);
        out_ += in.negated ? " NOT IN (" : " IN (";
        QueryText(*in.query);
        out_ += "))";
        return;
      }
      case ExprKind::kLike:
        return LikeExpr(e.As<Like>());
      case ExprKind::kExists:
        out_ += "EXISTS (";
        QueryText(*e.As<Exists>().query);
        out_ += ')';
        return;
      case ExprKind::kScalarSubquery:
        out_ += '(';
        QueryText(*e.As<ScalarSubquery>().query);
        out_ += ')';
        return;
      case ExprKind::kCase: {
        const auto& c = e.As<Case>();
        out_ += "CASE";
        if (c.operand) {
          out_ += ' ';
          Expression(*c.operand);
        }
        for (const auto& [when, then] : c.whens) {
          out_ += " WHEN ";
          Expression(*when);
          out_ += " THEN ";
          Expression(*then);
        }
        if (c.else_result) {
          out_ += " ELSE ";
          Expression(*c.else_result);
        }
        out_ += " END";
        return;
      }
      case ExprKind::kCast: {
        const auto& c = e.As<Cast>();
        if (c.syntax == CastSyntax::kColonColon) {
          out_ += '(';
          Expression(*c.operand);
          out_ += "::" + c.type.ToString() + ')';
          return;
        }
        out_ += c.syntax == CastSyntax::kCast ? "CAST(" : "TRY_CAST(";
        Expression(*c.operand);
        out_ += " AS " + c.type.ToString() + ')';
        return;
      }
      case ExprKind::kFunctionCall:
        return Call(e.As<FunctionCall>());
      case ExprKind::kLambda:
        out_ += '(';
        LambdaText(e.As<Lambda>());
        out_ += ')';
        return;
      case ExprKind::kNamedArgument: {
        const auto& n = e.As<NamedArgument>();
        Name(n.name);
        out_ += " => ";
        ListItem(*n.value);
        return;
      }
      case ExprKind::kRow:
        out_ += '(';
        Exprs(e.As<Row>().items);
        out_ += ')';
        return;
      case ExprKind::kAlias:
        Expression(*e.As<Alias>().expr);
        out_ += " AS ";
        return Name(e.As<Alias>().name);
    }
  }

  void LiteralExpr(const Literal& l) {
    switch (l.literal_kind) {
      case LiteralKind::kNull:
        out_ += "NULL";
        return;
      case LiteralKind::kBoolean:
        out_ += l.boolean ? "TRUE" : "FALSE";
        return;
      case LiteralKind::kNumber:
        out_ += l.text;
        return;
      case LiteralKind::kString:
        String(l.text);
        return;
      case LiteralKind::kTyped:
        out_ += l.type_name + ' ';
        String(l.text);
        return;
    }
  }

  void Interval(const IntervalLiteral& i) {
    out_ += "INTERVAL";
    for (const auto& part : i.parts) {
      out_ += ' ';
      if (part.is_string) {
        String(part.value);
      } else {
        out_ += part.value;
      }
      if (!part.unit.empty()) out_ += ' ' + part.unit;
    }
    if (!i.to_unit.empty()) out_ += " TO " + i.to_unit;
  }

  void LikeExpr(const Like& l) {
    static const char* const kKinds[] = {"LIKE", "ILIKE", "RLIKE"};
    out_ += '(';
    Expression(*l.operand);
    out_ += l.negated ? " NOT " : " ";
    out_ += kKinds[static_cast<int>(l.like_kind)];
    if (l.quantifier != LikeQuantifier::kNone) {
      out_ += l.quantifier == LikeQuantifier::kAny ? " ANY (" : " ALL (";
      Exprs(l.patterns);
      out_ += ')';
    } else {
      out_ += ' ';
      Expression(*l.patterns[0]);
    }
    if (l.escape) {
      out_ += " ESCAPE ";
      String(*l.escape);
    }
    out_ += ')';
  }

  void Call(const FunctionCall& c) {
    switch (c.syntax) {
      case CallSyntax::kExtract:
        out_ += "EXTRACT(";
        Name(c.args[0]->As<Literal>().text);
        out_ += " FROM ";
        Expression(*c.args[1]);
        out_ += ')';
        return;
      case CallSyntax::kPosition:
        out_ += "POSITION(";
        Expression(*c.args[0]);
        out_ += " IN ";
        Expression(*c.args[1]);
        out_ += ')';
        return;
      case CallSyntax::kSubstringFrom:
        out_ += "SUBSTRING(";
        Expression(*c.args[0]);
        out_ += " FROM ";
        Expression(*c.args[1]);
        if (c.args.size() > 2) {
          out_ += " FOR ";
          Expression(*c.args[2]);
        }
        out_ += ')';
        return;
      case CallSyntax::kTrimBoth:
      case CallSyntax::kTrimLeading:
      case CallSyntax::kTrimTrailing:
        out_ += c.syntax == CallSyntax::kTrimBoth      ? "TRIM(BOTH "
                : c.syntax == CallSyntax::kTrimLeading ? "TRIM(LEADING "
                                                       : "TRIM(TRAILING ";
        if (c.args.size() > 1) {
          Expression(*c.args[1]);
          out_ += ' ';
        }
        out_ += "FROM ";
        Expression(*c.args[0]);
        out_ += ')';
        return;
      case CallSyntax::kDatetimeUnit:
      case CallSyntax::kPlain:
        break;
    }
    Names(c.name);
    out_ += '(';
    if (c.distinct) out_ += "DISTINCT ";
    if (c.all) out_ += "ALL ";
    if (c.syntax == CallSyntax::kDatetimeUnit) {
      out_ += c.args[0]->As<Literal>().text;  // a bare unit keyword
      for (size_t i = 1; i < c.args.size(); ++i) {
        out_ += ", ";
        Expression(*c.args[i]);
      }
    } else {
      Exprs(c.args);
    }
    out_ += ')';
    if (!c.within_group.empty()) {
      out_ += " WITHIN GROUP (ORDER BY ";
      Sorts(c.within_group);
      out_ += ')';
    }
    if (c.filter) {
      out_ += " FILTER (WHERE ";
      Expression(*c.filter);
      out_ += ')';
    }
    if (c.nulls != NullTreatment::kDefault) {
      out_ += c.nulls == NullTreatment::kIgnoreNulls ? " IGNORE NULLS" : " RESPECT NULLS";
    }
    if (c.over) {
      out_ += " OVER ";
      Window(*c.over);
    }
  }

  // ---- queries

  void QueryText(const Query& q) {
    if (!q.ctes.empty()) {
      out_ += "WITH ";
      for (size_t i = 0; i < q.ctes.size(); ++i) {
        if (i) out_ += ", ";
        Name(q.ctes[i].name);
        if (!q.ctes[i].columns.empty()) NameList(q.ctes[i].columns);
        out_ += " AS (";
        QueryText(*q.ctes[i].query);
        out_ += ')';
      }
      out_ += ' ';
    }
    Term(*q.body);
    if (!q.order_by.empty()) {
      out_ += " ORDER BY ";
      Sorts(q.order_by);
    }
    if (!q.cluster_by.empty()) {
      out_ += " CLUSTER BY ";
      Exprs(q.cluster_by);
    }
    if (!q.distribute_by.empty()) {
      out_ += " DISTRIBUTE BY ";
      Exprs(q.distribute_by);
    }
    if (!q.sort_by.empty()) {
      out_ += " SORT BY ";
      Sorts(q.sort_by);
    }
    Windows(q.windows);
    if (q.limit_all) out_ += " LIMIT ALL";
    if (q.limit) {
      out_ += " LIMIT ";
      Expression(*q.limit);
    }
    if (q.offset) {
      out_ += " OFFSET ";
      Expression(*q.offset);
    }
  }

  void Windows(const std::vector<NamedWindow>& windows) {
    for (size_t i = 0; i < windows.size(); ++i) {
      out_ += i ? ", " : " WINDOW ";
      Name(windows[i].name);
      out_ += " AS ";
      Window(windows[i].spec);
    }
  }

  void Rows(const std::vector<std::vector<ExprPtr>>& rows) {
    out_ += "VALUES ";
    for (size_t i = 0; i < rows.size(); ++i) {
      if (i) out_ += ", ";
      out_ += '(';
      Exprs(rows[i]);
      out_ += ')';
    }
  }

  void Term(const QueryTerm& t) {
    switch (t.kind) {
      case QueryTermKind::kSelect:
        return SelectText(t.As<SelectTerm>());
      case QueryTermKind::kSetOperation: {
        const auto& s = t.As<SetOperationTerm>();
        Term(*s.left);
        out_ += s.op == SetOpKind::kUnion       ? " UNION"
                : s.op == SetOpKind::kIntersect ? " INTERSECT"
                : s.minus_spelling              ? " MINUS"
                                                : " EXCEPT";
        if (s.quantifier == SetQuantifier::kAll) out_ += " ALL";
        if (s.quantifier == SetQuantifier::kDistinct) out_ += " DISTINCT";
        out_ += ' ';
        Term(*s.right);
        return;
      }
      case QueryTermKind::kValues:
        Rows(t.As<ValuesTerm>().rows);
        return AliasText(t.As<ValuesTerm>().alias);
      case QueryTermKind::kNested:
        out_ += '(';
        QueryText(*t.As<NestedQueryTerm>().query);
        out_ += ')';
        return;
      case QueryTermKind::kTable:
        out_ += "TABLE ";
        Names(t.As<TableTerm>().name);
        return;
    }
  }

  void AliasText(const TableAlias& alias) {
    if (alias.name.empty()) return;
    out_ += " AS ";
    Name(alias.name);
    if (!alias.columns.empty()) NameList(alias.columns);
  }

  void RelationText(const Relation& r) {
    switch (r.kind) {
      case RelationKind::kTable:
        Names(r.As<TableRelation>().name);
        break;
      case RelationKind::kSubquery:
        if (r.As<SubqueryRelation>().lateral) out_ += "LATERAL ";
        out_ += '(';
        QueryText(*r.As<SubqueryRelation>().query);
        out_ += ')';
        break;
      case RelationKind::kValues:
        Rows(r.As<ValuesRelation>().rows);
        break;
      case RelationKind::kTableFunction:
        Names(r.As<TableFunctionRelation>().name);
        out_ += '(';
        Exprs(r.As<TableFunctionRelation>().args);
        out_ += ')';
        break;
      case RelationKind::kParenthesised:
        out_ += '(';
        RelationText(*r.As<ParenthesisedRelation>().inner);
        out_ += ')';
        break;
      case RelationKind::kJoin: {
        const auto& j = r.As<JoinRelation>();
        static const char* const kTypes[] = {" JOIN ",          " CROSS JOIN ", " LEFT JOIN ",
                                             " RIGHT JOIN ",    " FULL JOIN ",  " LEFT SEMI JOIN ",
                                             " LEFT ANTI JOIN "};
        RelationText(*j.left);
        if (j.natural) out_ += " NATURAL";
        out_ += kTypes[static_cast<int>(j.join_type)];
        RelationText(*j.right);
        if (j.on) {
          out_ += " ON ";
          Expression(*j.on);
        }
        if (j.has_using) {
          out_ += " USING ";
          NameList(j.using_columns);
        }
        break;
      }
    }
    if (r.sample) {
      const TableSample& s = *r.sample;
      out_ += " TABLESAMPLE (";
      switch (s.method) {
        case TableSample::Method::kPercent:
        case TableSample::Method::kRows:
          Expression(*s.amount);
          out_ += s.method == TableSample::Method::kPercent ? " PERCENT" : " ROWS";
          break;
        case TableSample::Method::kBytes:
          out_ += s.bytes;
          break;
        case TableSample::Method::kBucket:
          out_ += "BUCKET ";
          Expression(*s.amount);
          out_ += " OUT OF ";
          Expression(*s.bucket_total);
          if (s.bucket_on) {
            out_ += " ON ";
            Expression(*s.bucket_on);
          }
          break;
      }
      out_ += ')';
    }
    AliasText(r.alias);
  }

  void Aliased(const std::vector<AliasedExpr>& list) {
    for (size_t i = 0; i < list.size(); ++i) {
      if (i) out_ += ", ";
      Expression(*list[i].expr);
      if (!list[i].alias.empty()) {
        out_ += " AS ";
        Name(list[i].alias);
      }
    }
  }

  void Grouping(const GroupingElement& g) {
    switch (g.kind) {
      case GroupingKind::kExpr:
        Expression(*g.expr);
        return;
      case GroupingKind::kSet:
        out_ += '(';
        Exprs(g.set);
        out_ += ')';
        return;
      case GroupingKind::kRollup:
        out_ += "ROLLUP (";
        break;
      case GroupingKind::kCube:
        out_ += "CUBE (";
        break;
      case GroupingKind::kGroupingSets:
        out_ += "GROUPING SETS (";
        break;
    }
    GroupingList(g.children);
    out_ += ')';
  }

  void GroupingList(const std::vector<GroupingElement>& list) {
    for (size_t i = 0; i < list.size(); ++i) {
      if (i) out_ += ", ";
      Grouping(list[i]);
    }
  }

  void SelectText(const SelectTerm& s) {
    out_ += "SELECT ";
    if (s.distinct) out_ += "DISTINCT ";
    if (s.all) out_ += "ALL ";
    for (size_t i = 0; i < s.items.size(); ++i) {
      if (i) out_ += ", ";
      Expression(*s.items[i].expr);
      if (!s.items[i].alias.empty()) {
        out_ += " AS ";
        Name(s.items[i].alias);
      } else if (!s.items[i].aliases.empty()) {
        out_ += " AS ";
        NameList(s.items[i].aliases);
      }
    }
    for (size_t i = 0; i < s.from.size(); ++i) {
      out_ += i ? ", " : " FROM ";
      RelationText(*s.from[i]);
    }
    for (const LateralView& v : s.lateral_views) {
      out_ += v.outer ? " LATERAL VIEW OUTER " : " LATERAL VIEW ";
      Names(v.function);
      out_ += '(';
      Exprs(v.args);
      out_ += ')';
      if (!v.table_alias.empty()) {
        out_ += ' ';
        Name(v.table_alias);
      }
      for (size_t i = 0; i < v.column_aliases.size(); ++i) {
        out_ += i ? ", " : " AS ";
        Name(v.column_aliases[i]);
      }
    }
    if (s.pivot) PivotText(*s.pivot);
    if (s.unpivot) UnpivotText(*s.unpivot);
    if (s.where) {
      out_ += " WHERE ";
      Expression(*s.where);
    }
    if (s.group_by) {
      const GroupBy& g = *s.group_by;
      out_ += " GROUP BY ";
      if (g.all) out_ += "ALL";
      GroupingList(g.items);
      if (g.modifier == GroupBy::Modifier::kWithRollup) out_ += " WITH ROLLUP";
      if (g.modifier == GroupBy::Modifier::kWithCube) out_ += " WITH CUBE";
      if (g.modifier == GroupBy::Modifier::kGroupingSets) {
        out_ += " GROUPING SETS (";
        GroupingList(g.sets);
        out_ += ')';
      }
    }
    if (s.having) {
      out_ += " HAVING ";
      Expression(*s.having);
    }
    Windows(s.windows);
    if (s.qualify) {
      out_ += " QUALIFY ";
      Expression(*s.qualify);
    }
  }

  void PivotText(const Pivot& p) {
    out_ += " PIVOT (";
    Aliased(p.aggregates);
    out_ += " FOR ";
    if (p.columns.size() == 1) {
      Names(p.columns[0]);
    } else {
      out_ += '(';
      for (size_t i = 0; i < p.columns.size(); ++i) {
        if (i) out_ += ", ";
        Names(p.columns[i]);
      }
      out_ += ')';
    }
    out_ += " IN (";
    Aliased(p.values);
    out_ += "))";
    AliasText(p.alias);
  }

  void UnpivotText(const Unpivot& u) {
    out_ += " UNPIVOT ";
    if (u.explicit_nulls) out_ += u.include_nulls ? "INCLUDE NULLS " : "EXCLUDE NULLS ";
    out_ += '(';
    if (u.multi_value) {
      NameList(u.value_columns);
    } else {
      Name(u.value_columns[0]);
    }
    out_ += " FOR ";
    Name(u.name_column);
    out_ += " IN (";
    for (size_t i = 0; i < u.sources.size(); ++i) {
      if (i) out_ += ", ";
      const auto& source = u.sources[i];
      if (source.parenthesised) out_ += '(';
      for (size_t j = 0; j < source.columns.size(); ++j) {
        if (j) out_ += ", ";
        Names(source.columns[j]);
      }
      if (source.parenthesised) out_ += ')';
      if (!source.alias.empty()) {
        out_ += " AS ";
        Name(source.alias);
      }
    }
    out_ += "))";
    AliasText(u.alias);
  }

 private:
  std::string out_;
};

}  // namespace

std::string QuoteSqlName(std::string_view name) {
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  return out + '`';
}

std::string QuoteSqlName(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "." : "") + QuoteSqlName(parts[i]);
  return out;
}

// The inverse of the lexer's unescaping.
std::string QuoteSqlString(std::string_view value) {
  std::string out = "'";
  for (unsigned char c : value) {
    switch (c) {
      case '\'':
        out += "\\'";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "'";
}

std::string ToSql(const Expr& expr) {
  Printer p;
  p.Expression(expr);
  return p.Take();
}

std::string ToSql(const Query& query) {
  Printer p;
  p.QueryText(query);
  return p.Take();
}

}  // namespace sluice::sql
