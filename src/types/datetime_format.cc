#include "types/datetime_format.h"

#include <strings.h>

#include <cctype>
#include <cstring>
#include <limits>
#include <type_traits>

#include "types/civil_date.h"
#include "types/zone_names.h"

namespace sluice::types {
namespace {

constexpr const char* kMonthNames[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};
constexpr const char* kDayNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

// Reads between min and max digits; fails if fewer than min are there.
bool ReadDigits(std::string_view s, size_t* pos, int min, int max, int64_t* value) {
  int64_t v = 0;
  int n = 0;
  while (*pos < s.size() && n < max && IsDigit(s[*pos])) {
    v = v * 10 + (s[*pos] - '0');
    ++*pos;
    ++n;
  }
  if (n < min) return false;
  *value = v;
  return true;
}

// Java's year field, which Spark's patterns use ('y' becomes 'u'): at least `width`
// digits, '-' before a negative year and, from 4 letters on (SignStyle.EXCEEDS_PAD), '+'
// before a year wider than `width`: "-0001", "0099", "+10000".
void AppendYear(std::string* out, int64_t year, int width) {
  std::string digits = std::to_string(year < 0 ? -year : year);
  if (year < 0) {
    out->push_back('-');
  } else if (width >= 4 && static_cast<int>(digits.size()) > width) {
    out->push_back('+');
  }
  if (static_cast<int>(digits.size()) < width) out->append(width - digits.size(), '0');
  out->append(digits);
}

// Matches a full or three-letter name, case-insensitively; returns its index or -1.
int MatchName(std::string_view s, size_t* pos, const char* const* names, int count) {
  for (int i = 0; i < count; ++i) {
    size_t full = std::strlen(names[i]);
    if (s.size() - *pos >= full && strncasecmp(s.data() + *pos, names[i], full) == 0) {
      *pos += full;
      return i;
    }
  }
  for (int i = 0; i < count; ++i) {
    if (s.size() - *pos >= 3 && strncasecmp(s.data() + *pos, names[i], 3) == 0) {
      *pos += 3;
      return i;
    }
  }
  return -1;
}

// "Z", "+HH", "+HHMM", "+HH:MM", "+HH:MM:SS" (also with a UTC/GMT prefix).
bool ReadOffset(std::string_view s, size_t* pos, bool allow_z, int* seconds) {
  size_t p = *pos;
  if (allow_z && p < s.size() && (s[p] == 'Z' || s[p] == 'z')) {
    *pos = p + 1;
    *seconds = 0;
    return true;
  }
  for (const char* prefix : {"UTC", "GMT", "UT"}) {
    size_t n = std::strlen(prefix);
    if (s.size() - p >= n && s.compare(p, n, prefix) == 0) {
      p += n;
      if (p == s.size() || (s[p] != '+' && s[p] != '-')) {
        *pos = p;
        *seconds = 0;
        return true;
      }
      break;
    }
  }
  if (p >= s.size() || (s[p] != '+' && s[p] != '-')) return false;
  int sign = s[p] == '-' ? -1 : 1;
  ++p;
  int64_t h = 0, m = 0, sec = 0;
  if (!ReadDigits(s, &p, 1, 2, &h)) return false;
  if (p < s.size() && s[p] == ':') {
    ++p;
    if (!ReadDigits(s, &p, 2, 2, &m)) return false;
    if (p < s.size() && s[p] == ':') {
      ++p;
      if (!ReadDigits(s, &p, 2, 2, &sec)) return false;
    }
  } else if (p + 1 < s.size() && IsDigit(s[p]) && IsDigit(s[p + 1])) {
    ReadDigits(s, &p, 2, 2, &m);
    // +HHMMSS, as java.time's zone ids take it (UTC+080000).
    if (p + 1 < s.size() && IsDigit(s[p]) && IsDigit(s[p + 1])) ReadDigits(s, &p, 2, 2, &sec);
  }
  if (h > 18 || m > 59 || sec > 59) return false;
  *seconds = sign * static_cast<int>(h * 3600 + m * 60 + sec);
  *pos = p;
  return true;
}

bool ReadZoneId(std::string_view s, size_t* pos, ParsedDateTime* out) {
  size_t p = *pos;
  while (p < s.size() && (std::isalnum(static_cast<unsigned char>(s[p])) || s[p] == '/' ||
                          s[p] == '_' || s[p] == '-' || s[p] == '+' || s[p] == ':')) {
    ++p;
  }
  if (p == *pos) return false;
  out->zone_id = s.substr(*pos, p - *pos);
  out->has_offset = true;
  *pos = p;
  return true;
}

// java's offset id after a sign: +HH:MM or +HH:MM:SS (ZoneOffset's "+HH:MM:ss").
bool ReadOffsetId(std::string_view s, size_t* pos, int* seconds) {
  size_t p = *pos;
  if (p >= s.size() || (s[p] != '+' && s[p] != '-')) return false;
  const int sign = s[p] == '-' ? -1 : 1;
  int64_t h = 0, m = 0, sec = 0;
  ++p;
  if (!ReadDigits(s, &p, 2, 2, &h) || p >= s.size() || s[p] != ':') return false;
  ++p;
  if (!ReadDigits(s, &p, 2, 2, &m)) return false;
  if (p + 2 < s.size() && s[p] == ':' && IsDigit(s[p + 1]) && IsDigit(s[p + 2])) {
    ++p;
    ReadDigits(s, &p, 2, 2, &sec);
  }
  if (h > 18 || m > 59 || sec > 59) return false;
  *seconds = sign * static_cast<int>(h * 3600 + m * 60 + sec);
  *pos = p;
  return true;
}

bool StartsWithNoCase(std::string_view s, size_t pos, std::string_view prefix) {
  return s.size() - pos >= prefix.size() &&
         strncasecmp(s.data() + pos, prefix.data(), prefix.size()) == 0;
}

// A zone as java.time's zone parsers read it: 'VV' (ids) and, with `names`, 'z'..'zzzz'
// (also names, long ones when `long_form`). In order: an offset id (+05:30); UT, UTC or GMT
// with an optional offset id (UTC+05:00), GMT0; the longest name or region id that starts
// the text (PST, America/New_York; no SHORT_IDS abbreviation as an id); else Z.
bool ReadZone(std::string_view s, size_t* pos, bool names, bool long_form, ParsedDateTime* out) {
  const size_t start = *pos;
  if (start >= s.size()) return false;
  if (s[start] == '+' || s[start] == '-') {
    if (!ReadOffsetId(s, pos, &out->offset_seconds)) return false;
    out->has_offset = true;
    return true;
  }
  size_t prefix = 0;
  if (StartsWithNoCase(s, start, "GMT0")) {
    out->zone_id = "GMT";
    out->has_offset = true;
    *pos = start + 4;
    return true;
  }
  if (StartsWithNoCase(s, start, "UTC") || StartsWithNoCase(s, start, "GMT")) {
    prefix = 3;
  } else if (StartsWithNoCase(s, start, "UT")) {
    prefix = 2;
  }
  if (prefix > 0) {
    size_t p = start + prefix;
    out->offset_seconds = 0;
    if (ReadOffsetId(s, &p, &out->offset_seconds))
      *pos = p;
    else
      *pos = start + prefix;
    out->has_offset = true;
    return true;
  }
  size_t name_length = 0;
  const std::string_view named =
      names ? FindZoneByName(s.substr(start), long_form, &name_length) : std::string_view();
  size_t end = start;
  while (end < s.size() && (std::isalnum(static_cast<unsigned char>(s[end])) || s[end] == '/' ||
                            s[end] == '_' || s[end] == '-' || s[end] == '+')) {
    ++end;
  }
  const std::string_view id = s.substr(start, end - start);
  if (id.size() >= name_length && TimeZone::IsRegionId(std::string(id))) {
    out->zone_id = id;
    *pos = end;
  } else if (!named.empty()) {
    out->zone_id = named;
    *pos = start + name_length;
  } else if (s[start] == 'Z' || s[start] == 'z') {
    out->offset_seconds = 0;
    *pos = start + 1;
  } else {
    return false;
  }
  out->has_offset = true;
  return true;
}

// Fraction digits to micros: "5" -> 500000, "123456789" -> 123456 (truncated as Spark).
int FractionToMicros(std::string_view digits) {
  int micros = 0;
  for (size_t i = 0; i < 6; ++i) micros = micros * 10 + (i < digits.size() ? digits[i] - '0' : 0);
  return micros;
}

bool IsNumericToken(DateTimeFormat::TokenKind k) {
  using K = DateTimeFormat::TokenKind;
  return k == K::kYear || k == K::kMonth || k == K::kDay || k == K::kHour24 || k == K::kHour12 ||
         k == K::kMinute || k == K::kSecond || k == K::kFraction || k == K::kDayOfYear ||
         k == K::kHour1To24 || k == K::kHour0To11 || k == K::kQuarter ||
         k == K::kAlignedDayOfWeekInMonth;
}

}  // namespace

bool ParsedDateTime::ToLocalMicros(int64_t* out) const {
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 ||
      minute > 59 || second > 59 || year < -290000 || year > 294000) {
    return false;
  }
  int64_t days = DaysFromCivil(year, month, day);
  *out = (days * 86400 + hour * 3600 + minute * 60 + second) * kMicrosPerSecond + micros;
  return true;
}

int64_t ParsedDateTime::ToDays() const { return DaysFromCivil(year, month, day); }

bool ToTimestamp(const ParsedDateTime& parsed, const TimeZone& session_zone, int64_t* micros) {
  int64_t local;
  if (!parsed.ToLocalMicros(&local)) return false;
  if (!parsed.has_offset) {
    *micros = session_zone.LocalToUtc(local);
  } else if (!parsed.zone_id.empty()) {
    auto zone = TimeZone::Load(std::string(parsed.zone_id));
    if (!zone.ok()) return false;
    *micros = zone->LocalToUtc(local);
  } else {
    *micros = local - static_cast<int64_t>(parsed.offset_seconds) * kMicrosPerSecond;
  }
  return true;
}

Result<DateTimeFormat> DateTimeFormat::Compile(std::string_view pattern) {
  DateTimeFormat f;
  f.pattern_ = std::string(pattern);
  int depth = 0;
  for (size_t i = 0; i < pattern.size();) {
    char c = pattern[i];
    if (c == '\'') {
      size_t j = i + 1;
      std::string lit;
      while (j < pattern.size()) {
        if (pattern[j] == '\'') {
          if (j + 1 < pattern.size() && pattern[j + 1] == '\'') {
            lit += '\'';
            j += 2;
            continue;
          }
          break;
        }
        lit += pattern[j++];
      }
      if (j >= pattern.size()) {
        return Status::Invalid("datetime pattern '" + f.pattern_ + "': unterminated quoted text");
      }
      if (lit.empty()) lit = "'";  // '' is a quote
      f.tokens_.push_back({TokenKind::kLiteral, 1, lit});
      i = j + 1;
      continue;
    }
    if (c == '[') {
      ++depth;
      f.tokens_.push_back({TokenKind::kOptionalStart, 1, ""});
      ++i;
      continue;
    }
    if (c == ']') {
      if (--depth < 0)
        return Status::Invalid("datetime pattern '" + f.pattern_ + "': unbalanced ']'");
      f.tokens_.push_back({TokenKind::kOptionalEnd, 1, ""});
      ++i;
      continue;
    }
    if (!std::isalpha(static_cast<unsigned char>(c))) {
      f.tokens_.push_back({TokenKind::kLiteral, 1, std::string(1, c)});
      ++i;
      continue;
    }
    size_t j = i;
    while (j < pattern.size() && pattern[j] == c) ++j;
    int count = static_cast<int>(j - i);
    TokenKind kind;
    std::string literal;
    switch (c) {
      case 'y':
      case 'u':
        kind = TokenKind::kYear;
        break;
      case 'M':
      case 'L':
        kind = TokenKind::kMonth;
        break;
      case 'd':
        kind = TokenKind::kDay;
        break;
      case 'D':
        kind = TokenKind::kDayOfYear;
        break;
      case 'H':
        kind = TokenKind::kHour24;
        break;
      case 'h':
        kind = TokenKind::kHour12;
        break;
      case 'm':
        kind = TokenKind::kMinute;
        break;
      case 's':
        kind = TokenKind::kSecond;
        break;
      case 'S':
        kind = TokenKind::kFraction;
        break;
      case 'a':
        kind = TokenKind::kAmPm;
        break;
      case 'E':
        kind = TokenKind::kDayName;
        break;
      case 'X':
        kind = TokenKind::kOffsetX;
        break;
      case 'x':
        kind = TokenKind::kOffsetLowerX;
        break;
      case 'Z':
        kind = TokenKind::kOffsetZ;
        break;
      case 'G':
        kind = TokenKind::kEra;
        break;
      case 'q':
      case 'Q':
        kind = TokenKind::kQuarter;
        break;
      case 'F':
        kind = TokenKind::kAlignedDayOfWeekInMonth;
        break;
      case 'k':
        kind = TokenKind::kHour1To24;
        break;
      case 'K':
        kind = TokenKind::kHour0To11;
        break;
      case 'O':
        kind = TokenKind::kZoneId;
        literal = "O";  // the GMT offset form, not the zone's name
        break;
      case 'V':
        kind = TokenKind::kZoneId;
        break;
      case 'z':
        if (count > 4) {
          return Status::Invalid("datetime pattern '" + f.pattern_ + "': too many 'z' (at most 4)");
        }
        kind = TokenKind::kZoneName;
        f.names_zone_ = true;
        break;
      default:
        return Status::Invalid("datetime pattern '" + f.pattern_ + "': unsupported letter '" +
                               std::string(1, c) + "'");
    }
    if (kind == TokenKind::kFraction && count > 9) {
      return Status::Invalid("datetime pattern '" + f.pattern_ + "': too many 'S' (at most 9)");
    }
    f.tokens_.push_back({kind, count, literal});
    i = j;
  }
  if (depth != 0) return Status::Invalid("datetime pattern '" + f.pattern_ + "': unbalanced '['");
  return f;
}

bool DateTimeFormat::ParseTokens(size_t first, size_t last, std::string_view text, size_t* pos,
                                 ParsedDateTime* out, bool* pm, bool* has_ampm) const {
  // Sets a field, unless the text gave it before with another value.
  auto set = [out](auto& field, int64_t value, uint8_t bit) {
    if ((out->fields_read & bit) != 0 && field != value) return false;
    out->fields_read |= bit;
    field = static_cast<std::remove_reference_t<decltype(field)>>(value);
    return true;
  };
  constexpr uint8_t kYearBit = 1, kMonthBit = 2, kDayBit = 4, kMinuteBit = 8, kSecondBit = 16,
                    kFractionBit = 32;
  for (size_t t = first; t < last; ++t) {
    const Token& tok = tokens_[t];
    // A numeric field directly followed by another numeric field has a fixed width
    // ("yyyyMMdd"); otherwise one-letter fields take one or two digits.
    bool adjacent = t + 1 < last && IsNumericToken(tokens_[t + 1].kind) && IsNumericToken(tok.kind);
    int64_t v = 0;
    switch (tok.kind) {
      case TokenKind::kYear: {
        if (tok.count == 2) {
          if (!ReadDigits(text, pos, 2, 2, &v) || !set(out->year, 2000 + v, kYearBit)) return false;
          break;
        }
        // Java's strict rules: '-' always allowed; from 4 letters, '+' exactly when the
        // year is wider than the pattern, and a wider year needs it.
        const char sign = *pos < text.size() ? text[*pos] : '\0';
        if (sign == '-' || (sign == '+' && tok.count >= 4)) ++*pos;
        const size_t start = *pos;
        if (!ReadDigits(text, pos, tok.count, adjacent ? std::max(tok.count, 4) : 9, &v)) {
          return false;
        }
        const bool wider = static_cast<int>(*pos - start) > tok.count;
        if (tok.count >= 4 && sign != '-' && wider != (sign == '+')) return false;
        if (sign == '-' && v == 0) return false;
        if (!set(out->year, sign == '-' ? -v : v, kYearBit)) return false;
        break;
      }
      case TokenKind::kMonth:
        if (tok.count >= 3) {
          int m = MatchName(text, pos, kMonthNames, 12);
          if (m < 0 || !set(out->month, m + 1, kMonthBit)) return false;
        } else {
          if (!ReadDigits(text, pos, tok.count, 2, &v) || !set(out->month, v, kMonthBit))
            return false;
        }
        break;
      case TokenKind::kDay:
        if (!ReadDigits(text, pos, tok.count, 2, &v) || !set(out->day, v, kDayBit)) return false;
        break;
      case TokenKind::kDayOfYear: {
        if (!ReadDigits(text, pos, tok.count, 3, &v) || v < 1 || v > 366) return false;
        CivilDate d = CivilFromDays(DaysFromCivil(out->year, 1, 1) + v - 1);
        out->month = d.month;
        out->day = d.day;
        break;
      }
      case TokenKind::kHour24:
      case TokenKind::kHour12:
        if (!ReadDigits(text, pos, tok.count, 2, &v)) return false;
        if (tok.kind == TokenKind::kHour12 && (v < 1 || v > 12)) return false;
        out->hour = static_cast<int>(v);
        break;
      case TokenKind::kHour1To24:
      case TokenKind::kHour0To11:
        if (!ReadDigits(text, pos, tok.count, 2, &v)) return false;
        if (tok.kind == TokenKind::kHour1To24 ? (v < 1 || v > 24) : v > 11) return false;
        out->hour = static_cast<int>(v % 24);
        break;
      case TokenKind::kQuarter:
      case TokenKind::kAlignedDayOfWeekInMonth:
        // Read and checked for shape only: the date comes from the other fields.
        if (!ReadDigits(text, pos, tok.count, 2, &v)) return false;
        break;
      case TokenKind::kEra: {
        bool matched = false;
        for (std::string_view era : {"Anno Domini", "AD"}) {
          if (text.substr(*pos, era.size()) == era) {
            *pos += era.size();
            matched = true;
            break;
          }
        }
        if (!matched) return false;
        break;
      }
      case TokenKind::kMinute:
        if (!ReadDigits(text, pos, tok.count, 2, &v) || !set(out->minute, v, kMinuteBit))
          return false;
        break;
      case TokenKind::kSecond:
        if (!ReadDigits(text, pos, tok.count, 2, &v) || !set(out->second, v, kSecondBit))
          return false;
        break;
      case TokenKind::kFraction: {
        size_t start = *pos;
        if (!ReadDigits(text, pos, 1, tok.count, &v) ||
            !set(out->micros, FractionToMicros(text.substr(start, *pos - start)), kFractionBit))
          return false;
        break;
      }
      case TokenKind::kAmPm:
        if (text.size() - *pos >= 2 && strncasecmp(text.data() + *pos, "AM", 2) == 0) {
          *pm = false;
        } else if (text.size() - *pos >= 2 && strncasecmp(text.data() + *pos, "PM", 2) == 0) {
          *pm = true;
        } else {
          return false;
        }
        *has_ampm = true;
        *pos += 2;
        break;
      case TokenKind::kDayName:
        if (MatchName(text, pos, kDayNames, 7) < 0) return false;
        break;
      case TokenKind::kOffsetX:
      case TokenKind::kOffsetLowerX:
      case TokenKind::kOffsetZ:
        if (!ReadOffset(text, pos, tok.kind != TokenKind::kOffsetLowerX, &out->offset_seconds)) {
          return false;
        }
        out->has_offset = true;
        break;
      case TokenKind::kZoneId:
        if (tok.literal == "O") {
          // The localized offset: GMT, GMT+8, GMT+08:00.
          if (!StartsWithNoCase(text, *pos, "GMT") ||
              !ReadOffset(text, pos, false, &out->offset_seconds))
            return false;
          out->has_offset = true;
        } else if (!ReadZone(text, pos, false, false, out)) {
          return false;
        }
        break;
      case TokenKind::kZoneName:
        if (!ReadZone(text, pos, true, tok.count == 4, out)) return false;
        break;
      case TokenKind::kLiteral:
        if (text.compare(*pos, tok.literal.size(), tok.literal) != 0) return false;
        *pos += tok.literal.size();
        break;
      case TokenKind::kOptionalStart: {
        int depth = 1;
        size_t end = t + 1;
        while (end < last && depth > 0) {
          if (tokens_[end].kind == TokenKind::kOptionalStart) ++depth;
          if (tokens_[end].kind == TokenKind::kOptionalEnd) --depth;
          ++end;
        }
        // Try the optional section on a copy; keep it only if it matches whole.
        ParsedDateTime saved = *out;
        size_t saved_pos = *pos;
        bool saved_pm = *pm, saved_has = *has_ampm;
        if (!ParseTokens(t + 1, end - 1, text, pos, out, pm, has_ampm)) {
          *out = saved;
          *pos = saved_pos;
          *pm = saved_pm;
          *has_ampm = saved_has;
        }
        t = end - 1;
        break;
      }
      case TokenKind::kOptionalEnd:
        break;
    }
  }
  return true;
}

bool DateTimeFormat::ParseFields(std::string_view text, ParsedDateTime* out) const {
  *out = ParsedDateTime();
  size_t pos = 0;
  bool pm = false, has_ampm = false;
  if (!ParseTokens(0, tokens_.size(), text, &pos, out, &pm, &has_ampm)) return false;
  if (pos != text.size()) return false;
  if (has_ampm) {
    if (out->hour > 12) return false;
    out->hour = out->hour % 12 + (pm ? 12 : 0);
  }
  return true;
}

bool DateTimeFormat::Parse(std::string_view text, ParsedDateTime* out) const {
  int64_t unused;
  return ParseFields(text, out) && out->ToLocalMicros(&unused);
}

Status CheckNewParserRefusal(const DateTimeFormat& format, std::string_view text) {
  ParsedDateTime parsed;
  int64_t unused;
  if (!format.ParseFields(text, &parsed) || parsed.ToLocalMicros(&unused)) return Status::OK();
  return Status::Invalid(
      "[INCONSISTENT_BEHAVIOR_CROSS_VERSION.PARSE_DATETIME_BY_NEW_PARSER] Fail to parse '" +
      std::string(text) +
      "' in the new parser: it matches the pattern but is not a valid date or time (Spark "
      "before 3.0 read it leniently). Fix the value or the pattern.");
}

std::string DateTimeFormat::Format(int64_t local_micros, int offset_seconds,
                                   std::string_view zone_name) const {
  return FormatLocal(local_micros, {offset_seconds, zone_name, false});
}

std::string DateTimeFormat::FormatInstant(int64_t utc_micros, const TimeZone& zone) const {
  const int offset = zone.OffsetSecondsAt(utc_micros);
  const bool daylight = names_zone_ && zone.IsDaylightAt(utc_micros);
  return FormatLocal(utc_micros + int64_t{offset} * kMicrosPerSecond,
                     {offset, zone.rules_id(), daylight});
}

std::string DateTimeFormat::FormatLocal(int64_t local_micros, const ZoneAtInstant& zone) const {
  const int offset_seconds = zone.offset_seconds;
  int64_t days = FloorDiv(local_micros, kMicrosPerDay);
  int64_t rem = local_micros - days * kMicrosPerDay;
  CivilDate d = CivilFromDays(days);
  int hour = static_cast<int>(rem / (3600 * kMicrosPerSecond));
  int minute = static_cast<int>(rem / (60 * kMicrosPerSecond) % 60);
  int second = static_cast<int>(rem / kMicrosPerSecond % 60);
  int micros = static_cast<int>(rem % kMicrosPerSecond);
  std::string out;
  auto pad = [&out](int64_t v, int width) {
    std::string s = std::to_string(v < 0 ? -v : v);
    if (v < 0) out += '-';
    if (static_cast<int>(s.size()) < width) out.append(width - s.size(), '0');
    out += s;
  };
  // java.time's offset forms: hours, then minutes when `minutes` or non-zero, then seconds
  // when `seconds` allows and non-zero; "Z" for zero when `z_for_zero`.
  auto offset_text = [&](bool colon, bool minutes, bool seconds, bool z_for_zero) {
    if (offset_seconds == 0 && z_for_zero) {
      out += 'Z';
      return;
    }
    const int a = offset_seconds < 0 ? -offset_seconds : offset_seconds;
    out += offset_seconds < 0 ? '-' : '+';
    pad(a / 3600, 2);
    if (minutes || a / 60 % 60 != 0 || (seconds && a % 60 != 0)) {
      if (colon) out += ':';
      pad(a / 60 % 60, 2);
    }
    if (seconds && a % 60 != 0) {
      if (colon) out += ':';
      pad(a % 60, 2);
    }
  };
  // 'O' and 'ZZZZ': GMT, GMT-8 (short) or GMT-08:00 (full), seconds when non-zero.
  auto gmt_text = [&](bool full) {
    out += "GMT";
    if (offset_seconds == 0) return;
    const int a = offset_seconds < 0 ? -offset_seconds : offset_seconds;
    out += offset_seconds < 0 ? '-' : '+';
    if (full) {
      pad(a / 3600, 2);
      out += ':';
      pad(a / 60 % 60, 2);
    } else {
      out += std::to_string(a / 3600);
      if (a % 3600 != 0) {
        out += ':';
        pad(a / 60 % 60, 2);
      }
    }
    if (a % 60 != 0) {
      out += ':';
      pad(a % 60, 2);
    }
  };
  for (const Token& tok : tokens_) {
    switch (tok.kind) {
      case TokenKind::kYear:
        if (tok.count == 2)
          pad((d.year < 0 ? -d.year : d.year) % 100, 2);
        else
          AppendYear(&out, d.year, tok.count);
        break;
      case TokenKind::kMonth:
        if (tok.count >= 4)
          out += kMonthNames[d.month - 1];
        else if (tok.count == 3)
          out.append(kMonthNames[d.month - 1], 3);
        else
          pad(d.month, tok.count);
        break;
      case TokenKind::kDay:
        pad(d.day, tok.count);
        break;
      case TokenKind::kDayOfYear:
        pad(days - DaysFromCivil(d.year, 1, 1) + 1, tok.count);
        break;
      case TokenKind::kHour24:
        pad(hour, tok.count);
        break;
      case TokenKind::kHour12:
        pad(hour % 12 == 0 ? 12 : hour % 12, tok.count);
        break;
      case TokenKind::kMinute:
        pad(minute, tok.count);
        break;
      case TokenKind::kSecond:
        pad(second, tok.count);
        break;
      case TokenKind::kFraction: {
        char buf[8];
        std::snprintf(buf, sizeof(buf), "%06d", micros);
        std::string digits(buf);
        digits.resize(static_cast<size_t>(tok.count), '0');
        out += digits;
        break;
      }
      case TokenKind::kAmPm:
        out += hour < 12 ? "AM" : "PM";
        break;
      case TokenKind::kDayName: {
        const char* name = kDayNames[IsoWeekday(days)];
        if (tok.count >= 4)
          out += name;
        else
          out.append(name, 3);
        break;
      }
      case TokenKind::kOffsetX:
      case TokenKind::kOffsetLowerX: {
        // 1: +HH[mm], 2: +HHmm, 3: +HH:mm, 4: +HHmm[ss], 5: +HH:mm[:ss].
        const int n = tok.count;
        offset_text(n == 3 || n == 5, n >= 2, n >= 4, tok.kind == TokenKind::kOffsetX);
        break;
      }
      case TokenKind::kOffsetZ:
        if (tok.count == 4)
          gmt_text(true);
        else
          offset_text(tok.count == 5, true, tok.count == 5, tok.count == 5);
        break;
      case TokenKind::kZoneId:
        if (tok.literal == "O")
          gmt_text(tok.count == 4);
        else
          out += zone.id;
        break;
      case TokenKind::kZoneName:
        AppendZoneName(&out, zone.id, offset_seconds, zone.daylight, tok.count == 4);
        break;
      case TokenKind::kLiteral:
        out += tok.literal;
        break;
      case TokenKind::kOptionalStart:
      case TokenKind::kOptionalEnd:
        break;
      case TokenKind::kEra:
        out += tok.count >= 4 ? (d.year > 0 ? "Anno Domini" : "Before Christ")
                              : (d.year > 0 ? "AD" : "BC");
        break;
      case TokenKind::kQuarter: {
        const int q = (d.month - 1) / 3 + 1;
        static const char* kOrdinals[] = {"1st", "2nd", "3rd", "4th"};
        if (tok.count == 3)
          out += "Q" + std::to_string(q);
        else if (tok.count >= 4)
          out += std::string(kOrdinals[q - 1]) + " quarter";
        else
          pad(q, tok.count);
        break;
      }
      case TokenKind::kAlignedDayOfWeekInMonth:
        pad((d.day - 1) % 7 + 1, tok.count);
        break;
      case TokenKind::kHour1To24:
        pad(hour == 0 ? 24 : hour, tok.count);
        break;
      case TokenKind::kHour0To11:
        pad(hour % 12, tok.count);
        break;
    }
  }
  return out;
}

namespace {

// Reads Spark's date part "[+-]yyyy[-m[-d]]" from the start of `text`; `pos` ends after
// it. Only a full date may be followed by more (a ' ' or 'T' and a time).
bool ReadIsoDatePart(std::string_view text, size_t* pos, ParsedDateTime* out) {
  int64_t v;
  bool negative = !text.empty() && text[0] == '-';
  if (negative || (!text.empty() && text[0] == '+')) ++*pos;
  if (!ReadDigits(text, pos, 4, 7, &v)) return false;
  out->year = negative ? -v : v;
  if (*pos == text.size()) return true;
  if (text[*pos] != '-') return false;
  ++*pos;
  if (!ReadDigits(text, pos, 1, 2, &v)) return false;
  out->month = static_cast<int>(v);
  if (*pos == text.size()) return true;
  if (text[*pos] != '-') return false;
  ++*pos;
  if (!ReadDigits(text, pos, 1, 2, &v)) return false;
  out->day = static_cast<int>(v);
  return *pos == text.size() || text[*pos] == ' ' || text[*pos] == 'T';
}

bool FieldsInRange(const ParsedDateTime& parsed) {
  int64_t unused;
  return parsed.ToLocalMicros(&unused);
}

// A DATE is 32-bit days (years within about 5.8 million of 1970): wider than a TIMESTAMP.
bool DateInRange(const ParsedDateTime& p) {
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > DaysInMonth(p.year, p.month)) {
    return false;
  }
  int64_t days = p.ToDays();
  return days >= std::numeric_limits<int32_t>::min() && days <= std::numeric_limits<int32_t>::max();
}

}  // namespace

bool ParseIsoDate(std::string_view text, ParsedDateTime* out) {
  *out = ParsedDateTime();
  text = Trim(text);
  size_t pos = 0;
  // A time part after a full date is allowed and ignored.
  return ReadIsoDatePart(text, &pos, out) && DateInRange(*out);
}

bool ParseIsoTimestamp(std::string_view text, ParsedDateTime* out) {
  *out = ParsedDateTime();
  text = Trim(text);
  size_t pos = 0;
  if (!ReadIsoDatePart(text, &pos, out)) return false;
  auto done = [&]() { return FieldsInRange(*out); };
  if (pos == text.size()) return done();
  ++pos;  // the ' ' or 'T' after a full date
  int64_t v;
  if (pos == text.size()) return done();
  if (!ReadDigits(text, &pos, 1, 2, &v)) return false;
  out->hour = static_cast<int>(v);
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    if (!ReadDigits(text, &pos, 1, 2, &v)) return false;
    out->minute = static_cast<int>(v);
    if (pos < text.size() && text[pos] == ':') {
      ++pos;
      if (!ReadDigits(text, &pos, 1, 2, &v)) return false;
      out->second = static_cast<int>(v);
      if (pos < text.size() && text[pos] == '.') {
        ++pos;
        size_t start = pos;
        while (pos < text.size() && IsDigit(text[pos])) ++pos;
        if (pos - start > 9) return false;
        out->micros = FractionToMicros(text.substr(start, pos - start));
      }
    }
  }
  if (pos < text.size() && text[pos] == ' ') ++pos;
  if (pos < text.size()) {
    if (!ReadOffset(text, &pos, true, &out->offset_seconds)) {
      if (!ReadZoneId(text, &pos, out)) return false;
    }
    out->has_offset = true;
    if (pos != text.size()) return false;
  }
  return done();
}

std::string FormatDate(int32_t days) {
  CivilDate d = CivilFromDays(days);
  std::string out;
  AppendYear(&out, d.year, 4);
  char buf[32];
  std::snprintf(buf, sizeof(buf), "-%02d-%02d", d.month, d.day);
  return out + buf;
}

std::string FormatLocalTimestamp(int64_t local_micros) {
  // Floor division without forming days * kMicrosPerDay (which overflows near the ends).
  int64_t days = local_micros / kMicrosPerDay;
  int64_t rem = local_micros % kMicrosPerDay;
  if (rem < 0) {
    rem += kMicrosPerDay;
    --days;
  }
  char buf[48];
  std::snprintf(buf, sizeof(buf), " %02d:%02d:%02d", static_cast<int>(rem / 3600000000LL),
                static_cast<int>(rem / 60000000LL % 60), static_cast<int>(rem / 1000000 % 60));
  std::string out = FormatDate(static_cast<int32_t>(days)) + buf;
  int micros = static_cast<int>(rem % kMicrosPerSecond);
  if (micros != 0) {
    std::snprintf(buf, sizeof(buf), ".%06d", micros);
    std::string frac(buf);
    while (frac.back() == '0') frac.pop_back();
    out += frac;
  }
  return out;
}

}  // namespace sluice::types
