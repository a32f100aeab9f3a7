#include "formats/reject_sink.h"

#include <gtest/gtest.h>
#include <malloc.h>

#include <algorithm>

#include "csv_test_util.h"
#include "dataset/rejects_csv_file.h"
#include "dataset/table_reader.h"
#include "io/fault_injecting_file_system.h"

namespace sluice::formats::csv {
namespace {

// Heap bytes in use now (all arenas).
int64_t HeapInUse() { return static_cast<int64_t>(mallinfo2().uordblks); }

// A file whose every data row fails `b INT`, with the reject each row must give,
// built here by hand: a blank line every 1,000 rows (skipped, but counted in line
// numbers) and `newline` as the line ending.
struct RejectingFile {
  std::string text;
  std::vector<RejectedRow> expected;  // by line
};

RejectingFile MakeRejectingFile(size_t rows, const std::string& newline) {
  RejectingFile f;
  f.text = "a,b" + newline;
  uint64_t line = 2;
  for (size_t i = 0; i < rows; ++i) {
    if (i % 1000 == 999) {
      f.text += newline;
      ++line;
    }
    std::string row = std::to_string(i) + ",x" + std::to_string(i);
    f.expected.push_back({"/r.csv", line++, f.text.size(), "b", "unparsable value",
                          "cannot parse 'x" + std::to_string(i) + "' as an INT", row});
    f.text += row + newline;
  }
  return f;
}

// Checks each reject against the expected one as it arrives and keeps none.
class CheckingSink final : public RejectSink {
 public:
  CheckingSink(const std::vector<RejectedRow>& expected, int64_t heap_before)
      : expected_(expected), seen_(expected.size(), false), heap_before_(heap_before) {}

  Status Add(std::span<const RejectedRow> rows) override {
    std::lock_guard lock(mu_);
    peak_heap_growth_ = std::max(peak_heap_growth_, HeapInUse() - heap_before_);
    for (const RejectedRow& row : rows) {
      auto it = std::lower_bound(expected_.begin(), expected_.end(), row.line,
                                 [](const RejectedRow& e, uint64_t line) { return e.line < line; });
      if (it == expected_.end() || it->line != row.line) {
        ++mismatches_;
        continue;
      }
      size_t i = static_cast<size_t>(it - expected_.begin());
      if (seen_[i] || row.file != it->file || row.byte_offset != it->byte_offset ||
          row.column != it->column || row.category != it->category || row.reason != it->reason ||
          row.raw != it->raw) {
        if (mismatches_++ == 0) first_mismatch_ = DescribeRejectedRow(row);
      }
      seen_[i] = true;
      in_line_order_ = in_line_order_ && row.line > last_line_;
      last_line_ = row.line;
    }
    return Status::OK();
  }

  const std::vector<RejectedRow>& expected_;
  std::mutex mu_;
  std::vector<bool> seen_;
  int64_t heap_before_;
  int64_t peak_heap_growth_ = 0;
  size_t mismatches_ = 0;
  std::string first_mismatch_;
  bool in_line_order_ = true;
  uint64_t last_line_ = 0;
};

class RejectStreamTest : public ::testing::TestWithParam<std::tuple<std::string, bool>> {};

TEST_P(RejectStreamTest, EveryRejectStreamsWithItsLineAndOffsetInBoundedMemory) {
  const auto& [newline, ordered] = GetParam();
  // ~4 MB: several morsels, so parallel workers need the lines of units still being read.
  constexpr size_t kRows = 300000;
  const RejectingFile file = MakeRejectingFile(kRows, newline);
  auto fs = FsWith({{"/r.csv", file.text}});
  auto options = CsvOptions::FromMap({{"header", "true"}}, types::TimeZone::Utc());
  ASSERT_TRUE(options.ok());
  auto reader = OpenCsvReader(fs, {"/r.csv"}, *options, *types::ParseSchema("a INT, b INT"));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();

  auto sink = std::make_shared<CheckingSink>(file.expected, HeapInUse());
  (*reader)->set_reject_sink(sink);
  Status st = ReadTable(
      **reader, [](size_t, const vector::Batch&) { return Status::OK(); }, ordered);
  ASSERT_TRUE(st.ok()) << st.ToString();
  const int64_t held_after_read = HeapInUse() - sink->heap_before_;

  EXPECT_EQ(sink->mismatches_, 0u) << sink->first_mismatch_;
  EXPECT_EQ(static_cast<size_t>(std::count(sink->seen_.begin(), sink->seen_.end(), true)), kRows);
  EXPECT_TRUE(sink->in_line_order_);  // parallel reads too
  // Holding the rejects would take tens of MB (300,000 rows of strings); streaming holds
  // a block of them per worker.
  EXPECT_LT(sink->peak_heap_growth_, 8 << 20);
  EXPECT_LT(held_after_read, 1 << 20);

  const RejectsSummary& summary = (*reader)->rejects_summary();
  EXPECT_EQ(summary.total(), kRows);
  EXPECT_EQ((*reader)->stats().rows_rejected, kRows);
  ASSERT_EQ(summary.counts().size(), 1u);
  EXPECT_EQ(summary.counts().begin()->first,
            (std::pair<std::string, std::string>{"unparsable value", "b"}));
  std::vector<RejectedRow> first = summary.FirstRows();
  ASSERT_EQ(first.size(), RejectsSummary::kDefaultFirstRows);
  for (size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].line, file.expected[i].line);
    EXPECT_EQ(first[i].byte_offset, file.expected[i].byte_offset);
    EXPECT_EQ(first[i].raw, file.expected[i].raw);
  }
}

INSTANTIATE_TEST_SUITE_P(LineEndingsAndOrder, RejectStreamTest,
                         ::testing::Combine(::testing::Values("\n", "\r\n", "\r"),
                                            ::testing::Bool()));

TEST(RejectsSummaryTest, KeepsTheFirstRowsByFileAndLineWhateverTheOrder) {
  RejectsSummary a(3), b(3);
  auto row = [](std::string file, uint64_t line, std::string category) {
    return RejectedRow{std::move(file), line, line * 10, "", std::move(category), "why", "raw"};
  };
  for (uint64_t line : {9, 4, 7, 2}) a.Add(row("/b.csv", line, "field count"));
  for (uint64_t line : {8, 3}) b.Add(row("/a.csv", line, "unparsable value"));
  b.Add(row("/b.csv", 1, "field count"));
  a.Merge(std::move(b));
  EXPECT_EQ(a.total(), 7u);
  std::map<std::pair<std::string, std::string>, uint64_t> counts = {{{"field count", ""}, 5},
                                                                    {{"unparsable value", ""}, 2}};
  EXPECT_EQ(a.counts(), counts);
  std::vector<std::pair<std::string, uint64_t>> first;
  for (const RejectedRow& r : a.FirstRows()) first.emplace_back(r.file, r.line);
  EXPECT_EQ(first, (std::vector<std::pair<std::string, uint64_t>>{
                       {"/a.csv", 3}, {"/a.csv", 8}, {"/b.csv", 1}}));
  RejectsSummary copy = a;  // a copy counts on its own map
  copy.Add(row("/a.csv", 1, "field count"));
  EXPECT_EQ(copy.counts().at({"field count", ""}), 6u);
  EXPECT_EQ(a.counts().at({"field count", ""}), 5u);
}

TEST(RejectsCsvFileTest, AWriteErrorFailsTheRead) {
  auto memory = std::make_shared<io::MemoryFileSystem>();
  io::FaultInjectingFileSystem faulty(memory);
  // Enough rejects to fill the buffer several times before the read ends.
  const RejectingFile file = MakeRejectingFile(60000, "\n");
  memory->Store("/r.csv", file.text);
  auto rejects = RejectsCsvFile::Open(faulty, "/rejects.csv");
  ASSERT_TRUE(rejects.ok());
  faulty.FailAfter(1);
  auto options = CsvOptions::FromMap({{"header", "true"}}, types::TimeZone::Utc());
  auto reader = OpenCsvReader(memory, {"/r.csv"}, *options, *types::ParseSchema("a INT, b INT"));
  ASSERT_TRUE(reader.ok());
  (*reader)->set_reject_sink(*rejects);
  Status st = ReadTable(
      **reader, [](size_t, const vector::Batch&) { return Status::OK(); }, false);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("writing rejects to '/rejects.csv'"), std::string::npos)
      << st.ToString();
}

TEST(RejectsCsvFileTest, AnErrorOnTheLastFlushFailsTheRead) {
  auto memory = std::make_shared<io::MemoryFileSystem>();
  io::FaultInjectingFileSystem faulty(memory);
  memory->Store("/r.csv", "a,b\n1,x\n");
  auto rejects = RejectsCsvFile::Open(faulty, "/rejects.csv");
  ASSERT_TRUE(rejects.ok());
  faulty.FailAfter(1);
  auto options = CsvOptions::FromMap({{"header", "true"}}, types::TimeZone::Utc());
  auto reader = OpenCsvReader(memory, {"/r.csv"}, *options, *types::ParseSchema("a INT, b INT"));
  ASSERT_TRUE(reader.ok());
  (*reader)->set_reject_sink(*rejects);
  EXPECT_FALSE(ReadTable(
                   **reader, [](size_t, const vector::Batch&) { return Status::OK(); }, true)
                   .ok());
}

}  // namespace
}  // namespace sluice::formats::csv
