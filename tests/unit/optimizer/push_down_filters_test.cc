// Predicate pushdown, operator by operator, including where a conjunct must stay.
#include "optimizer_test_util.h"

namespace sluice::optimizer {
namespace {

class PushDownTest : public OptimizerTest {
 protected:
  std::string Plan(const std::string& sql) {
    return Optimized(sql, Only(&OptimizerOptions::push_down_filters));
  }
};

TEST_F(PushDownTest, IntoScan) {
  EXPECT_EQ(Plan("SELECT a FROM t WHERE a > 1 AND c = 'z'"),
            "Project [a]\n   +- Scan t [a, b, c] PushedFilters: [(a > 1), (c = z)]\n");
}

TEST_F(PushDownTest, ThroughProjectBySubstitution) {
  EXPECT_EQ(Plan("SELECT * FROM (SELECT a + 1 AS k, c FROM t) WHERE k > 5"),
            "Project [k, c]\n   +- Project [(a + 1), c]\n      +- Scan t [a, b, c] PushedFilters: "
            "[((a + 1) > 5)]\n");
}

TEST_F(PushDownTest, NotThroughNonDeterministicProject) {
  EXPECT_EQ(Plan("SELECT * FROM (SELECT a, rand() AS r FROM t) WHERE a > 1"),
            "Project [a, r]\n   +- Filter (a > 1)\n      +- Project [a, rand()]\n         +- Scan "
            "t [a, b, c]\n");
}

TEST_F(PushDownTest, NonDeterministicConjunctBlocksTheOnesAfterIt) {
  EXPECT_EQ(Plan("SELECT a FROM t WHERE a > 1 AND rand() < 0.5 AND b > 2"),
            "Project [a]\n   +- Filter ((rand() < 0.5) AND (b > 2))\n      +- Scan t [a, b, c] "
            "PushedFilters: [(a > 1)]\n");
}

TEST_F(PushDownTest, SubqueryConjunctStays) {
  EXPECT_EQ(Plan("SELECT a FROM t WHERE a IN (SELECT x FROM u) AND b > 2"),
            "Project [a]\n   +- Filter (a IN (listquery()))\n      +- Scan t [a, b, c] "
            "PushedFilters: [(b > 2)]\n");
}

TEST_F(PushDownTest, NotAcrossLimit) {
  EXPECT_EQ(Plan("SELECT * FROM (SELECT * FROM t LIMIT 5) WHERE a > 1"),
            "Project [a, b, c]\n   +- Filter (a > 1)\n      +- Limit 5\n         +- Project [a, b, "
            "c]\n            +- Scan t [a, b, c]\n");
}

TEST_F(PushDownTest, ThroughSortAndDistinct) {
  EXPECT_EQ(Plan("SELECT * FROM (SELECT DISTINCT a, b FROM t ORDER BY a) WHERE b > 1"),
            "Project [a, b]\n   +- Sort [a ASC]\n      +- Distinct\n         +- Project [a, b]\n   "
            "         +- Scan t [a, b, c] PushedFilters: [(b > 1)]\n");
}

TEST_F(PushDownTest, AggregateGroupColumnsOnly) {
  EXPECT_EQ(Plan("SELECT a, count(*) FROM t GROUP BY a HAVING a > 1 AND count(*) > 2"),
            "Project [a, count(1)]\n   +- Filter (count(1) > 2)\n      +- Aggregate [a], [count]\n "
            "        +- Scan t [a, b, c] PushedFilters: [(a > 1)]\n");
}

TEST_F(PushDownTest, GroupingSetsOnlyColumnsInEverySet) {
  EXPECT_EQ(Plan("SELECT a, b, count(*) FROM t GROUP BY GROUPING SETS ((a, b), (a)) "
                 "HAVING a > 1 AND b IS NULL"),
            "Project [a, b, count(1)]\n   +- Filter (b IS NULL)\n      +- Aggregate [a, b], "
            "[count]\n         +- Scan t [a, b, c] PushedFilters: [(a > 1)]\n");
}

TEST_F(PushDownTest, NotBelowAGlobalAggregate) {
  EXPECT_EQ(Plan("SELECT a, count(*) FROM t GROUP BY ROLLUP(a) HAVING a > 1"),
            "Project [a, count(1)]\n   +- Filter (a > 1)\n      +- Aggregate [a], [count]\n        "
            " +- Scan t [a, b, c]\n");
}

TEST_F(PushDownTest, WindowPartitionColumnsOnly) {
  EXPECT_EQ(Plan("SELECT * FROM (SELECT a, b, sum(b) OVER (PARTITION BY a) AS s FROM t) "
                 "WHERE a > 1 AND b > 1"),
            "Project [a, b, s]\n   +- Project [a, b, sum(b) OVER (PARTITION BY a ROWS BETWEEN "
            "UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)]\n      +- Filter (b > 1)\n         +- "
            "Window\n            +- Scan t [a, b, c] PushedFilters: [(a > 1)]\n");
}

TEST_F(PushDownTest, UnionToBothSides) {
  EXPECT_EQ(Plan("SELECT * FROM (SELECT a FROM t UNION ALL SELECT x FROM u) WHERE a > 1"),
            "Project [a]\n   +- SetOperation\n      +- Project [a]\n         +- Scan t [a, b, c] "
            "PushedFilters: [(a > 1)]\n      +- Project [x]\n         +- Scan u [x, y] "
            "PushedFilters: [(x > 1)]\n");
}

TEST_F(PushDownTest, GenerateInputColumnsOnly) {
  EXPECT_EQ(Plan("SELECT * FROM (SELECT id, v FROM arr LATERAL VIEW explode(xs) e AS v) "
                 "WHERE id > 1 AND v > 2"),
            "Project [id, v]\n   +- Project [id, v]\n      +- Filter (v > 2)\n         +- "
            "Generate\n            +- Scan arr [id, xs] PushedFilters: [(id > 1)]\n");
}

TEST_F(PushDownTest, InnerJoinSidesAndCondition) {
  EXPECT_EQ(Plan("SELECT * FROM t JOIN u ON a = x WHERE b > 1 AND y < 2 AND b < y"),
            "Project [a, b, c, x, y]\n   +- Join Inner, ((a = x) AND (b < y))\n      +- Scan t [a, "
            "b, c] PushedFilters: [(b > 1)]\n      +- Scan u [x, y] PushedFilters: [(y < 2)]\n");
}

TEST_F(PushDownTest, CrossJoinWithEqualityBecomesInner) {
  EXPECT_EQ(Plan("SELECT * FROM t, u WHERE a = x"),
            "Project [a, b, c, x, y]\n   +- Join Inner, (a = x)\n      +- Scan t [a, b, c]\n      "
            "+- Scan u [x, y]\n");
}

TEST_F(PushDownTest, LeftJoinKeepsNullableSideFiltersAbove) {
  EXPECT_EQ(Plan("SELECT * FROM t LEFT JOIN u ON a = x AND y > 1 AND b > 2 "
                 "WHERE c = 'z' AND y IS NULL"),
            "Project [a, b, c, x, y]\n   +- Filter (y IS NULL)\n      +- Join LeftOuter, ((a = x) "
            "AND (b > 2))\n         +- Scan t [a, b, c] PushedFilters: [(c = z)]\n         +- Scan "
            "u [x, y] PushedFilters: [(y > 1)]\n");
}

TEST_F(PushDownTest, RightJoinMirrors) {
  EXPECT_EQ(Plan("SELECT * FROM t RIGHT JOIN u ON a = x AND y > 1 AND b > 2 "
                 "WHERE c = 'z' AND y > 3"),
            "Project [a, b, c, x, y]\n   +- Filter (c = z)\n      +- Join RightOuter, ((a = x) AND "
            "(y > 1))\n         +- Scan t [a, b, c] PushedFilters: [(b > 2)]\n         +- Scan u "
            "[x, y] PushedFilters: [(y > 3)]\n");
}

TEST_F(PushDownTest, FullJoinMovesNothing) {
  EXPECT_EQ(Plan("SELECT * FROM t FULL JOIN u ON a = x AND y > 1 WHERE b > 1"),
            "Project [a, b, c, x, y]\n   +- Filter (b > 1)\n      +- Join FullOuter, ((a = x) AND "
            "(y > 1))\n         +- Scan t [a, b, c]\n         +- Scan u [x, y]\n");
}

TEST_F(PushDownTest, SemiJoinBothSides) {
  EXPECT_EQ(Plan("SELECT * FROM t LEFT SEMI JOIN u ON a = x AND a > 1 AND y > 2 WHERE b > 3"),
            "Project [a, b, c]\n   +- Join LeftSemi, (a = x)\n      +- Scan t [a, b, c] "
            "PushedFilters: [(a > 1), (b > 3)]\n      +- Scan u [x, y] PushedFilters: [(y > 2)]\n");
}

TEST_F(PushDownTest, AntiJoinKeepsLeftOnConjuncts) {
  EXPECT_EQ(Plan("SELECT * FROM t LEFT ANTI JOIN u ON a = x AND a > 1 AND y > 2 WHERE b > 3"),
            "Project [a, b, c]\n   +- Join LeftAnti, ((a = x) AND (a > 1))\n      +- Scan t [a, b, "
            "c] PushedFilters: [(b > 3)]\n      +- Scan u [x, y] PushedFilters: [(y > 2)]\n");
}

}  // namespace
}  // namespace sluice::optimizer
