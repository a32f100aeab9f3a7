// HiveText and CatalogString against Spark's own output. Unless said otherwise, expected
// strings are copied from Spark 3.5's golden files in
// ../shared/conformance/spark/results/ (cited as file:line); values are built by hand
// (instants computed outside Sluice from the query's literal).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "main/result_format.h"
#include "result_test_util.h"
#include "types/decimal.h"

namespace sluice::main {
namespace {

using types::Field;
using types::Interval;
using types::LogicalType;
using types::TypeId;

class HiveTextTest : public ::testing::Test {
 protected:
  std::string Text(const vector::Vector& v, size_t row) {
    return HiveText(v, row, ResultFormatOptions{&la_});
  }
  types::TimeZone la_ = *types::TimeZone::Load("America/Los_Angeles");
};

TEST_F(HiveTextTest, NullAtTopLevelBooleansAndIntegers) {
  auto b = MakeVector(TypeId::kBoolean, 3);
  b.data<uint8_t>()[0] = 1;
  b.data<uint8_t>()[1] = 0;
  b.SetNull(2);
  EXPECT_EQ(Text(b, 0), "true");
  EXPECT_EQ(Text(b, 1), "false");
  EXPECT_EQ(Text(b, 2), "NULL");
  auto l = MakeVector(TypeId::kBigInt, 1);
  l.data<int64_t>()[0] = std::numeric_limits<int64_t>::min();
  EXPECT_EQ(Text(l, 0), "-9223372036854775808");
  auto t = MakeVector(TypeId::kTinyInt, 1);
  t.data<int8_t>()[0] = -128;
  EXPECT_EQ(Text(t, 0), "-128");
  auto n = MakeVector(TypeId::kNull, 1);
  EXPECT_EQ(Text(n, 0), "NULL");
}

TEST_F(HiveTextTest, DoublesAndFloatsAsJava) {
  auto d = MakeVector(TypeId::kDouble, 8);
  const double values[] = {2.35e10,
                           0.0,
                           -0.0,
                           std::nan(""),
                           std::numeric_limits<double>::infinity(),
                           -std::numeric_limits<double>::infinity(),
                           1e7,
                           1e-4};
  for (size_t i = 0; i < 8; ++i) d.data<double>()[i] = values[i];
  EXPECT_EQ(Text(d, 0), "2.35E10");  // decimalArithmeticOperations.sql.out:118
  // group-by.sql.out:1142-1145, array.sql.out:798 ([0.0,NaN]).
  EXPECT_EQ(Text(d, 1), "0.0");
  EXPECT_EQ(Text(d, 3), "NaN");
  EXPECT_EQ(Text(d, 4), "Infinity");
  EXPECT_EQ(Text(d, 5), "-Infinity");
  // Java's Double.toString (the conformance README's list).
  EXPECT_EQ(Text(d, 2), "-0.0");
  EXPECT_EQ(Text(d, 6), "1.0E7");
  EXPECT_EQ(Text(d, 7), "1.0E-4");
  auto f = MakeVector(TypeId::kFloat, 1);
  f.data<float>()[0] = 0.1f;
  EXPECT_EQ(Text(f, 0), "0.1");  // Float.toString, not the double 0.10000000149011612
}

TEST_F(HiveTextTest, DecimalsWithTheirFullScale) {
  auto small = MakeVector(LogicalType::Decimal(6, 2), 2);
  small.data<int64_t>()[0] = 3090;
  small.data<int64_t>()[1] = -5;
  EXPECT_EQ(Text(small, 0), "30.90");  // decimalArithmeticOperations.sql.out:78
  EXPECT_EQ(Text(small, 1), "-0.05");  // BigDecimal.toPlainString
  auto wide = MakeVector(LogicalType::Decimal(38, 34), 1);
  wide.data<types::Int128>()[0] = 309 * types::PowerOfTen(33);
  // decimalArithmeticOperations.sql.out:102
  EXPECT_EQ(Text(wide, 0), "30.9000000000000000000000000000000000");
  auto whole = MakeVector(LogicalType::Decimal(38, 15), 1);
  whole.data<types::Int128>()[0] = types::Int128{1234567891234567890} * types::PowerOfTen(15);
  // decimalArithmeticOperations.sql.out:70
  EXPECT_EQ(Text(whole, 0), "1234567891234567890.000000000000000");
}

TEST_F(HiveTextTest, DatesOutsideYears1To9999) {
  // Spark's datetime-special.sql.out (apache/spark sql/core/src/test/resources/sql-tests/
  // results/): "+999999-03-18	-0001-01-28	0015-01-01". Day numbers from Python's
  // date.toordinal, shifted by 400-year cycles of 146097 days.
  auto d = MakeVector(TypeId::kDate, 4);
  d.data<int32_t>()[0] = 364522683;
  d.data<int32_t>()[1] = -719866;
  d.data<int32_t>()[2] = -714049;
  d.data<int32_t>()[3] = -719528;
  EXPECT_EQ(Text(d, 0), "+999999-03-18");
  EXPECT_EQ(Text(d, 1), "-0001-01-28");
  EXPECT_EQ(Text(d, 2), "0015-01-01");
  EXPECT_EQ(Text(d, 3), "0000-01-01");
}

TEST_F(HiveTextTest, TimestampsInTheSessionZone) {
  auto ts = MakeVector(TypeId::kTimestamp, 9);
  int64_t* us = ts.data<int64_t>();
  // datetime-formatting.sql.out:22-28, the view's literals of inputs/datetime-formatting.sql
  // shown in America/Los_Angeles (local mean time -07:52:58 before 1883).
  us[0] = -12231030386877000;  // 1582-06-01 11:33:33.123 UTC+08:00
  us[1] = -3600000000;         // 1970-01-01 00:00:00 Europe/Paris
  us[2] = 1542461613123000;    // 2018-11-17 13:33:33.123Z
  // datetime-special.sql.out (Spark's repository): local times before year 1 and past 9999.
  us[3] = -124271280422000000;  // -1969-12-31 16:00:00 LMT
  us[4] = -62633866022000000;   // -0015-03-18 16:00:00 LMT
  us[5] = 3093503079797000000;  // +99999-03-18 12:03:17 PDT
  // The 2019 spring-forward: 09:59:59Z is 01:59:59 PST, 10:00:00Z is 03:00:00 PDT.
  us[6] = 1552211999000000;
  us[7] = 1552212000000000;
  us[8] = 1571159472001002;  // 2019-10-15 10:11:12.001002 PDT
  EXPECT_EQ(Text(ts, 0), "1582-05-31 19:40:35.123");
  EXPECT_EQ(Text(ts, 1), "1969-12-31 15:00:00");
  EXPECT_EQ(Text(ts, 2), "2018-11-17 05:33:33.123");
  EXPECT_EQ(Text(ts, 3), "-1969-12-31 16:00:00");
  EXPECT_EQ(Text(ts, 4), "-0015-03-18 16:00:00");
  EXPECT_EQ(Text(ts, 5), "+99999-03-18 12:03:17");
  EXPECT_EQ(Text(ts, 6), "2019-03-10 01:59:59");
  EXPECT_EQ(Text(ts, 7), "2019-03-10 03:00:00");
  EXPECT_EQ(Text(ts, 8), "2019-10-15 10:11:12.001002");
  // TIMESTAMP_NTZ is a wall-clock reading: no zone applies.
  auto ntz = MakeVector(TypeId::kTimestampNtz, 1);
  ntz.data<int64_t>()[0] = 1571134272001002;  // 2019-10-15 10:11:12.001002 as if UTC
  EXPECT_EQ(Text(ntz, 0), "2019-10-15 10:11:12.001002");
}

TEST_F(HiveTextTest, StringsRawAndBinaryDecodedAsUtf8) {
  auto s = MakeVector(TypeId::kString, 2);
  SetString(s, 0, "tab\there\nnewline \"quoted\"");
  SetString(s, 1, "");
  EXPECT_EQ(Text(s, 0), "tab\there\nnewline \"quoted\"");
  EXPECT_EQ(Text(s, 1), "");
  auto b = MakeVector(TypeId::kBinary, 5);
  SetString(b, 0, "string");                    // string-functions.sql.out:1386
  SetString(b, 1, "\xE5\xA4\xA7\xE5\x8D\x83");  // 大千: string-functions.sql.out:1362
  // to_binary(' ab cd ', 'base64') is 69 B7 1D: string-functions.sql.out:1201 prints
  // "i", U+FFFD for the stray continuation byte, and 0x1D.
  SetString(b, 2, "\x69\xB7\x1D");
  // As the JDK's UTF-8 decoder (sun.nio.cs.UTF_8.Decoder, malformedN) replaces them: a cut
  // 3-byte sequence (E4 B8) once, an encoded surrogate (ED A0 80) once, an overlong
  // (C0 AF) byte by byte, a cut 4-byte sequence at the end once.
  SetString(b, 3,
            "a\xE4\xB8"
            "b\xED\xA0\x80"
            "c\xC0\xAF"
            "d\xF0\x9F\x98");
  SetString(b, 4, "\xF0\x9F\x98\x80");  // U+1F600 stays
  EXPECT_EQ(Text(b, 0), "string");
  EXPECT_EQ(Text(b, 1), "\xE5\xA4\xA7\xE5\x8D\x83");
  EXPECT_EQ(Text(b, 2), "i\xEF\xBF\xBD\x1D");
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(Text(b, 3), "a" + r + "b" + r + "c" + r + r + "d" + r);
  EXPECT_EQ(Text(b, 4), "\xF0\x9F\x98\x80");
}

TEST_F(HiveTextTest, IntervalsByType) {
  using types::IntervalField;
  auto ym = MakeVector(LogicalType::Interval(IntervalField::kYear, IntervalField::kMonth), 4);
  ym.data<int32_t>()[0] = 28;
  ym.data<int32_t>()[1] = -11;
  ym.data<int32_t>()[2] = std::numeric_limits<int32_t>::min();
  ym.SetNull(3);
  EXPECT_EQ(Text(ym, 0), "2-4");           // interval.sql.out:38
  EXPECT_EQ(Text(ym, 1), "-0-11");         // interval.sql.out:634
  EXPECT_EQ(Text(ym, 2), "-178956970-8");  // interval.sql.out:876
  EXPECT_EQ(Text(ym, 3), "NULL");
  // Hive style ignores the fields: INTERVAL '2' YEAR prints 2-0 too.
  auto year = MakeVector(LogicalType::Interval(IntervalField::kYear, IntervalField::kYear), 1);
  year.data<int32_t>()[0] = 24;
  EXPECT_EQ(Text(year, 0), "2-0");
  auto dt = MakeVector(LogicalType::Interval(IntervalField::kDay, IntervalField::kSecond), 4);
  dt.data<int64_t>()[0] = 86400000000 + 23616003006;  // 1 day 06:33:36.003006
  dt.data<int64_t>()[1] = -59000000;
  dt.data<int64_t>()[2] = std::numeric_limits<int64_t>::min();
  dt.data<int64_t>()[3] = 21 * 86400000000LL + 5;
  EXPECT_EQ(Text(dt, 0), "1 06:33:36.003006000");           // interval.sql.out:7
  EXPECT_EQ(Text(dt, 1), "-0 00:00:59.000000000");          // interval.sql.out:698
  EXPECT_EQ(Text(dt, 2), "-106751991 04:00:54.775808000");  // IntervalUtils' Long.MinValue text
  EXPECT_EQ(Text(dt, 3), "21 00:00:00.000005000");          // interval.sql.out:46
  // CalendarInterval prints its own text (interval.sql.out, the make_interval queries).
  auto cal = MakeVector(TypeId::kInterval, 2);
  SetInterval(cal, 0, Interval{14, 25, 18367008009});  // make_interval(1, 2, 3, 4, 5, 6, 7.008009)
  SetInterval(cal, 1, Interval{0, 0, 1000000});
  EXPECT_EQ(Text(cal, 0), "1 years 2 months 25 days 5 hours 6 minutes 7.008009 seconds");
  EXPECT_EQ(Text(cal, 1), "1 seconds");  // interval.sql.out, cast('1 second' as interval)
}

TEST_F(HiveTextTest, ArraysNullInsideQuotedStrings) {
  auto a = MakeVector(LogicalType::Array(TypeId::kString), 3);
  vector::Vector& s = a.children()[0];
  uint32_t at = AppendList(a, 0, 3);
  SetString(s, at, "a");
  s.SetNull(at + 1);
  SetString(s, at + 2, "f");
  AppendList(a, 1, 0);
  AppendList(a, 2, 0);
  a.SetNull(2);
  EXPECT_EQ(Text(a, 0), "[\"a\",null,\"f\"]");  // higher-order-functions.sql.out:259
  EXPECT_EQ(Text(a, 1), "[]");
  EXPECT_EQ(Text(a, 2), "NULL");

  // array.sql.out:122: dates and timestamps inside arrays are not quoted.
  auto dates = MakeVector(LogicalType::Array(TypeId::kDate), 1);
  at = AppendList(dates, 0, 2);
  dates.children()[0].data<int32_t>()[at] = 16873;  // 2016-03-13
  dates.children()[0].data<int32_t>()[at + 1] = 16874;
  EXPECT_EQ(Text(dates, 0), "[2016-03-13,2016-03-14]");
  auto stamps = MakeVector(LogicalType::Array(TypeId::kTimestamp), 1);
  at = AppendList(stamps, 0, 2);
  stamps.children()[0].data<int64_t>()[at] = 1479012840000000;  // 2016-11-12 20:54 PST
  stamps.children()[0].data<int64_t>()[at + 1] = 1479272040000000;
  EXPECT_EQ(Text(stamps, 0), "[2016-11-12 20:54:00,2016-11-15 20:54:00]");

  auto nested = MakeVector(LogicalType::Array(LogicalType::Array(TypeId::kInt)), 1);
  vector::Vector& inner = nested.children()[0];
  at = AppendList(nested, 0, 3);
  const std::vector<std::vector<int32_t>> rows = {{12, 99}, {123, 42}, {1}};
  for (uint32_t i = 0; i < 3; ++i) {
    uint32_t k = AppendList(inner, at + i, static_cast<uint32_t>(rows[i].size()));
    for (int32_t x : rows[i]) inner.children()[0].data<int32_t>()[k++] = x;
  }
  EXPECT_EQ(Text(nested, 0), "[[12,99],[123,42],[1]]");  // higher-order-functions.sql.out:61
}

TEST_F(HiveTextTest, MapsSortedAsRenderedText) {
  auto m = MakeVector(LogicalType::Map(TypeId::kInt, TypeId::kInt), 2);
  vector::Vector& keys = m.children()[0];
  vector::Vector& values = m.children()[1];
  uint32_t at = AppendList(m, 0, 3);
  const int32_t k[] = {8, 10, 12}, v[] = {4, 5, 6};
  for (uint32_t i = 0; i < 3; ++i) {
    keys.data<int32_t>()[at + i] = k[i];
    values.data<int32_t>()[at + i] = v[i];
  }
  EXPECT_EQ(Text(m, 0), "{10:5,12:6,8:4}");  // higher-order-functions.sql.out:296
  at = AppendList(m, 1, 2);
  keys.data<int32_t>()[at] = 3;
  values.SetNull(at);
  keys.data<int32_t>()[at + 1] = 1;
  values.data<int32_t>()[at + 1] = 2;
  EXPECT_EQ(Text(m, 1), "{1:2,3:null}");  // union.sql.out:111

  // Java compares UTF-16 units: U+FF21 (EF BC A1) sorts after U+1F600 (F0 9F 98 80), whose
  // surrogates are D83D DE00, though its UTF-8 bytes sort first.
  auto s = MakeVector(LogicalType::Map(TypeId::kString, TypeId::kString), 1);
  at = AppendList(s, 0, 3);
  SetString(s.children()[0], at, "\xEF\xBC\xA1");
  SetString(s.children()[0], at + 1, "\xF0\x9F\x98\x80");
  SetString(s.children()[0], at + 2, "b");
  for (uint32_t i = 0; i < 3; ++i) SetString(s.children()[1], at + i, "x");
  EXPECT_EQ(Text(s, 0), "{\"b\":\"x\",\"\xF0\x9F\x98\x80\":\"x\",\"\xEF\xBC\xA1\":\"x\"}");
}

TEST_F(HiveTextTest, StructsWithQuotedNames) {
  auto s = MakeVector(
      LogicalType::Struct({{"C", TypeId::kString}, {"D", TypeId::kString}, {"E", TypeId::kString}}),
      2);
  SetString(s.children()[0], 0, "gamma");
  SetString(s.children()[1], 0, "delta");
  SetString(s.children()[2], 0, "1");
  s.SetNull(1);
  EXPECT_EQ(Text(s, 0), "{\"C\":\"gamma\",\"D\":\"delta\",\"E\":\"1\"}");  // struct.sql.out:45
  EXPECT_EQ(Text(s, 1), "NULL");

  // group-by.sql.out:1014 and :1023: structs inside an array, a timestamp and a
  // year-month interval unquoted.
  auto point = LogicalType::Struct({{"x", TypeId::kTimestamp}, {"y", TypeId::kDouble}});
  auto a = MakeVector(LogicalType::Array(point), 1);
  vector::Vector& points = a.children()[0];
  uint32_t at = AppendList(a, 0, 2);
  points.children()[0].data<int64_t>()[at] = 1488355200000000;  // 2017-03-01 08:00:00Z
  points.children()[1].data<double>()[at] = 1.0;
  points.SetNull(at + 1);
  EXPECT_EQ(Text(a, 0), "[{\"x\":2017-03-01 00:00:00,\"y\":1.0},null]");
  auto ym =
      MakeVector(LogicalType::Struct({{"x", LogicalType::Interval(types::IntervalField::kYear,
                                                                  types::IntervalField::kMonth)}}),
                 1);
  ym.children()[0].data<int32_t>()[0] = 1200;
  ym.children()[0].validity().SetValid(0);
  EXPECT_EQ(Text(ym, 0), "{\"x\":100-0}");
  ym.children()[0].SetNull(0);
  EXPECT_EQ(Text(ym, 0), "{\"x\":null}");
}

TEST(CatalogStringTest, SparkCatalogNames) {
  types::Schema schema({
      {"a", TypeId::kInt},
      {"count(b)", TypeId::kBigInt},
      {"m", LogicalType::Map(TypeId::kString, TypeId::kInt)},
  });
  EXPECT_EQ(CatalogString(schema), "struct<a:int,count(b):bigint,m:map<string,int>>");
  EXPECT_EQ(CatalogString(types::Schema()), "struct<>");
  // array.sql.out:120.
  types::Schema arrays({
      {"sort_array(boolean_array, true)", LogicalType::Array(TypeId::kBoolean)},
      {"sort_array(tinyint_array, true)", LogicalType::Array(TypeId::kTinyInt)},
      {"sort_array(smallint_array, true)", LogicalType::Array(TypeId::kSmallInt)},
      {"sort_array(decimal_array, true)", LogicalType::Array(LogicalType::Decimal(19, 0))},
      {"sort_array(float_array, true)", LogicalType::Array(TypeId::kFloat)},
      {"sort_array(date_array, true)", LogicalType::Array(TypeId::kDate)},
      {"sort_array(timestamp_array, true)", LogicalType::Array(TypeId::kTimestamp)},
  });
  EXPECT_EQ(CatalogString(arrays),
            "struct<sort_array(boolean_array, true):array<boolean>,sort_array(tinyint_array, "
            "true):array<tinyint>,sort_array(smallint_array, true):array<smallint>,"
            "sort_array(decimal_array, true):array<decimal(19,0)>,sort_array(float_array, "
            "true):array<float>,sort_array(date_array, true):array<date>,"
            "sort_array(timestamp_array, true):array<timestamp>>");
  // group-by.sql.out:1012 and json-functions.sql.out's from_json schemas.
  types::Schema nested({
      {"histogram_numeric(col, 3)", LogicalType::Array(LogicalType::Struct(
                                        {{"x", TypeId::kTimestamp}, {"y", TypeId::kDouble}}))},
      {"from_json", LogicalType::Array(LogicalType::Map(TypeId::kString, TypeId::kInt))},
  });
  EXPECT_EQ(CatalogString(nested),
            "struct<histogram_numeric(col, 3):array<struct<x:timestamp,y:double>>,"
            "from_json:array<map<string,int>>>");
  types::Schema others(
      {{"n", TypeId::kNull},
       {"b", TypeId::kBinary},
       {"s", TypeId::kString},
       {"ntz", TypeId::kTimestampNtz},
       {"i", TypeId::kInterval},
       {"CAST(1 second AS INTERVAL)", TypeId::kInterval},
       {"ym", LogicalType::Interval(types::IntervalField::kYear, types::IntervalField::kMonth)},
       {"h", LogicalType::Interval(types::IntervalField::kHour, types::IntervalField::kHour)}});
  EXPECT_EQ(CatalogString(others),
            "struct<n:void,b:binary,s:string,ntz:timestamp_ntz,i:interval,"
            "CAST(1 second AS INTERVAL):interval,ym:interval year to month,h:interval hour>");
}

}  // namespace
}  // namespace sluice::main
