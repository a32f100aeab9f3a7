// The zone names of the pattern letters z..zzz and zzzz. Expected text is what java.time
// (JDK 17, Locale.US, as Spark 3.5 formats) prints for the same zone and instant.
#include "types/zone_names.h"

#include <gtest/gtest.h>

#include <string>

#include "types/civil_date.h"
#include "types/datetime_format.h"
#include "types/time_zone.h"

namespace sluice::types {
namespace {

int64_t Utc(int64_t y, int m, int d, int hh, int mm, int ss) {
  return (DaysFromCivil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss) * kMicrosPerSecond;
}

// date_format(instant, pattern) with the session zone `zone`.
std::string Names(const std::string& zone, int64_t utc_micros,
                  const char* pattern = "z zz zzz|zzzz") {
  return DateTimeFormat::Compile(pattern)->FormatInstant(utc_micros, *TimeZone::Load(zone));
}

const int64_t kWinter = Utc(2019, 1, 15, 12, 0, 0);
const int64_t kSummer = Utc(2019, 7, 15, 12, 0, 0);

TEST(ZoneNamesTest, StandardOrDaylightByTheInstant) {
  EXPECT_EQ(Names("America/Los_Angeles", kWinter), "PST PST PST|Pacific Standard Time");
  EXPECT_EQ(Names("America/Los_Angeles", kSummer), "PDT PDT PDT|Pacific Daylight Time");
  EXPECT_EQ(Names("Europe/Paris", kWinter), "CET CET CET|Central European Standard Time");
  EXPECT_EQ(Names("Europe/Paris", kSummer), "CEST CEST CEST|Central European Summer Time");
  EXPECT_EQ(Names("Australia/Sydney", kWinter), "AEDT AEDT AEDT|Australian Eastern Daylight Time");
  EXPECT_EQ(Names("America/Sao_Paulo", kWinter), "BRST BRST BRST|Brasilia Summer Time");
  EXPECT_EQ(Names("Asia/Tokyo", kSummer, "z|zzzz"), "JST|Japan Standard Time");
  EXPECT_EQ(Names("Asia/Kolkata", kSummer, "z|zzzz"), "IST|India Standard Time");
  EXPECT_EQ(Names("Europe/London", kSummer, "z|zzzz"), "BST|British Summer Time");
  EXPECT_EQ(Names("UTC", kSummer, "z|zzzz"), "UTC|Coordinated Universal Time");
  EXPECT_EQ(Names("Etc/UTC", kSummer, "z|zzzz"), "UTC|Coordinated Universal Time");
  EXPECT_EQ(Names("GMT", kSummer, "z|zzzz"), "GMT|Greenwich Mean Time");
}

// Instants around the 2019-03-10 10:00 UTC switch in Los Angeles.
TEST(ZoneNamesTest, SwitchesAtTheTransition) {
  const int64_t change = Utc(2019, 3, 10, 10, 0, 0);
  EXPECT_EQ(Names("America/Los_Angeles", change - kMicrosPerSecond, "z HH:mm:ss"), "PST 01:59:59");
  EXPECT_EQ(Names("America/Los_Angeles", change, "z HH:mm:ss"), "PDT 03:00:00");
}

// datetime-formatting.sql.out: 1582 is local mean time in tzdata; java names it standard.
TEST(ZoneNamesTest, BeforeStandardTimeIsTheStandardName) {
  const int64_t lmt = Utc(1582, 6, 1, 3, 33, 33);
  EXPECT_EQ(Names("America/Los_Angeles", lmt), "PST PST PST|Pacific Standard Time");
  EXPECT_EQ(Names("America/Los_Angeles", lmt, "XXX"), "-07:52");
}

// tzdata gives Ireland a negative saving (winter is its DST); java calls summer daylight.
TEST(ZoneNamesTest, IrelandsSummerIsDaylight) {
  EXPECT_EQ(Names("Europe/Dublin", kWinter, "z|zzzz"), "GMT|Greenwich Mean Time");
  EXPECT_EQ(Names("Europe/Dublin", kSummer, "z|zzzz"), "IST|Irish Standard Time");
  EXPECT_FALSE(TimeZone::Load("Europe/Dublin")->IsDaylightAt(kWinter));
  EXPECT_TRUE(TimeZone::Load("Europe/Dublin")->IsDaylightAt(kSummer));
  EXPECT_TRUE(TimeZone::Load("America/Los_Angeles")->IsDaylightAt(kSummer));
  EXPECT_FALSE(TimeZone::Load("America/Los_Angeles")->IsDaylightAt(kWinter));
}

TEST(ZoneNamesTest, ZonesWithoutNamesPrintTheirGmtOffset) {
  EXPECT_EQ(Names("Etc/GMT+3", kSummer), "GMT-03:00 GMT-03:00 GMT-03:00|GMT-03:00");
  EXPECT_EQ(Names("Etc/GMT-14", kSummer, "z|zzzz"), "GMT+14:00|GMT+14:00");
}

// java.time prints a ZoneOffset's id, and a prefixed offset as its normalized region id.
TEST(ZoneNamesTest, FixedOffsetsPrintTheirIds) {
  EXPECT_EQ(Names("+05:30", kSummer), "+05:30 +05:30 +05:30|+05:30");
  EXPECT_EQ(Names("+00:00", kSummer, "z|zzzz"), "Z|Z");
  EXPECT_EQ(Names("Z", kSummer, "z|zzzz"), "Z|Z");
  EXPECT_EQ(Names("UTC+5", kSummer, "z|zzzz"), "UTC+05:00|UTC+05:00");
  EXPECT_EQ(Names("GMT-03:30", kSummer, "z|zzzz"), "GMT-03:30|GMT-03:30");
  EXPECT_EQ(Names("UTC+0", kSummer, "z|zzzz"), "UTC|Coordinated Universal Time");
}

// SHORT_IDS: EST is the offset -05:00, PST the region America/Los_Angeles.
TEST(ZoneNamesTest, ShortIdsNameTheirTarget) {
  EXPECT_EQ(Names("EST", kSummer, "z|zzzz"), "-05:00|-05:00");
  EXPECT_EQ(Names("PST", kSummer, "z|zzzz|VV"), "PDT|Pacific Daylight Time|America/Los_Angeles");
}

TEST(ZoneNamesTest, AtMostFourLetters) {
  EXPECT_FALSE(DateTimeFormat::Compile("zzzzz").ok());
  EXPECT_TRUE(DateTimeFormat::Compile("zzzz").ok());
}

// Parsing with 'z' reads a zone id or an offset as well as a name.
TEST(ZoneNamesTest, ParsingReadsZoneIdsAndOffsets) {
  auto format = DateTimeFormat::Compile("yyyy-MM-dd HH:mm z");
  ParsedDateTime parsed;
  ASSERT_TRUE(format->Parse("2019-07-15 05:00 America/Los_Angeles", &parsed));
  int64_t micros = 0;
  ASSERT_TRUE(ToTimestamp(parsed, TimeZone::Utc(), &micros));
  EXPECT_EQ(micros, Utc(2019, 7, 15, 12, 0, 0));
  ASSERT_TRUE(format->Parse("2019-07-15 05:00 -07:00", &parsed));
  ASSERT_TRUE(ToTimestamp(parsed, TimeZone::Utc(), &micros));
  EXPECT_EQ(micros, Utc(2019, 7, 15, 12, 0, 0));
}

// The instant `text` gives by `pattern` read with session zone UTC, or -1 if it does not parse.
int64_t ParsedUtc(const char* pattern, const char* text) {
  ParsedDateTime parsed;
  int64_t micros = 0;
  if (!DateTimeFormat::Compile(pattern)->Parse(text, &parsed) ||
      !ToTimestamp(parsed, TimeZone::Utc(), &micros))
    return -1;
  return micros;
}

// Names parse to the zone java.time's parser picks (JDK 17), whose rules then give the
// offset at that wall time: PDT in winter is Los Angeles in winter.
TEST(ZoneNamesTest, ParsingNamesGivesJavasZone) {
  EXPECT_EQ(ParsedUtc("yyyy-MM-dd HH:mm z", "2019-01-15 04:00 PDT"), kWinter);
  EXPECT_EQ(ParsedUtc("yyyy-MM-dd HH:mm zzzz", "2019-07-15 05:00 Pacific Standard Time"), kSummer);
  EXPECT_EQ(ParsedUtc("yyyy-MM-dd HH:mm zzzz", "2019-07-15 14:00 CENTRAL EUROPEAN TIME"), kSummer);
  EXPECT_EQ(ParsedUtc("yyyy-MM-dd HH:mm z", "2019-07-15 12:00 IST"), kSummer);  // Africa/Abidjan
  EXPECT_EQ(ParsedUtc("yyyy-MM-dd HH:mm z", "2019-07-15 08:00 EST"), kSummer);  // New York
  EXPECT_EQ(ParsedUtc("yyyy-MM-dd HH:mm z", "2019-07-15 05:00 PT"), kSummer);
  EXPECT_EQ(ParsedUtc("yyyy-MM-dd HH:mm zzzz", "2019-07-15 05:00 PST"), -1);
  EXPECT_EQ(ParsedUtc("yyyy-MM-dd HH:mm z", "2019-07-15 05:00 Pacific Time"), -1);
  EXPECT_EQ(ParsedUtc("yyyy-MM-dd HH:mm z", "2019-07-15 05:00 XYZ"), -1);
}

TEST(ZoneNamesTest, FindZoneByNameTakesTheLongestName) {
  size_t length = 0;
  EXPECT_EQ(FindZoneByName("PST and more", false, &length), "America/Los_Angeles");
  EXPECT_EQ(length, 3u);
  EXPECT_EQ(FindZoneByName("nzdt", false, &length), "Pacific/Auckland");
  EXPECT_EQ(FindZoneByName("Central European Summer Time!", true, &length), "Europe/Paris");
  EXPECT_EQ(length, 28u);
  EXPECT_EQ(FindZoneByName("Central", true, &length), "");
  EXPECT_EQ(FindZoneByName("", false, &length), "");
}

TEST(ZoneNamesTest, RegionIdsAreTzDatabaseIdsWithoutShortIds) {
  EXPECT_TRUE(TimeZone::IsRegionId("America/New_York"));
  EXPECT_TRUE(TimeZone::IsRegionId("EST5EDT"));
  EXPECT_FALSE(TimeZone::IsRegionId("PST"));
  EXPECT_FALSE(TimeZone::IsRegionId("EST"));
  EXPECT_FALSE(TimeZone::IsRegionId("+05:00"));
  EXPECT_FALSE(TimeZone::IsRegionId("Mars/Olympus"));
  EXPECT_FALSE(TimeZone::IsRegionId("../etc/passwd"));
}

}  // namespace
}  // namespace sluice::types
