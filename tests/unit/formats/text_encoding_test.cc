// Text encodings: names, byte-order marks and conversion to UTF-8, checked against bytes
// written out by hand (never against iconv's own output).
#include "formats/text_encoding.h"

#include <gtest/gtest.h>

namespace sluice::formats {
namespace {

std::string DecodeAll(TextEncoding encoding, std::string_view in) {
  auto decoder = TextDecoder::Make(encoding);
  EXPECT_TRUE(decoder.ok()) << decoder.status().ToString();
  std::string out;
  (*decoder)->Decode(in, true, &out);
  return out;
}

TEST(TextEncodingTest, JavaNamesAndAliasesIgnoreCase) {
  EXPECT_EQ(*ParseTextEncoding("utf-16le"), TextEncoding::kUtf16Le);
  EXPECT_EQ(*ParseTextEncoding("UnicodeBigUnmarked"), TextEncoding::kUtf16Be);
  EXPECT_EQ(*ParseTextEncoding("UTF-16"), TextEncoding::kUtf16);
  EXPECT_EQ(*ParseTextEncoding("utf32"), TextEncoding::kUtf32);
  EXPECT_EQ(*ParseTextEncoding("X-UTF-32LE"), TextEncoding::kUtf32Le);
  EXPECT_EQ(*ParseTextEncoding("Cp1252"), TextEncoding::kWindows1252);
  EXPECT_EQ(*ParseTextEncoding("WINDOWS-1252"), TextEncoding::kWindows1252);
  EXPECT_EQ(*ParseTextEncoding("latin1"), TextEncoding::kLatin1);
  EXPECT_EQ(*ParseTextEncoding("ISO8859_1"), TextEncoding::kLatin1);
  EXPECT_EQ(*ParseTextEncoding("utf8"), TextEncoding::kUtf8);
  auto bad = ParseTextEncoding("Shift_JIS");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("unsupported encoding 'Shift_JIS'"), std::string::npos);
  EXPECT_NE(bad.status().message().find("UTF-16LE"), std::string::npos);
}

TEST(TextEncodingTest, AByteOrderMarkDecidesTheEncoding) {
  auto resolve = [](TextEncoding declared, std::string_view start) {
    ResolvedEncoding r = ResolveTextEncoding(declared, start);
    return std::make_pair(r.encoding, r.bom_size);
  };
  using E = TextEncoding;
  EXPECT_EQ(resolve(E::kUtf8,
                    "\xFF\xFE"
                    "a\0"),
            std::make_pair(E::kUtf16Le, size_t{2}));
  EXPECT_EQ(resolve(E::kUtf8, "\xFE\xFF\0a"), std::make_pair(E::kUtf16Be, size_t{2}));
  EXPECT_EQ(resolve(E::kUtf16, std::string_view("\xFF\xFE\0\0", 4)),
            std::make_pair(E::kUtf32Le, size_t{4}));
  EXPECT_EQ(resolve(E::kUtf8, std::string_view("\0\0\xFE\xFF", 4)),
            std::make_pair(E::kUtf32Be, size_t{4}));
  EXPECT_EQ(resolve(E::kUtf16Le, "\xEF\xBB\xBFx"), std::make_pair(E::kUtf8, size_t{3}));
  EXPECT_EQ(resolve(E::kLatin1, "\xFF\xFE"), std::make_pair(E::kUtf16Le, size_t{2}));
  // Without a mark: Java's UTF-16 and UTF-32 are big-endian; the rest stay as declared.
  EXPECT_EQ(resolve(E::kUtf16, std::string_view("\0a", 2)), std::make_pair(E::kUtf16Be, size_t{0}));
  EXPECT_EQ(resolve(E::kUtf32, "abcd"), std::make_pair(E::kUtf32Be, size_t{0}));
  EXPECT_EQ(resolve(E::kUtf16Le, "a"), std::make_pair(E::kUtf16Le, size_t{0}));
  EXPECT_EQ(resolve(E::kUtf8, ""), std::make_pair(E::kUtf8, size_t{0}));
}

TEST(TextEncodingTest, ConvertsToUtf8) {
  // "hé😀": U+0068, U+00E9, U+1F600 (a surrogate pair D83D DE00 in UTF-16).
  const std::string utf8 = "h\xC3\xA9\xF0\x9F\x98\x80";
  EXPECT_EQ(DecodeAll(TextEncoding::kUtf16Be, std::string_view("\0h\0\xE9\xD8\x3D\xDE\x00", 8)),
            utf8);
  EXPECT_EQ(DecodeAll(TextEncoding::kUtf16Le, std::string_view("h\0\xE9\0\x3D\xD8\x00\xDE", 8)),
            utf8);
  EXPECT_EQ(
      DecodeAll(TextEncoding::kUtf32Le, std::string_view("h\0\0\0\xE9\0\0\0\x00\xF6\x01\0", 12)),
      utf8);
  EXPECT_EQ(
      DecodeAll(TextEncoding::kUtf32Be, std::string_view("\0\0\0h\0\0\0\xE9\0\x01\xF6\x00", 12)),
      utf8);
  // windows-1252 differs from Latin-1 in 0x80-0x9F: 0x80 is the euro sign.
  EXPECT_EQ(DecodeAll(TextEncoding::kWindows1252, "\x80\xE9\x9F"), "\xE2\x82\xAC\xC3\xA9\xC5\xB8");
  EXPECT_EQ(DecodeAll(TextEncoding::kLatin1, "\x80\xE9\xFF"), "\xC2\x80\xC3\xA9\xC3\xBF");
  // Text that triples in size outgrows the first guess of the output's size.
  std::string euros;
  for (int i = 0; i < 1000; ++i) euros += "\xE2\x82\xAC";
  EXPECT_EQ(DecodeAll(TextEncoding::kWindows1252, std::string(1000, '\x80')), euros);
}

TEST(TextEncodingTest, ACharacterCutBetweenInputsIsJoined) {
  const std::string in("\0h\0\xE9\xD8\x3D\xDE\x00\0!", 10);
  const std::string expected = "h\xC3\xA9\xF0\x9F\x98\x80!";
  for (size_t cut = 0; cut <= in.size(); ++cut) {
    auto decoder = *TextDecoder::Make(TextEncoding::kUtf16Be);
    std::string out;
    decoder->Decode(std::string_view(in).substr(0, cut), false, &out);
    decoder->Decode(std::string_view(in).substr(cut), true, &out);
    EXPECT_EQ(out, expected) << "cut at " << cut;
  }
}

TEST(TextEncodingTest, InvalidSequencesBecomeAMarkerThatIsNotUtf8) {
  const std::string m(1, kInvalidSequenceMarker);
  // A lone high surrogate, then a lone low one.
  EXPECT_EQ(DecodeAll(TextEncoding::kUtf16Le, std::string_view("a\0\x00\xD8"
                                                               "b\0\x00\xDC",
                                                               8)),
            "a" + m + "b" + m);
  // An odd byte at the end of the input.
  EXPECT_EQ(DecodeAll(TextEncoding::kUtf16Be, std::string_view("\0a\0", 3)), "a" + m);
  // Beyond U+10FFFF.
  EXPECT_EQ(DecodeAll(TextEncoding::kUtf32Le, std::string_view("\0\0\x11\0z\0\0\0", 8)), m + "z");
  // 0x81 is unassigned in windows-1252.
  EXPECT_EQ(DecodeAll(TextEncoding::kWindows1252, "a\x81z"), "a" + m + "z");
  EXPECT_EQ(DescribeInvalidText(TextEncoding::kWindows1252, 1),
            "bytes that are not valid windows-1252 at byte 1 of the value (converted to UTF-8)");
}

}  // namespace
}  // namespace sluice::formats
