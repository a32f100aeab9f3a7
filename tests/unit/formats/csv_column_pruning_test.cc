// Spark's CSV column pruning: a read of some columns parses only those (and its filters'
// columns); a bad value elsewhere neither rejects the row nor costs a parse.
#include <gtest/gtest.h>

#include "csv_test_util.h"

namespace sluice::formats::csv {
namespace {

using Rows = std::vector<std::vector<std::string>>;

const char* const kFile =
    "id,ts,name\n"
    "1,2024-01-01 00:00:00,a\n"
    "2,not a time,b\n"           // line 3: ts unparsable
    "x,2024-01-02 00:00:00,c\n"  // line 4: id unparsable
    "4,2024-01-03 00:00:00\n";   // line 5: a field missing
const char* const kSchema = "id INT, ts TIMESTAMP, name STRING";

ReadResult ReadColumns(const std::map<std::string, std::string>& options,
                       std::optional<std::vector<std::string>> columns,
                       std::vector<ColumnPredicate> filters = {},
                       const std::string& schema = kSchema) {
  auto fs = FsWith({{"/t.csv", kFile}});
  const auto tz = types::TimeZone::Utc();
  ReadResult result;
  auto reader = OpenTableReader(fs, {"/t.csv"}, "csv", options, tz, *types::ParseSchema(schema),
                                std::move(filters), false, std::move(columns));
  if (!reader.ok()) {
    result.status = reader.status();
    return result;
  }
  ReadAll(**reader, tz, /*ordered=*/true, result);
  return result;
}

std::vector<uint64_t> RejectedLines(const ReadResult& r) {
  std::vector<uint64_t> lines;
  for (const RejectedRow& reject : r.rejects) lines.push_back(reject.line);
  return lines;
}

TEST(CsvColumnPruningTest, OnlyTheReadColumnsAreParsed) {
  auto r = ReadColumns({{"header", "true"}}, std::vector<std::string>{"NAME", "id"});
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  // The schema stays whole; the unread column is NULL and its bad value is not a reject.
  EXPECT_EQ(
      r.rows,
      (Rows{{"1", "NULL", "a"}, {"2", "NULL", "b"}, {"NULL", "NULL", "c"}, {"4", "NULL", "NULL"}}));
  EXPECT_EQ(RejectedLines(r), (std::vector<uint64_t>{4, 5}));
  EXPECT_EQ(r.rejects[0].column, "id");
  EXPECT_EQ(r.rejects[1].category, "field count");

  // Every column (no pruning): line 3's timestamp is a reject too.
  auto all = ReadColumns({{"header", "true"}}, std::nullopt);
  ASSERT_TRUE(all.status.ok());
  EXPECT_EQ(all.rows[0], (std::vector<std::string>{"1", "2024-01-01 00:00:00", "a"}));
  EXPECT_EQ(RejectedLines(all), (std::vector<uint64_t>{3, 4, 5}));
}

TEST(CsvColumnPruningTest, NoColumnsStillCountsEveryRowAndItsShape) {
  auto r = ReadColumns({{"header", "true"}, {"mode", "DROPMALFORMED"}}, std::vector<std::string>{});
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.rows.size(), 3u);  // line 5 has the wrong number of fields
  EXPECT_EQ(RejectedLines(r), (std::vector<uint64_t>{5}));
}

TEST(CsvColumnPruningTest, FilterColumnsAreParsed) {
  ColumnPredicate after{"ts", ColumnPredicate::Op::kGe, {"2024-01-02 00:00:00"}};
  auto r = ReadColumns({{"header", "true"}}, std::vector<std::string>{"name"}, {after});
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows,
            (Rows{{"NULL", "2024-01-02 00:00:00", "c"}, {"NULL", "2024-01-03 00:00:00", "NULL"}}));
  EXPECT_EQ(RejectedLines(r), (std::vector<uint64_t>{3, 5}));
}

TEST(CsvColumnPruningTest, ACorruptRecordColumnChecksEveryValue) {
  auto r = ReadColumns({{"header", "true"}}, std::vector<std::string>{"name", "_corrupt_record"},
                       {}, std::string(kSchema) + ", _corrupt_record STRING");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(RejectedLines(r), (std::vector<uint64_t>{3, 4, 5}));
  EXPECT_EQ(r.rows[1][3], "2,not a time,b");
}

}  // namespace
}  // namespace sluice::formats::csv
