#include <gtest/gtest.h>

#include "sql_test_util.h"

namespace sluice::sql {
namespace {

const SelectTerm& SelectOf(const StatementPtr& statement) {
  return statement->As<QueryStatement>().query->body->As<SelectTerm>();
}

TEST(ParserQueryTest, SelectClauses) {
  StatementPtr s = Statement(
      "SELECT DISTINCT a, b AS x, c y, count(*) FROM t WHERE a > 1 GROUP BY a, 2 HAVING "
      "count(*) > 1 WINDOW w AS (PARTITION BY a) QUALIFY rank() OVER w = 1 ORDER BY a DESC "
      "NULLS FIRST, 2 LIMIT 10 OFFSET 5");
  const auto& q = *s->As<QueryStatement>().query;
  const auto& sel = q.body->As<SelectTerm>();
  EXPECT_TRUE(sel.distinct);
  ASSERT_EQ(sel.items.size(), 4u);
  EXPECT_EQ(sel.items[1].alias, "x");
  EXPECT_EQ(sel.items[2].alias, "y");
  EXPECT_TRUE(sel.items[3].alias.empty());
  ASSERT_EQ(sel.from.size(), 1u);
  EXPECT_EQ(sel.from[0]->As<TableRelation>().name, std::vector<std::string>{"t"});
  ASSERT_NE(sel.where, nullptr);
  ASSERT_NE(sel.group_by, nullptr);
  EXPECT_EQ(sel.group_by->items.size(), 2u);
  ASSERT_NE(sel.having, nullptr);
  ASSERT_EQ(sel.windows.size(), 1u);
  EXPECT_EQ(sel.windows[0].name, "w");
  ASSERT_NE(sel.qualify, nullptr);
  ASSERT_EQ(q.order_by.size(), 2u);
  EXPECT_EQ(q.order_by[0].nulls_first, true);
  EXPECT_FALSE(q.order_by[1].nulls_first.has_value());
  ASSERT_NE(q.limit, nullptr);
  ASSERT_NE(q.offset, nullptr);
  EXPECT_EQ(PrintStatement("select all 1 limit all"), "SELECT ALL 1 LIMIT ALL");
}

TEST(ParserQueryTest, SetOperationsIntersectBindsTighter) {
  EXPECT_EQ(PrintStatement("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3"),
            "SELECT 1 UNION SELECT 2 INTERSECT SELECT 3");
  StatementPtr s = Statement("SELECT 1 UNION ALL SELECT 2 INTERSECT SELECT 3 EXCEPT SELECT 4");
  const auto& top = s->As<QueryStatement>().query->body->As<SetOperationTerm>();
  EXPECT_EQ(top.op, SetOpKind::kExcept);
  const auto& left = top.left->As<SetOperationTerm>();
  EXPECT_EQ(left.op, SetOpKind::kUnion);
  EXPECT_EQ(left.quantifier, SetQuantifier::kAll);
  EXPECT_EQ(left.right->As<SetOperationTerm>().op, SetOpKind::kIntersect);
  StatementPtr minus = Statement("SELECT 1 MINUS DISTINCT SELECT 2");
  const auto& m = minus->As<QueryStatement>().query->body->As<SetOperationTerm>();
  EXPECT_EQ(m.op, SetOpKind::kExcept);
  EXPECT_EQ(m.quantifier, SetQuantifier::kDistinct);
  EXPECT_EQ(PrintStatement("(SELECT 1 ORDER BY 1 LIMIT 1) UNION (SELECT 2) ORDER BY 1"),
            "(SELECT 1 ORDER BY 1 ASC LIMIT 1) UNION (SELECT 2) ORDER BY 1 ASC");
}

TEST(ParserQueryTest, Joins) {
  StatementPtr s = Statement(
      "SELECT * FROM a JOIN b ON a.x = b.x LEFT OUTER JOIN c USING (x) RIGHT JOIN d ON true "
      "FULL JOIN e ON true LEFT SEMI JOIN f ON true LEFT ANTI JOIN g ON true CROSS JOIN h "
      "NATURAL JOIN i, j SEMI JOIN k ON true");
  const auto& sel = SelectOf(s);
  ASSERT_EQ(sel.from.size(), 2u);
  std::vector<JoinType> types;
  const Relation* r = sel.from[0].get();
  while (r->kind == RelationKind::kJoin) {
    types.insert(types.begin(), r->As<JoinRelation>().join_type);
    r = r->As<JoinRelation>().left.get();
  }
  EXPECT_EQ(types, (std::vector<JoinType>{JoinType::kInner, JoinType::kLeft, JoinType::kRight,
                                          JoinType::kFull, JoinType::kLeftSemi, JoinType::kLeftAnti,
                                          JoinType::kCross, JoinType::kInner}));
  const auto& natural = sel.from[0]->As<JoinRelation>();
  EXPECT_TRUE(natural.natural);
  EXPECT_EQ(sel.from[1]->As<JoinRelation>().join_type, JoinType::kLeftSemi);
  EXPECT_EQ(PrintStatement("select * from a left join b using (x, y)"),
            "SELECT * FROM `a` LEFT JOIN `b` USING (`x`, `y`)");
  EXPECT_EQ(PrintStatement("select * from (a join b) as j"), "SELECT * FROM (`a` JOIN `b`) AS `j`");
}

TEST(ParserQueryTest, Relations) {
  EXPECT_EQ(PrintStatement("SELECT * FROM csv.`/data/x.csv`"), "SELECT * FROM `csv`.`/data/x.csv`");
  EXPECT_EQ(PrintStatement("SELECT * FROM db.t AS x(a, b)"),
            "SELECT * FROM `db`.`t` AS `x`(`a`, `b`)");
  EXPECT_EQ(PrintStatement("SELECT * FROM (SELECT 1) s"), "SELECT * FROM (SELECT 1) AS `s`");
  EXPECT_EQ(PrintStatement("SELECT * FROM VALUES (1, 'a'), (2, 'b') AS v(n, s)"),
            "SELECT * FROM VALUES (1, 'a'), (2, 'b') AS `v`(`n`, `s`)");
  EXPECT_EQ(PrintStatement("SELECT * FROM range(10)"), "SELECT * FROM `range`(10)");
  EXPECT_EQ(PrintStatement("SELECT * FROM read_files('/p', format => 'csv', header => true)"),
            "SELECT * FROM `read_files`('/p', `format` => 'csv', `header` => TRUE)");
  EXPECT_EQ(PrintStatement("SELECT * FROM t, LATERAL (SELECT t.a) s"),
            "SELECT * FROM `t`, LATERAL (SELECT `t`.`a`) AS `s`");
  StatementPtr sample = Statement("SELECT * FROM t TABLESAMPLE (10 PERCENT) s");
  const auto& rel = *SelectOf(sample).from[0];
  ASSERT_NE(rel.sample, nullptr);
  EXPECT_EQ(rel.sample->method, TableSample::Method::kPercent);
  EXPECT_EQ(rel.alias.name, "s");
  EXPECT_EQ(PrintStatement("SELECT * FROM t TABLESAMPLE (BUCKET 1 OUT OF 4 ON x)"),
            "SELECT * FROM `t` TABLESAMPLE (BUCKET 1 OUT OF 4 ON `x`)");
  EXPECT_EQ(PrintStatement("SELECT * FROM t TABLESAMPLE (5 ROWS)"),
            "SELECT * FROM `t` TABLESAMPLE (5 ROWS)");
  EXPECT_EQ(PrintStatement("VALUES 1, 2 AS t(a)"), "VALUES (1), (2) AS `t`(`a`)");
  EXPECT_EQ(PrintStatement("TABLE db.t"), "TABLE `db`.`t`");
  EXPECT_EQ(PrintStatement("FROM t SELECT a WHERE a > 1"), "SELECT `a` FROM `t` WHERE (`a` > 1)");
}

TEST(ParserQueryTest, LateralViewPivotUnpivot) {
  StatementPtr s = Statement(
      "SELECT * FROM t LATERAL VIEW explode(arr) e AS x LATERAL VIEW OUTER posexplode(m) p AS "
      "i, v");
  const auto& views = SelectOf(s).lateral_views;
  ASSERT_EQ(views.size(), 2u);
  EXPECT_FALSE(views[0].outer);
  EXPECT_EQ(views[0].table_alias, "e");
  EXPECT_EQ(views[0].column_aliases, std::vector<std::string>{"x"});
  EXPECT_TRUE(views[1].outer);
  EXPECT_EQ(views[1].column_aliases, (std::vector<std::string>{"i", "v"}));

  StatementPtr p = Statement(
      "SELECT * FROM sales PIVOT (sum(amount) AS s, avg(amount) FOR (year, course) IN ((2012, "
      "'dotNET') AS a, (2013, 'Java') b))");
  const auto& pivot = *SelectOf(p).pivot;
  EXPECT_EQ(pivot.aggregates.size(), 2u);
  EXPECT_EQ(pivot.aggregates[0].alias, "s");
  EXPECT_EQ(pivot.columns.size(), 2u);
  ASSERT_EQ(pivot.values.size(), 2u);
  EXPECT_EQ(pivot.values[1].alias, "b");

  StatementPtr u =
      Statement("SELECT * FROM t UNPIVOT INCLUDE NULLS (val FOR name IN (q1 AS a, q2)) AS up");
  const auto& unpivot = *SelectOf(u).unpivot;
  EXPECT_TRUE(unpivot.include_nulls);
  EXPECT_EQ(unpivot.value_columns, std::vector<std::string>{"val"});
  EXPECT_EQ(unpivot.name_column, "name");
  ASSERT_EQ(unpivot.sources.size(), 2u);
  EXPECT_EQ(unpivot.sources[0].alias, "a");
  EXPECT_EQ(unpivot.alias.name, "up");
  EXPECT_EQ(PrintStatement("SELECT * FROM t UNPIVOT ((a, b) FOR n IN ((x, y) AS one, (z, w)))"),
            "SELECT * FROM `t` UNPIVOT ((`a`, `b`) FOR `n` IN ((`x`, `y`) AS `one`, (`z`, `w`)))");
}

TEST(ParserQueryTest, GroupingAnalytics) {
  StatementPtr all = Statement("SELECT a, sum(b) FROM t GROUP BY ALL");
  EXPECT_TRUE(SelectOf(all).group_by->all);
  StatementPtr rollup = Statement("SELECT 1 FROM t GROUP BY a, ROLLUP(b, (c, d)), CUBE(e)");
  const auto& items = SelectOf(rollup).group_by->items;
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[1].kind, GroupingKind::kRollup);
  ASSERT_EQ(items[1].children.size(), 2u);
  EXPECT_EQ(items[1].children[1].kind, GroupingKind::kSet);
  EXPECT_EQ(items[1].children[1].set.size(), 2u);
  EXPECT_EQ(items[1].children[0].kind, GroupingKind::kSet);  // b alone: the set (b)
  EXPECT_EQ(items[1].children[0].set.size(), 1u);
  // Fuzzer find: "-(a, b)" in GROUPING SETS prints as "((- (a, b)))", not "(- (a, b))".
  EXPECT_EQ(PrintStatement("SELECT 1 FROM t GROUP BY GROUPING SETS (-(a, b))"),
            "SELECT 1 FROM `t` GROUP BY GROUPING SETS (((- (`a`, `b`))))");
  EXPECT_EQ(items[2].kind, GroupingKind::kCube);
  EXPECT_EQ(PrintStatement("SELECT 1 FROM t GROUP BY GROUPING SETS ((a, b), (a), (), ROLLUP(c))"),
            "SELECT 1 FROM `t` GROUP BY GROUPING SETS ((`a`, `b`), (`a`), (), ROLLUP ((`c`)))");
  StatementPtr with = Statement("SELECT 1 FROM t GROUP BY a, b WITH ROLLUP");
  EXPECT_EQ(SelectOf(with).group_by->modifier, GroupBy::Modifier::kWithRollup);
  EXPECT_EQ(PrintStatement("SELECT 1 FROM t GROUP BY a, b WITH CUBE"),
            "SELECT 1 FROM `t` GROUP BY `a`, `b` WITH CUBE");
  EXPECT_EQ(PrintStatement("SELECT 1 FROM t GROUP BY a, b GROUPING SETS ((a), b)"),
            "SELECT 1 FROM `t` GROUP BY `a`, `b` GROUPING SETS ((`a`), (`b`))");
}

TEST(ParserQueryTest, CtesAndOrganisation) {
  StatementPtr s = Statement(
      "WITH a (x) AS (SELECT 1), b AS (WITH c AS (SELECT 2) SELECT * FROM c) SELECT * FROM a, b "
      "CLUSTER BY x");
  const auto& q = *s->As<QueryStatement>().query;
  ASSERT_EQ(q.ctes.size(), 2u);
  EXPECT_EQ(q.ctes[0].columns, std::vector<std::string>{"x"});
  EXPECT_EQ(q.ctes[1].query->ctes.size(), 1u);
  EXPECT_EQ(q.cluster_by.size(), 1u);
  EXPECT_EQ(PrintStatement("SELECT a FROM t DISTRIBUTE BY a SORT BY b DESC"),
            "SELECT `a` FROM `t` DISTRIBUTE BY `a` SORT BY `b` DESC");
}

TEST(ParserQueryTest, KeywordsAsNames) {
  // Spark's default mode lets non-reserved keywords name columns, tables and aliases.
  EXPECT_EQ(PrintStatement("SELECT date, year AS order, `select` FROM t AS values"),
            "SELECT `date`, `year` AS `order`, `select` FROM `t` AS `values`");
  EXPECT_EQ(PrintStatement("SELECT t.filter, count.a FROM range(1) t"),
            "SELECT `t`.`filter`, `count`.`a` FROM `range`(1) AS `t`");
}

TEST(ParserQueryTest, NodesKnowWhereTheyStart) {
  StatementPtr s = Statement(
      "SELECT a,\n  b + 1 AS x\nFROM t AS u\n  JOIN v ON u.k = v.k\nWHERE x > 1\nORDER BY x");
  const auto& q = *s->As<QueryStatement>().query;
  const auto& sel = q.body->As<SelectTerm>();
  auto at = [](const SourcePos& p) { return std::make_pair(p.line, p.column); };
  EXPECT_EQ(at(sel.pos), std::make_pair(1, 1));
  EXPECT_EQ(at(sel.items[1].pos), std::make_pair(2, 3));
  EXPECT_EQ(at(sel.items[1].expr->pos), std::make_pair(2, 3));  // where its text starts
  EXPECT_EQ(at(sel.items[1].expr->As<Binary>().left->pos), std::make_pair(2, 3));
  const auto& join = sel.from[0]->As<JoinRelation>();
  EXPECT_EQ(at(join.left->pos), std::make_pair(3, 6));
  EXPECT_EQ(at(join.left->alias.pos), std::make_pair(3, 8));
  EXPECT_EQ(at(join.right->pos), std::make_pair(4, 8));
  EXPECT_EQ(at(join.on->As<Binary>().right->pos), std::make_pair(4, 19));
  EXPECT_EQ(at(sel.where->As<Binary>().left->pos), std::make_pair(5, 7));
  EXPECT_EQ(at(q.order_by[0].pos), std::make_pair(6, 10));
  EXPECT_EQ(sel.where->As<Binary>().left->pos.offset, 63u);
}

}  // namespace
}  // namespace sluice::sql
