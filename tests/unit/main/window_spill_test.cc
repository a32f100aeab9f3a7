// Window functions under a memory limit far below what they would hold: the input is split by
// the hash of the partition keys into spill files and the window runs one partition at a
// time; it gives the rows of a run without a limit (the oracle: the same query with memory to
// spare, whose answers the SQL logic tests check; one query also checks its values against
// formulas), for every kind of window function; its spill files are gone after the query, one
// window partition larger than the limit (with a frame that cannot stream) fails with the memory
// error, a full disk fails the
// query naming the file, and a cancelled query leaves nothing.
#include <chrono>
#include <thread>

#include "memory/memory_tracker.h"
#include "spill_test_support.h"

namespace sluice::main {
namespace {

class WindowSpillTest : public SpillTest {
 protected:
  // Whether EXPLAIN ANALYZE shows the query's window spilling.
  bool WindowSpills(const std::string& sql) { return OperatorSpills(sql, "+- Window"); }
  // The query's rows without a limit, then under `limit_mb`, where its window spills.
  void ExpectSameRowsSpilled(const std::string& q, int limit_mb) {
    ExpectSameRowsWhenOperatorSpills(q, limit_mb, "+- Window");
  }
};

// The input: a NULL partition key, and rows a filter selected.
TEST_F(WindowSpillTest, EveryKindOfWindowFunctionGivesTheUnlimitedRows) {
  const std::string input =
      "(SELECT id, IF(id % 11 = 0, NULL, id % 5000) AS k, 'user-' || (id % 3000) AS u,"
      " id % 7 AS t, CAST(id % 1000 AS DECIMAL(10, 2)) AS d FROM range(400000) WHERE id % 4 <> 1)";
  const std::vector<std::string> queries = {
      // Ranking.
      "SELECT id, row_number() OVER w, rank() OVER w, dense_rank() OVER w, ntile(3) OVER w,"
      " percent_rank() OVER w, cume_dist() OVER w FROM " +
          input + " WINDOW w AS (PARTITION BY k ORDER BY t, id DESC)",
      // Offsets over string partition keys, with defaults.
      "SELECT id, lag(id) OVER w, lead(u, 2, 'none') OVER w, lag(d, 3, 0) OVER w FROM " + input +
          " WINDOW w AS (PARTITION BY u ORDER BY id)",
      // A running sum, a moving frame, a RANGE frame, a whole-partition aggregate.
      "SELECT id, sum(id) OVER (PARTITION BY k ORDER BY id),"
      " avg(d) OVER (PARTITION BY k ORDER BY id ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING),"
      " count(*) OVER (PARTITION BY k ORDER BY t RANGE BETWEEN 1 PRECEDING AND CURRENT ROW),"
      " max(u) OVER (PARTITION BY k), first_value(id) OVER (PARTITION BY k ORDER BY t DESC)"
      " FROM " +
          input,
      // Specs that share only some partition keys (the rows are split by `k`).
      "SELECT id, row_number() OVER (PARTITION BY k ORDER BY id),"
      " sum(id) OVER (PARTITION BY k, t ORDER BY id),"
      " lag(u) OVER (PARTITION BY t, k ORDER BY id DESC) FROM " +
          input,
      // The top-N window (QUALIFY row_number() <= k).
      "SELECT * FROM " + input +
          " QUALIFY row_number() OVER (PARTITION BY u ORDER BY id DESC) <= 2",
  };
  for (const std::string& q : queries) ExpectSameRowsSpilled(q, 8);
}

// Rows per partition key and their order known: the values are checked against formulas.
TEST_F(WindowSpillTest, SpilledValuesMatchTheirFormulas) {
  SetLimit("8MB");
  const std::string q =
      "SELECT count(*), count_if(r = id DIV 1000 + 1), count_if(p = id - 1000),"
      " count_if(s = (id DIV 1000 + 1) * (id % 1000) + 1000 * (id DIV 1000) *"
      " (id DIV 1000 + 1) DIV 2), count_if(n = id + 1000) FROM (SELECT id,"
      " row_number() OVER w AS r, lag(id) OVER w AS p, sum(id) OVER w AS s, lead(id) OVER w AS n"
      " FROM range(400000) WINDOW w AS (PARTITION BY id % 1000 ORDER BY id))";
  EXPECT_TRUE(WindowSpills(q));
  EXPECT_EQ(Rows(q), std::vector<std::string>{"400000|400000|399000|400000|399000|"});
  EXPECT_EQ(SpillFoldersLeft(), 0u);
}

// At 4 MB the first split's partitions (about 37,500 rows each) are still too big: they split
// again by the next hash bits.
TEST_F(WindowSpillTest, APartitionTooBigSpillsAgain) {
  ExpectSameRowsSpilled(
      "SELECT id % 2000, count(*), sum(l), sum(s) FROM (SELECT id, lag(id) OVER w AS l,"
      " sum(id) OVER w AS s FROM range(1200000) WINDOW w AS (PARTITION BY id % 100000"
      " ORDER BY id DESC)) GROUP BY 1",
      4);
}

// A few window partitions each larger than the spilling budget, but within the limit: they
// cannot be split, and run over their sorted rows (window_stream.h).
TEST_F(WindowSpillTest, FewLargePartitionsStream) {
  ExpectSameRowsSpilled(
      "SELECT id, row_number() OVER (PARTITION BY id % 3 ORDER BY id) FROM range(150000)", 8);
}

// One window partition larger than the spilling budget among many small ones: the others are
// split away from it by further hash bits until it is alone, then it streams.
TEST_F(WindowSpillTest, OneLargePartitionAmongManyStreams) {
  ExpectSameRowsSpilled(
      "SELECT id, row_number() OVER (PARTITION BY IF(id % 3 = 0, -1, id) ORDER BY id)"
      " FROM range(300000)",
      8);
}

// One window partition larger than the limit cannot be split: with a frame the stream cannot
// compute (window_stream_spill_test.cc), the usual memory error.
TEST_F(WindowSpillTest, OnePartitionLargerThanTheLimitFails) {
  const int64_t process_before = memory::MemoryTracker::Process().used();
  SetLimit("8MB");
  const std::string q =
      "SELECT count(*), sum(a) FROM (SELECT avg(id) OVER (PARTITION BY id % 2 ORDER BY id"
      " RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS a FROM range(3000000))";
  ExpectCleanFailure(connection_->Sql(q), StatusCode::kOutOfMemory, "exceeded by window",
                     process_before);
}

TEST_F(WindowSpillTest, ACancelledQueryLeavesNoSpillFiles) {
  SetLimit("8MB");
  // Cancelled once the window spills (the collected input has one file per worker, the
  // window's split up to 32); it stops at the window's next partition, not after its work.
  ExpectCancelStops(
      "SELECT id, lag(id) OVER (PARTITION BY id % 100000 ORDER BY id) FROM range(3000000)",
      [&] { return SpillFiles() > 8; }, std::chrono::seconds(5));
}

TEST_F(WindowSpillTest, AFullDiskFailsTheQueryNamingTheFile) {
  // The input (1.6 MB) stays in memory; the window's work does not fit, and spills.
  const std::string q =
      "SELECT id, lag(id) OVER (PARTITION BY id % 1000 ORDER BY id) FROM range(200000)";
  SetLimit("8MB");
  ASSERT_TRUE(WindowSpills(q));
  Open(std::make_shared<SmallDisk>(64 << 10));
  const int64_t process_before = memory::MemoryTracker::Process().used();
  SetLimit("8MB");
  Result<QueryResult> r = connection_->Sql(q);
  ExpectCleanFailure(r, StatusCode::kIOError, "spilling to '/spill/sluice-spill-", process_before);
  EXPECT_NE(r.status().message().find("No space left on device"), std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace sluice::main
