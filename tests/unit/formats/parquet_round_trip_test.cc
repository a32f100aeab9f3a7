#include <gtest/gtest.h>

#include "csv_test_util.h"
#include "dataset/table_reader.h"
#include "formats/parquet/parquet_footer.h"
#include "formats/parquet/parquet_reader.h"
#include "formats/parquet/parquet_writer.h"

namespace sluice::formats::parquet {
namespace {

using csv::Rows;

// Reads CSV text with a schema, writes it as Parquet, reads that back (the rows `filters`
// keep) as text.
Rows RoundTrip(const std::string& csv_text, const std::string& ddl, ParquetWriteOptions options,
               ParquetFileStats* stats = nullptr, std::vector<ColumnPredicate> filters = {}) {
  auto fs = csv::FsWith({{"/in.csv", csv_text}});
  auto tz = types::TimeZone::Utc();
  auto reader = *OpenCsvReader(fs, {"/in.csv"}, *csv::CsvOptions::FromMap({}, tz),
                               *types::ParseDdlSchema(ddl));
  auto writer = ParquetWriter::Open(*fs, "/out.parquet", *reader->schema(), options);
  EXPECT_TRUE(writer.ok()) << writer.status().ToString();
  EXPECT_TRUE(
      ReadTable(
          *reader, [&](size_t, const vector::Batch& b) { return (*writer)->Write(b); }, true)
          .ok());
  auto finished = (*writer)->Finish();
  EXPECT_TRUE(finished.ok());
  if (stats) *stats = *finished;
  ParquetReadOptions read_options;
  read_options.session_time_zone = tz;
  read_options.filters = std::move(filters);
  auto parquet = OpenParquetReader(fs, {"/out.parquet"}, read_options);
  EXPECT_TRUE(parquet.ok()) << parquet.status().ToString();
  EXPECT_EQ((*parquet)->schema()->ToDdl(), reader->schema()->ToDdl());
  Rows rows;
  EXPECT_TRUE(ReadTable(
                  **parquet,
                  [&](size_t, const vector::Batch& batch) {
                    for (size_t i = 0; i < batch.num_selected(); ++i) {
                      std::vector<std::string> row;
                      for (size_t c = 0; c < batch.num_columns(); ++c)
                        row.push_back(
                            vector::FormatValue(batch.column(c), batch.selected_row(i), tz));
                      rows.push_back(row);
                    }
                    return Status::OK();
                  },
                  true)
                  .ok());
  return rows;
}

TEST(ParquetRoundTripTest, EveryFlatTypeWithNulls) {
  const std::string ddl =
      "b BOOLEAN, t TINYINT, s SMALLINT, i INT, l BIGINT, f FLOAT, d DOUBLE, d9 DECIMAL(9,2), d18 "
      "DECIMAL(18,4), "
      "d38 DECIMAL(38,10), dt DATE, ts TIMESTAMP, ntz TIMESTAMP_NTZ, str STRING, bin BINARY";
  const std::string csv =
      "true,-128,-32768,-2147483648,-9223372036854775808,1.5,-0.0,-9999999.99,99999999999999.9999,"
      "-9999999999999999999999999999.9999999999,0001-01-01,1970-01-01T00:00:00Z,2024-02-29T23:59:"
      "59.999999,x,\\x\n"
      ",,,,,,,,,,,,,,\n"
      "false,127,32767,2147483647,9223372036854775807,NaN,1e300,0.01,-0.0001,1,9999-12-31,2262-04-"
      "11 23:47:16,"
      "1900-01-01 00:00:00,caf\xc3\xa9,\"\"\n";
  // Spark's text of each value (CAST AS STRING); "" reads as NULL, as an empty field does.
  const Rows expected = {
      {"true", "-128", "-32768", "-2147483648", "-9223372036854775808", "1.5", "-0.0",
       "-9999999.99", "99999999999999.9999", "-9999999999999999999999999999.9999999999",
       "0001-01-01", "1970-01-01 00:00:00", "2024-02-29 23:59:59.999999", "x", "[5C 78]"},
      Rows::value_type(15, "NULL"),
      {"false", "127", "32767", "2147483647", "9223372036854775807", "NaN", "1.0E300", "0.01",
       "-0.0001", "1.0000000000", "9999-12-31", "2262-04-11 23:47:16", "1900-01-01 00:00:00",
       "caf\xc3\xa9", "NULL"}};
  for (CompressionCodec codec :
       {CompressionCodec::kSnappy, CompressionCodec::kZstd, CompressionCodec::kGzip,
        CompressionCodec::kUncompressed, CompressionCodec::kLz4Raw}) {
    ParquetWriteOptions options;
    options.codec = codec;
    EXPECT_EQ(RoundTrip(csv, ddl, options), expected) << CodecName(codec);
  }
}

TEST(ParquetRoundTripTest, DictionaryFallbackPagesRowGroupsAndStats) {
  std::string csv;
  for (int i = 0; i < 50000; ++i)
    csv += std::to_string(i % 97) + ",unique_value_" + std::to_string(i) + "\n";
  ParquetWriteOptions options;
  options.row_group_rows = 12000;       // several row groups
  options.page_bytes = 4096;            // many pages
  options.dictionary_bytes = 64 << 10;  // the unique column overflows its dictionary
  ParquetFileStats stats;
  Rows rows = RoundTrip(csv, "small INT, name STRING", options, &stats);
  ASSERT_EQ(rows.size(), 50000u);
  EXPECT_EQ(rows[49999],
            (std::vector<std::string>{std::to_string(49999 % 97), "unique_value_49999"}));
  EXPECT_EQ(stats.num_rows, 50000);
  ASSERT_EQ(stats.columns.size(), 2u);
  int32_t min, max;
  std::memcpy(&min, stats.columns[0].min->data(), 4);
  std::memcpy(&max, stats.columns[0].max->data(), 4);
  EXPECT_EQ(min, 0);
  EXPECT_EQ(max, 96);
  EXPECT_EQ(*stats.columns[1].min, "unique_value_0");
  EXPECT_EQ(*stats.columns[1].max, "unique_value_9999");
  // A filtered read: each batch's selected rows, not its first ones.
  Rows fives;
  for (int i = 5; i < 50000; i += 97) fives.push_back({"5", "unique_value_" + std::to_string(i)});
  EXPECT_EQ(RoundTrip(csv, "small INT, name STRING", options, nullptr,
                      {{"small", ColumnPredicate::Op::kEq, {"5"}}}),
            fives);
}

// NOT NULL columns are REQUIRED in the file: pages without definition levels.
TEST(ParquetRoundTripTest, NotNullColumnsWithoutLevels) {
  std::string csv;
  Rows expected;
  for (int i = 0; i < 5000; ++i) {
    const std::string s = i % 3 == 0 ? "a-string-longer-than-inline-" + std::to_string(i) : "s";
    csv += std::to_string(i % 7 - 3) + "," + s + "," + std::to_string(i * 1000003LL) + "\n";
    expected.push_back({std::to_string(i % 7 - 3), s, std::to_string(i * 1000003LL)});
  }
  for (bool dictionary : {true, false}) {
    ParquetWriteOptions options;
    options.dictionary = dictionary;
    options.page_bytes = 4096;
    EXPECT_EQ(RoundTrip(csv, "i INT NOT NULL, s STRING NOT NULL, l BIGINT NOT NULL", options),
              expected)
        << dictionary;
  }
}

TEST(ParquetRoundTripTest, EmptyFileAndUnsupportedTypes) {
  EXPECT_TRUE(RoundTrip("", "a INT, b STRING", ParquetWriteOptions{}).empty());
  io::MemoryFileSystem fs;
  auto interval =
      ParquetWriter::Open(fs, "/x.parquet", *types::ParseDdlSchema("a STRUCT<b: ARRAY<INTERVAL>>"),
                          ParquetWriteOptions{});
  ASSERT_FALSE(interval.ok());
  EXPECT_NE(interval.status().message().find("column 'a.b.list.element'"), std::string::npos)
      << interval.status().ToString();
}

}  // namespace
}  // namespace sluice::formats::parquet

namespace sluice::formats::parquet {
namespace {

// Every type x {dictionary, plain} x codec x null pattern (none, all, alternating, runs).
TEST(ParquetRoundTripTest, TypeEncodingCodecAndNullPatternMatrix) {
  const std::string ddl =
      "b BOOLEAN, t TINYINT, i INT, l BIGINT, f FLOAT, d DOUBLE, d9 DECIMAL(9,2), d30 "
      "DECIMAL(30,5), dt DATE, "
      "ts TIMESTAMP, s STRING";
  // Each column's input and Spark's text of it (CAST AS STRING); columns 2 and 10 vary by row
  // so that dictionaries hold more than one entry.
  const std::vector<std::pair<std::string, std::string>> values = {
      {"true", "true"},
      {"-7", "-7"},
      {"", ""},
      {"-98765432101", "-98765432101"},
      {"2.5", "2.5"},
      {"-1e-9", "-1.0E-9"},
      {"1234.56", "1234.56"},
      {"-1234567890123456789012.12345", "-1234567890123456789012.12345"},
      {"2001-02-03", "2001-02-03"},
      {"2001-02-03T04:05:06.7Z", "2001-02-03 04:05:06.7"},
      {"", ""}};
  for (int pattern = 0; pattern < 4; ++pattern) {
    std::string csv;
    Rows expected;
    for (int row = 0; row < 3000; ++row) {
      bool null =
          pattern == 1 || (pattern == 2 && row % 2 == 1) || (pattern == 3 && (row / 100) % 3 == 0);
      expected.emplace_back();
      for (size_t c = 0; c < values.size(); ++c) {
        if (c > 0) csv += ',';
        const std::string varied = c == 2    ? std::to_string(row % 37)
                                   : c == 10 ? "s" + std::to_string(row % 11)
                                             : "";
        const auto& [input, text] = values[c];
        if (!null) csv += varied.empty() ? input : varied;
        expected.back().push_back(null ? "NULL" : varied.empty() ? text : varied);
      }
      csv += '\n';
    }
    for (bool dictionary : {true, false}) {
      for (CompressionCodec codec :
           {CompressionCodec::kSnappy, CompressionCodec::kZstd, CompressionCodec::kUncompressed}) {
        ParquetWriteOptions options;
        options.codec = codec;
        options.dictionary = dictionary;
        options.page_bytes = 2048;  // several pages, so page boundaries meet every pattern
        ASSERT_EQ(RoundTrip(csv, ddl, options), expected)
            << "pattern " << pattern << ", dictionary " << dictionary << ", " << CodecName(codec);
      }
    }
  }
}

}  // namespace
}  // namespace sluice::formats::parquet

namespace sluice::formats::parquet {
namespace {

TEST(ParquetWriterTest, DictionaryOnlyWhereValuesRepeat) {
  std::string csv;
  for (int i = 0; i < 40000; ++i) csv += std::to_string(i % 5) + "," + std::to_string(i) + "\n";
  auto fs = csv::FsWith({{"/in.csv", csv}});
  auto reader =
      *OpenCsvReader(fs, {"/in.csv"}, *csv::CsvOptions::FromMap({}, types::TimeZone::Utc()),
                     *types::ParseDdlSchema("few INT, unique BIGINT"));
  auto writer = *ParquetWriter::Open(*fs, "/out.parquet", *reader->schema(), ParquetWriteOptions{});
  ASSERT_TRUE(ReadTable(
                  *reader, [&](size_t, const vector::Batch& b) { return writer->Write(b); }, true)
                  .ok());
  ASSERT_TRUE(writer->Finish().ok());
  auto footer = ReadParquetFooter(**fs->OpenRead("/out.parquet"));
  ASSERT_TRUE(footer.ok());
  auto has_dictionary = [&](size_t column) {
    const auto& encodings = footer->row_groups[0].columns[column].meta_data->encodings;
    return std::find(encodings.begin(), encodings.end(), Encoding::kRleDictionary) !=
           encodings.end();
  };
  EXPECT_TRUE(has_dictionary(0));
  EXPECT_FALSE(has_dictionary(1));  // mostly distinct after the first 16384 values
}

}  // namespace
}  // namespace sluice::formats::parquet
