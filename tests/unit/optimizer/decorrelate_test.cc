// Subquery decorrelation: which correlated forms become joins, with which conditions, and
// which stay subqueries.
#include "optimizer_test_util.h"

namespace sluice::optimizer {
namespace {

class DecorrelateTest : public OptimizerTest {
 protected:
  std::string Plan(const std::string& sql) {
    return Optimized(sql, Only(&OptimizerOptions::decorrelate));
  }
};

TEST_F(DecorrelateTest, ExistsBecomesSemiJoin) {
  EXPECT_EQ(
      Plan("SELECT c FROM t WHERE EXISTS (SELECT 1 FROM u WHERE x = t.b AND y > 2)"),
      "Project [c]\n   +- Join LeftSemi, (x = b)\n      +- Scan t [a, b, c]\n      +- Project "
      "[1, x]\n         +- Filter (y > 2)\n            +- Scan u [x, y]\n");
}

TEST_F(DecorrelateTest, NotExistsBecomesAntiJoinWithResidual) {
  EXPECT_EQ(Plan("SELECT c FROM t WHERE a > 0 AND NOT EXISTS (SELECT 1 FROM u WHERE x = t.b AND "
                 "y < t.a) AND c = 'z'"),
            "Project [c]\n   +- Filter (c = z)\n      +- Join LeftAnti, ((x = b) AND (y < a))\n   "
            "      +- Filter (a > 0)\n            +- Scan t [a, b, c]\n         +- Project [1, "
            "x, y]\n            +- Scan u [x, y]\n");
}

TEST_F(DecorrelateTest, InAndNullAwareNotIn) {
  EXPECT_EQ(Plan("SELECT c FROM t WHERE a IN (SELECT y FROM u WHERE x = t.b)"),
            "Project [c]\n   +- Join LeftSemi, ((x = b) AND (a = y))\n      +- Scan t [a, b, c]\n "
            "     +- Project [y, x]\n         +- Scan u [x, y]\n");
  EXPECT_EQ(Plan("SELECT c FROM t WHERE a NOT IN (SELECT y FROM u WHERE x = t.b)"),
            "Project [c]\n   +- Join LeftAnti, ((x = b) AND coalesce((a = y), true))\n      +- "
            "Scan t [a, b, c]\n      +- Project [y, x]\n         +- Scan u [x, y]\n");
}

TEST_F(DecorrelateTest, ScalarAggregateBecomesLeftJoinOnGroups) {
  EXPECT_EQ(
      Plan("SELECT a, (SELECT count(*) FROM u WHERE x = t.b) FROM t"),
      "Project [a, coalesce(count, 0)]\n   +- Join LeftOuter, (x = b)\n      +- Scan t [a, b, "
      "c]\n      +- Aggregate [x], [count]\n         +- Scan u [x, y]\n");
  EXPECT_EQ(Plan("SELECT a FROM t WHERE a > (SELECT max(y) FROM u WHERE x = t.b)"),
            "Project [a]\n   +- Project [a, b, c]\n      +- Filter (a > max)\n         +- Join "
            "LeftOuter, (x = b)\n            +- Scan t [a, b, c]\n            +- Aggregate [x], "
            "[max]\n               +- Scan u [x, y]\n");
}

TEST_F(DecorrelateTest, NestedCorrelationBothLevels) {
  EXPECT_EQ(
      Plan("SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE x = t.b AND EXISTS "
           "(SELECT 1 FROM t t2 WHERE t2.a = u.y))"),
      "Project [a]\n   +- Join LeftSemi, (x = b)\n      +- Scan t [a, b, c]\n      +- Project "
      "[1, x]\n         +- Join LeftSemi, (a = y)\n            +- Scan u [x, y]\n       "
      "     +- Project [1, a]\n               +- Scan t [a, b, c]\n");
}

TEST_F(DecorrelateTest, UnprovableFormsStay) {
  // No equality with the outer row, a non-aggregate scalar, an aggregate with a HAVING, a
  // subquery reading two levels out, and a correlation under OR.
  for (const char* sql :
       {"SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE x > t.b)",
        "SELECT a, (SELECT y FROM u WHERE x = t.b) FROM t",
        "SELECT a, (SELECT max(y) FROM u WHERE x = t.b HAVING max(y) > 1) FROM t",
        "SELECT a FROM t WHERE a = 1 OR EXISTS (SELECT 1 FROM u WHERE x = t.b)",
        "SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE x = t.b AND EXISTS (SELECT 1 FROM "
        "t t2 WHERE t2.a = u.y AND t2.b = t.a))"}) {
    SCOPED_TRACE(sql);
    EXPECT_EQ(Plan(sql).find("Join"), std::string::npos) << Plan(sql);
  }
}

TEST_F(DecorrelateTest, WithTheOtherRules) {
  EXPECT_EQ(Optimized("SELECT c FROM t WHERE EXISTS (SELECT 1 FROM u WHERE x = t.b AND y > 2)"),
            "Project [c]\n   +- Join LeftSemi, (x = b)\n      +- Scan t [b, c]\n      +- Project "
            "[x]\n         +- Scan u [x, y] PushedFilters: [(y > 2)]\n");
}

}  // namespace
}  // namespace sluice::optimizer
