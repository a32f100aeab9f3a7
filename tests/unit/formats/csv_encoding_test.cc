// CSV files in encodings other than UTF-8: the file bytes are built here from the
// compiler's own UTF-16/UTF-32 literals, the expected rows are UTF-8 literals.
#include <gtest/gtest.h>

#include "csv_test_util.h"
#include "io/compression.h"

namespace sluice::formats::csv {
namespace {

std::string Utf16(std::u16string_view text, bool little_endian) {
  std::string out;
  for (char16_t c : text) {
    char hi = static_cast<char>(c >> 8), lo = static_cast<char>(c & 0xFF);
    out += little_endian ? std::string{lo, hi} : std::string{hi, lo};
  }
  return out;
}

std::string Utf32(std::u32string_view text, bool little_endian) {
  std::string out;
  for (char32_t c : text) {
    std::string be{static_cast<char>(c >> 24), static_cast<char>((c >> 16) & 0xFF),
                   static_cast<char>((c >> 8) & 0xFF), static_cast<char>(c & 0xFF)};
    out += little_endian ? std::string(be.rbegin(), be.rend()) : be;
  }
  return out;
}

const Rows kExpected = {{"1", "Jos\xC3\xA9"}, {"2", "\xF0\x9F\x98\x80 \xE2\x82\xAC"}};

TEST(CsvEncodingTest, EachEncodingReadsTheSameRows) {
  const std::u16string t16 = u"id,name\r\n1,Jos\u00e9\r\n2,\U0001F600 \u20ac\r\n";
  const std::u32string t32 = U"id,name\r\n1,Jos\u00e9\r\n2,\U0001F600 \u20ac\r\n";
  const std::string bom_le = "\xFF\xFE", bom_be = "\xFE\xFF";
  struct Case {
    std::string encoding;  // option value; empty: the default (UTF-8)
    std::string bytes;
  };
  const std::vector<Case> cases = {
      {"UTF-16", Utf16(t16, false)},  // no mark: big-endian
      {"UTF-16", bom_le + Utf16(t16, true)},
      {"utf-16le", Utf16(t16, true)},
      {"UnicodeBigUnmarked", Utf16(t16, false)},
      {"UTF-16BE", bom_be + Utf16(t16, false)},
      {"", bom_le + Utf16(t16, true)},  // the mark wins over the default UTF-8
      {"", bom_be + Utf16(t16, false)},
      {"UTF-32", Utf32(t32, false)},
      {"utf-32le", Utf32(t32, true)},
      {"", std::string("\xFF\xFE\0\0", 4) + Utf32(t32, true)},
      {"cp1252", "id,name\r\n1,Jos\xE9\r\n2,\x80\r\n"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE("encoding '" + c.encoding + "', " + std::to_string(c.bytes.size()) + " bytes");
    for (std::string path : {"/e.csv", "/e.csv.gz"}) {
      std::string bytes =
          path.ends_with(".gz") ? *io::Compress(io::Codec::kGzip, c.bytes) : c.bytes;
      std::map<std::string, std::string> options = {{"header", "true"}};
      if (!c.encoding.empty()) options["encoding"] = c.encoding;
      auto r = ReadCsv(FsWith({{path, bytes}}), {path}, options, "id INT, name STRING");
      ASSERT_TRUE(r.status.ok()) << r.status.ToString();
      if (c.encoding == "cp1252") {
        EXPECT_EQ(r.rows, (Rows{{"1", "Jos\xC3\xA9"}, {"2", "\xE2\x82\xAC"}}));
      } else {
        EXPECT_EQ(r.rows, kExpected) << path;
      }
      EXPECT_TRUE(r.rejects.empty());
    }
  }
}

TEST(CsvEncodingTest, AnInvalidSequenceRejectsItsRow) {
  // Line 3 holds a lone surrogate (D800) before 'x'.
  std::string bytes =
      Utf16(u"s\nok\n", true) + std::string("\x00\xD8", 2) + Utf16(u"x\nend\n", true);
  auto fs = FsWith({{"/bad.csv", bytes}});
  auto r = ReadCsv(fs, {"/bad.csv"}, {{"header", "true"}, {"encoding", "UTF-16LE"}}, "s STRING");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows, (Rows{{"ok"}, {"NULL"}, {"end"}}));
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].line, 3u);
  EXPECT_EQ(r.rejects[0].byte_offset, 5u);  // in the UTF-8 text: "s\nok\n"
  EXPECT_EQ(r.rejects[0].category, "invalid encoding");
  EXPECT_EQ(r.rejects[0].reason,
            "bytes that are not valid UTF-16LE at byte 0 of the value (converted to UTF-8)");

  auto f =
      ReadCsv(fs, {"/bad.csv"},
              {{"header", "true"}, {"encoding", "UTF-16LE"}, {"mode", "FAILFAST"}}, "s STRING");
  EXPECT_EQ(f.status.code(), StatusCode::kParseError);
  EXPECT_NE(f.status.message().find("/bad.csv:3 (byte 5)"), std::string::npos)
      << f.status.message();

  // A file cut in the middle of a character: its last row is rejected, not dropped.
  auto cut = ReadCsv(FsWith({{"/cut.csv", Utf16(u"s\nok\nab", false) + std::string(1, '\0')}}),
                     {"/cut.csv"}, {{"header", "true"}, {"encoding", "UTF-16"}}, "s STRING");
  ASSERT_TRUE(cut.status.ok());
  EXPECT_EQ(cut.rows, (Rows{{"ok"}, {"NULL"}}));
  ASSERT_EQ(cut.rejects.size(), 1u);
  EXPECT_EQ(cut.rejects[0].reason,
            "bytes that are not valid UTF-16BE at byte 2 of the value (converted to UTF-8)");
}

TEST(CsvEncodingTest, AnInvalidByteInALongUnquotedRowIsFound) {
  // Rows long enough for the lexer's vector scan, which skips UTF-8 checks on ASCII rows.
  const std::string id(70, 'f');
  auto r = ReadCsv(FsWith({{"/long.csv", "s,t\n" + id + ",1\n" + id + "\xC3,2\n" + id + ",3\n"}}),
                   {"/long.csv"}, {{"header", "true"}}, "s STRING, t INT");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows, (Rows{{id, "1"}, {"NULL", "2"}, {id, "3"}}));
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].line, 3u);
  EXPECT_EQ(r.rejects[0].category, "invalid encoding");
}

TEST(CsvEncodingTest, OffsetsCountAUtf8MarkCompressedOrNot) {
  const std::string text = "\xEF\xBB\xBFs\nok\n\xC3\n";  // line 3: invalid UTF-8
  for (std::string path : {"/b.csv", "/b.csv.gz", "/b.csv.zst"}) {
    io::Codec codec = io::CodecFromPath(path);
    std::string bytes = codec == io::Codec::kNone ? text : *io::Compress(codec, text);
    auto r = ReadCsv(FsWith({{path, bytes}}), {path}, {{"header", "true"}}, "s STRING");
    ASSERT_TRUE(r.status.ok());
    ASSERT_EQ(r.rejects.size(), 1u) << path;
    EXPECT_EQ(r.rejects[0].line, 3u) << path;
    EXPECT_EQ(r.rejects[0].byte_offset, 8u) << path;
  }
}

TEST(CsvEncodingTest, CharactersCutBetweenStreamBlocksAreJoined) {
  // 6 bytes a row: an 8 MiB block ends inside a surrogate pair.
  const size_t rows = (9 << 20) / 6;
  std::u16string text;
  for (size_t i = 0; i < rows; ++i) text += u"\U0001F600\n";
  auto r = ReadCsv(FsWith({{"/big.csv", Utf16(text, true)}}), {"/big.csv"},
                   {{"encoding", "UTF-16LE"}}, "s STRING");
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.rows.size(), rows);
  EXPECT_TRUE(r.rejects.empty());
  size_t other = 0;
  for (const auto& row : r.rows) other += row[0] != "\xF0\x9F\x98\x80";
  EXPECT_EQ(other, 0u);
}

TEST(CsvEncodingTest, UnsupportedEncodingIsAClearError) {
  auto r = ReadCsv(FsWith({{"/a.csv", "a\n"}}), {"/a.csv"}, {{"encoding", "EBCDIC"}});
  EXPECT_EQ(r.status.code(), StatusCode::kInvalid);
  EXPECT_NE(r.status.message().find("option 'encoding': unsupported encoding 'EBCDIC'"),
            std::string::npos)
      << r.status.message();
}

}  // namespace
}  // namespace sluice::formats::csv
