// WriteResult in every format and WriteTable, on batches built by hand; expected text
// written here from the formats' rules (HiveResult, RFC 4180, to_json, Dataset.show).
#include "main/result_format.h"

#include <gtest/gtest.h>

#include <sstream>

#include "main/result_format_table.h"
#include "result_test_util.h"

namespace sluice::main {
namespace {

using types::LogicalType;
using types::TypeId;

// The result rows as the connection hands them over.
exec::BatchStore StoreOf(const std::vector<vector::Batch>& batches) {
  exec::BatchStore store;
  for (const vector::Batch& b : batches) store.Add(exec::ShareBatch(b));
  return store;
}

class WriteResultTest : public ::testing::Test {
 protected:
  using Tags = std::optional<std::vector<std::string_view>>;

  void SetUp() override {
    schema_ = std::make_shared<const types::Schema>(
        std::vector<types::Field>{{"id", TypeId::kInt},
                                  {"name", TypeId::kString},
                                  {"price", LogicalType::Decimal(6, 2)},
                                  {"tags", LogicalType::Array(TypeId::kString)},
                                  {"ts", TypeId::kTimestamp}});
    // Batch 1: two rows. Batch 2: three rows, of which a filter kept the first and last.
    vector::Batch& first = batches_.emplace_back(*vector::Batch::Make(schema_, 2));
    AddRow(first, 1, "a,b", 150, Tags{{"x", "y"}}, 1542461613123000);  // 05:33:33.123 PST
    AddRow(first, std::nullopt, "", std::nullopt, Tags(std::vector<std::string_view>{}),
           std::nullopt);
    vector::Batch& second = batches_.emplace_back(*vector::Batch::Make(schema_, 3));
    AddRow(second, 3, "say \"hi\"\nbye", -5, Tags{{"z"}}, 1552212000000000);  // 03:00 PDT
    AddRow(second, 99, "filtered out", 0, Tags(std::vector<std::string_view>{}), 0);
    AddRow(second, 5, "\xC3\xA9\xE2\x82\xAC", 10000, std::nullopt, -3600000000);  // "é€"
    auto selection = std::make_unique<vector::SelectionVector>();
    selection->Append(0);
    selection->Append(2);
    second.set_selection(std::move(selection));
  }

  static void AddRow(vector::Batch& batch, std::optional<int32_t> id, std::string_view name,
                     std::optional<int64_t> cents, Tags tags, std::optional<int64_t> ts) {
    const size_t row = batch.num_rows();
    if (id)
      batch.column(0).data<int32_t>()[row] = *id;
    else
      batch.column(0).SetNull(row);
    SetString(batch.column(1), row, name);
    if (cents)
      batch.column(2).data<int64_t>()[row] = *cents;
    else
      batch.column(2).SetNull(row);
    vector::Vector& list = batch.column(3);
    const uint32_t at = AppendList(list, row, tags ? static_cast<uint32_t>(tags->size()) : 0);
    if (!tags) list.SetNull(row);
    for (size_t i = 0; tags && i < tags->size(); ++i)
      SetString(list.children()[0], at + i, (*tags)[i]);
    if (ts)
      batch.column(4).data<int64_t>()[row] = *ts;
    else
      batch.column(4).SetNull(row);
    batch.set_num_rows(row + 1);
  }

  std::string Write(ResultFormat format) {
    std::ostringstream out;
    Status st = WriteResult(*schema_, StoreOf(batches_), format, ResultFormatOptions{&la_}, out);
    EXPECT_TRUE(st.ok()) << st.ToString();
    return out.str();
  }

  types::TimeZone la_ = *types::TimeZone::Load("America/Los_Angeles");
  std::shared_ptr<const types::Schema> schema_;
  std::vector<vector::Batch> batches_;
};

TEST_F(WriteResultTest, TsvIsHiveTextTabSeparated) {
  const std::string rows =
      "1\ta,b\t1.50\t[\"x\",\"y\"]\t2018-11-17 05:33:33.123\n"
      "NULL\t\tNULL\t[]\tNULL\n"
      "3\tsay \"hi\"\nbye\t-0.05\t[\"z\"]\t2019-03-10 03:00:00\n"
      "5\t\xC3\xA9\xE2\x82\xAC\t100.00\tNULL\t1969-12-31 15:00:00\n";
  EXPECT_EQ(Write(ResultFormat::kTsv), rows);
  EXPECT_EQ(
      Write(ResultFormat::kTsvWithSchema),
      "struct<id:int,name:string,price:decimal(6,2),tags:array<string>,ts:timestamp>\n" + rows);
}

TEST_F(WriteResultTest, CsvQuotesAsRfc4180AndLeavesNullEmpty) {
  EXPECT_EQ(Write(ResultFormat::kCsv),
            "id,name,price,tags,ts\n"
            "1,\"a,b\",1.50,\"[x, y]\",2018-11-17 05:33:33.123\n"
            ",\"\",,[],\n"
            "3,\"say \"\"hi\"\"\nbye\",-0.05,[z],2019-03-10 03:00:00\n"
            "5,\xC3\xA9\xE2\x82\xAC,100.00,,1969-12-31 15:00:00\n");
}

TEST_F(WriteResultTest, JsonLinesAsToJson) {
  EXPECT_EQ(Write(ResultFormat::kJson),
            "{\"id\":1,\"name\":\"a,b\",\"price\":1.50,\"tags\":[\"x\",\"y\"],"
            "\"ts\":\"2018-11-17T05:33:33.123-08:00\"}\n"
            "{\"id\":null,\"name\":\"\",\"price\":null,\"tags\":[],\"ts\":null}\n"
            "{\"id\":3,\"name\":\"say \\\"hi\\\"\\nbye\",\"price\":-0.05,\"tags\":[\"z\"],"
            "\"ts\":\"2019-03-10T03:00:00.000-07:00\"}\n"
            "{\"id\":5,\"name\":\"\xC3\xA9\xE2\x82\xAC\",\"price\":100.00,\"tags\":null,"
            "\"ts\":\"1969-12-31T15:00:00.000-08:00\"}\n");
}

TEST_F(WriteResultTest, NoRows) {
  batches_.clear();
  EXPECT_EQ(Write(ResultFormat::kTsv), "");
  EXPECT_EQ(Write(ResultFormat::kCsv), "id,name,price,tags,ts\n");
  EXPECT_EQ(Write(ResultFormat::kJson), "");
  EXPECT_EQ(Write(ResultFormat::kTable),
            "+---+----+-----+----+---+\n"
            "|id |name|price|tags|ts |\n"
            "+---+----+-----+----+---+\n"
            "+---+----+-----+----+---+\n");
}

TEST_F(WriteResultTest, AFailedStreamIsAnError) {
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  Status st =
      WriteResult(*schema_, StoreOf(batches_), ResultFormat::kTsv, ResultFormatOptions{&la_}, out);
  EXPECT_EQ(st.code(), StatusCode::kIOError);
}

TEST(WriteResultVoidTest, AVoidColumnIsNullInEveryFormat) {
  // SELECT NULL AS n: a column of Spark's NullType, whatever its validity says.
  auto schema = std::make_shared<const types::Schema>(
      std::vector<types::Field>{{"n", TypeId::kNull}, {"s", TypeId::kSmallInt}});
  std::vector<vector::Batch> batches;
  batches.push_back(*vector::Batch::Make(schema, 1));
  batches[0].column(1).data<int16_t>()[0] = -32768;
  batches[0].set_num_rows(1);
  types::TimeZone utc = types::TimeZone::Utc();
  auto write = [&](ResultFormat format) {
    std::ostringstream out;
    EXPECT_TRUE(WriteResult(*schema, StoreOf(batches), format, {&utc}, out).ok());
    return out.str();
  };
  EXPECT_EQ(write(ResultFormat::kTsvWithSchema), "struct<n:void,s:smallint>\nNULL\t-32768\n");
  EXPECT_EQ(write(ResultFormat::kCsv), "n,s\n,-32768\n");
  EXPECT_EQ(write(ResultFormat::kJson), "{\"n\":null,\"s\":-32768}\n");
  EXPECT_EQ(write(ResultFormat::kTable),
            "+----+------+\n|n   |s     |\n+----+------+\n|NULL|-32768|\n+----+------+\n");
}

TEST(WriteTableTest, TableWidthsCountCharactersNotBytes) {
  auto schema = std::make_shared<const types::Schema>(
      std::vector<types::Field>{{"name", TypeId::kString}, {"n", TypeId::kInt}});
  std::vector<vector::Batch> batches;
  batches.push_back(*vector::Batch::Make(schema, 2));
  vector::Batch& b = batches[0];
  SetString(b.column(0), 0, "\xC3\xA9\xE2\x82\xAC");  // "é€": two characters, five bytes
  b.column(1).data<int32_t>()[0] = 1;
  SetString(b.column(0), 1, "abcd");
  b.column(1).SetNull(1);
  b.set_num_rows(2);
  std::ostringstream out;
  types::TimeZone utc = types::TimeZone::Utc();
  ASSERT_TRUE(WriteResult(*schema, StoreOf(batches), ResultFormat::kTable, {&utc}, out).ok());
  EXPECT_EQ(out.str(),
            "+----+----+\n"
            "|name|n   |\n"
            "+----+----+\n"
            "|\xC3\xA9\xE2\x82\xAC  |1   |\n"
            "|abcd|NULL|\n"
            "+----+----+\n");
}

TEST(WriteTableTest, TruncatedCellsAreCutByCharactersAndRightAligned) {
  const std::string euro = "\xE2\x82\xAC";
  std::ostringstream out;
  WriteTable({"s", "long header"}, {{euro + euro + euro + euro + euro + euro, "x"}}, 5, out);
  EXPECT_EQ(out.str(),
            "+-----+-----+\n"
            "|    s|lo...|\n"
            "+-----+-----+\n"
            "|" +
                euro + euro +
                "...|    x|\n"
                "+-----+-----+\n");
  std::ostringstream narrow;
  WriteTable({"s"}, {{euro + euro + euro + euro}}, 2, narrow);  // below 4: no "..."
  EXPECT_EQ(narrow.str(), "+---+\n|  s|\n+---+\n| " + euro + euro + "|\n+---+\n");
}

}  // namespace
}  // namespace sluice::main
