// Common subexpressions: which repeated expressions a projection below computes once.
#include "optimizer_test_util.h"

namespace sluice::optimizer {
namespace {

class CommonSubexpressionsTest : public OptimizerTest {
 protected:
  std::string Plan(const std::string& sql) {
    return "\n" + Optimized(sql, Only(&OptimizerOptions::share_subexpressions));
  }
};

TEST_F(CommonSubexpressionsTest, ProjectionComputesARepeatedCallOnce) {
  EXPECT_EQ(Plan("SELECT upper(c) AS u1, concat(upper(c), '!') AS u2 FROM t"), R"(
Project [upper(c), concat(upper(c), !)]
   +- Project [a, b, c, upper(c)]
      +- Scan t [a, b, c]
)");
}

TEST_F(CommonSubexpressionsTest, AggregateArgumentsShareTheirExpression) {
  EXPECT_EQ(Plan("SELECT a, sum(b * 2), avg(b * 2) FROM t GROUP BY a"), R"(
Project [a, sum((b * 2)), avg((b * 2))]
   +- Aggregate [a], [sum, avg]
      +- Project [a, b, c, (b * 2)]
         +- Scan t [a, b, c]
)");
}

TEST_F(CommonSubexpressionsTest, OnlyTheOutermostRepeatedExpressionIsShared) {
  // abs(a + b) holds a + b: computing both would compute a + b twice.
  EXPECT_EQ(Plan("SELECT abs(a + b) AS x, abs(a + b) + 1 AS y FROM t"), R"(
Project [abs((a + b)), (abs((a + b)) + 1)]
   +- Project [a, b, c, abs((a + b))]
      +- Scan t [a, b, c]
)");
}

TEST_F(CommonSubexpressionsTest, ConditionalOccurrencesDoNotCount) {
  // Computing 10 / a for every row could fail where the CASE never evaluates it (ANSI).
  const std::string unchanged = Plan(
      "SELECT CASE WHEN a > 0 THEN 10 / a END AS x, "
      "coalesce(b, 10 / a) AS y FROM t");
  EXPECT_EQ(unchanged.find("Project [a, b, c"), std::string::npos) << unchanged;
  // Once it is computed for every row anyway, the conditional uses read it too.
  EXPECT_EQ(Plan("SELECT 10 / a AS x, 10 / a + 1 AS y, CASE WHEN b > 0 THEN 10 / a END AS z "
                 "FROM t"),
            R"(
Project [(10 / a), ((10 / a) + 1), CASE WHEN (b > 0) THEN (10 / a) END]
   +- Project [a, b, c, (10 / a)]
      +- Scan t [a, b, c]
)");
}

TEST_F(CommonSubexpressionsTest, NonDeterministicCallsAreNotShared) {
  const std::string plan = Plan("SELECT rand(1) * 2 AS x, rand(1) * 2 AS y FROM t");
  EXPECT_EQ(plan.find("Project [a, b, c"), std::string::npos) << plan;
}

}  // namespace
}  // namespace sluice::optimizer
