// Column pruning, top-N (after LIMIT and QUALIFY), simplification, and the rules together.
#include "optimizer_test_util.h"
#include "plan/outer_references.h"

namespace sluice::optimizer {
namespace {

TEST_F(OptimizerTest, PruningNarrowsScans) {
  EXPECT_EQ(Optimized("SELECT a FROM t WHERE b > 1"),
            "Project [a]\n   +- Scan t [a, b] PushedFilters: [(b > 1)]\n");
  EXPECT_EQ(Optimized("SELECT a, y FROM t JOIN u ON b = x"),
            "Project [a, y]\n   +- Join Inner, (b = x)\n      +- Scan t [a, b]\n      +- Scan u "
            "[x, y]\n");
}

TEST_F(OptimizerTest, PruningDropsUnreadAggregates) {
  EXPECT_EQ(Optimized("SELECT a FROM (SELECT a, sum(b) AS s, max(c) AS m FROM t GROUP BY a)"),
            "Aggregate [a], []\n   +- Scan t [a]\n");
  EXPECT_EQ(
      Optimized("SELECT m, g FROM (SELECT a, b, sum(b) AS s, max(c) AS m, "
                "grouping_id() AS g FROM t GROUP BY CUBE(a, b))"),
      "Project [max(c), grouping_id(a, b)]\n   +- Aggregate [a, b], [max]\n      +- Scan t [a, "
      "b, c]\n");
}

TEST_F(OptimizerTest, PruningKeepsOneColumnForCounts) {
  EXPECT_EQ(Optimized("SELECT count(*) FROM t"),
            "Project [count(1)]\n   +- Aggregate [], [count]\n      +- Scan t [a]\n");
}

TEST_F(OptimizerTest, PruningRemapsCorrelatedReferences) {
  // The subquery reads t.b (column 1 of t) through an outer reference; once a is pruned,
  // b is column 0 and the reference must say so (no equality: it stays a subquery).
  plan::OperatorPtr p = *Optimize(
      Bind("SELECT c FROM t WHERE EXISTS (SELECT 1 FROM u WHERE x > t.b)"), OptimizerOptions());
  EXPECT_EQ(plan::PlanToString(*p),
            "Project [c]\n   +- Filter exists(b)\n      +- Scan t [b, c]\n");
  const plan::OperatorPtr& filter = p->children[0];
  std::vector<size_t> refs;
  ASSERT_TRUE(
      plan::RewriteOuterReferences(filter->condition, [&](const plan::Expression& ref, int level) {
        if (level == 0) refs.push_back(ref.column_index);
        return Result<plan::ExprPtr>(plan::ExprPtr());
      }).ok());
  EXPECT_EQ(refs, std::vector<size_t>{0});
}

TEST_F(OptimizerTest, PruningThroughWindowAndGenerate) {
  EXPECT_EQ(Optimized("SELECT s FROM (SELECT sum(b) OVER (PARTITION BY a) AS s FROM t)"),
            "Project [sum(b) OVER (PARTITION BY a ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED "
            "FOLLOWING)]\n   +- Window\n      +- Scan t [a, b]\n");
  EXPECT_EQ(Optimized("SELECT v FROM arr LATERAL VIEW explode(xs) e AS v"),
            "Project [v]\n   +- Generate\n      +- Scan arr [xs]\n");
}

TEST_F(OptimizerTest, TopN) {
  EXPECT_EQ(
      Optimized("SELECT a FROM t ORDER BY b LIMIT 3 OFFSET 2", Only(&OptimizerOptions::top_n)),
      "Limit 3 OFFSET 2\n   +- Project [a]\n      +- Sort [b ASC] TopN 5\n         +- Project [a, "
      "b]\n            +- Scan t [a, b, c]\n");
}

TEST_F(OptimizerTest, WindowTopNFromQualifyRowNumber) {
  const auto plan = [&](const std::string& qualify) {
    return Optimized("SELECT a FROM t QUALIFY " + qualify, Only(&OptimizerOptions::top_n));
  };
  const std::string rn = "row_number() OVER (PARTITION BY a ORDER BY b)";
  EXPECT_NE(plan(rn + " = 1").find("Window TopN 1 per partition"), std::string::npos);
  EXPECT_NE(plan("3 > " + rn).find("Window TopN 2 per partition"), std::string::npos);
  EXPECT_NE(plan(rn + " <= 4 AND c > 0").find("Window TopN 4 per partition"), std::string::npos);
  // Not a bound on the first rows, or not the window's one call: no top-N.
  for (const std::string& q : {rn + " = 2", rn + " >= 1", rn + " <= 2 OR c > 0",
                               rn + " = 1 AND rank() OVER (PARTITION BY a ORDER BY b) = 1",
                               std::string("rank() OVER (PARTITION BY a ORDER BY b) = 1")})
    EXPECT_EQ(plan(q).find("TopN"), std::string::npos) << q;
}

TEST_F(OptimizerTest, FuseWindowsOverWindows) {
  const auto windows = [&](const std::string& sql) {
    const std::string plan = Optimized(sql, Only(&OptimizerOptions::fuse_windows));
    size_t n = 0;
    for (size_t at = plan.find("Window"); at != std::string::npos; at = plan.find("Window", at + 1))
      ++n;
    return n;
  };
  const std::string lag = "SELECT a, b, b - lag(b) OVER (PARTITION BY a ORDER BY b) AS d FROM t";
  // A running sum over the lag's result, then a lead partitioned by that sum: one Window.
  EXPECT_EQ(windows("SELECT a, s, lead(d) OVER (PARTITION BY a, s ORDER BY b) FROM (SELECT *, "
                    "sum(d) OVER (PARTITION BY a ORDER BY b) AS s FROM (" +
                    lag + "))"),
            1u);
  // No partition key shared by every call, a non-deterministic projection or a filter between:
  // the Windows stay apart.
  EXPECT_EQ(windows("SELECT sum(d) OVER (PARTITION BY b) FROM (" + lag + ")"), 2u);
  EXPECT_EQ(windows("SELECT sum(r) OVER (PARTITION BY a) FROM (SELECT a, d + rand() AS r FROM (" +
                    lag + "))"),
            2u);
  EXPECT_EQ(windows("SELECT a, sum(b) OVER (PARTITION BY a) FROM (SELECT a, b FROM t QUALIFY "
                    "row_number() OVER (PARTITION BY a ORDER BY b) = 1)"),
            2u);
}

TEST_F(OptimizerTest, SimplifyConstantFilters) {
  EXPECT_EQ(Optimized("SELECT a FROM t WHERE 1 = 0", Only(&OptimizerOptions::simplify)),
            "Project [a]\n   +- LocalRelation\n");
  EXPECT_EQ(Optimized("SELECT a FROM t WHERE 1 = 1", Only(&OptimizerOptions::simplify)),
            "Project [a]\n   +- Scan t [a, b, c]\n");
}

TEST_F(OptimizerTest, SimplifyIdentityProjects) {
  EXPECT_EQ(Optimized("SELECT * FROM (SELECT a, b, c FROM t)", Only(&OptimizerOptions::simplify)),
            "Scan t [a, b, c]\n");
  // A renaming projection stays, at the root or under it (result batches carry the names).
  EXPECT_EQ(Optimized("SELECT a AS k, b, c FROM t", Only(&OptimizerOptions::simplify)),
            "Project [a, b, c]\n   +- Scan t [a, b, c]\n");
  EXPECT_EQ(Optimized("SELECT k FROM (SELECT a AS k FROM t) ORDER BY k",
                      Only(&OptimizerOptions::simplify)),
            "Sort [k ASC]\n   +- Project [a]\n      +- Scan t [a, b, c]\n");
}

}  // namespace
}  // namespace sluice::optimizer
