// Rows an operator hands on (a BatchStore) under a memory limit far below them: collected rows
// and an aggregate's result spill past their budget and are read back in order, by the next
// pipeline, by LIMIT and by the caller of the query; the spill folder lives as long as a result
// that needs it, and a full disk fails the query naming the file. The oracle: the same query with
// memory to spare.
#include <gtest/gtest.h>

#include "memory/memory_tracker.h"
#include "spill_test_support.h"

namespace sluice::main {
namespace {

using ResultSpillTest = SpillTest;

TEST_F(ResultSpillTest, CollectedRowsSpillAndKeepTheirOrder) {
  const std::string query =
      "SELECT id, 'value-' || id AS s, id * 0.5 AS d FROM range(600000) WHERE id % 7 <> 3";
  const std::vector<std::string> expected = Rows(query, /*keep_order=*/true);
  ASSERT_EQ(expected.size(), 600000u - 600000u / 7);
  SetLimit("8MB");
  EXPECT_EQ(Rows(query, /*keep_order=*/true), expected);
  EXPECT_TRUE(Spills(query));
  EXPECT_EQ(connection_->last_query_memory().held_at_end, 0);
  EXPECT_EQ(SpillFoldersLeft(), 0u);
}

TEST_F(ResultSpillTest, AResultKeepsItsSpillFilesUntilItGoes) {
  SetLimit("8MB");
  {
    Result<QueryResult> r = connection_->Sql("SELECT id, 'value-' || id FROM range(800000)");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_TRUE(r->rows.spilled());
    EXPECT_EQ(r->rows.row_count(), 800000u);
    EXPECT_EQ(SpillFoldersLeft(), 1u);
    // Its last batch reads back from disk after the query's executor went.
    Result<vector::Batch> last = r->rows.Read(r->rows.batch_count() - 1);
    ASSERT_TRUE(last.ok()) << last.status().ToString();
    EXPECT_EQ(vector::FormatValue(last->column(0), last->num_rows() - 1, types::TimeZone::Utc()),
              "799999");
  }
  EXPECT_EQ(SpillFoldersLeft(), 0u);
}

TEST_F(ResultSpillTest, SpilledRowsFeedTheNextOperators) {
  const std::vector<std::string> queries = {
      // An aggregate's result larger than the limit, read by a filter and another aggregate.
      "SELECT count(*), sum(k), max(c) FROM (SELECT id AS k, count(*) AS c FROM range(700000)"
      " GROUP BY id) WHERE k % 3 = 1",
      // LIMIT and OFFSET deep into spilled rows.
      "SELECT id, 'x' || id FROM range(700000) LIMIT 5 OFFSET 654321",
      // UNION ALL of two spilled inputs, then an aggregate.
      "SELECT count(*), sum(id), count(DISTINCT s) FROM (SELECT id, 'a' || (id % 1000) AS s"
      " FROM range(400000) UNION ALL SELECT id * 2, 'b' || (id % 1000) FROM range(400000))",
  };
  for (const std::string& q : queries) {
    SetLimit("1GB");
    const std::vector<std::string> expected = Rows(q, /*keep_order=*/true);
    ASSERT_FALSE(expected.empty()) << q;
    SetLimit("8MB");
    EXPECT_EQ(Rows(q, /*keep_order=*/true), expected) << q;
    EXPECT_TRUE(Spills(q)) << q;
    EXPECT_EQ(connection_->last_query_memory().held_at_end, 0) << q;
    EXPECT_EQ(SpillFoldersLeft(), 0u) << q;
  }
}

TEST_F(ResultSpillTest, AFullDiskFailsTheQueryNamingTheFile) {
  Open(std::make_shared<SmallDisk>(64 << 10));
  const int64_t process_before = memory::MemoryTracker::Process().used();
  SetLimit("8MB");
  Result<QueryResult> r = connection_->Sql("SELECT id, 'value-' || id FROM range(800000)");
  ExpectCleanFailure(r, StatusCode::kIOError, "spilling to '/spill/sluice-spill-", process_before);
}

}  // namespace
}  // namespace sluice::main
