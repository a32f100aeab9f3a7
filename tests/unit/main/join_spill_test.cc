// Equality joins whose right side is far larger than the memory limit run as grace hash
// joins: the rows of every join kind equal those of a run without a limit (whose answers the
// SQL logic tests check) and, for the counts, those computed here by hand; NULL keys match
// nothing but outer joins keep their rows once; a partition still too big splits again, a
// single key larger than memory is joined as a block nested loop; spill files are gone after
// the query, cancelled or failed on a full disk.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <optional>
#include <thread>

#include "memory/memory_tracker.h"
#include "spill_test_support.h"

namespace sluice::main {
namespace {

// Left: 100,000 rows, keys 0..49,999 (two rows each) with every 11th NULL. Right: 120,000
// rows, keys 20,000..79,999 (two rows each) with every 13th NULL, and a string column.
constexpr const char* kLeft =
    "(SELECT id AS lid, IF(id % 11 = 0, NULL, id % 50000) AS lk, 'l' || id AS ls"
    " FROM range(100000))";
constexpr const char* kRight =
    "(SELECT id AS rid, IF(id % 13 = 0, NULL, id % 60000 + 20000) AS rk, 'right-' || id AS rs"
    " FROM range(120000))";

std::optional<int64_t> LeftKey(int64_t id) {
  if (id % 11 == 0) return std::nullopt;
  return id % 50000;
}
std::optional<int64_t> RightKey(int64_t id) {
  if (id % 13 == 0) return std::nullopt;
  return id % 60000 + 20000;
}

class JoinSpillTest : public SpillTest {
 protected:
  void ResetLimit() { ASSERT_TRUE(connection_->Sql("RESET spark.sluice.memory.limit").ok()); }
  // Joins as written, the large side built (the optimizer would build the small one).
  void KeepWrittenSides() {
    ASSERT_TRUE(connection_->Sql("SET sluice.optimizer.enabled=false").ok());
  }
  // Whether EXPLAIN ANALYZE shows the query's join spilling.
  bool JoinSpills(const std::string& sql) {
    for (const std::string& plan : Rows("EXPLAIN ANALYZE " + sql))
      for (size_t at = plan.find("Join"); at != std::string::npos; at = plan.find("Join", at + 1))
        if (plan.substr(at, plan.find('\n', at) - at).find("spilled=") != std::string::npos)
          return true;
    return false;
  }
  // Runs `sql` without a limit, then under `limit`, where its join must spill: the same rows.
  std::vector<std::string> ExpectSameRowsSpilling(const std::string& sql,
                                                  const std::string& limit = "8MB",
                                                  int64_t limit_bytes = 8 << 20) {
    SCOPED_TRACE(sql);
    ResetLimit();
    const std::vector<std::string> unlimited = Rows(sql);
    EXPECT_FALSE(JoinSpills(sql));
    SetLimit(limit);
    EXPECT_TRUE(JoinSpills(sql));
    EXPECT_EQ(Rows(sql), unlimited);
    EXPECT_LE(connection_->last_query_memory().peak, limit_bytes);
    EXPECT_EQ(connection_->last_query_memory().held_at_end, 0);
    EXPECT_EQ(SpillFoldersLeft(), 0u);
    ResetLimit();
    return unlimited;
  }
};

TEST_F(JoinSpillTest, EveryJoinKindGivesTheUnlimitedRows) {
  for (const char* kind : {"INNER", "LEFT OUTER", "RIGHT OUTER", "FULL OUTER"}) {
    const std::vector<std::string> rows =
        ExpectSameRowsSpilling(std::string("SELECT lid, lk, ls, rid, rk, rs FROM ") + kLeft +
                               " l " + kind + " JOIN " + kRight + " r ON lk = rk");
    EXPECT_GT(rows.size(), 50000u);
  }
  for (const char* kind : {"LEFT SEMI", "LEFT ANTI"}) {
    const std::vector<std::string> rows =
        ExpectSameRowsSpilling(std::string("SELECT lid, lk, ls FROM ") + kLeft + " l " + kind +
                               " JOIN " + kRight + " r ON lk = rk");
    EXPECT_GT(rows.size(), 20000u);
  }
}

// The left side under half the right: the optimizer swaps the sides of outer, semi and anti
// joins so that the left side is built, and its table, too big, spills the same way.
TEST_F(JoinSpillTest, TheSwappedFormsSpillToo) {
  const std::string right =
      "(SELECT id AS rid, IF(id % 13 = 0, NULL, id % 60000 + 20000) AS rk, 'right-' || id AS rs"
      " FROM range(240000))";
  const std::map<std::string, std::string> shown = {{"LEFT OUTER", "RightOuter"},
                                                    {"RIGHT OUTER", "LeftOuter"},
                                                    {"FULL OUTER", "FullOuter"},
                                                    {"LEFT SEMI", "RightSemi"},
                                                    {"LEFT ANTI", "RightAnti"}};
  for (const auto& [kind, form] : shown) {
    const bool semi = kind == "LEFT SEMI" || kind == "LEFT ANTI";
    const std::string sql = std::string("SELECT ") +
                            (semi ? "lid, lk, ls" : "lid, lk, ls, rid, rs") + " FROM " + kLeft +
                            " l " + kind + " JOIN " + right + " r ON lk = rk";
    bool swapped = false;
    for (const std::string& line : Rows("EXPLAIN " + sql))
      swapped = swapped || line.find("Join " + form) != std::string::npos;
    EXPECT_TRUE(swapped) << sql;
    EXPECT_GT(ExpectSameRowsSpilling(sql).size(), 20000u);
  }
}

// The counts of each kind, computed here: duplicate keys multiply, NULL keys never match but
// the outer joins keep their rows once.
TEST_F(JoinSpillTest, CountsMatchTheOnesComputedByHand) {
  std::map<int64_t, int64_t> right_rows;  // per key
  int64_t right_null = 0;
  for (int64_t id = 0; id < 120000; ++id) {
    if (std::optional<int64_t> k = RightKey(id)) {
      ++right_rows[*k];
    } else {
      ++right_null;
    }
  }
  int64_t inner = 0, left_matched = 0, left_unmatched = 0;
  std::map<int64_t, bool> right_key_matched;
  for (int64_t id = 0; id < 100000; ++id) {
    std::optional<int64_t> k = LeftKey(id);
    auto it = k ? right_rows.find(*k) : right_rows.end();
    if (it == right_rows.end()) {
      ++left_unmatched;
      continue;
    }
    inner += it->second;
    ++left_matched;
    right_key_matched[*k] = true;
  }
  int64_t right_unmatched = right_null;
  for (const auto& [k, n] : right_rows)
    if (!right_key_matched.count(k)) right_unmatched += n;

  SetLimit("8MB");
  auto count = [&](const std::string& kind) {
    const std::string sql = std::string("SELECT count(*) FROM ") + kLeft + " l " + kind + " JOIN " +
                            kRight + " r ON lk = rk";
    EXPECT_TRUE(JoinSpills(sql)) << sql;
    return Rows(sql);
  };
  auto one = [](int64_t n) { return std::vector<std::string>{std::to_string(n) + "|"}; };
  EXPECT_EQ(count("INNER"), one(inner));
  EXPECT_EQ(count("LEFT OUTER"), one(inner + left_unmatched));
  EXPECT_EQ(count("RIGHT OUTER"), one(inner + right_unmatched));
  EXPECT_EQ(count("FULL OUTER"), one(inner + left_unmatched + right_unmatched));
  EXPECT_EQ(count("LEFT SEMI"), one(left_matched));
  EXPECT_EQ(count("LEFT ANTI"), one(left_unmatched));
  EXPECT_EQ(SpillFoldersLeft(), 0u);
}

// A condition beside the keys filters the candidate pairs; keys of different types (INT and
// BIGINT) are cast alike on both sides, so equal values fall in the same partition.
TEST_F(JoinSpillTest, AResidualConditionAndCastKeys) {
  for (const char* kind : {"INNER", "LEFT OUTER", "RIGHT OUTER", "FULL OUTER"})
    ExpectSameRowsSpilling(std::string("SELECT lid, rid, rs FROM ") + kLeft + " l " + kind +
                           " JOIN " + kRight +
                           " r ON CAST(lk AS INT) = rk AND (lid + rid) % 3 <> 0");
  for (const char* kind : {"LEFT SEMI", "LEFT ANTI"})
    ExpectSameRowsSpilling(std::string("SELECT lid, ls FROM ") + kLeft + " l " + kind + " JOIN " +
                           kRight + " r ON lk = rk AND (lid + rid) % 3 <> 0");
}

// Under 4 MB a right side of 600,000 rows leaves partitions a thirty-second of it, still too
// big: they split again by the next hash bits.
TEST_F(JoinSpillTest, APartitionTooBigSplitsAgain) {
  const std::string sql =
      "SELECT count(*), sum(l.id), sum(r.v), count(r.v) FROM range(900000) l LEFT JOIN"
      " (SELECT id * 3 AS k, id AS v FROM range(600000)) r ON l.id = r.k";
  // Left rows 0, 3, ..., 899997 match right row id / 3.
  const std::vector<std::string> expected = {"900000|404999550000|44999850000|300000|"};
  EXPECT_EQ(ExpectSameRowsSpilling(sql, "4MB", 4 << 20), expected);
}

// One key holds 100,000 right rows, more than a table may take under 4 MB: splitting cannot
// divide them, so that partition is joined as a block nested loop (the right rows in chunks),
// each left row's outcome given once whichever chunks it matched in. (An inner join would
// build its small left side instead: the join order swaps it.)
TEST_F(JoinSpillTest, ASkewedKeyLargerThanMemoryJoinsAsANestedLoop) {
  KeepWrittenSides();
  const std::string left = "(SELECT id AS lid, IF(id % 5 = 0, NULL, id % 4) AS lk FROM range(100))";
  const std::string right =
      "(SELECT id AS rid, IF(id < 100000, 1, IF(id % 2 = 0, NULL, id)) AS rk, 'r' || id AS rs"
      " FROM range(120000))";
  // Not equalities, so lk = rk is the only key.
  const std::string on = " r ON lk = rk AND rid % 100 <= lid AND rid % 100 >= lid AND lid < 50";
  for (const char* kind : {"LEFT OUTER", "RIGHT OUTER", "FULL OUTER"})
    ExpectSameRowsSpilling(std::string("SELECT lid, lk, rid, rk, rs FROM ") + left + " l " + kind +
                               " JOIN " + right + on,
                           "4MB", 4 << 20);
  for (const char* kind : {"LEFT SEMI", "LEFT ANTI"})
    ExpectSameRowsSpilling(
        std::string("SELECT lid, lk FROM ") + left + " l " + kind + " JOIN " + right + on, "4MB",
        4 << 20);
  // By hand: left rows with key 1 below 50 (lid % 4 = 1, not a multiple of 5) each match the
  // 1,000 right rows below 100,000 with rid % 100 = lid.
  int64_t matched = 0;
  for (int64_t lid = 1; lid < 50; lid += 4)
    if (lid % 5 != 0) ++matched;
  SetLimit("4MB");
  auto count = [&](const std::string& kind) {
    return Rows("SELECT count(*) FROM " + left + " l " + kind + " JOIN " + right + on);
  };
  auto one = [](int64_t n) { return std::vector<std::string>{std::to_string(n) + "|"}; };
  EXPECT_EQ(count("LEFT OUTER"), one(matched * 1000 + 100 - matched));
  EXPECT_EQ(count("RIGHT OUTER"), one(120000));
  EXPECT_EQ(count("LEFT SEMI"), one(matched));
  EXPECT_EQ(count("LEFT ANTI"), one(100 - matched));
}

// A join with no equality whose right side fits keeps the in-memory nested loop (past it:
// nested_loop_spill_test.cc).
TEST_F(JoinSpillTest, AJoinWithoutEqualityStaysANestedLoop) {
  SetLimit("8MB");
  const std::string sql =
      "SELECT count(*) FROM range(10) l JOIN (SELECT id FROM range(100000)) r ON l.id > r.id";
  EXPECT_FALSE(JoinSpills(sql));
  EXPECT_EQ(Rows(sql), std::vector<std::string>{"45|"});
}

// Under a LIMIT (a Project between), the grace join stops once it made the rows needed.
TEST_F(JoinSpillTest, ALimitAboveStopsTheJoinEarly) {
  SetLimit("8MB");
  const std::string sql =
      std::string("SELECT lid, rid + 0 FROM ") + kLeft + " JOIN " + kRight + " ON lk = rk LIMIT 10";
  const std::vector<std::string> rows = Rows(sql);
  ASSERT_EQ(rows.size(), 10u);
  for (const std::string& row : rows) {
    const int64_t lid = std::stoll(row.substr(0, row.find('|')));
    const int64_t rid = std::stoll(row.substr(row.find('|') + 1));
    EXPECT_EQ(LeftKey(lid), RightKey(rid)) << row;
    EXPECT_TRUE(LeftKey(lid).has_value()) << row;
  }
  // About 100,000 rows join; it made only a batch or so.
  const std::string join = ProfileLine(sql, "+- Join");
  ASSERT_NE(join.find("spilled="), std::string::npos) << join;
  const size_t at = join.find("rows=") + 5;
  EXPECT_LT(std::stoll(join.substr(at)), 10000) << join;
  EXPECT_EQ(SpillFoldersLeft(), 0u);
}

// Cancelled while it joins a skewed key's partition (which would take hours: every left row
// matches every right row), the join stops between blocks.
TEST_F(JoinSpillTest, ACancelledJoinLeavesNoSpillFiles) {
  KeepWrittenSides();
  SetLimit("8MB");
  // Two seconds after it began to spill: in the skewed partition's nested loop.
  ExpectCancelStops(
      "SELECT count(*) FROM (SELECT id, id % 1 AS k FROM range(20000)) l LEFT JOIN"
      " (SELECT id, id % 1 AS k FROM range(2000000)) r ON l.k = r.k",
      [&] {
        if (SpillFoldersLeft() == 0) return false;
        std::this_thread::sleep_for(std::chrono::seconds(2));
        return true;
      },
      std::chrono::seconds(5));
}

// The right side fits the rows collected for it but not its table: the first writes are the
// grace join's partitions, which fill the disk.
TEST_F(JoinSpillTest, AFullDiskFailsTheQueryNamingTheFile) {
  Open(std::make_shared<SmallDisk>(64 << 10));
  const int64_t process_before = memory::MemoryTracker::Process().used();
  SetLimit("8MB");
  Result<QueryResult> r = connection_->Sql(
      "SELECT count(*) FROM range(200000) l JOIN (SELECT id AS k FROM range(100000)) r"
      " ON l.id = r.k");
  ExpectCleanFailure(r, StatusCode::kIOError, "spilling to '/spill/sluice-spill-", process_before);
  EXPECT_NE(r.status().message().find("No space left on device"), std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace sluice::main
