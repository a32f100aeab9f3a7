// Subquery decorrelation: which correlated forms become joins, with which conditions, and
// which stay subqueries.
#include "optimizer_test_util.h"

namespace sluice::optimizer {
namespace {

class DecorrelateTest : public OptimizerTest {
 protected:
  // The plan after decorrelation alone, without the first line's newline.
  std::string Plan(const std::string& sql) {
    return "\n" + Optimized(sql, Only(&OptimizerOptions::decorrelate));
  }
};

TEST_F(DecorrelateTest, ExistsBecomesSemiJoinWithDistinctKeys) {
  // The uncorrelated conjunct stays inside; with only keys in the condition, one right row
  // per key is enough.
  EXPECT_EQ(Plan("SELECT c FROM t WHERE EXISTS (SELECT 1 FROM u WHERE x = t.b AND y > 2)"), R"(
Project [c]
   +- Join LeftSemi, (x = b)
      +- Scan t [a, b, c]
      +- Distinct
         +- Project [x]
            +- Project [1, x]
               +- Filter (y > 2)
                  +- Scan u [x, y]
)");
}

TEST_F(DecorrelateTest, NotExistsBecomesAntiJoinWithResidual) {
  // The conjunct before it stays below the join, the one after above.
  EXPECT_EQ(Plan("SELECT c FROM t WHERE a > 0 AND NOT EXISTS (SELECT 1 FROM u WHERE x = t.b AND "
                 "y < t.a) AND c = 'z'"),
            R"(
Project [c]
   +- Filter (c = z)
      +- Join LeftAnti, ((x = b) AND (y < a))
         +- Filter (a > 0)
            +- Scan t [a, b, c]
         +- Project [1, x, y]
            +- Scan u [x, y]
)");
}

TEST_F(DecorrelateTest, InAndNullAwareNotIn) {
  EXPECT_EQ(Plan("SELECT c FROM t WHERE a IN (SELECT y FROM u WHERE x = t.b)"), R"(
Project [c]
   +- Join LeftSemi, ((x = b) AND (a = y))
      +- Scan t [a, b, c]
      +- Distinct
         +- Project [x, y]
            +- Project [y, x]
               +- Scan u [x, y]
)");
  EXPECT_EQ(Plan("SELECT c FROM t WHERE a NOT IN (SELECT y FROM u WHERE x = t.b)"), R"(
Project [c]
   +- Join LeftAnti, ((x = b) AND coalesce((a = y), true))
      +- Scan t [a, b, c]
      +- Project [y, x]
         +- Scan u [x, y]
)");
}

TEST_F(DecorrelateTest, ScalarAggregateBecomesLeftJoinOnGroups) {
  EXPECT_EQ(Plan("SELECT a, (SELECT count(*) FROM u WHERE x = t.b) FROM t"), R"(
Project [a, coalesce(count, 0)]
   +- Join LeftOuter, (x = b)
      +- Scan t [a, b, c]
      +- Aggregate [x], [count]
         +- Scan u [x, y]
)");
  EXPECT_EQ(Plan("SELECT a FROM t WHERE a > (SELECT max(y) FROM u WHERE x = t.b)"), R"(
Project [a]
   +- Project [a, b, c]
      +- Filter (a > max)
         +- Join LeftOuter, (x = b)
            +- Scan t [a, b, c]
            +- Aggregate [x], [max]
               +- Scan u [x, y]
)");
}

TEST_F(DecorrelateTest, NestedCorrelationBothLevels) {
  // The inner subquery first; the middle one's correlation then passes over its semi join.
  EXPECT_EQ(Plan("SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE x = t.b AND EXISTS "
                 "(SELECT 1 FROM t t2 WHERE t2.a = u.y))"),
            R"(
Project [a]
   +- Join LeftSemi, (x = b)
      +- Scan t [a, b, c]
      +- Distinct
         +- Project [x]
            +- Project [1, x]
               +- Join LeftSemi, (a = y)
                  +- Scan u [x, y]
                  +- Distinct
                     +- Project [a]
                        +- Project [1, a]
                           +- Scan t [a, b, c]
)");
}

TEST_F(DecorrelateTest, UnprovableFormsStay) {
  // No equality with the outer row, a non-aggregate scalar, an aggregate with a HAVING, a
  // correlation under OR, and a subquery reading two levels out.
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
  EXPECT_EQ(
      "\n" + Optimized("SELECT c FROM t WHERE EXISTS (SELECT 1 FROM u WHERE x = t.b AND y > 2)"),
      R"(
Project [c]
   +- Join LeftSemi, (x = b)
      +- Scan t [b, c]
      +- Distinct
         +- Project [x]
            +- Project [x]
               +- Scan u [x, y] PushedFilters: [(y > 2)]
)");
}

}  // namespace
}  // namespace sluice::optimizer
