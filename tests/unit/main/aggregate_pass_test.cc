// A hash aggregate's worker whose groups barely repeat passes its rows by to the merge instead
// of aggregating them (aggregate_sink.cc). Each key here appears twice, 500000 (or a million)
// rows apart: after the first 256k rows every worker passes its rows by, and a key's two rows
// meet only in the merge, from a table or from passed rows of either worker. The answers are
// computed by hand; under a limit (large enough for the tables of the first 256k rows, too
// small for the rows passed by) the passed rows spill.
#include <gtest/gtest.h>

#include "spill_test_support.h"

namespace sluice::main {
namespace {

using AggregatePassTest = SpillTest;

TEST_F(AggregatePassTest, BarelyRepeatingGroupsGiveEveryAggregate) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      // Long string keys: each group has ids n and n + 500000.
      {"SELECT count(*), sum(c), min(c), max(c), sum(IF(s = 2 * n + 500000, 1, 0)) FROM ("
       " SELECT 'a long string key #' || (id % 500000) AS k, id % 500000 AS n, count(*) AS c,"
       " sum(id) AS s FROM range(1000000) GROUP BY k, n)",
       "500000|1000000|2|2|500000|"},
      // A DISTINCT aggregate: the two rows of a group differ in id >= 500000.
      {"SELECT count(*), sum(d), sum(c) FROM (SELECT id % 500000 AS k,"
       " count(DISTINCT id >= 500000) AS d, count(*) AS c FROM range(1000000) GROUP BY k)",
       "500000|1000000|1000000|"},
      // Grouping sets: (a, b) and (a) both make 500000 groups of two rows.
      {"SELECT count(*), sum(c) FROM (SELECT a, b, count(*) AS c FROM (SELECT id % 500000 AS a,"
       " id % 2 AS b FROM range(1000000)) GROUP BY GROUPING SETS ((a, b), (a)))",
       "1000000|2000000|"},
  };
  for (const auto& [q, expected] : cases) {
    SCOPED_TRACE(q);
    EXPECT_EQ(Rows(q), std::vector<std::string>{expected});
    EXPECT_FALSE(Spills(q));
  }
}

TEST_F(AggregatePassTest, PassedRowsSpillUnderALimit) {
  const std::string q =
      "SELECT count(*), sum(c), min(c), max(c) FROM (SELECT 'a long string key #' ||"
      " (id % 1000000) AS k, count(*) AS c FROM range(2000000) GROUP BY k)";
  SetLimit("256MB");
  EXPECT_EQ(Rows(q), std::vector<std::string>{"1000000|2000000|2|2|"});
  EXPECT_TRUE(Spills(q));
  EXPECT_LE(connection_->last_query_memory().peak, 256 << 20);
  EXPECT_EQ(connection_->last_query_memory().held_at_end, 0);
  EXPECT_EQ(SpillFoldersLeft(), 0u);
}

}  // namespace
}  // namespace sluice::main
