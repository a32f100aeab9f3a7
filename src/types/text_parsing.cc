#include "types/text_parsing.h"

#include <strings.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "types/datetime_format.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sluice::types {

bool ParseInteger(std::string_view s, int64_t min, int64_t max, int64_t* out) {
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
  if (i == s.size()) return false;
  while (i < s.size() && s[i] == '0') ++i;
  // Beyond leading zeros, twenty digits exceed every 64-bit range and nineteen cannot
  // overflow the accumulator: the range is checked once, at the end.
  if (s.size() - i > 19) return false;
  uint64_t v = 0;
  for (; i < s.size(); ++i) {
    unsigned d = static_cast<unsigned char>(s[i]) - '0';
    if (d > 9) return false;
    v = v * 10 + d;
  }
  const uint64_t limit =
      negative ? static_cast<uint64_t>(-(min + 1)) + 1 : static_cast<uint64_t>(max);
  if (v > limit) return false;
  *out = negative ? static_cast<int64_t>(0 - v) : static_cast<int64_t>(v);
  return true;
}

bool ParseDouble(std::string_view s, double* out) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  if (s.empty()) return false;
  // Java accepts a type suffix.
  if (s.size() > 1 && (s.back() == 'd' || s.back() == 'D' || s.back() == 'f' || s.back() == 'F') &&
      (std::isdigit(static_cast<unsigned char>(s[s.size() - 2])) || s[s.size() - 2] == '.')) {
    s.remove_suffix(1);
  }
  bool negative = false;
  std::string_view body = s;
  if (body[0] == '+' || body[0] == '-') {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body == "NaN") {
    *out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  if (body == "Infinity") {
    *out = negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
    return true;
  }
  if (body.empty() || !(std::isdigit(static_cast<unsigned char>(body[0])) || body[0] == '.'))
    return false;
  double v;
  auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), v);
  if (ptr != body.data() + body.size()) return false;
  if (ec == std::errc::result_out_of_range) {
    // Java rounds to infinity or zero rather than failing.
    v = std::strtod(std::string(body).c_str(), nullptr);
  } else if (ec != std::errc()) {
    return false;
  }
  *out = negative ? -v : v;
  return true;
}

bool ParseBoolean(std::string_view s, bool* out) {
  if (s.size() == 4 && strncasecmp(s.data(), "true", 4) == 0) {
    *out = true;
    return true;
  }
  if (s.size() == 5 && strncasecmp(s.data(), "false", 5) == 0) {
    *out = false;
    return true;
  }
  return false;
}

size_t FindInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // Fast path: sixteen, then eight ASCII bytes at a time.
#if defined(__SSE2__)
    if (i + 16 <= n &&
        _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i))) == 0) {
      i += 16;
      continue;
    }
#endif
    if (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, s + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

bool ParseFixedIsoTimestamp(std::string_view s, ParsedDateTime* out) {
  if (s.size() != 19 && s.size() != 20 && s.size() != 25) return false;
  if (s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' ||
      s[16] != ':') {
    return false;
  }
  // Two digits at `i`, or -1.
  auto two = [&](size_t i) {
    const unsigned a = static_cast<unsigned char>(s[i]) - '0';
    const unsigned b = static_cast<unsigned char>(s[i + 1]) - '0';
    return a <= 9 && b <= 9 ? static_cast<int>(a * 10 + b) : -1;
  };
  const int century = two(0), year = two(2), month = two(5), day = two(8), hour = two(11),
            minute = two(14), second = two(17);
  if ((century | year | month | day | hour | minute | second) < 0) return false;
  *out = ParsedDateTime();
  out->year = century * 100 + year;
  out->month = month;
  out->day = day;
  out->hour = hour;
  out->minute = minute;
  out->second = second;
  if (s.size() == 20) {
    if (s[19] != 'Z') return false;
    out->has_offset = true;
  } else if (s.size() == 25) {
    const int offset_hours = two(20), offset_minutes = two(23);
    // An offset ParseIsoTimestamp refuses is also read as a zone id: leave it to that path.
    if ((s[19] != '+' && s[19] != '-') || s[22] != ':' || offset_hours < 0 || offset_hours > 18 ||
        offset_minutes < 0 || offset_minutes > 59) {
      return false;
    }
    out->has_offset = true;
    out->offset_seconds = (s[19] == '-' ? -1 : 1) * (offset_hours * 3600 + offset_minutes * 60);
  }
  return true;
}

bool IsValidUtf8(std::string_view text) { return FindInvalidUtf8(text) == std::string_view::npos; }

}  // namespace sluice::types
