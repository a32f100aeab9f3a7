#include "functions/string_utf8.h"

#include <algorithm>
#include <clocale>
#include <cwctype>

namespace sluice::functions::utf8 {

namespace {

// glibc's C.UTF-8 locale gives the Unicode simple case mappings whatever the process locale.
locale_t UnicodeLocale() {
  static const locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
  return locale;
}

bool IsAscii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

}  // namespace

size_t CharCount(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); i += CharBytes(static_cast<unsigned char>(s[i]))) ++n;
  return n;
}

size_t ByteOffset(std::string_view s, size_t index) {
  size_t i = 0;
  for (; i < s.size() && index > 0; --index) i += CharBytes(static_cast<unsigned char>(s[i]));
  return i < s.size() ? i : s.size();
}

std::string_view Slice(std::string_view s, size_t from, size_t to) {
  if (to <= from) return {};
  const size_t begin = ByteOffset(s, from);
  const size_t end = begin + ByteOffset(s.substr(begin), to - from);
  return s.substr(begin, end - begin);
}

std::string_view SubstringSql(std::string_view s, int32_t pos, int32_t length, bool chars) {
  const int64_t n = chars ? static_cast<int64_t>(CharCount(s)) : static_cast<int64_t>(s.size());
  int64_t start = pos > 0 ? pos - 1 : (pos < 0 ? n + pos : 0);
  int64_t end = std::clamp<int64_t>(start + length, INT32_MIN, INT32_MAX);
  start = std::max<int64_t>(start, 0);
  end = std::min(end, n);
  if (start >= end) return {};
  if (!chars) return s.substr(static_cast<size_t>(start), static_cast<size_t>(end - start));
  return Slice(s, static_cast<size_t>(start), static_cast<size_t>(end));
}

std::u32string CodePoints(std::string_view s) {
  std::u32string out;
  for (size_t pos = 0; pos < s.size();) out += Next(s, &pos);
  return out;
}

char32_t Next(std::string_view s, size_t* pos) {
  const auto b = static_cast<unsigned char>(s[*pos]);
  const size_t n = CharBytes(b);
  if (n == 1 || *pos + n > s.size()) {
    ++*pos;
    return b < 0x80 ? b : 0xFFFD;
  }
  char32_t c = b & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    const auto cont = static_cast<unsigned char>(s[*pos + k]);
    if ((cont & 0xC0) != 0x80) {
      ++*pos;
      return 0xFFFD;
    }
    c = (c << 6) | (cont & 0x3F);
  }
  *pos += n;
  return c;
}

void Append(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::string ToUpper(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  if (IsAscii(s)) {
    for (char c : s) out += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    return out;
  }
  for (size_t pos = 0; pos < s.size();) {
    const char32_t c = Next(s, &pos);
    if (c == U'\u00DF') {  // ß has no one-character upper case
      out += "SS";
      continue;
    }
    Append(out, static_cast<char32_t>(towupper_l(static_cast<wint_t>(c), UnicodeLocale())));
  }
  return out;
}

std::string ToLower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  if (IsAscii(s)) {
    for (char c : s) out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return out;
  }
  for (size_t pos = 0; pos < s.size();) {
    const char32_t c = Next(s, &pos);
    if (c == U'\u0130') {  // İ lower-cases to i and a combining dot
      out += "i\xCC\x87";
      continue;
    }
    Append(out, static_cast<char32_t>(towlower_l(static_cast<wint_t>(c), UnicodeLocale())));
  }
  return out;
}

char32_t ToTitle(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z' ? c - 32 : c;
  return static_cast<char32_t>(towupper_l(static_cast<wint_t>(c), UnicodeLocale()));
}

bool IsWhitespace(char32_t c) {
  if (c == 0xA0 || c == 0x2007 || c == 0x202F) return false;  // no-break spaces are not
  if ((c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20)) return true;
  return c >= 0x80 && iswspace_l(static_cast<wint_t>(c), UnicodeLocale());
}

bool IsUpper(char32_t c) { return iswupper_l(static_cast<wint_t>(c), UnicodeLocale()); }
bool IsLower(char32_t c) { return iswlower_l(static_cast<wint_t>(c), UnicodeLocale()); }
bool IsDigit(char32_t c) {
  return c < 0x80 ? (c >= '0' && c <= '9') : iswdigit_l(static_cast<wint_t>(c), UnicodeLocale());
}

}  // namespace sluice::functions::utf8
