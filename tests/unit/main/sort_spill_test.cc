// ORDER BY under a memory limit far below what it holds: the sort writes sorted runs and
// merges them, and gives the rows in the order computed here by a stable sort of the ids on
// the same keys (ties keep input order), for string, numeric, NULL, descending and multiple
// keys; its spill files are gone after the query, a cancelled query stops, and a full disk
// fails the query naming the file, with nothing left held.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <functional>
#include <numeric>
#include <optional>
#include <thread>

#include "memory/memory_tracker.h"
#include "spill_test_support.h"

namespace sluice::main {
namespace {

constexpr int64_t kRows = 300000;

class SortSpillTest : public SpillTest {
 protected:
  // The first column (BIGINT) of the query's rows, in order.
  std::vector<int64_t> Ids(const std::string& sql) {
    Result<QueryResult> r = connection_->Sql(sql);
    EXPECT_TRUE(r.ok()) << sql << ": " << r.status().ToString();
    std::vector<int64_t> ids;
    if (!r.ok()) return ids;
    Result<exec::BatchList> batches = r->rows.TakeAll();
    EXPECT_TRUE(batches.ok()) << batches.status().ToString();
    if (!batches.ok()) return ids;
    for (const vector::Batch& b : *batches)
      for (size_t i = 0; i < b.num_selected(); ++i)
        ids.push_back(b.column(0).data<int64_t>()[b.selected_row(i)]);
    return ids;
  }
  // Whether EXPLAIN ANALYZE shows the query's sort spilling.
  bool SortSpills(const std::string& sql) {
    for (const std::string& line : Rows("EXPLAIN ANALYZE " + sql, /*keep_order=*/true))
      if (line.find("Sort") != std::string::npos && line.find("spilled=") != std::string::npos)
        return true;
    return false;
  }
};

// ids 0..rows-1 stably sorted by `less` (ties in input order, as the sort keeps them).
std::vector<int64_t> StableOrder(int64_t rows, const std::function<bool(int64_t, int64_t)>& less) {
  std::vector<int64_t> ids(rows);
  std::iota(ids.begin(), ids.end(), 0);
  std::stable_sort(ids.begin(), ids.end(), less);
  return ids;
}

int64_t Scatter(int64_t id) { return id * 7919 % 100003; }
// The SQL keys below, computed here.
std::string LongString(int64_t id) {
  return "key-with-a-long-prefix-" + std::to_string(Scatter(id));
}
std::optional<double> DoubleOrNull(int64_t id) {
  if (id % 7 == 0) return std::nullopt;
  return static_cast<double>(Scatter(id)) / 7;
}

TEST_F(SortSpillTest, ManyRowsUnderASmallLimitComeInTheStableOrder) {
  struct Case {
    std::string order_by;
    std::function<bool(int64_t, int64_t)> less;
  };
  const std::vector<Case> cases = {
      // Strings sharing more than the encoded prefix: compared in full across runs.
      {"'key-with-a-long-prefix-' || (id * 7919 % 100003)",
       [](int64_t a, int64_t b) { return LongString(a) < LongString(b); }},
      // Short strings, descending (three rows per key: ties keep input order).
      {"CAST(id * 7919 % 100003 AS STRING) DESC",
       [](int64_t a, int64_t b) {
         return std::to_string(Scatter(a)) > std::to_string(Scatter(b));
       }},
      // Integers, descending.
      {"id * 7919 % 100003 DESC", [](int64_t a, int64_t b) { return Scatter(a) > Scatter(b); }},
      // Doubles with NULLs, first (ascending's default) and last.
      {"IF(id % 7 = 0, NULL, CAST(id * 7919 % 100003 AS DOUBLE) / 7)",
       [](int64_t a, int64_t b) {
         std::optional<double> x = DoubleOrNull(a), y = DoubleOrNull(b);
         if (!x || !y) return !x && y;
         return *x < *y;
       }},
      {"IF(id % 7 = 0, NULL, CAST(id * 7919 % 100003 AS DOUBLE) / 7) NULLS LAST",
       [](int64_t a, int64_t b) {
         std::optional<double> x = DoubleOrNull(a), y = DoubleOrNull(b);
         if (!x || !y) return x && !y;
         return *x < *y;
       }},
      // Several keys, one descending.
      {"id % 10, id * 7919 % 1000 DESC",
       [](int64_t a, int64_t b) {
         if (a % 10 != b % 10) return a % 10 < b % 10;
         return a * 7919 % 1000 > b * 7919 % 1000;
       }},
      // Three keys' worth of ties: whole runs of equal keys keep input order.
      {"id % 3", [](int64_t a, int64_t b) { return a % 3 < b % 3; }},
  };
  for (const Case& c : cases) {
    const std::string q =
        "SELECT id FROM range(" + std::to_string(kRows) + ") ORDER BY " + c.order_by;
    SCOPED_TRACE(q);
    const std::vector<int64_t> expected = StableOrder(kRows, c.less);
    ASSERT_TRUE(connection_->Sql("RESET spark.sluice.memory.limit").ok());
    EXPECT_FALSE(SortSpills(q));
    EXPECT_EQ(Ids(q), expected);
    SetLimit("8MB");
    EXPECT_TRUE(SortSpills(q));
    EXPECT_EQ(Ids(q), expected);
    EXPECT_LE(connection_->last_query_memory().peak, 8 << 20);
    EXPECT_EQ(connection_->last_query_memory().held_at_end, 0);
    EXPECT_EQ(SpillFoldersLeft(), 0u);
  }
}

// So many runs under a tiny limit that they merge in passes; a top-N over the spilled input
// reads it a batch at a time.
TEST_F(SortSpillTest, ManyRunsMergeInPassesAndATopNReadsASpilledInput) {
  const int64_t rows = 1000000;
  const std::string q =
      "SELECT id FROM range(" + std::to_string(rows) + ") ORDER BY id * 7919 % 100003, id % 2 DESC";
  const std::vector<int64_t> expected = StableOrder(rows, [](int64_t a, int64_t b) {
    if (Scatter(a) != Scatter(b)) return Scatter(a) < Scatter(b);
    return a % 2 > b % 2;
  });
  SetLimit("4MB");
  EXPECT_EQ(Ids(q), expected);
  EXPECT_LE(connection_->last_query_memory().peak, 4 << 20);
  EXPECT_EQ(SpillFoldersLeft(), 0u);
  const std::vector<int64_t> top = Ids(q + " LIMIT 5000");
  EXPECT_EQ(top, std::vector<int64_t>(expected.begin(), expected.begin() + 5000));
  EXPECT_LE(connection_->last_query_memory().peak, 4 << 20);
  EXPECT_EQ(SpillFoldersLeft(), 0u);
}

// A top-N whose first rows do not fit the limit falls back to the external sort, each run and
// merge keeping only the first rows: the same rows in the same stable order.
TEST_F(SortSpillTest, ATopNWhoseRowsDoNotFitSortsExternally) {
  const int64_t rows = 1000000;
  const std::string q = "SELECT id, 'padding-' || id FROM range(" + std::to_string(rows) +
                        ") ORDER BY id * 7919 % 100003, id % 2 DESC";
  const std::vector<int64_t> expected = StableOrder(rows, [](int64_t a, int64_t b) {
    if (Scatter(a) != Scatter(b)) return Scatter(a) < Scatter(b);
    return a % 2 > b % 2;
  });
  SetLimit("4MB");
  for (const auto& [limit, offset] : {std::pair{600000, 0}, std::pair{400000, 123}}) {
    const std::string top =
        q + " LIMIT " + std::to_string(limit) + " OFFSET " + std::to_string(offset);
    SCOPED_TRACE(top);
    EXPECT_TRUE(SortSpills(top));
    EXPECT_EQ(Ids(top),
              std::vector<int64_t>(expected.begin() + offset, expected.begin() + offset + limit));
    EXPECT_LE(connection_->last_query_memory().peak, 4 << 20);
    EXPECT_EQ(connection_->last_query_memory().held_at_end, 0);
    EXPECT_EQ(SpillFoldersLeft(), 0u);
  }
}

TEST_F(SortSpillTest, ACancelledSortStopsAndLeavesNoSpillFiles) {
  SetLimit("8MB");
  // Cancelled once the sort writes runs (past the collected input's few files).
  ExpectCancelStops("SELECT id FROM range(2000000) ORDER BY id * 7919 % 100003",
                    [&] { return SpillFiles() >= 20; });
}

// The disk fills while the sort writes its runs (after its input's rows were spilled).
TEST_F(SortSpillTest, AFullDiskFailsTheQueryNamingTheFile) {
  const std::string input = "SELECT id, 'v' || id AS v, id * 7919 % 100003 AS k FROM range(" +
                            std::to_string(kRows) + ")";
  auto measure = std::make_shared<SmallDisk>(uint64_t{1} << 40);
  Open(measure);
  SetLimit("8MB");
  ASSERT_TRUE(connection_->Sql(input).ok());
  const uint64_t input_bytes = measure->used();
  ASSERT_GT(input_bytes, 0u);

  Open(std::make_shared<SmallDisk>(input_bytes * 3 / 2));
  const int64_t process_before = memory::MemoryTracker::Process().used();
  SetLimit("8MB");
  Result<QueryResult> r = connection_->Sql("SELECT id, v FROM (" + input + ") ORDER BY k");
  ExpectCleanFailure(r, StatusCode::kIOError, "spilling to '/spill/sluice-spill-", process_before);
  EXPECT_NE(r.status().message().find("No space left on device"), std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace sluice::main
