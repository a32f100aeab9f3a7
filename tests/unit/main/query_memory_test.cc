// A query's memory: its operators reserve in trackers under the query's, every reservation
// is given back when the query ends, also when it fails part way, and the process tracker
// is back where it was once the results are dropped.
#include <gtest/gtest.h>

#include "io/memory_file_system.h"
#include "main/connection.h"
#include "memory/memory_tracker.h"

namespace sluice::main {
namespace {

class QueryMemoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Database::Open(std::make_shared<io::MemoryFileSystem>(), "/warehouse");
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    connection_ = std::make_unique<Connection>(*db_);
  }

  std::unique_ptr<Database> db_;
  std::unique_ptr<Connection> connection_;
};

// Every blocking operator: aggregate, join build, sort, window, set operation, collect.
constexpr const char* kQuery =
    "SELECT k, count(*) AS n, max(r) FROM ("
    "  SELECT a.id % 1000 AS k, row_number() OVER (PARTITION BY a.id % 7 ORDER BY a.id) AS r"
    "  FROM range(200000) a JOIN (SELECT id FROM range(100000) INTERSECT SELECT id * 2 FROM"
    "  range(50000)) b ON a.id = b.id)"
    " GROUP BY k ORDER BY k";

TEST_F(QueryMemoryTest, ReservationsReturnToZeroAfterAQuery) {
  const int64_t process_before = memory::MemoryTracker::Process().used();
  {
    Result<QueryResult> r = connection_->Sql(kQuery);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->rows.row_count(), 500u);  // even ids below 100,000: 500 residues of 1000
  }
  // The join alone holds 50,000 rows of BIGINT.
  EXPECT_GT(connection_->last_query_memory().peak, 50000 * 8);
  EXPECT_EQ(connection_->last_query_memory().held_at_end, 0);
  EXPECT_EQ(memory::MemoryTracker::Process().used(), process_before);
}

TEST_F(QueryMemoryTest, ReservationsReturnToZeroAfterAFailure) {
  const int64_t process_before = memory::MemoryTracker::Process().used();
  ASSERT_TRUE(connection_->Sql("SET spark.sluice.memory.limit=4MB").ok());
  // Each part of kQuery spills under the limit; a window without PARTITION BY with a RANGE
  // frame of offsets over its joined rows cannot.
  Result<QueryResult> r = connection_->Sql(
      "SELECT max(r) FROM (SELECT avg(a.id) OVER (ORDER BY a.id RANGE BETWEEN 1 PRECEDING AND "
      "1 FOLLOWING) AS r FROM range(400000) a "
      "JOIN (SELECT id FROM range(200000) INTERSECT SELECT id * 2 FROM range(100000)) b "
      "ON a.id = b.id)");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kOutOfMemory);
  EXPECT_NE(r.status().message().find("memory limit of 4.0 MiB exceeded by"), std::string::npos)
      << r.status().message();
  EXPECT_GT(connection_->last_query_memory().peak, 0);
  EXPECT_EQ(connection_->last_query_memory().held_at_end, 0);
  EXPECT_EQ(memory::MemoryTracker::Process().used(), process_before);

  ASSERT_TRUE(connection_->Sql("RESET spark.sluice.memory.limit").ok());
  EXPECT_TRUE(connection_->Sql(kQuery).ok());
}

TEST_F(QueryMemoryTest, LimitSettingIsChecked) {
  Status s = connection_->Sql("SET spark.sluice.memory.limit=lots").status();
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("spark.sluice.memory.limit"), std::string::npos) << s.message();
  ASSERT_TRUE(connection_->Sql("SET spark.sluice.memory.limit=50%").ok());
  EXPECT_EQ(connection_->settings().memory_limit(), memory::PhysicalMemoryBytes() / 2);
}

}  // namespace
}  // namespace sluice::main
