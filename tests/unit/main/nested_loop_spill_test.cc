// Joins without an equality (nested loops) whose right side is far larger than the memory
// limit: both sides go to spill files and the right rows are joined in chunks that fit, each
// probed by every left row (grace_join.cc's block nested loop). Counts and sums computed here
// by hand for left, full, semi and anti joins; the spill files are gone after the query,
// cancelled or failed on a full disk (here while its input spills).
#include <gtest/gtest.h>

#include <chrono>

#include "memory/memory_tracker.h"
#include "spill_test_support.h"

namespace sluice::main {
namespace {

// 200,000 rows of about 130 bytes: even ids have k = id % 20, odd ones k = -1 (matching no
// left row below).
constexpr const char* kRightRows =
    "(SELECT id, repeat('x', 100) || id AS s, IF(id % 2 = 0, id % 20, -1) AS k"
    " FROM range(200000))";
// A left row a matches the right rows whose k is a.id (not an equality the planner extracts).
constexpr const char* kRangeOn = " ON a.id <= b.k AND b.k <= a.id";

using NestedLoopSpillTest = SpillTest;

// Left: range(40). Even a.id < 20 (10 rows) each match 10,000 right rows; the other 30 match
// none. 100,000 even right rows match, 100,000 odd ones do not.
TEST_F(NestedLoopSpillTest, EveryJoinKindMatchesTheCountsComputedByHand) {
  SetLimit("8MB");
  const std::string from = " FROM range(40) a ";
  const std::string right = std::string(kRightRows) + " b" + kRangeOn;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"SELECT count(*), count(b.id), sum(b.id), sum(a.id), max(length(b.s))" + from +
           "LEFT JOIN " + right,
       // Matched: the even ids, sum 0 + 2 + ... + 199,998; a.id = id % 20 summed over them,
       // plus the 30 unmatched left rows' ids (780 - 90).
       "100030|100000|9999900000|900690|106|"},
      {"SELECT count(*), count(a.id), count(b.id), sum(b.id)" + from + "FULL JOIN " + right,
       "200030|100030|200000|19999900000|"},
      {"SELECT count(*), sum(id)" + from + "LEFT SEMI JOIN " + right, "10|90|"},
      {"SELECT count(*), sum(id)" + from + "LEFT ANTI JOIN " + right, "30|690|"},
  };
  for (const auto& [sql, expected] : cases) {
    SCOPED_TRACE(sql);
    EXPECT_TRUE(OperatorSpills(sql, "+- Join"));
    EXPECT_EQ(Rows(sql), std::vector<std::string>{expected});
    EXPECT_LE(connection_->last_query_memory().peak, 8 << 20);
    EXPECT_EQ(connection_->last_query_memory().held_at_end, 0);
    EXPECT_EQ(SpillFoldersLeft(), 0u);
  }
}

TEST_F(NestedLoopSpillTest, ACancelledJoinLeavesNoSpillFiles) {
  SetLimit("8MB");
  // Every left row against every right row: minutes of work, cancelled once it spills.
  ExpectCancelStops(
      "SELECT count(*) FROM range(100000) a LEFT JOIN (SELECT id, repeat('x', 100) AS s"
      " FROM range(400000)) b ON a.id < b.id",
      [&] { return SpillFiles() > 2; }, std::chrono::seconds(5));
}

TEST_F(NestedLoopSpillTest, AFullDiskFailsTheQueryNamingTheFile) {
  const std::string q =
      std::string("SELECT count(*) FROM range(40) a LEFT JOIN ") + kRightRows + " b" + kRangeOn;
  Open(std::make_shared<SmallDisk>(16 << 10));
  const int64_t process_before = memory::MemoryTracker::Process().used();
  SetLimit("8MB");
  Result<QueryResult> r = connection_->Sql(q);
  ExpectCleanFailure(r, StatusCode::kIOError, "spilling to '/spill/sluice-spill-", process_before);
  EXPECT_NE(r.status().message().find("No space left on device"), std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace sluice::main
