// Empty CSV inputs (no bytes, only a byte-order mark or blank lines, only a header) read
// as zero rows, as in Spark: with a schema, that schema; without one, an empty schema.
#include <gtest/gtest.h>

#include "csv_test_util.h"
#include "io/compression.h"

namespace sluice::formats::csv {
namespace {

const std::vector<std::pair<std::string, std::string>> kEmptyFiles = {
    {"/e.csv", ""},         {"/e.csv", "\xEF\xBB\xBF"},
    {"/e.csv", "\xFF\xFE"},  // a UTF-16LE mark
    {"/e.csv", "\n\r\n\n"}, {"/e.csv.gz", *io::Compress(io::Codec::kGzip, "")},
    {"/e.csv.gz", ""},  // not even a gzip header
};

TEST(CsvEmptyInputTest, AFileWithoutRowsReadsAsZeroRows) {
  for (const auto& [path, bytes] : kEmptyFiles) {
    for (const char* header : {"true", "false"}) {
      SCOPED_TRACE(path + " of " + std::to_string(bytes.size()) + " bytes, header=" + header);
      auto fs = FsWith({{path, bytes}});
      auto plain = ReadCsv(fs, {path}, {{"header", header}});
      ASSERT_TRUE(plain.status.ok()) << plain.status.ToString();
      EXPECT_EQ(plain.schema, "");
      EXPECT_TRUE(plain.rows.empty());
      EXPECT_EQ(plain.stats.rows_read, 0u);

      auto inferred = ReadCsv(fs, {path}, {{"header", header}, {"inferSchema", "true"}});
      ASSERT_TRUE(inferred.status.ok()) << inferred.status.ToString();
      EXPECT_EQ(inferred.schema, "");

      for (const char* enforce : {"true", "false"}) {
        auto typed = ReadCsv(fs, {path}, {{"header", header}, {"enforceSchema", enforce}},
                             "a INT, b STRING");
        ASSERT_TRUE(typed.status.ok()) << typed.status.ToString();
        EXPECT_EQ(typed.schema, "a INT, b STRING");
        EXPECT_TRUE(typed.rows.empty());
        EXPECT_TRUE(typed.rejects.empty());
      }
    }
  }
}

TEST(CsvEmptyInputTest, AHeaderWithoutRowsGivesItsColumns) {
  auto r = ReadCsv(FsWith({{"/h.csv", "a,b\r\n"}}), {"/h.csv"}, {{"header", "true"}});
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.schema, "a STRING, b STRING");
  EXPECT_TRUE(r.rows.empty());
}

TEST(CsvEmptyInputTest, EmptyFilesBesideOthersAddNothing) {
  auto fs = FsWith({{"/d/a.csv", ""}, {"/d/b.csv", "b,a\nx,1\n"}, {"/d/c.csv", "\xEF\xBB\xBF"}});
  for (const char* enforce : {"true", "false"}) {
    auto r =
        ReadCsv(fs, {"/d"}, {{"header", "true"}, {"enforceSchema", enforce}}, "a INT, b STRING");
    ASSERT_TRUE(r.status.ok()) << r.status.ToString();
    EXPECT_EQ(r.rows, (Rows{{"1", "x"}}));
    EXPECT_TRUE(r.rejects.empty());
  }
  // Without a schema, the names come from the file that has a header.
  auto r = ReadCsv(fs, {"/d"}, {{"header", "true"}});
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.schema, "b STRING, a STRING");
  EXPECT_EQ(r.rows, (Rows{{"x", "1"}}));
  // A header that lacks a schema column still fails with enforceSchema=false.
  auto missing = ReadCsv(fs, {"/d"}, {{"header", "true"}, {"enforceSchema", "false"}},
                         "a INT, b STRING, c STRING");
  EXPECT_EQ(missing.status.code(), StatusCode::kInvalid);
  EXPECT_NE(missing.status.message().find("'/d/b.csv': the header lacks column 'c'"),
            std::string::npos)
      << missing.status.message();
}

}  // namespace
}  // namespace sluice::formats::csv
