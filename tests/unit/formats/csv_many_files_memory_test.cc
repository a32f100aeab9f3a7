// A CSV read over many files holds the bytes of the ranges being read, not of every file,
// and those bytes are charged to the process's MemoryTracker while held.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>

#include "dataset/table_reader.h"
#include "memory/memory_tracker.h"
#include "vector/value_formatter.h"

namespace sluice::formats::csv {
namespace {

constexpr size_t kFiles = 120;
constexpr size_t kRowsPerFile = 4000;  // about 100 KB a file: each is read as one copy

class CsvManyFilesMemoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sluice-csv-many-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    for (size_t f = 0; f < kFiles; ++f) {
      const auto folder = dir_ / ("day=" + std::to_string(f));
      std::filesystem::create_directories(folder);
      std::ofstream out(folder / "part.csv");
      out << "id,name,amount\n";
      for (size_t r = 0; r < kRowsPerFile; ++r) {
        // Names longer than a StringRef holds inline: their values point into the bytes read.
        out << r << ",customer-name-" << (r % 97) << "," << (f + r) << "\n";
        expected_sum_ += static_cast<int64_t>(f + r);
      }
    }
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Result<std::unique_ptr<TableReader>> Open() {
    return OpenTableReader(io::LocalFileSystem(), {dir_.string()}, "csv", {{"header", "true"}},
                           types::TimeZone::Utc(),
                           *types::ParseSchema("id INT, name STRING, amount BIGINT"));
  }

  std::filesystem::path dir_;
  int64_t expected_sum_ = 0;
};

TEST_F(CsvManyFilesMemoryTest, HoldsOnlyTheRangesBeingReadAndChargesThem) {
  memory::MemoryTracker& process = memory::MemoryTracker::Process();
  const int64_t before = process.used();
  auto reader = Open();
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const int64_t file_bytes = static_cast<int64_t>((*reader)->total_bytes());
  ASSERT_GT(file_bytes, 10 << 20);
  // Planning read every file (headers, row ranges) but keeps none of them.
  EXPECT_LT(process.used() - before, 1 << 20);

  std::atomic<int64_t> peak{0};
  std::atomic<int64_t> sum{0};
  std::atomic<size_t> rows{0};
  Status st = ReadTable(
      **reader,
      [&](size_t, const vector::Batch& batch) {
        const int64_t now = process.used() - before;
        int64_t seen = peak.load();
        while (now > seen && !peak.compare_exchange_weak(seen, now)) {
        }
        const auto* amounts = batch.column(2).data<int64_t>();
        int64_t s = 0;
        for (size_t i = 0; i < batch.num_selected(); ++i) s += amounts[batch.selected_row(i)];
        sum += s;
        rows += batch.num_selected();
        return Status::OK();
      },
      false);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(rows.load(), kFiles * kRowsPerFile);
  EXPECT_EQ(sum.load(), expected_sum_);
  // A worker's file is charged while it is read (a file here is one copied range)...
  EXPECT_GT(peak.load(), file_bytes / static_cast<int64_t>(kFiles));
  // ...and only the workers' files: far below all of them.
  EXPECT_LT(peak.load(), file_bytes / 4);
  reader->reset();
  EXPECT_EQ(process.used(), before);
}

TEST_F(CsvManyFilesMemoryTest, AFileThatShrankAfterPlanningFailsNamingIt) {
  auto reader = Open();
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const std::filesystem::path victim = dir_ / "day=7" / "part.csv";
  std::filesystem::resize_file(victim, 100);
  Status st = ReadTable(
      **reader, [](size_t, const vector::Batch&) { return Status::OK(); }, true);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find(victim.string()), std::string::npos) << st.ToString();
  EXPECT_NE(st.message().find("changed while being read"), std::string::npos) << st.ToString();
}

// Files are planned on every worker at once, yet the error is the first bad file's in listing
// order, as a plan file by file would give it, every time.
TEST_F(CsvManyFilesMemoryTest, PlanningFailsOnTheFirstBadFileInListingOrder) {
  for (const char* day : {"day=50", "day=77", "day=99"}) {
    std::ofstream out(dir_ / day / "part.csv.gz");
    out << "not gzip at all";
  }
  for (int attempt = 0; attempt < 10; ++attempt) {
    auto reader = Open();
    ASSERT_FALSE(reader.ok());
    EXPECT_NE(reader.status().message().find((dir_ / "day=50" / "part.csv.gz").string()),
              std::string::npos)
        << reader.status().ToString();
  }
}

}  // namespace
}  // namespace sluice::formats::csv
