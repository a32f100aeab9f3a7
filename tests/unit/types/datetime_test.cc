#include <gtest/gtest.h>

#include <limits>

#include "types/civil_date.h"
#include "types/datetime_format.h"
#include "types/time_zone.h"

namespace sluice::types {
namespace {

int64_t Micros(int64_t y, int m, int d, int hh, int mm, int ss, int us = 0) {
  return (DaysFromCivil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss) * kMicrosPerSecond + us;
}

TEST(CivilDateTest, RoundTripsOverFourCenturies) {
  for (int64_t day = -146097; day <= 146097; day += 13) {
    CivilDate c = CivilFromDays(day);
    ASSERT_EQ(DaysFromCivil(c.year, c.month, c.day), day);
  }
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(IsoWeekday(0), 3);  // a Thursday
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(1900, 2), 28);
  EXPECT_EQ(FloorDiv(-1, kMicrosPerDay), -1);
}

TEST(TimeZoneTest, TorontoOffsetsAndDst) {
  auto tz = TimeZone::Load("America/Toronto");
  ASSERT_TRUE(tz.ok());
  // 2018-10-01 is daylight time (UTC-4); 2018-12-01 standard time (UTC-5).
  EXPECT_EQ(tz->LocalToUtc(Micros(2018, 10, 1, 13, 56, 36)), Micros(2018, 10, 1, 17, 56, 36));
  EXPECT_EQ(tz->LocalToUtc(Micros(2018, 12, 1, 0, 0, 0)), Micros(2018, 12, 1, 5, 0, 0));
  EXPECT_EQ(tz->UtcToLocal(Micros(2018, 10, 1, 3, 0, 0)), Micros(2018, 9, 30, 23, 0, 0));
  // A time in the spring-forward gap moves forward by the gap, as java.time does.
  EXPECT_EQ(tz->LocalToUtc(Micros(2019, 3, 10, 2, 30, 0)), Micros(2019, 3, 10, 7, 30, 0));
  // An ambiguous fall-back time takes the earlier offset (daylight time).
  EXPECT_EQ(tz->LocalToUtc(Micros(2018, 11, 4, 1, 30, 0)), Micros(2018, 11, 4, 5, 30, 0));
}

TEST(TimeZoneTest, FixedOffsetsAndErrors) {
  EXPECT_EQ(TimeZone::Load("+05:30")->LocalToUtc(Micros(2020, 1, 1, 5, 30, 0)),
            Micros(2020, 1, 1, 0, 0, 0));
  EXPECT_EQ(TimeZone::Load("UTC-4")->OffsetSecondsAt(0), -4 * 3600);
  EXPECT_EQ(TimeZone::Load("GMT+1")->OffsetSecondsAt(0), 3600);
  EXPECT_EQ(TimeZone::Utc().OffsetSecondsAt(0), 0);
  auto bad = TimeZone::Load("Mars/Olympus");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("Mars/Olympus"), std::string::npos);
}

// java.time's SHORT_IDS, as Spark reads zone names (timestamp.sql.out: '...CST' is Chicago).
TEST(TimeZoneTest, JavaShortIds) {
  EXPECT_EQ(TimeZone::Load("PST")->OffsetSecondsAt(0), -8 * 3600);
  EXPECT_EQ(TimeZone::Load("CST")->OffsetSecondsAt(Micros(2019, 10, 6, 0, 0, 0)), -5 * 3600);
  EXPECT_EQ(TimeZone::Load("EST")->OffsetSecondsAt(Micros(2019, 7, 1, 0, 0, 0)), -5 * 3600);
  EXPECT_EQ(TimeZone::Load("IST")->OffsetSecondsAt(0), 5 * 3600 + 1800);
  EXPECT_EQ(TimeZone::Load("PST")->name(), "PST");
}

TEST(IsoParsingTest, CompactOffsetAfterUtc) {
  ParsedDateTime p;
  ASSERT_TRUE(ParseIsoTimestamp("1582-06-01 11:33:33.123UTC+080000", &p));
  EXPECT_TRUE(p.has_offset);
  EXPECT_EQ(p.offset_seconds, 8 * 3600);
}

TEST(IsoParsingTest, SparkLenientForms) {
  ParsedDateTime p;
  ASSERT_TRUE(ParseIsoTimestamp("2018-10-01T13:56:36-04:00", &p));
  EXPECT_TRUE(p.has_offset);
  EXPECT_EQ(p.offset_seconds, -4 * 3600);
  int64_t us;
  ASSERT_TRUE(ToTimestamp(p, TimeZone::Utc(), &us));
  EXPECT_EQ(us, Micros(2018, 10, 1, 17, 56, 36));
  ASSERT_TRUE(ParseIsoTimestamp("2018-10-01 13:56", &p));
  EXPECT_FALSE(p.has_offset);
  EXPECT_EQ(p.minute, 56);
  ASSERT_TRUE(ParseIsoTimestamp("2018-1-5", &p));
  EXPECT_EQ(p.day, 5);
  ASSERT_TRUE(ParseIsoTimestamp("2018-10-01T00:00:00.123456789Z", &p));
  EXPECT_EQ(p.micros, 123456);
  ASSERT_TRUE(ParseIsoTimestamp("2018-10-01 10:00:00 America/Toronto", &p));
  EXPECT_EQ(p.zone_id, "America/Toronto");
  ASSERT_TRUE(ToTimestamp(p, TimeZone::Utc(), &us));
  EXPECT_EQ(us, Micros(2018, 10, 1, 14, 0, 0));
  EXPECT_FALSE(ParseIsoTimestamp("2018-10-01T25:00:00", &p));
  EXPECT_FALSE(ParseIsoTimestamp("2018-02-30", &p));
  EXPECT_FALSE(ParseIsoTimestamp("10/01/2018", &p));
  EXPECT_FALSE(ParseIsoTimestamp("", &p));
  EXPECT_FALSE(ParseIsoTimestamp("2018 10:00", &p));  // a time only after a full date
  EXPECT_FALSE(ParseIsoTimestamp("2018-10T10:00", &p));
  ASSERT_TRUE(ParseIsoTimestamp("2018-10", &p));
  EXPECT_EQ(p.month, 10);
  EXPECT_EQ(p.day, 1);
  EXPECT_TRUE(ParseIsoDate("2018-10-01T13:56:36", &p));
  EXPECT_FALSE(ParseIsoDate("2018-10-01X", &p));
  EXPECT_FALSE(ParseIsoDate("2018-10 x", &p));
  EXPECT_TRUE(ParseIsoDate(" 2018 ", &p));
}

TEST(PatternTest, ParsesDenverFormats) {
  auto f = DateTimeFormat::Compile("MM/dd/yyyy hh:mm:ss a");
  ASSERT_TRUE(f.ok());
  ParsedDateTime p;
  ASSERT_TRUE(f->Parse("03/07/2019 01:05:09 PM", &p));
  EXPECT_EQ(p.year, 2019);
  EXPECT_EQ(p.month, 3);
  EXPECT_EQ(p.hour, 13);
  ASSERT_TRUE(f->Parse("03/07/2019 12:05:09 AM", &p));
  EXPECT_EQ(p.hour, 0);
  EXPECT_FALSE(f->Parse("3/7/2019 01:05:09 PM", &p));    // MM and dd want two digits
  EXPECT_FALSE(f->Parse("03/07/2019 13:05:09 PM", &p));  // hh is 1..12
  auto g = DateTimeFormat::Compile("yyyy-MM-dd HH:mm:ss");
  ASSERT_TRUE(g->Parse("2014-01-07 14:19:59", &p));
  EXPECT_FALSE(g->Parse("2014-01-07 14:19:59 ", &p));
}

TEST(PatternTest, OptionalSectionsLiteralsAndCompactForms) {
  auto f = DateTimeFormat::Compile("yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]");
  ASSERT_TRUE(f.ok());
  ParsedDateTime p;
  ASSERT_TRUE(f->Parse("2018-10-01T13:56:36", &p));
  EXPECT_FALSE(p.has_offset);
  ASSERT_TRUE(f->Parse("2018-10-01T13:56:36.5-04:00", &p));
  EXPECT_EQ(p.micros, 500000);
  EXPECT_EQ(p.offset_seconds, -14400);
  auto compact = DateTimeFormat::Compile("yyyyMMdd");
  ASSERT_TRUE(compact->Parse("20240105", &p));
  EXPECT_EQ(p.month, 1);
  EXPECT_EQ(p.day, 5);
  auto names = DateTimeFormat::Compile("EEE, d MMM yyyy");
  ASSERT_TRUE(names->Parse("Mon, 1 Oct 2018", &p));
  EXPECT_EQ(p.month, 10);
  EXPECT_FALSE(DateTimeFormat::Compile("yyyy-MM-dd'T").ok());
  EXPECT_FALSE(DateTimeFormat::Compile("yyyy-ww").ok());
  EXPECT_FALSE(DateTimeFormat::Compile("[yyyy").ok());
}

// java.time fails a text that gives a field twice with different values (timestamp.sql.out:
// 'SSSSSS yyyy-MM-dd HH:mm:ss.SSSSSS' reads 123456 twice fine, 223456 then 123456 is NULL).
TEST(PatternTest, AFieldGivenTwiceMustAgree) {
  auto f = DateTimeFormat::Compile("SSSSSS yyyy-MM-dd HH:mm:ss.SSSSSS");
  ASSERT_TRUE(f.ok());
  ParsedDateTime p;
  ASSERT_TRUE(f->Parse("123456 2019-10-06 10:11:12.123456", &p));
  EXPECT_EQ(p.micros, 123456);
  EXPECT_FALSE(f->Parse("223456 2019-10-06 10:11:12.123456", &p));
  auto days = DateTimeFormat::Compile("dd yyyy-MM-dd");
  EXPECT_TRUE(days->Parse("06 2019-10-06", &p));
  EXPECT_FALSE(days->Parse("07 2019-10-06", &p));
  auto months = DateTimeFormat::Compile("MMM yyyy-MM");
  EXPECT_TRUE(months->Parse("Oct 2019-10", &p));
  EXPECT_FALSE(months->Parse("Nov 2019-10", &p));
}

// datetime-formatting.sql.out (Spark 3.5): eras, quarters, 'F', k/K hours and java.time's
// offset forms, for 2018-11-17 05:33:33 at -08:00 and 1582-05-31 19:40:35 at -07:52:58.
TEST(PatternTest, FormatsJavaTimeFieldsAndOffsets) {
  const int64_t t = Micros(2018, 11, 17, 5, 33, 33);
  auto format = [](const char* pattern, int64_t micros, int offset) {
    return DateTimeFormat::Compile(pattern)->Format(micros, offset, "America/Los_Angeles");
  };
  EXPECT_EQ(format("G GG GGG GGGG", t, -28800), "AD AD AD Anno Domini");
  EXPECT_EQ(format("q qq Q QQ QQQ QQQQ", t, -28800), "4 04 4 04 Q4 4th quarter");
  EXPECT_EQ(format("F k kk K KK", t, -28800), "3 5 05 5 05");
  EXPECT_EQ(format("k K", Micros(2018, 11, 17, 0, 0, 0), 0), "24 0");
  EXPECT_EQ(format("X XX XXX", t, -28800), "-08 -0800 -08:00");
  EXPECT_EQ(format("x xx xxx xxxx xxxxx", t, -28800), "-08 -0800 -08:00 -0800 -08:00");
  EXPECT_EQ(format("Z ZZZZ ZZZZZ", t, -28800), "-0800 GMT-08:00 -08:00");
  EXPECT_EQ(format("O OOOO", t, -28800), "GMT-8 GMT-08:00");
  const int lmt = -(7 * 3600 + 52 * 60 + 58);
  EXPECT_EQ(format("X XXX xxxx xxxxx", t, lmt), "-0752 -07:52 -075258 -07:52:58");
  EXPECT_EQ(format("ZZZZ O OOOO", t, lmt), "GMT-07:52:58 GMT-7:52:58 GMT-07:52:58");
  EXPECT_EQ(format("X x", t, 0), "Z +00");
}

TEST(PatternTest, FormatsAsSparkWrites) {
  auto f = DateTimeFormat::Compile("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
  EXPECT_EQ(f->Format(Micros(2018, 10, 1, 13, 56, 36, 120000), -4 * 3600, ""),
            "2018-10-01T13:56:36.120-04:00");
  EXPECT_EQ(f->Format(Micros(2018, 10, 1, 13, 56, 36), 0, ""), "2018-10-01T13:56:36.000Z");
  auto g = DateTimeFormat::Compile("MM/dd/yyyy hh:mm:ss a");
  EXPECT_EQ(g->Format(Micros(2019, 3, 7, 0, 5, 9), 0, ""), "03/07/2019 12:05:09 AM");
  EXPECT_EQ(FormatDate(static_cast<int32_t>(DaysFromCivil(2018, 10, 1))), "2018-10-01");
  EXPECT_EQ(FormatLocalTimestamp(Micros(2018, 10, 1, 1, 2, 3, 500000)), "2018-10-01 01:02:03.5");
  EXPECT_EQ(FormatLocalTimestamp(Micros(1969, 12, 31, 23, 59, 59)), "1969-12-31 23:59:59");
}

// Years outside 0000-9999 print as Spark 3.5 prints them (java.time's "uuuu": at least four
// digits, '-' below zero, '+' above 9999), and that text parses back. Day numbers are
// computed by hand: 0000-01-01 is 719,528 days before 1970 (year 0 is a leap year, as are
// -4 and -8); 10,000 years are 25 cycles of 146,097 days.
TEST(ExtremeYearTest, DatesPrintAsSparkAndParseBack) {
  const std::vector<std::pair<int32_t, std::string>> cases = {
      {-719528, "0000-01-01"},
      {-719531, "-0001-12-29"},
      {-719529, "-0001-12-31"},
      {-719528 - 365 * 9 - 2, "-0009-01-01"},
      {2932896, "9999-12-31"},
      {2932897, "+10000-01-01"},
      {-719528 - 3652425, "-10000-01-01"},
  };
  for (const auto& [days, text] : cases) {
    EXPECT_EQ(FormatDate(days), text);
    ParsedDateTime p;
    ASSERT_TRUE(ParseIsoDate(text, &p)) << text;
    EXPECT_EQ(p.ToDays(), days) << text;
  }
  // The whole DATE range (32-bit days) survives printing and parsing.
  for (int64_t d = std::numeric_limits<int32_t>::min(); d <= std::numeric_limits<int32_t>::max();
       d += 9876541) {
    for (int64_t day : {d, int64_t{std::numeric_limits<int32_t>::max()}}) {
      std::string text = FormatDate(static_cast<int32_t>(day));
      ParsedDateTime p;
      ASSERT_TRUE(ParseIsoDate(text, &p)) << text;
      ASSERT_EQ(p.ToDays(), day) << text;
    }
  }
  ParsedDateTime p;
  EXPECT_FALSE(ParseIsoDate("-1-12-29", &p));        // Spark wants 4 to 7 digits
  EXPECT_FALSE(ParseIsoDate("+9999999-01-01", &p));  // beyond 32-bit days
}

TEST(ExtremeYearTest, TimestampsPrintAsSparkAndParseBack) {
  // -62167402800 s: a value of duckdb/bug4903.parquet, shown by DuckDB as 0000-12-29 (BC).
  const int64_t micros = -62167402800LL * kMicrosPerSecond;
  EXPECT_EQ(FormatLocalTimestamp(micros), "-0001-12-29 21:00:00");
  EXPECT_EQ(FormatLocalTimestamp(micros - 500000), "-0001-12-29 20:59:59.5");
  ParsedDateTime p;
  int64_t back;
  ASSERT_TRUE(ParseIsoTimestamp("-0001-12-29 21:00:00", &p));
  ASSERT_TRUE(p.ToLocalMicros(&back));
  EXPECT_EQ(back, micros);
  ASSERT_TRUE(ParseIsoTimestamp("+10000-01-01T00:00:00Z", &p));
  ASSERT_TRUE(p.ToLocalMicros(&back));
  EXPECT_EQ(back, int64_t{2932897} * kMicrosPerDay);
  EXPECT_EQ(FormatLocalTimestamp(back), "+10000-01-01 00:00:00");
}

TEST(ExtremeYearTest, PatternsFollowJavaYearRules) {
  auto f = *DateTimeFormat::Compile("yyyy-MM-dd");
  const int64_t minus_one = -719531 * kMicrosPerDay;  // -0001-12-29
  EXPECT_EQ(f.Format(minus_one, 0, ""), "-0001-12-29");
  EXPECT_EQ(f.Format(int64_t{2932897} * kMicrosPerDay, 0, ""), "+10000-01-01");
  EXPECT_EQ(DateTimeFormat::Compile("y/M/d")->Format(minus_one, 0, ""), "-1/12/29");
  EXPECT_EQ(DateTimeFormat::Compile("yy")->Format(minus_one, 0, ""), "01");
  ParsedDateTime p;
  ASSERT_TRUE(f.Parse("-0001-12-29", &p));
  EXPECT_EQ(p.ToDays(), -719531);
  ASSERT_TRUE(f.Parse("+10000-01-01", &p));
  EXPECT_EQ(p.ToDays(), 2932897);
  // Java's strict EXCEEDS_PAD: a year wider than the pattern needs '+', a '+' needs a wider
  // year, '-' needs the pattern's digits, and there is no minus zero.
  EXPECT_FALSE(f.Parse("10000-01-01", &p));
  EXPECT_FALSE(f.Parse("+2024-01-01", &p));
  EXPECT_FALSE(f.Parse("-1-12-29", &p));
  EXPECT_FALSE(f.Parse("-0000-01-01", &p));
  ASSERT_TRUE(DateTimeFormat::Compile("y-M-d")->Parse("-1-12-29", &p));
  EXPECT_EQ(p.ToDays(), -719531);
}

}  // namespace
}  // namespace sluice::types
