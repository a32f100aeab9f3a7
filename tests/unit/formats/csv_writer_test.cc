#include "formats/csv/csv_writer.h"

#include <gtest/gtest.h>

#include "csv_test_util.h"
#include "dataset/rejects_csv_file.h"
#include "dataset/table_reader.h"
#include "formats/reject_sink.h"

namespace sluice::formats::csv {
namespace {

// Reads a file, writes it back out with the writer, reads that: the values written by hand.
TEST(CsvWriterTest, RoundTripsEveryTypeThroughTheReader) {
  const std::string schema =
      "b BOOLEAN, t TINYINT, i INT, l BIGINT, f FLOAT, d DOUBLE, dec DECIMAL(30,4), dt DATE, ts "
      "TIMESTAMP, "
      "ntz TIMESTAMP_NTZ, s STRING";
  auto fs = FsWith(
      {{"/in.csv",
        "true,-128,2147483647,-9223372036854775808,1.25,1.0E-7,-12345678901234567890.1234,1969-07-"
        "20,"
        "2018-10-01T13:56:36.123-04:00,2018-10-01T13:56:36,\"comma, \"\"quote\"\" and\nnewline\"\n"
        "false,0,0,0,0,0,0,2024-02-29,1970-01-01T00:00:00Z,1970-01-01T00:00:00,\\back\\slash\n"
        ",,,,,,,,,,\n"}});
  std::map<std::string, std::string> opts{{"multiLine", "true"}};
  // Spark's text of each value, timestamps in the session zone (UTC-4 in October).
  const Rows expected = {{"true", "-128", "2147483647", "-9223372036854775808", "1.25", "1.0E-7",
                          "-12345678901234567890.1234", "1969-07-20", "2018-10-01 13:56:36.123",
                          "2018-10-01 13:56:36", "comma, \"quote\" and\nnewline"},
                         {"false", "0", "0", "0", "0.0", "0.0", "0.0000", "2024-02-29",
                          "1969-12-31 19:00:00", "1970-01-01 00:00:00", "\\back\\slash"},
                         Rows::value_type(11, "NULL")};
  auto first = ReadCsv(fs, {"/in.csv"}, opts, schema, "America/Toronto");
  ASSERT_TRUE(first.status.ok()) << first.status.ToString();
  ASSERT_EQ(first.stats.rows_rejected, 0u) << DescribeRejectedRow(first.rejects[0]);
  EXPECT_EQ(first.rows, expected);

  const std::map<std::string, std::string> extension{
      {"none", ""}, {"gzip", ".gz"}, {"zstd", ".zst"}};
  for (const auto& [compression, ext] : extension) {
    auto tz = *types::TimeZone::Load("America/Toronto");
    auto reader = *OpenCsvReader(fs, {"/in.csv"}, *CsvOptions::FromMap(opts, tz),
                                 *types::ParseDdlSchema(schema));
    CsvOptions write_options =
        *CsvOptions::FromMap({{"header", "true"}, {"compression", compression}}, tz);
    const std::string out = "/out.csv" + ext;
    auto writer = CsvWriter::Open(*fs, out, *reader->schema(), write_options);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE(
        ReadTable(
            *reader, [&](size_t, const vector::Batch& b) { return (*writer)->Write(b); }, true)
            .ok());
    ASSERT_TRUE((*writer)->Finish().ok());
    EXPECT_EQ((*writer)->rows_written(), 3u);
    auto second =
        ReadCsv(fs, {out}, {{"header", "true"}, {"multiLine", "true"}}, schema, "America/Toronto");
    ASSERT_TRUE(second.status.ok()) << second.status.ToString();
    EXPECT_EQ(second.rows, expected) << compression;
  }
}

TEST(CsvWriterTest, SparkDefaultTextForms) {
  auto fs = FsWith({{"/in.csv", "2018-10-01T13:56:36-04:00,2024-01-05,,x\n"}});
  auto tz = *types::TimeZone::Load("America/Toronto");
  auto reader = *OpenCsvReader(fs, {"/in.csv"}, *CsvOptions::FromMap({}, tz),
                               *types::ParseDdlSchema("ts TIMESTAMP, d DATE, n STRING, s STRING"));
  auto writer = *CsvWriter::Open(*fs, "/out.csv", *reader->schema(),
                                 *CsvOptions::FromMap({{"header", "true"}}, tz));
  ASSERT_TRUE(ReadTable(
                  *reader, [&](size_t, const vector::Batch& b) { return writer->Write(b); }, true)
                  .ok());
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_EQ(*fs->ReadAll("/out.csv"), "ts,d,n,s\n2018-10-01T13:56:36.000-04:00,2024-01-05,,x\n");
}

TEST(CsvWriterTest, NullValueAndQuoting) {
  CsvOptions o;
  std::string out;
  AppendCsvField(&out, "plain", o, false);
  out += '|';
  AppendCsvField(&out, "a,b", o, false);
  out += '|';
  AppendCsvField(&out, "", o, false);
  out += '|';
  AppendCsvField(&out, " pad", o, false);
  EXPECT_EQ(out, "plain|\"a,b\"|\"\"|\" pad\"");
  // Spark's default escape is the backslash: it escapes quotes and itself.
  out.clear();
  AppendCsvField(&out, "x\"y\\z\"", o, false);
  out += '|';
  AppendCsvField(&out, "line\nbreak", o, false);
  out += '|';
  AppendCsvField(&out, "forced", o, true);
  EXPECT_EQ(out, "\"x\\\"y\\\\z\\\"\"|\"line\nbreak\"|\"forced\"");
}

TEST(RejectsCsvTest, WritesTheDocumentedColumnsAndReadsBack) {
  auto fs = std::make_shared<io::MemoryFileSystem>();
  std::vector<RejectedRow> rows = {
      {"/a.csv", 3, 38, "amount", "unparsable value", "cannot parse 'x'", "2,x,\"q\""},
      {"/a.csv", 4, 50, "", "field count", "expected 3 fields, found 2", ""}};
  auto file = RejectsCsvFile::Open(*fs, "/rejects.csv");
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->Add(rows).ok());
  ASSERT_TRUE((*file)->Close().ok());
  auto back = ReadCsv(fs, {"/rejects.csv"}, {{"header", "true"}});
  ASSERT_TRUE(back.status.ok());
  EXPECT_EQ(
      back.schema,
      "file STRING, line STRING, byte_offset STRING, column STRING, reason STRING, raw STRING");
  EXPECT_EQ(back.rows, (Rows{{"/a.csv", "3", "38", "amount", "cannot parse 'x'", "2,x,\"q\""},
                             {"/a.csv", "4", "50", "NULL", "expected 3 fields, found 2", "NULL"}}));
}

}  // namespace
}  // namespace sluice::formats::csv
