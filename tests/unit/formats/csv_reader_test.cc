#include "formats/csv/csv_reader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "csv_test_util.h"
#include "io/compression.h"

namespace sluice::formats::csv {
namespace {

TEST(CsvReaderTest, DefaultsReadStringsWithHeader) {
  auto fs = FsWith({{"/d/a.csv", "id,name\n1,x\n2,\n"}});
  auto r = ReadCsv(fs, {"/d/a.csv"}, {{"header", "true"}});
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.schema, "id STRING, name STRING");
  EXPECT_EQ(r.rows, (Rows{{"1", "x"}, {"2", "NULL"}}));
  auto noheader = ReadCsv(fs, {"/d/a.csv"}, {});
  EXPECT_EQ(noheader.schema, "_c0 STRING, _c1 STRING");
  EXPECT_EQ(noheader.rows.size(), 3u);
}

// The row estimate (the optimizer's join order): exact for a small file, without its
// header; for a large one its bytes over the first 64 KiB's line length.
TEST(CsvReaderTest, EstimatedRows) {
  std::string big = "id,name\n";
  for (int i = 0; i < 100000; ++i) big += std::to_string(i % 10) + ",name\n";
  auto fs = FsWith({{"/small.csv", "id,name\n1,x\n2,\n3,zz"}, {"/big.csv", big}});
  auto tz = types::TimeZone::Utc();
  auto options = *CsvOptions::FromMap({{"header", "true"}}, tz);
  auto small = OpenCsvReader(fs, {"/small.csv"}, options, std::nullopt);
  ASSERT_TRUE(small.ok()) << small.status().ToString();
  EXPECT_EQ((*small)->EstimatedRows(), 3u);
  auto large = OpenCsvReader(fs, {"/big.csv"}, options, std::nullopt);
  ASSERT_TRUE(large.ok()) << large.status().ToString();
  EXPECT_NEAR(static_cast<double>((*large)->EstimatedRows()), 100000, 1000);
}

// spark.sql.caseSensitive: by default header names match the schema ignoring case, and
// names differing only in case are duplicates (renamed with their index, as Spark does);
// case-sensitive, `a` and `A` are two columns.
TEST(CsvReaderTest, HeaderNamesFollowTheCaseSetting) {
  auto fs = FsWith({{"/c.csv", "a,A,Name\n1,2,x\n"}});
  auto insensitive = ReadCsv(fs, {"/c.csv"}, {{"header", "true"}});
  ASSERT_TRUE(insensitive.status.ok()) << insensitive.status.ToString();
  EXPECT_EQ(insensitive.schema, "a0 STRING, A1 STRING, Name STRING");
  auto sensitive = ReadCsv(fs, {"/c.csv"}, {{"header", "true"}}, "", "UTC", true);
  ASSERT_TRUE(sensitive.status.ok()) << sensitive.status.ToString();
  EXPECT_EQ(sensitive.schema, "a STRING, A STRING, Name STRING");
  EXPECT_EQ(sensitive.rows, (Rows{{"1", "2", "x"}}));

  auto typed =
      ReadCsv(fs, {"/c.csv"}, {{"header", "true"}}, "A INT, a INT, name STRING", "UTC", true);
  ASSERT_TRUE(typed.status.ok()) << typed.status.ToString();
  // By name, exactly: `name` is not `Name`, so it reads NULL and `Name` is an extra field.
  EXPECT_EQ(typed.rows, (Rows{{"2", "1", "NULL"}}));
  auto matched = ReadCsv(FsWith({{"/e.csv", "ID,NAME\n7,y\n"}}), {"/e.csv"}, {{"header", "true"}},
                         "id INT, name STRING");
  ASSERT_TRUE(matched.status.ok()) << matched.status.ToString();
  EXPECT_EQ(matched.rows, (Rows{{"7", "y"}}));
}

TEST(CsvReaderTest, TypedValuesNullsAndSpecialDoubles) {
  auto fs = FsWith({{"/t.csv",
                     "b,i,l,d,dec,dt,ts,s\n"
                     "true,1,9000000000,1.5,12.345,2024-01-05,2024-01-05 10:00:00,\"q\"\n"
                     "FALSE,-2,1,NaN,-0.005,2024-02-29,2024-01-05T10:00:00Z,\"\"\n"
                     ",,,-Inf,,,,\n"}});
  auto r = ReadCsv(
      fs, {"/t.csv"}, {{"header", "true"}},
      "b BOOLEAN, i INT, l BIGINT, d DOUBLE, dec DECIMAL(5,2), dt DATE, ts TIMESTAMP, s STRING",
      "America/Toronto");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.stats.rows_rejected, 0u);
  EXPECT_EQ(
      r.rows,
      (Rows{{"true", "1", "9000000000", "1.5", "12.35", "2024-01-05", "2024-01-05 10:00:00", "q"},
            {"false", "-2", "1", "NaN", "-0.01", "2024-02-29", "2024-01-05 05:00:00", "NULL"},
            {"NULL", "NULL", "NULL", "-Infinity", "NULL", "NULL", "NULL", "NULL"}}));
}

TEST(CsvReaderTest, NullValueEmptyValueAndCustomFormats) {
  auto fs = FsWith({{"/t.csv", "a,b,c\nNA,\"\",03/07/2019 01:05:09 PM\n"}});
  auto r = ReadCsv(fs, {"/t.csv"},
                   {{"header", "true"},
                    {"nullValue", "NA"},
                    {"emptyValue", "<empty>"},
                    {"timestampFormat", "MM/dd/yyyy hh:mm:ss a"}},
                   "a STRING, b STRING, c TIMESTAMP");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows, (Rows{{"NULL", "<empty>", "2019-03-07 13:05:09"}}));
}

// "02-29" by MM-dd matches the pattern but 1970 has no February 29. Spark 3.5's reader fails
// the whole query on it; Sluice's treats it as any bad value (a rejected row, NULL in
// PERMISSIVE), so that one row never stops a load: README "Reading CSV".
TEST(CsvReaderTest, LeapDayWithoutYearIsABadValue) {
  auto fs = FsWith({{"/t.csv", "d\n03-01\n02-29\n"}});
  auto r = ReadCsv(fs, {"/t.csv"}, {{"header", "true"}, {"dateFormat", "MM-dd"}}, "d DATE");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows, (Rows{{"1970-03-01"}, {"NULL"}}));
  auto failfast =
      ReadCsv(fs, {"/t.csv"}, {{"header", "true"}, {"dateFormat", "MM-dd"}, {"mode", "FAILFAST"}},
              "d DATE");
  EXPECT_FALSE(failfast.status.ok());
}

TEST(CsvReaderTest, EveryBadRowIsRejectedWithWhereAndWhy) {
  auto fs = FsWith({{"/bad.csv",
                     "id,amount,ts\n"
                     "1,10,2024-01-01 00:00:00\n"
                     "2,abc,2024-01-01 00:00:00\n"           // line 3: unparsable
                     "3,30\n"                                // line 4: too few fields
                     "\n"                                    // line 5: blank, skipped
                     "4,40,2024-01-01 00:00:00,extra\n"      // line 6: too many
                     "5,\"50,2024-01-01 00:00:00\n"          // line 7: unterminated quote
                     "6,\xff\xfe,2024-01-01 00:00:00\n"}});  // line 8: not a number (bytes)
  const std::string schema = "id INT, amount INT, ts TIMESTAMP";
  auto r = ReadCsv(fs, {"/bad.csv"}, {{"header", "true"}, {"mode", "DROPMALFORMED"}}, schema);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows, (Rows{{"1", "10", "2024-01-01 00:00:00"}}));
  EXPECT_EQ(r.stats.rows_read, 6u);
  EXPECT_EQ(r.stats.rows_rejected, 5u);
  ASSERT_EQ(r.rejects.size(), 5u);
  EXPECT_EQ(r.rejects[0].line, 3u);
  EXPECT_EQ(r.rejects[0].column, "amount");
  EXPECT_EQ(r.rejects[0].category, "unparsable value");
  EXPECT_EQ(r.rejects[0].reason, "cannot parse 'abc' as an INT");
  EXPECT_EQ(r.rejects[0].byte_offset,
            std::string("id,amount,ts\n1,10,2024-01-01 00:00:00\n").size());
  EXPECT_EQ(r.rejects[0].raw, "2,abc,2024-01-01 00:00:00");
  EXPECT_EQ(r.rejects[1].line, 4u);
  EXPECT_EQ(r.rejects[1].reason, "expected 3 fields, found 2");
  EXPECT_EQ(r.rejects[2].line, 6u);
  EXPECT_EQ(r.rejects[2].reason, "expected 3 fields, found 4");
  EXPECT_EQ(r.rejects[3].line, 7u);
  EXPECT_EQ(r.rejects[3].category, "unterminated quote");
  EXPECT_EQ(r.rejects[4].line, 8u);
  EXPECT_EQ(r.rejects[4].column, "amount");

  // PERMISSIVE keeps them, as Spark does, with the raw text in the corrupt-record column.
  auto p = ReadCsv(fs, {"/bad.csv"}, {{"header", "true"}}, schema + ", _corrupt_record STRING");
  ASSERT_TRUE(p.status.ok());
  ASSERT_EQ(p.rows.size(), 6u);
  EXPECT_EQ(p.rows[0][3], "NULL");
  EXPECT_EQ(p.rows[1], (std::vector<std::string>{"2", "NULL", "2024-01-01 00:00:00",
                                                 "2,abc,2024-01-01 00:00:00"}));
  EXPECT_EQ(p.rows[2], (std::vector<std::string>{"3", "30", "NULL", "3,30"}));
  EXPECT_EQ(p.rejects.size(), 5u);

  // FAILFAST stops at the first with the same facts.
  auto f = ReadCsv(fs, {"/bad.csv"}, {{"header", "true"}, {"mode", "FAILFAST"}}, schema);
  EXPECT_EQ(f.status.code(), StatusCode::kParseError);
  EXPECT_NE(f.status.message().find(
                "/bad.csv:3 (byte 38), column 'amount': cannot parse 'abc' as an INT"),
            std::string::npos)
      << f.status.message();
}

TEST(CsvReaderTest, InvalidUtf8IsRejectedAndLatin1IsDecoded) {
  auto fs = FsWith({{"/u.csv", "name\ncaf\xe9\nok\n"}});
  auto r = ReadCsv(fs, {"/u.csv"}, {{"header", "true"}, {"mode", "DROPMALFORMED"}});
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.rows, (Rows{{"ok"}}));
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].category, "invalid encoding");
  EXPECT_EQ(r.rejects[0].reason, "invalid UTF-8 at byte 3 of the value");
  auto latin = ReadCsv(fs, {"/u.csv"}, {{"header", "true"}, {"encoding", "ISO-8859-1"}});
  ASSERT_TRUE(latin.status.ok());
  EXPECT_EQ(latin.rows, (Rows{{"caf\xc3\xa9"}, {"ok"}}));
}

TEST(CsvReaderTest, BomCrlfAndComments) {
  auto fs = FsWith({{"/b.csv", "\xEF\xBB\xBF# exported 2024\r\nid,v\r\n1,a\r\n# note\r\n2,b"}});
  auto r = ReadCsv(fs, {"/b.csv"}, {{"header", "true"}, {"comment", "#"}});
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.schema, "id STRING, v STRING");
  EXPECT_EQ(r.rows, (Rows{{"1", "a"}, {"2", "b"}}));
}

TEST(CsvReaderTest, HeadersAreMatchedByNameNeverShifted) {
  auto fs = FsWith({{"/h/a.csv", "id,name\n1,x\n"},
                    {"/h/b.csv", "name,id\ny,2\n"},               // reordered
                    {"/h/c.csv", "id\n3\n"},                      // missing a column
                    {"/h/d.csv", "id,name,extra\n4,z,boom\n"}});  // an extra column
  auto r =
      ReadCsv(fs, {"/h"}, {{"header", "true"}, {"mode", "DROPMALFORMED"}}, "id INT, name STRING");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows, (Rows{{"1", "x"}, {"2", "y"}, {"3", "NULL"}}));
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].file, "/h/d.csv");
  EXPECT_EQ(r.rejects[0].reason, "column 'extra' is not in the schema (value 'boom')");
  // With a rescued-data column the extra value is kept, not rejected.
  auto rescued =
      ReadCsv(fs, {"/h/d.csv"}, {{"header", "true"}, {"rescuedDataColumn", "_rescued_data"}},
              "id INT, name STRING");
  ASSERT_TRUE(rescued.status.ok());
  EXPECT_EQ(rescued.rows, (Rows{{"4", "z", "{\"extra\":\"boom\",\"_file_path\":\"/h/d.csv\"}"}}));
  auto strict = ReadCsv(fs, {"/h/c.csv"}, {{"header", "true"}, {"enforceSchema", "false"}},
                        "id INT, name STRING");
  EXPECT_EQ(strict.status.code(), StatusCode::kInvalid);
  EXPECT_NE(strict.status.message().find("lacks column 'name'"), std::string::npos);
}

TEST(CsvReaderTest, RescuedDataKeepsUnparsableValues) {
  auto fs = FsWith({{"/r.csv", "id,n\n1,2\n2,two\n"}});
  auto r = ReadCsv(fs, {"/r.csv"}, {{"header", "true"}, {"rescuedDataColumn", "_rescued"}},
                   "id INT, n INT");
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.stats.rows_rejected, 0u);
  EXPECT_EQ(r.rows,
            (Rows{{"1", "2", "NULL"}, {"2", "NULL", "{\"n\":\"two\",\"_file_path\":\"/r.csv\"}"}}));
}

TEST(CsvReaderTest, HivePartitionsWithTypesAndAgreementChecks) {
  auto fs = FsWith({{"/bill/year=2024/month=01/day=05/billing.csv", "v,year\n1,2024\n2,2023\n"},
                    {"/bill/year=2024/month=01/day=06/billing.csv", "v,year\n3,2024\n"},
                    {"/bill/year=2024/month=01/day=06/_SUCCESS", ""},
                    {"/bill/year=2024/month=01/day=06/.billing.csv.crc", "junk"}});
  auto r = ReadCsv(fs, {"/bill"},
                   {{"header", "true"}, {"inferSchema", "true"}, {"mode", "DROPMALFORMED"}});
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.schema, "v INT, year INT, month INT, day INT");
  EXPECT_EQ(r.rows, (Rows{{"1", "2024", "1", "5"}, {"3", "2024", "1", "6"}}));
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].category, "partition mismatch");
  EXPECT_EQ(r.rejects[0].line, 3u);
  EXPECT_EQ(r.rejects[0].reason, "the file's value differs from the folder's year=2024");
}

TEST(CsvReaderTest, PartitionValuesDatesNullsAndEscapes) {
  auto fs = FsWith({{"/s/record_date=2022-02-06/city=New%20York/p.csv", "x\n1\n"},
                    {"/s/record_date=2022-02-07/city=__HIVE_DEFAULT_PARTITION__/p.csv", "x\n2\n"}});
  auto r = ReadCsv(fs, {"/s"}, {{"header", "true"}});
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.schema, "x STRING, record_date DATE, city STRING");
  EXPECT_EQ(r.rows, (Rows{{"1", "2022-02-06", "New York"}, {"2", "2022-02-07", "NULL"}}));
  // basePath below the partition root keeps only the deeper partitions.
  auto based = ReadCsv(fs, {"/s/record_date=2022-02-06"}, {{"header", "true"}, {"basePath", "/s"}});
  ASSERT_TRUE(based.status.ok());
  EXPECT_EQ(based.schema, "x STRING, record_date DATE, city STRING");
  auto below = ReadCsv(fs, {"/s/record_date=2022-02-06"}, {{"header", "true"}});
  EXPECT_EQ(below.schema, "x STRING, city STRING");
}

TEST(CsvReaderTest, GlobsListsAndMissingPaths) {
  auto fs = FsWith({{"/g/a.csv", "1\n"}, {"/g/b.csv", "2\n"}, {"/g/c.txt", "3\n"}});
  auto r = ReadCsv(fs, {"/g/*.csv"}, {});
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.rows, (Rows{{"1"}, {"2"}}));
  auto list = ReadCsv(fs, {"/g/c.txt", "/g/a.csv"}, {});
  EXPECT_EQ(list.rows, (Rows{{"1"}, {"3"}}));
  auto filtered = ReadCsv(fs, {"/g"}, {{"pathGlobFilter", "*.txt"}});
  EXPECT_EQ(filtered.rows, (Rows{{"3"}}));
  auto missing = ReadCsv(fs, {"/nope"}, {});
  EXPECT_EQ(missing.status.code(), StatusCode::kNotFound);
  EXPECT_FALSE(ReadCsv(fs, {"/g/*.parquet"}, {}).status.ok());
}

TEST(CsvReaderTest, SchemaInferenceFollowsSpark) {
  auto fs = FsWith({{"/i.csv",
                     "i,l,dec,d,dt,ts,b,s,mixed,empty,date_ts\n"
                     "1,1,1,1.5,2024-01-05,2024-01-05 10:00:00,true,x,1,,2024-01-05\n"
                     "2,9000000000,123456789012345678901,2,2024-01-06,2024-01-05T10:00:00Z,false,y,"
                     "a,,2024-01-05 10:00\n"}});
  auto r = ReadCsv(fs, {"/i.csv"}, {{"header", "true"}, {"inferSchema", "true"}});
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.schema,
            "i INT, l BIGINT, dec DECIMAL(21,0), d DOUBLE, dt DATE, ts TIMESTAMP, b BOOLEAN, s "
            "STRING, mixed STRING, "
            "empty STRING, date_ts TIMESTAMP");
}

TEST(CsvReaderTest, CompressedInputsReadTransparently) {
  std::string text = "id,v\n";
  for (int i = 0; i < 50000; ++i) text += std::to_string(i) + ",\"v" + std::to_string(i) + "\"\n";
  auto fs = FsWith({{"/z/a.csv.gz", *io::Compress(io::Codec::kGzip, text)},
                    {"/z/b.csv.zst", *io::Compress(io::Codec::kZstd, text)},
                    {"/z/c.csv", text}});
  auto r = ReadCsv(fs, {"/z"}, {{"header", "true"}}, "id INT, v STRING");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.rows.size(), 150000u);
  EXPECT_EQ(r.rows[49999], (std::vector<std::string>{"49999", "v49999"}));
  EXPECT_EQ(r.rows[100000], (std::vector<std::string>{"0", "v0"}));
}

TEST(CsvReaderTest, LineNumbersStayRightAcrossParallelRanges) {
  // Big enough to be cut into many ranges; bad rows sprinkled through it.
  std::string text = "id,v\n";
  std::set<uint64_t> bad_lines;
  for (int i = 0; i < 400000; ++i) {
    if (i % 99991 == 5) {
      text += "oops,1\n";
      bad_lines.insert(static_cast<uint64_t>(i) + 2);
    } else if (i % 50000 == 7) {
      text += "\n";  // blank lines count as lines
    } else {
      text += std::to_string(i) + ",\"a\nb\"\n";
    }
  }
  auto fs = FsWith({{"/big.csv", text}});
  auto r = ReadCsv(fs, {"/big.csv"},
                   {{"header", "true"}, {"multiLine", "true"}, {"mode", "DROPMALFORMED"}},
                   "id INT, v STRING");
  ASSERT_TRUE(r.status.ok());
  std::set<uint64_t> got;
  for (const auto& rej : r.rejects) got.insert(rej.line);
  // Each good row spans two lines, so the expected line numbers shift accordingly.
  std::set<uint64_t> expected;
  uint64_t line = 2;
  for (int i = 0; i < 400000; ++i) {
    if (i % 99991 == 5) {
      expected.insert(line);
      line += 1;
    } else if (i % 50000 == 7) {
      line += 1;
    } else {
      line += 2;
    }
  }
  EXPECT_EQ(got, expected);
  EXPECT_EQ(r.stats.rows_read, 400000u - 8u);  // the blank lines are not rows
}

TEST(CsvReaderTest, OptionErrorsNameTheOption) {
  auto fs = FsWith({{"/a.csv", "1\n"}});
  auto r = ReadCsv(fs, {"/a.csv"}, {{"hedaer", "true"}});
  EXPECT_NE(r.status.message().find("unknown CSV option 'hedaer'"), std::string::npos);
  r = ReadCsv(fs, {"/a.csv"}, {{"mode", "LENIENT"}});
  EXPECT_NE(r.status.message().find("PERMISSIVE"), std::string::npos);
  r = ReadCsv(fs, {"/a.csv"}, {{"timestampFormat", "yyyy-'MM"}});
  EXPECT_NE(r.status.message().find("timestampFormat"), std::string::npos);
  r = ReadCsv(fs, {"/a.csv"}, {}, "a ARRAY<INT>");
  EXPECT_NE(r.status.message().find("does not support ARRAY<INT>"), std::string::npos);
}

TEST(CsvReaderTest, FlyerSeedInTorontoTime) {
  auto fs = io::LocalFileSystem();
  const std::string path = std::string(SLUICE_SEEDS_DIR) + "/flyer/channel_dataset.csv";
  auto r =
      ReadCsv(fs, {path}, {{"header", "true"}, {"inferSchema", "true"}}, "", "America/Toronto");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  // The seed holds literal "null" and "%3Cnull%3G" ids, so Spark infers STRING for them too.
  EXPECT_EQ(
      r.schema,
      "timestamp TIMESTAMP, user_id STRING, event STRING, flyer_id STRING, merchant_id STRING");
  ASSERT_EQ(r.rows.size(), 20723u);
  EXPECT_EQ(r.stats.rows_rejected, 0u);
  std::map<std::string, int> events;
  for (const auto& row : r.rows) {
    ASSERT_EQ(row[0].substr(0, 10), "2018-10-01") << row[0];
    events[row[2]]++;
  }
  EXPECT_EQ(events["flyer_open"], 14956);
  EXPECT_EQ(events["shopping_list_open"], 3100);
  EXPECT_EQ(events["item_open"], 1555);
  EXPECT_EQ(events["list_flyers"], 855);
  EXPECT_EQ(events["favorite"], 257);
  // The first row: 2018-10-01T13:54:59-04:00 is 13:54:59 in Toronto and 17:54:59 UTC.
  EXPECT_EQ(r.rows[0][0], "2018-10-01 13:54:59");
  auto utc = ReadCsv(fs, {path}, {{"header", "true"}},
                     "timestamp TIMESTAMP, user_id STRING, event STRING, "
                     "flyer_id INT, merchant_id INT",
                     "UTC");
  EXPECT_EQ(utc.rows[0][0], "2018-10-01 17:54:59");
  int next_day = 0;
  for (const auto& row : utc.rows) next_day += row[0].substr(0, 10) == "2018-10-02";
  EXPECT_GT(next_day, 0);
}

}  // namespace
}  // namespace sluice::formats::csv
