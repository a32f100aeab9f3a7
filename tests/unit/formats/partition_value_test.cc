// Partition folder values: Spark's inference and casts, and how the CSV reader applies
// them whatever its own options say.
#include "formats/partition_value.h"

#include <gtest/gtest.h>

#include "csv_test_util.h"

namespace sluice::formats {
namespace {

using csv::FsWith;
using csv::ReadCsv;
using csv::Rows;

std::string Infer(const std::vector<std::optional<std::string>>& values) {
  std::vector<const std::optional<std::string>*> pointers;
  for (const auto& v : values) pointers.push_back(&v);
  return InferPartitionType(pointers).ToString();
}

// The expected types are those of Spark's PartitioningUtils (inferPartitionColumnValue,
// then resolveTypeConflicts).
TEST(PartitionValueTest, InfersTypesAsSpark) {
  EXPECT_EQ(Infer({"1", "-02"}), "INT");
  EXPECT_EQ(Infer({"1", "3000000000"}), "BIGINT");
  EXPECT_EQ(Infer({"12345678901234567890"}), "DECIMAL(20,0)");
  EXPECT_EQ(Infer({"1", "12345678901234567890123"}), "DECIMAL(23,0)");
  EXPECT_EQ(Infer({"1", "1.5"}), "DOUBLE");
  EXPECT_EQ(Infer({"1.5", "12345678901234567890"}), "STRING");
  EXPECT_EQ(Infer({"2024-01-05", std::nullopt}), "DATE");
  EXPECT_EQ(Infer({"2024-01-05", "2024-01-05 10:00:00.5"}), "TIMESTAMP");
  EXPECT_EQ(Infer({"2024-01-05T10:00:00"}), "STRING");  // not the partition pattern
  EXPECT_EQ(Infer({"2024-1-5"}), "STRING");
  EXPECT_EQ(Infer({"2024-02-30"}), "STRING");
  EXPECT_EQ(Infer({"1", "2024-01-05"}), "STRING");
  EXPECT_EQ(Infer({std::nullopt}), "STRING");
}

std::string Parsed(const std::string& raw, const std::string& type) {
  auto zone = *types::TimeZone::Load("UTC");
  auto v = *vector::Vector::Make(types::ParseSchema("c " + type)->field(0).type, 1);
  if (!ParsePartitionValue(raw, zone, &v, 0)) return "refused";
  return vector::FormatValue(v, 0, zone);
}

TEST(PartitionValueTest, ReadsDeclaredTypesAsSparkCasts) {
  EXPECT_EQ(Parsed("7.9", "INT"), "7");
  EXPECT_EQ(Parsed(" 42 ", "BIGINT"), "42");
  EXPECT_EQ(Parsed("300", "TINYINT"), "refused");
  EXPECT_EQ(Parsed("Yes", "BOOLEAN"), "true");
  EXPECT_EQ(Parsed("0", "BOOLEAN"), "false");
  EXPECT_EQ(Parsed("1.005", "DECIMAL(5,2)"), "1.01");
  EXPECT_EQ(Parsed("2024-01-05", "DATE"), "2024-01-05");
  EXPECT_EQ(Parsed("2024-01", "DATE"), "2024-01-01");
  EXPECT_EQ(Parsed("banana", "DATE"), "refused");
  EXPECT_EQ(Parsed("2024-01-05 10:00:00", "TIMESTAMP"), "2024-01-05 10:00:00");
  EXPECT_EQ(Parsed("2024-01-05 10:00:00+01:00", "TIMESTAMP_NTZ"), "refused");
  EXPECT_EQ(Parsed("05/01/2024", "STRING"), "05/01/2024");
}

TEST(PartitionValueTest, FillNamesTheFolderOfAValueOfAnotherType) {
  auto zone = *types::TimeZone::Load("UTC");
  auto v = *vector::Vector::Make(types::TypeId::kDate, 3);
  ASSERT_TRUE(FillPartitionColumn("day", std::string("2024-01-05"), zone, 3, &v).ok());
  for (size_t r = 0; r < 3; ++r) EXPECT_EQ(v.data<int32_t>()[r], 19727);  // by hand
  Status bad = FillPartitionColumn("day", std::string("a/b"), zone, 3, &v);
  EXPECT_EQ(bad.message(), "partition folder 'day=a%2Fb': the value is not DATE");
}

// The CSV dateFormat is for the file's fields; the folder keeps Spark's partition rules.
TEST(PartitionValueTest, CsvDateFormatDoesNotApplyToFolders) {
  auto fs = FsWith({{"/t/day=2024-01-05/f.csv", "x,d\n1,06/01/2024\n"}});
  auto r = ReadCsv(fs, {"/t"}, {{"header", "true"}, {"dateFormat", "dd/MM/yyyy"}}, "x INT, d DATE");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.schema, "x INT, d DATE, day DATE");
  EXPECT_EQ(r.rows, (Rows{{"1", "2024-01-06", "2024-01-05"}}));
  EXPECT_TRUE(r.rejects.empty());
  // Also when the user declares the partition column, and when the file holds it too.
  auto declared = ReadCsv(fs, {"/t"}, {{"header", "true"}, {"dateFormat", "dd/MM/yyyy"}},
                          "x INT, d DATE, day DATE");
  EXPECT_EQ(declared.rows, (Rows{{"1", "2024-01-06", "2024-01-05"}}));
  EXPECT_TRUE(declared.rejects.empty());
  auto held = FsWith({{"/h/day=2024-01-05/f.csv", "x,day\n1,05/01/2024\n2,06/01/2024\n"}});
  auto both =
      ReadCsv(held, {"/h"}, {{"header", "true"}, {"dateFormat", "dd/MM/yyyy"}}, "x INT, day DATE");
  EXPECT_EQ(both.rows, (Rows{{"1", "2024-01-05"}, {"2", "2024-01-05"}}));
  ASSERT_EQ(both.rejects.size(), 1u);
  EXPECT_EQ(both.rejects[0].category, "partition mismatch");
  EXPECT_EQ(both.rejects[0].line, 3u);
}

// A folder value that is not of the declared type: every row of its file is a reject
// naming the folder, never a silent NULL.
TEST(PartitionValueTest, CsvFolderValueOfTheWrongTypeIsARejectPerRow) {
  auto fs = FsWith({{"/b/day=banana/f.csv", "x\n1\n2\n"}, {"/b/day=2024-01-05/f.csv", "x\n3\n"}});
  auto r = ReadCsv(fs, {"/b"}, {{"header", "true"}}, "x INT, day DATE");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows, (Rows{{"3", "2024-01-05"}, {"1", "NULL"}, {"2", "NULL"}}));
  ASSERT_EQ(r.rejects.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(r.rejects[i].file, "/b/day=banana/f.csv");
    EXPECT_EQ(r.rejects[i].line, i + 2);
    EXPECT_EQ(r.rejects[i].column, "day");
    EXPECT_EQ(r.rejects[i].category, "partition value");
    EXPECT_EQ(r.rejects[i].reason, "folder 'day=banana' is not DATE");
  }
  EXPECT_EQ(r.stats.rows_rejected, 2u);
  auto dropped =
      ReadCsv(fs, {"/b"}, {{"header", "true"}, {"mode", "DROPMALFORMED"}}, "x INT, day DATE");
  EXPECT_EQ(dropped.rows, (Rows{{"3", "2024-01-05"}}));
  auto failed = ReadCsv(fs, {"/b"}, {{"header", "true"}, {"mode", "FAILFAST"}}, "x INT, day DATE");
  EXPECT_FALSE(failed.status.ok());
  EXPECT_NE(failed.status.message().find("day=banana"), std::string::npos);
}

}  // namespace
}  // namespace sluice::formats
