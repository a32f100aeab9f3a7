// The in-memory window spreads its input over parts in waves of input batches, freeing each
// wave's input as it goes, and copies long strings into one heap per part (run_window.cc). Here
// the strings come from a Parquet table (they point into its pages) and span several waves;
// every key's rows must still be found, numbered and read back whole. The answers are computed
// by hand: 400000 rows, 50000 keys of 8 rows each.
#include <gtest/gtest.h>

#include "spill_test_support.h"

namespace sluice::main {
namespace {

using WindowPartStringsTest = SpillTest;

TEST_F(WindowPartStringsTest, LongStringsFromAFileSurviveTheirPages) {
  ASSERT_TRUE(connection_
                  ->Sql("CREATE TABLE t USING parquet AS SELECT 'a long string key of user #' ||"
                        " lpad(CAST(id % 50000 AS STRING), 6, '0') AS k, id FROM range(400000)")
                  .ok());
  const std::string q =
      "SELECT count(*), count(DISTINCT k), sum(rn), sum(IF(first = k, 1, 0)), max(length(k)),"
      " min(k), max(k) FROM (SELECT k, row_number() OVER (PARTITION BY k ORDER BY id) AS rn,"
      " first_value(k) OVER (PARTITION BY k ORDER BY id) AS first FROM t)";
  EXPECT_EQ(Rows(q), std::vector<std::string>{
                         "400000|50000|1800000|400000|33|a long string key of user #000000|"
                         "a long string key of user #049999|"});
  EXPECT_FALSE(OperatorSpills(q, "Window"));
}

}  // namespace
}  // namespace sluice::main
