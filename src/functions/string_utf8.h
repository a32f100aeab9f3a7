// UTF-8 text as Spark's UTF8String reads it: characters counted by their first byte (a
// stray byte counts as one character), positions in characters, and Java's case mapping.
// Pure functions: thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sluice::functions::utf8 {

// Bytes of the character that starts with byte `b` (1 for bytes that cannot start one).
inline size_t CharBytes(unsigned char b) {
  if (b < 0xC2) return 1;
  if (b < 0xE0) return 2;
  if (b < 0xF0) return 3;
  return b <= 0xF4 ? 4 : 1;
}

size_t CharCount(std::string_view s);
// Byte offset of character `index` (s.size() when past the end).
size_t ByteOffset(std::string_view s, size_t index);
// s[from, to) in characters, clamped to the string.
std::string_view Slice(std::string_view s, size_t from, size_t to);
// Spark's substringSQL: from 1-based `pos` (negative counts from the end, 0 is 1), `length`
// characters (bytes when !chars), clamped to the string.
std::string_view SubstringSql(std::string_view s, int32_t pos, int32_t length, bool chars);
// Every code point of s.
std::u32string CodePoints(std::string_view s);
// The code point at s[*pos], advancing *pos; an invalid sequence reads as one byte U+FFFD.
char32_t Next(std::string_view s, size_t* pos);
void Append(std::string& out, char32_t c);

// Java's String.toUpperCase / toLowerCase (full mappings such as ß -> SS included).
std::string ToUpper(std::string_view s);
std::string ToLower(std::string_view s);
char32_t ToTitle(char32_t c);
bool IsWhitespace(char32_t c);  // Java's Character.isWhitespace
// Java's Character.isUpperCase / isLowerCase / isDigit (Unicode categories).
bool IsUpper(char32_t c);
bool IsLower(char32_t c);
bool IsDigit(char32_t c);

}  // namespace sluice::functions::utf8
