// Cancelling a running query (the shell's Ctrl-C) from another thread: every running
// pipeline stops at its next batch, the query returns Cancelled promptly, and every
// reservation is given back.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "io/memory_file_system.h"
#include "main/connection.h"
#include "memory/memory_tracker.h"

namespace sluice::main {
namespace {

using Clock = std::chrono::steady_clock;

class QueryCancelTest : public ::testing::TestWithParam<const char*> {};

TEST_P(QueryCancelTest, ReturnsCancelledWithinASecondWithNothingHeld) {
  auto db = Database::Open(std::make_shared<io::MemoryFileSystem>(), "/warehouse");
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  Connection connection(**db);
  std::atomic<bool> cancel{false};
  connection.set_cancel_flag(&cancel);
  const int64_t process_before = memory::MemoryTracker::Process().used();

  Clock::time_point cancelled_at;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    cancelled_at = Clock::now();
    cancel = true;
  });
  Result<QueryResult> r = connection.Sql(GetParam());
  const Clock::time_point returned_at = Clock::now();
  canceller.join();

  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCancelled) << r.status().ToString();
  EXPECT_LT(returned_at - cancelled_at, std::chrono::seconds(1));
  EXPECT_EQ(connection.last_query_memory().held_at_end, 0);
  EXPECT_EQ(memory::MemoryTracker::Process().used(), process_before);
}

// Each would take minutes: 10^10 rows.
INSTANTIATE_TEST_SUITE_P(
    LongQueries, QueryCancelTest,
    ::testing::Values(
        // A parallel aggregate pipeline.
        "SELECT sum(id), count(DISTINCT id % 100000) FROM range(10000000000)",
        // Collected rows (a join's probe side).
        "SELECT a.id FROM range(10000000000) a JOIN range(10) b ON a.id = b.id * 7",
        // Two join build sides, and the probe's source an aggregate: run at once.
        "SELECT count(*) FROM (SELECT id % 10 AS k FROM range(10000000000) GROUP BY 1) a"
        " JOIN (SELECT id FROM range(10000000000) WHERE id % 1000000007 = 3) b ON a.k = b.id"
        " JOIN (SELECT id FROM range(10000000000) WHERE id % 1000000009 = 4) c ON a.k = c.id",
        // Both inputs of a set operation.
        "SELECT count(*) FROM (SELECT id FROM range(10000000000) WHERE id < 0"
        " UNION ALL SELECT id FROM range(10000000000) WHERE id % 1000000007 = 3)"));

}  // namespace
}  // namespace sluice::main
