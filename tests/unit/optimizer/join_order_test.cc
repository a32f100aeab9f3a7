// Join order and build side from row estimates, and the estimates themselves.
#include "optimizer/estimate_rows.h"
#include "optimizer_test_util.h"

namespace sluice::optimizer {
namespace {

class JoinOrderTest : public OptimizerTest {
 protected:
  // The plan's text from its first join down (what the join order decides).
  std::string JoinShape(const std::string& sql) {
    const std::string text = Optimized(sql);
    const size_t join = text.find("Join");
    EXPECT_NE(join, std::string::npos) << text;
    return text.substr(text.rfind('\n', join) + 1);
  }
  static OptimizerOptions WithoutJoinOrder() {
    OptimizerOptions o;
    o.join_order = false;
    return o;
  }
};

TEST_F(JoinOrderTest, StarJoinsInEveryOrderGetOneShape) {
  const std::vector<std::string> from = {"fact", "da", "db", "dc"};
  std::vector<size_t> order = {0, 1, 2, 3};
  std::string first;
  do {
    std::string sql = "SELECT v, na, nb, nc FROM ";
    for (size_t i = 0; i < order.size(); ++i) sql += (i ? ", " : "") + from[order[i]];
    sql += " WHERE fa = ka AND fb = kb AND fc = kc";
    const std::string shape = JoinShape(sql);
    if (first.empty()) first = shape;
    EXPECT_EQ(shape, first) << sql;
  } while (std::next_permutation(order.begin(), order.end()));
  EXPECT_EQ(first,
            "   +- Join Inner, (fc = kc)\n"
            "      +- Join Inner, (fb = kb)\n"
            "         +- Join Inner, (fa = ka)\n"
            "            +- Scan fact [fa, fb, fc, v]\n"
            "            +- Scan da [ka, na]\n"
            "         +- Scan db [kb, nb]\n"
            "      +- Scan dc [kc, nc]\n");
}

TEST_F(JoinOrderTest, TheSmallerSideBuilds) {
  // Written with the dimension on the left: fact moves left (the probe side) and a Project
  // restores the columns' order.
  EXPECT_EQ(Optimized("SELECT * FROM da JOIN fact ON ka = fa"),
            "Project [ka, na, fa, fb, fc, v]\n"
            "   +- Join Inner, (ka = fa)\n"
            "      +- Scan fact [fa, fb, fc, v]\n"
            "      +- Scan da [ka, na]\n");
  // Already so, or sides of about the same size (db 100 and dc 1,000 are not): as written.
  EXPECT_EQ(Optimized("SELECT * FROM fact JOIN da ON ka = fa"),
            Optimized("SELECT * FROM fact JOIN da ON ka = fa", WithoutJoinOrder()));
  EXPECT_EQ(Optimized("SELECT * FROM db JOIN dc ON kb = kc"),
            "Project [kb, nb, kc, nc]\n"
            "   +- Join Inner, (kb = kc)\n"
            "      +- Scan dc [kc, nc]\n"
            "      +- Scan db [kb, nb]\n");
  EXPECT_EQ(Optimized("SELECT * FROM dc JOIN db ON kb = kc"),
            Optimized("SELECT * FROM dc JOIN db ON kb = kc", WithoutJoinOrder()));
}

TEST_F(JoinOrderTest, OutputNamesAndOrderKept) {
  // USING: the join column once, then the others, as written.
  const std::string plan =
      Optimized("SELECT * FROM da JOIN (SELECT fa AS ka, v FROM fact) USING (ka)");
  EXPECT_EQ(plan.substr(0, plan.find('\n')), "Project [ka, na, v]") << plan;
  EXPECT_NE(plan.find("+- Scan da"), std::string::npos) << plan;
  EXPECT_LT(plan.find("Scan fact"), plan.find("Scan da")) << plan;
}

TEST_F(JoinOrderTest, NoCrossProductWhenConditionsConnect) {
  // As written da x db is a cross join; reordered, every join has its equality.
  const std::string plan = Optimized("SELECT v FROM da, db, fact WHERE fa = ka AND fb = kb");
  EXPECT_EQ(plan.find("Cross"), std::string::npos) << plan;
  EXPECT_EQ(Optimized("SELECT v FROM da, db, fact WHERE fa = ka AND fb = kb", WithoutJoinOrder())
                    .find("Cross") != std::string::npos,
            true);
}

TEST_F(JoinOrderTest, OuterSemiAndAntiJoinsBuildTheSmallerSide) {
  // da (10 rows) written left of fact (1,000,000): the sides swap, so that da is built (the
  // right input); a Project restores the outer joins' columns.
  EXPECT_EQ(Optimized("SELECT * FROM da LEFT JOIN fact ON ka = fa"),
            "Project [ka, na, fa, fb, fc, v]\n"
            "   +- Join RightOuter, (ka = fa)\n"
            "      +- Scan fact [fa, fb, fc, v]\n"
            "      +- Scan da [ka, na]\n");
  EXPECT_EQ(Optimized("SELECT * FROM da RIGHT JOIN fact ON ka = fa"),
            "Project [ka, na, fa, fb, fc, v]\n"
            "   +- Join LeftOuter, (ka = fa)\n"
            "      +- Scan fact [fa, fb, fc, v]\n"
            "      +- Scan da [ka, na]\n");
  EXPECT_EQ(JoinShape("SELECT * FROM da FULL JOIN fact ON ka = fa"),
            "   +- Join FullOuter, (ka = fa)\n"
            "      +- Scan fact [fa, fb, fc, v]\n"
            "      +- Scan da [ka, na]\n");
  // Semi and anti joins output da's rows, built: the right semi / anti forms.
  EXPECT_EQ(Optimized("SELECT * FROM da LEFT SEMI JOIN fact ON ka = fa AND na < fb"),
            "Join RightSemi, ((ka = fa) AND (na < fb))\n"
            "   +- Scan fact [fa, fb]\n"
            "   +- Scan da [ka, na]\n");
  // A correlated NOT IN keeps its NULL-aware comparison as a residual condition, which the
  // swapped join evaluates on the same pairs.
  for (const char* sql : {"SELECT * FROM da WHERE NOT EXISTS (SELECT 1 FROM fact WHERE fb = ka)",
                          "SELECT na FROM da WHERE ka NOT IN (SELECT fa FROM fact WHERE fb = ka)"})
    EXPECT_NE(Optimized(sql).find("Join RightAnti"), std::string::npos) << Optimized(sql);
  // The larger side already right, sides of about the same size, no equality key (a nested
  // loop, as an uncorrelated NOT IN) or no estimate: as written.
  for (const char* sql :
       {"SELECT * FROM fact LEFT JOIN da ON ka = fa", "SELECT * FROM fact FULL JOIN da ON ka = fa",
        "SELECT * FROM fact LEFT SEMI JOIN da ON ka = fa",
        "SELECT * FROM fact LEFT ANTI JOIN da ON ka = fa",
        "SELECT * FROM da LEFT JOIN (SELECT * FROM db WHERE kb = 1) ON ka = kb",
        "SELECT * FROM da LEFT JOIN fact ON ka < fa",
        "SELECT * FROM da WHERE ka NOT IN (SELECT fa FROM fact)",
        "SELECT * FROM da LEFT SEMI JOIN t ON ka = a"}) {
    EXPECT_EQ(Optimized(sql), Optimized(sql, WithoutJoinOrder())) << sql;
  }
  // An outer join is one relation of the inner joins around it.
  EXPECT_EQ(JoinShape("SELECT * FROM da JOIN (fact LEFT JOIN db ON fb = kb) ON ka = fa"),
            "   +- Join Inner, (ka = fa)\n"
            "      +- Join LeftOuter, (fb = kb)\n"
            "         +- Scan fact [fa, fb, fc, v]\n"
            "         +- Scan db [kb, nb]\n"
            "      +- Scan da [ka, na]\n");
}

TEST_F(JoinOrderTest, ConditionsThatMayNotMoveKeepTheOrder) {
  // rand() would see other rows at another join.
  const char* sql = "SELECT * FROM da JOIN fact ON ka = fa AND rand(1) < 0.5";
  EXPECT_EQ(Optimized(sql), Optimized(sql, WithoutJoinOrder()));
  EXPECT_NE(Optimized(sql).find("Scan da"), std::string::npos);
  EXPECT_LT(Optimized(sql).find("Scan da"), Optimized(sql).find("Scan fact"));
}

TEST_F(JoinOrderTest, TablesWithoutEstimatesKeepTheirOrder) {
  EXPECT_EQ(Optimized("SELECT * FROM da JOIN t ON ka = a"),
            Optimized("SELECT * FROM da JOIN t ON ka = a", WithoutJoinOrder()));
}

TEST_F(JoinOrderTest, Estimates) {
  // -1: no estimate.
  auto rows = [&](const std::string& sql) { return EstimateRows(*Bind(sql)).value_or(-1); };
  EXPECT_NEAR(rows("SELECT * FROM VALUES (1), (2), (3) AS v(x)"), 3.0, 1e-6);
  EXPECT_NEAR(rows("SELECT * FROM range(0, 10, 3)"), 4.0, 1e-6);
  EXPECT_NEAR(rows("SELECT * FROM range(5, 0)"), 0.0, 1e-6);
  EXPECT_NEAR(rows("SELECT * FROM fact"), 1e6, 1e-6);
  EXPECT_NEAR(rows("SELECT * FROM fact WHERE fa = 1"), 1e5, 1e-6);
  EXPECT_NEAR(rows("SELECT * FROM fact WHERE fa > 1 AND fb = 2"), 3e4, 1e-6);
  EXPECT_NEAR(rows("SELECT fa, count(*) FROM fact GROUP BY fa"), 1e5, 1e-6);
  EXPECT_NEAR(rows("SELECT count(*) FROM fact"), 1.0, 1e-6);
  EXPECT_NEAR(rows("SELECT * FROM fact LIMIT 7"), 7.0, 1e-6);
  EXPECT_NEAR(rows("SELECT * FROM fact JOIN da ON fa = ka"), 1e6, 1e-6);
  EXPECT_NEAR(rows("SELECT * FROM da CROSS JOIN db"), 1000.0, 1e-6);
  EXPECT_NEAR(rows("SELECT * FROM da LEFT JOIN db ON ka = kb AND kb > 3"), 30.0, 1e-6);
  EXPECT_EQ(rows("SELECT * FROM t"), -1);
}

}  // namespace
}  // namespace sluice::optimizer
