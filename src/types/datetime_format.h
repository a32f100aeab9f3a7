// Spark datetime patterns ("yyyy-MM-dd HH:mm:ss", "MM/dd/yyyy hh:mm:ss a",
// "yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]") compiled once and then used to parse and format
// many values, plus Spark's lenient ISO-8601 parsing used when no pattern is given.
// A compiled DateTimeFormat is immutable: thread-safe to share.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "types/time_zone.h"

namespace sluice::types {

// The fields read from one date/time string.
struct ParsedDateTime {
  int64_t year = 1970;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int micros = 0;
  bool has_offset = false;   // an explicit offset or zone was in the text
  int offset_seconds = 0;    // valid when has_offset and zone_id is empty
  std::string_view zone_id;  // a region id such as America/Toronto, when given
  // Which of year, month, day, minute, second and fraction the text gave (a bit each): as
  // java.time, a text giving one twice with different values does not parse.
  uint8_t fields_read = 0;

  // Wall-clock micros since the epoch (as if UTC); false if a field is out of range.
  bool ToLocalMicros(int64_t* out) const;
  int64_t ToDays() const;
};

// Converts parsed fields to an instant: an explicit offset wins, else the session zone.
bool ToTimestamp(const ParsedDateTime& parsed, const TimeZone& session_zone, int64_t* micros);

class DateTimeFormat {
 public:
  static Result<DateTimeFormat> Compile(std::string_view pattern);

  const std::string& pattern() const { return pattern_; }
  // True when all of `text` matches the pattern and fields are valid.
  bool Parse(std::string_view text, ParsedDateTime* out) const;
  // True when all of `text` matches the pattern, its fields perhaps out of range (February
  // 29 of a common year): what Spark 2's lenient parser accepted and rolled over.
  bool ParseFields(std::string_view text, ParsedDateTime* out) const;
  // Formats wall-clock micros; `offset_seconds` feeds X/x/Z/O tokens, `zone_name` feeds VV
  // and z (as a zone id, in standard time): for readings that are no instant in a zone.
  std::string Format(int64_t local_micros, int offset_seconds, std::string_view zone_name) const;
  // Formats an instant as read in `zone`: its wall clock, offset and names (z: PDT).
  std::string FormatInstant(int64_t utc_micros, const TimeZone& zone) const;

  enum class TokenKind : uint8_t {
    kYear,
    kMonth,
    kDay,
    kDayOfYear,
    kHour24,
    kHour12,
    kMinute,
    kSecond,
    kFraction,
    kAmPm,
    kDayName,
    kOffsetX,
    kOffsetLowerX,
    kOffsetZ,
    kZoneId,
    kZoneName,  // z..zzz: PST, zzzz: Pacific Standard Time
    kLiteral,
    kOptionalStart,
    kOptionalEnd,
    kEra,                      // G: AD / Anno Domini
    kQuarter,                  // q, Q: 3, 03, Q3, 3rd quarter
    kAlignedDayOfWeekInMonth,  // F: (day - 1) % 7 + 1, as java.time's 'F'
    kHour1To24,                // k: 24 for midnight
    kHour0To11,                // K: 0 for noon and midnight
  };
  struct Token {
    TokenKind kind;
    int count = 1;
    std::string literal;
  };

 private:
  // The zone an instant is formatted in: what the zone tokens print.
  struct ZoneAtInstant {
    int offset_seconds = 0;
    std::string_view id;  // after java's SHORT_IDS: PST is America/Los_Angeles
    bool daylight = false;
  };
  std::string FormatLocal(int64_t local_micros, const ZoneAtInstant& zone) const;
  bool ParseTokens(size_t first, size_t last, std::string_view text, size_t* pos,
                   ParsedDateTime* out, bool* pm, bool* has_ampm) const;
  std::string pattern_;
  std::vector<Token> tokens_;
  bool names_zone_ = false;  // has a 'z' token, which needs the daylight flag
};

// Spark 3.5 fails the query (SparkUpgradeException, in every parse mode) on text that
// matches a pattern but is no real date or time ("02-29" by MM-dd: 1970 is a common year),
// which Spark 2's lenient parser read. The error when `format` sees such text, else OK.
Status CheckNewParserRefusal(const DateTimeFormat& format, std::string_view text);

// Spark's fallback parsing when no pattern is set (DateTimeUtils.stringToTimestamp):
// "2018-10-01", "2018-10-01 13:56", "2018-10-01T13:56:36.123456-04:00", "... Z",
// "... America/Toronto". Surrounding whitespace is allowed.
bool ParseIsoTimestamp(std::string_view text, ParsedDateTime* out);
// Spark's stringToDate: "2018", "2018-10", "2018-10-01", "2018-10-01T..." (time ignored).
bool ParseIsoDate(std::string_view text, ParsedDateTime* out);

// Spark's default text for values: "2018-10-01", "2018-10-01 13:56:36.5" (fraction only when
// non-zero, trailing zeros dropped).
std::string FormatDate(int32_t days);
std::string FormatLocalTimestamp(int64_t local_micros);

}  // namespace sluice::types
