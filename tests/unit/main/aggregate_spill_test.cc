// The hash aggregate under a memory limit far below what it would hold: it spills and gives
// the rows of a run without a limit (the oracle: the same query with memory to spare, whose
// answers the SQL logic tests check), for every kind of aggregate; its spill files are gone
// after the query, and a full disk fails the query naming the file, with nothing left held.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <sstream>
#include <thread>

#include "memory/memory_tracker.h"
#include "spill_test_support.h"

namespace sluice::main {
namespace {

using AggregateSpillTest = SpillTest;

TEST_F(AggregateSpillTest, ManyGroupsUnderASmallLimitGiveTheUnlimitedRows) {
  const std::vector<std::string> queries = {
      // Integers, every common aggregate.
      "SELECT id % 50000 AS k, count(*), sum(id), avg(id), min(id), max(id), count(id % 3)"
      " FROM range(200000) GROUP BY k",
      // String keys and values.
      "SELECT 'key-' || (id % 40000) AS k, min('v' || id), max('v' || (id * 7 % 1000)), count(*)"
      " FROM range(200000) GROUP BY k",
      // Decimals, and a NULL key group.
      "SELECT IF(id % 9 = 0, NULL, id % 50000) AS k, sum(CAST(id AS DECIMAL(20, 2))),"
      " avg(CAST(id AS DECIMAL(10, 1))), max(CAST(id AS DECIMAL(30, 3))) FROM range(200000)"
      " GROUP BY k",
      // DISTINCT aggregates, collect_set and collect_list (sorted: their order depends on
      // which worker took which rows).
      "SELECT id % 40000 AS k, count(DISTINCT id % 7), sum(DISTINCT id % 3),"
      " sort_array(collect_set(id % 5)), sort_array(collect_list(id % 11)),"
      " count(*) FILTER (WHERE id % 2 = 0)"
      " FROM range(200000) GROUP BY k",
      // Grouping sets.
      "SELECT a, b, count(*), sum(id), grouping_id() FROM (SELECT id, id % 20000 AS a,"
      " id % 4 AS b FROM range(200000)) GROUP BY GROUPING SETS ((a, b), (a), ())",
      // SELECT DISTINCT.
      "SELECT DISTINCT id % 60000 AS a, id % 3 AS b FROM range(200000)",
  };
  for (const std::string& q : queries) {
    SCOPED_TRACE(q);
    ASSERT_TRUE(connection_->Sql("RESET spark.sluice.memory.limit").ok());
    const std::vector<std::string> unlimited = Rows(q);
    ASSERT_GT(unlimited.size(), 30000u);
    EXPECT_FALSE(Spills(q));
    SetLimit("8MB");
    EXPECT_TRUE(Spills(q));
    EXPECT_EQ(Rows(q), unlimited);
    EXPECT_LE(connection_->last_query_memory().peak, 8 << 20);
    EXPECT_EQ(connection_->last_query_memory().held_at_end, 0);
    EXPECT_EQ(SpillFoldersLeft(), 0u);
  }
}

// Few groups with large DISTINCT states: a spilled partition is itself too big, and spills
// again by the next hash bits.
TEST_F(AggregateSpillTest, APartitionTooBigSpillsAgain) {
  const std::string q =
      "SELECT count(*), sum(c), sum(k * c) FROM (SELECT id % 1000 AS k, count(DISTINCT id) AS c"
      " FROM range(1000000) GROUP BY k)";
  const std::vector<std::string> unlimited = Rows(q);
  ASSERT_EQ(unlimited, std::vector<std::string>{"1000|1000000|499500000|"});
  SetLimit("4MB");
  EXPECT_EQ(Rows(q), unlimited);
  EXPECT_LE(connection_->last_query_memory().peak, 4 << 20);
  EXPECT_EQ(SpillFoldersLeft(), 0u);
}

// A global aggregate (one group) never spills, even when its input did and the limit is small:
// its per-batch reservation once assumed a group per row, was refused and wrote rows out.
TEST_F(AggregateSpillTest, AGlobalAggregateNeverSpills) {
  SetLimit("4MB");
  const std::string plain = "SELECT count(*), sum(id % 1000) FROM range(3000000)";
  EXPECT_EQ(Rows(plain), std::vector<std::string>{"3000000|1498500000|"});
  EXPECT_FALSE(Spills(plain));
  // Over a sort that spills: only the sort's line says spilled=.
  const std::string sorted =
      "SELECT count(*), sum(k) FROM (SELECT id % 1000 AS k, id FROM range(3000000) ORDER BY id"
      " DESC)";
  EXPECT_EQ(Rows(sorted), std::vector<std::string>{"3000000|1498500000|"});
  bool sort_spilled = false;
  for (const std::string& row : Rows("EXPLAIN ANALYZE " + sorted)) {
    std::istringstream lines(row);
    for (std::string line; std::getline(lines, line);) {
      const bool spilled = line.find("spilled=") != std::string::npos;
      if (line.find("Aggregate") != std::string::npos) {
        EXPECT_FALSE(spilled) << line;
      }
      if (line.find("Sort") != std::string::npos) sort_spilled |= spilled;
    }
  }
  EXPECT_TRUE(sort_spilled);
  EXPECT_LE(connection_->last_query_memory().peak, 4 << 20);
}

// A global aggregate with DISTINCT spills: the optimizer makes it an aggregate grouped by the
// distinct values under one that counts them (and merges count and sum of the other rows).
TEST_F(AggregateSpillTest, AGlobalDistinctSpillsByItsValues) {
  const std::string q =
      "SELECT count(DISTINCT id % 600000), sum(DISTINCT id % 600000), count(*), sum(id % 7)"
      " FROM range(1000000)";
  const std::vector<std::string> unlimited = Rows(q);
  ASSERT_EQ(unlimited, std::vector<std::string>{"600000|179999700000|1000000|2999997|"});
  SetLimit("4MB");
  EXPECT_TRUE(Spills(q));
  EXPECT_EQ(Rows(q), unlimited);
  EXPECT_LE(connection_->last_query_memory().peak, 4 << 20);
  EXPECT_EQ(SpillFoldersLeft(), 0u);
  // Inside a scalar subquery too: subqueries' plans are optimized as queries are.
  EXPECT_EQ(Rows("SELECT 1 + (SELECT count(DISTINCT id % 600000) FROM range(1000000))"),
            std::vector<std::string>{"600001|"});
  EXPECT_EQ(SpillFoldersLeft(), 0u);
}

// One group larger than the limit cannot be split: the usual memory error.
TEST_F(AggregateSpillTest, OneGroupLargerThanTheLimitFails) {
  const int64_t process_before = memory::MemoryTracker::Process().used();
  SetLimit("4MB");
  Result<QueryResult> r = connection_->Sql("SELECT collect_list(id) FROM range(1000000)");
  ExpectCleanFailure(r, StatusCode::kOutOfMemory, "exceeded by hash aggregate", process_before);
}

TEST_F(AggregateSpillTest, ACancelledQueryLeavesNoSpillFiles) {
  SetLimit("8MB");
  // Cancelled once it has spilled.
  ExpectCancelStops(
      "SELECT count(*) FROM (SELECT id % 300000 AS k, count(*) FROM range(50000000) GROUP BY k)",
      [&] { return SpillFoldersLeft() > 0; });
}

TEST_F(AggregateSpillTest, AFullDiskFailsTheQueryNamingTheFile) {
  Open(std::make_shared<SmallDisk>(64 << 10));
  const int64_t process_before = memory::MemoryTracker::Process().used();
  SetLimit("8MB");
  Result<QueryResult> r =
      connection_->Sql("SELECT id % 100000 AS k, count(*), sum(id) FROM range(400000) GROUP BY k");
  ExpectCleanFailure(r, StatusCode::kIOError, "spilling to '/spill/sluice-spill-", process_before);
  EXPECT_NE(r.status().message().find("No space left on device"), std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace sluice::main
