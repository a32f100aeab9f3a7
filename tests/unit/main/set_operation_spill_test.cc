// UNION, INTERSECT and EXCEPT (and their ALL forms) under a memory limit far below their
// inputs: both sides are split by row hash to spill files and answered a partition at a time,
// giving the rows of a run without a limit; a partition still too big splits again; nothing is
// left in the spill folder, and a full disk fails the query naming the file.
#include <gtest/gtest.h>

#include "memory/memory_tracker.h"
#include "spill_test_support.h"

namespace sluice::main {
namespace {

using SetOperationSpillTest = SpillTest;

TEST_F(SetOperationSpillTest, EveryFormGivesTheUnlimitedRows) {
  // Duplicates on both sides, NULLs, strings, doubles with -0.0 and 0.0 (equal as rows).
  const std::string left =
      "SELECT IF(id % 11 = 0, NULL, id % 90000) AS k, 'v' || (id % 7) AS s,"
      " IF(id % 5 = 0, -0.0, (id % 3) * 1.5) AS d FROM range(300000)";
  const std::string right =
      "SELECT IF(id % 13 = 0, NULL, id % 60000) AS k, 'v' || (id % 5) AS s,"
      " IF(id % 4 = 0, 0.0, (id % 3) * 1.5) AS d FROM range(200000)";
  for (const char* op : {"UNION", "INTERSECT", "INTERSECT ALL", "EXCEPT", "EXCEPT ALL"}) {
    const std::string q = left + " " + op + " " + right;
    SetLimit("1GB");
    const std::vector<std::string> expected = Rows(q);
    ASSERT_FALSE(expected.empty()) << q;
    EXPECT_FALSE(Spills(q)) << q;
    SetLimit("8MB");
    EXPECT_EQ(Rows(q), expected) << q;
    EXPECT_TRUE(Spills(q)) << q;
    EXPECT_EQ(connection_->last_query_memory().held_at_end, 0) << q;
    EXPECT_EQ(SpillFoldersLeft(), 0u) << q;
  }
}

TEST_F(SetOperationSpillTest, APartitionTooBigSplitsAgain) {
  // Under 3 MB (a budget of about 0.7 MB) a 32nd of these inputs (about 1 MB, three times
  // that with its table and output) is still too big for one pass.
  const std::string q =
      "SELECT count(*), sum(k), sum(length(s)) FROM (SELECT id AS k, 'row-' || id AS s FROM "
      "range(600000) INTERSECT SELECT id * 3, 'row-' || (id * 3) FROM range(400000))";
  SetLimit("1GB");
  const std::vector<std::string> expected = Rows(q);
  SetLimit("3MB");
  EXPECT_EQ(Rows(q), expected);
  EXPECT_EQ(SpillFoldersLeft(), 0u);
}

TEST_F(SetOperationSpillTest, AFullDiskFailsTheQueryNamingTheFile) {
  Open(std::make_shared<SmallDisk>(64 << 10));
  const int64_t process_before = memory::MemoryTracker::Process().used();
  SetLimit("8MB");
  Result<QueryResult> r = connection_->Sql(
      "SELECT count(*) FROM (SELECT id FROM range(600000) EXCEPT SELECT id FROM range(10))");
  ExpectCleanFailure(r, StatusCode::kIOError, "spilling to '/spill/sluice-spill-", process_before);
}

}  // namespace
}  // namespace sluice::main
