// Windows that cannot be split by partition keys (no PARTITION BY, or one window partition
// larger than the limit) under a memory limit far below their rows: the rows are sorted and
// the calls computed a batch at a time (exec/window_stream.h). Oracles: values computed from
// each row's id by formula, and the same query with memory to spare (whose answers the SQL
// logic tests check); a frame the stream cannot compute keeps the memory error, a full disk
// fails naming the file, and a cancelled query leaves nothing.
#include <chrono>

#include "memory/memory_tracker.h"
#include "spill_test_support.h"

namespace sluice::main {
namespace {

// 300,000 rows: ids with gaps, an INT key with NULLs and ties, a string, a decimal.
const std::string kInput =
    "(SELECT id, IF(id % 13 = 0, NULL, id % 5000) AS k, 'user-' || (id % 3000) AS u,"
    " CAST(id % 1000 AS DECIMAL(10, 2)) AS d FROM range(400000) WHERE id % 4 <> 1)";

class WindowStreamSpillTest : public SpillTest {
 protected:
  bool WindowSpills(const std::string& sql) { return OperatorSpills(sql, "+- Window"); }
  // The query's rows without a limit, then under `limit_mb`, where its window spills.
  void ExpectSameRowsSpilled(const std::string& q, int limit_mb) {
    ExpectSameRowsWhenOperatorSpills(q, limit_mb, "+- Window");
  }
};

// 1.2 million rows in reverse order, each window value checked against a formula of the id
// (ORDER BY id: the row's position is id + 1; ORDER BY id DIV 4: peer groups of 4 rows).
TEST_F(WindowStreamSpillTest, ValuesWithoutPartitionByMatchTheirFormulas) {
  SetLimit("8MB");
  const std::string rows = " FROM (SELECT 1199999 - id AS id FROM range(1200000))";
  const std::string by_id =
      "SELECT count(*), count_if(r = id + 1), count_if(p = id - 3 OR (id < 3 AND p = -1)),"
      " count_if(n = id + 2 OR (id >= 1199998 AND n IS NULL)), count_if(s = id * (id + 1) DIV 2),"
      " count_if(c = 1200000), count_if(mx = 1199999), count_if(nt = id DIV 120000 + 1)"
      " FROM (SELECT id, row_number() OVER w AS r, lag(id, 3, -1) OVER w AS p,"
      " lead(id, 2) OVER w AS n, sum(id) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND"
      " CURRENT ROW) AS s, count(*) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND"
      " UNBOUNDED FOLLOWING) AS c, max(id) OVER (ORDER BY id RANGE BETWEEN UNBOUNDED PRECEDING"
      " AND UNBOUNDED FOLLOWING) AS mx,"
      " ntile(10) OVER w AS nt" +
      rows + " WINDOW w AS (ORDER BY id))";
  const std::string by_fours =
      "SELECT count(*), count_if(rk = (id DIV 4) * 4 + 1), count_if(dr = id DIV 4 + 1),"
      " count_if(g = (id DIV 4 * 4 + 3) * (id DIV 4 * 4 + 4) DIV 2),"
      " count_if(abs(cd - CAST(id DIV 4 * 4 + 4 AS DOUBLE) / 1200000) < 1e-12),"
      " count_if(abs(pr - CAST(id DIV 4 * 4 AS DOUBLE) / 1199999) < 1e-12) FROM (SELECT id, rank() "
      "OVER w AS "
      "rk,"
      " dense_rank() OVER w AS dr, sum(id) OVER w AS g, cume_dist() OVER w AS cd,"
      " percent_rank() OVER w AS pr" +
      rows + " WINDOW w AS (ORDER BY id DIV 4))";
  for (const std::string& q : {by_id, by_fours}) {
    SCOPED_TRACE(q);
    EXPECT_TRUE(WindowSpills(q));
    const std::vector<std::string> got = Rows(q);
    ASSERT_EQ(got.size(), 1u);
    std::string all = "1200000|";
    while (all.size() < got[0].size()) all += "1200000|";
    EXPECT_EQ(got[0], all);
    EXPECT_EQ(connection_->last_query_memory().held_at_end, 0);
    EXPECT_EQ(SpillFoldersLeft(), 0u);
  }
}

// Several calls of one window or of several, NULL and tied order keys, strings, decimals, rows
// a filter selected, and a descending order: the rows of the unlimited run (ties: only
// functions that give peers one value).
TEST_F(WindowStreamSpillTest, CallsOverOneOrSeveralWindowsGiveTheUnlimitedRows) {
  const std::vector<std::string> queries = {
      "SELECT id, rank() OVER w, dense_rank() OVER w, percent_rank() OVER w, cume_dist() OVER w,"
      " sum(d) OVER w, max(u) OVER w, count(k) OVER w, avg(id) OVER (ORDER BY k DESC NULLS LAST "
      "RANGE"
      " BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM " +
          kInput + " WINDOW w AS (ORDER BY k DESC NULLS LAST)",
      "SELECT id, row_number() OVER w, lag(u, 2, 'none') OVER w, lead(d, 3) OVER w,"
      " lag(k) OVER w, ntile(7) OVER w, min(u) OVER (ORDER BY u, id ROWS BETWEEN UNBOUNDED "
      "PRECEDING"
      " AND CURRENT ROW), first(k) OVER (ORDER BY u, id ROWS BETWEEN UNBOUNDED PRECEDING AND"
      " CURRENT ROW) FROM " +
          kInput + " WINDOW w AS (ORDER BY u, id)",
      // Calls over different windows: one pass each.
      "SELECT id, lag(id) OVER (ORDER BY id), row_number() OVER (ORDER BY u DESC, id),"
      " sum(d) OVER (PARTITION BY k), last_value(u) OVER (ORDER BY id DIV 10, u),"
      " rank() OVER (ORDER BY id DIV 10), count(*) OVER (PARTITION BY k ORDER BY id) FROM " +
          kInput,
  };
  for (const std::string& q : queries) ExpectSameRowsSpilled(q, 8);
}

// One window partition (of two) larger than the limit: it cannot be split by its key's hash,
// and streams.
TEST_F(WindowStreamSpillTest, OnePartitionLargerThanTheLimitStreams) {
  ExpectSameRowsSpilled(
      "SELECT id, row_number() OVER w, lag(id) OVER w, sum(id) OVER w,"
      " cume_dist() OVER w FROM range(600000) WINDOW w AS (PARTITION BY id % 2 ORDER BY id)",
      8);
  // Several partition keys sharing one hash bucket with the big partition are told apart.
  ExpectSameRowsSpilled(
      "SELECT id, rank() OVER w, count(*) OVER (PARTITION BY IF(id % 3 = 0, -1, id % 7)) FROM"
      " range(600000) WINDOW w AS (PARTITION BY IF(id % 3 = 0, -1, id % 7) ORDER BY id DIV 10)",
      8);
}

// ROWS frames between two offsets (behind, around and ahead of the row) slide over the sorted
// rows: aggregates, first_value, last_value and nth_value, with and without IGNORE NULLS, over
// no PARTITION BY and over one partition larger than the limit.
TEST_F(WindowStreamSpillTest, SlidingRowsFramesGiveTheUnlimitedRows) {
  SetLimit("8MB");
  // ORDER BY id: the frame of 2 PRECEDING AND 1 FOLLOWING sums 4 * id - 2 (fewer rows at the
  // ends).
  const std::string by_formula =
      "SELECT count(*), count_if(s = 4 * id - 2 OR id < 2 OR id = 1199999),"
      " count_if(c = 4 OR id < 2 OR id = 1199999) FROM (SELECT id, sum(id) OVER w AS s,"
      " count(*) OVER w AS c FROM (SELECT 1199999 - id AS id FROM range(1200000))"
      " WINDOW w AS (ORDER BY id ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING))";
  EXPECT_TRUE(WindowSpills(by_formula));
  EXPECT_EQ(Rows(by_formula), std::vector<std::string>{"1200000|1200000|1200000|"});
  const std::vector<std::string> queries = {
      "SELECT id, avg(k) OVER (ORDER BY u, id ROWS BETWEEN 3 PRECEDING AND 2 FOLLOWING),"
      " max(u) OVER (ORDER BY u, id ROWS BETWEEN 5 PRECEDING AND 2 PRECEDING),"
      " count(k) OVER (ORDER BY u, id ROWS BETWEEN 1 FOLLOWING AND 4 FOLLOWING),"
      " sum(k) OVER (ORDER BY u, id ROWS BETWEEN CURRENT ROW AND 50 FOLLOWING) FROM " +
          kInput,
      "SELECT id, first_value(k) OVER w, last_value(k) OVER w, nth_value(k, 3) OVER w,"
      " first_value(k) IGNORE NULLS OVER w, last_value(k) IGNORE NULLS OVER w,"
      " nth_value(u, 2) IGNORE NULLS OVER w FROM " +
          kInput + " WINDOW w AS (ORDER BY id DESC ROWS BETWEEN 20 PRECEDING AND 6 FOLLOWING)",
      "SELECT id, sum(id) OVER w, last_value(k) IGNORE NULLS OVER w FROM " + kInput +
          " WINDOW w AS (PARTITION BY id % 2 ORDER BY id ROWS BETWEEN 30 PRECEDING AND 30"
          " PRECEDING)",
  };
  for (const std::string& q : queries) ExpectSameRowsSpilled(q, 8);
}

// Frames from the partition's start to an offset (a running state, the partition's first row,
// the frame's last row near the current one) and values over the whole partition (the first
// pass), with and without IGNORE NULLS.
TEST_F(WindowStreamSpillTest, FramesFromThePartitionStartAndWholePartitionValues) {
  const std::vector<std::string> queries = {
      // Each pass alone: the rows behind the current one a running sum to 1 PRECEDING adds stay
      // loaded for it.
      "SELECT id, sum(k) OVER (ORDER BY u, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),"
      " count(*) OVER (ORDER BY u, id ROWS BETWEEN UNBOUNDED PRECEDING AND 3 FOLLOWING),"
      " first_value(k) OVER (ORDER BY u, id ROWS BETWEEN UNBOUNDED PRECEDING AND 2 PRECEDING)"
      " FROM " +
          kInput,
      "SELECT id, last_value(u) OVER (ORDER BY u, id ROWS BETWEEN UNBOUNDED PRECEDING AND 2"
      " FOLLOWING), last_value(k) OVER (ORDER BY u, id ROWS BETWEEN UNBOUNDED PRECEDING AND 4"
      " PRECEDING) FROM " +
          kInput,
      "SELECT id, last_value(k) OVER w, first_value(k) IGNORE NULLS OVER w, nth_value(u, 5) OVER"
      " w, last_value(k) IGNORE NULLS OVER (PARTITION BY id % 2 ORDER BY id RANGE BETWEEN"
      " UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), sum(k) OVER w FROM " +
          kInput +
          " WINDOW w AS (PARTITION BY id % 2 ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND"
          " UNBOUNDED FOLLOWING)",
      "SELECT id, nth_value(k, 3) IGNORE NULLS OVER (ORDER BY id RANGE BETWEEN UNBOUNDED"
      " PRECEDING AND UNBOUNDED FOLLOWING), max(u) OVER (), row_number() OVER (ORDER BY id)"
      " FROM " +
          kInput,
  };
  for (const std::string& q : queries) ExpectSameRowsSpilled(q, 8);
}

// What the stream cannot compute (RANGE frames with offsets, sliding frames over 1,024 rows,
// nth_value over a running frame, IGNORE NULLS looking back to the partition's start) keeps the
// memory error.
TEST_F(WindowStreamSpillTest, AFrameItCannotStreamFailsWithTheMemoryError) {
  const int64_t process_before = memory::MemoryTracker::Process().used();
  SetLimit("8MB");
  for (const std::string q :
       {"SELECT count(*), sum(a) FROM (SELECT avg(id) OVER (ORDER BY id RANGE BETWEEN 2"
        " PRECEDING AND 1 FOLLOWING) AS a FROM range(3000000))",
        // A sliding frame too wide to visit for every row.
        "SELECT count(*), sum(a) FROM (SELECT avg(id) OVER (ORDER BY id ROWS BETWEEN 2000"
        " PRECEDING AND CURRENT ROW) AS a FROM range(3000000))",
        "SELECT count(*), sum(p) FROM (SELECT lag(id) OVER (ORDER BY id) AS p,"
        " nth_value(id, 2) OVER (ORDER BY id DESC) AS r FROM range(3000000))",
        // IGNORE NULLS looking back to the partition's start.
        "SELECT count(*), sum(f) FROM (SELECT last_value(id) IGNORE NULLS OVER (ORDER BY id ROWS"
        " BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS f FROM range(3000000))"}) {
    SCOPED_TRACE(q);
    ExpectCleanFailure(connection_->Sql(q), StatusCode::kOutOfMemory, "exceeded by window",
                       process_before);
  }
}

TEST_F(WindowStreamSpillTest, ACancelledQueryLeavesNoSpillFiles) {
  SetLimit("8MB");
  ExpectCancelStops(
      "SELECT id, lag(id) OVER (ORDER BY id) FROM range(3000000)", [&] { return SpillFiles() > 4; },
      std::chrono::seconds(5));
}

TEST_F(WindowStreamSpillTest, AFullDiskFailsTheQueryNamingTheFile) {
  const std::string q = "SELECT id, sum(id) OVER (ORDER BY id DESC) FROM range(400000)";
  SetLimit("8MB");
  ASSERT_TRUE(WindowSpills(q));
  Open(std::make_shared<SmallDisk>(256 << 10));
  const int64_t process_before = memory::MemoryTracker::Process().used();
  SetLimit("8MB");
  Result<QueryResult> r = connection_->Sql(q);
  ExpectCleanFailure(r, StatusCode::kIOError, "spilling to '/spill/sluice-spill-", process_before);
  EXPECT_NE(r.status().message().find("No space left on device"), std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace sluice::main
