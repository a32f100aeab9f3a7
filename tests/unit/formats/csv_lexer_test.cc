#include "formats/csv/csv_lexer.h"

#include <gtest/gtest.h>

#include <random>

namespace sluice::formats::csv {
namespace {

// Lexes all of `data` and returns each row's field values, with quotes resolved.
std::vector<std::vector<std::string>> Lex(const std::string& data,
                                          const std::map<std::string, std::string>& opts = {},
                                          LexedRows* out_rows = nullptr) {
  CsvLexer lexer(*CsvOptions::FromMap(opts, types::TimeZone::Utc()));
  LexedRows rows;
  size_t pos = lexer.Lex(data, 0, data.size(), SIZE_MAX, true, &rows);
  EXPECT_EQ(pos, data.size());
  std::vector<std::vector<std::string>> out;
  std::string scratch;
  for (size_t r = 0; r < rows.num_rows(); ++r) {
    std::vector<std::string> fields;
    for (uint32_t f = 0; f < rows.num_fields(r); ++f) {
      const FieldSpan& span = rows.field(r, f);
      std::string_view text =
          std::string_view(data).substr(rows.row_begin[r] + span.begin, span.end - span.begin);
      if (span.flags & FieldSpan::kNeedsUnescape) {
        lexer.Unescape(text, &scratch);
        text = scratch;
      }
      fields.emplace_back(text);
    }
    out.push_back(fields);
  }
  if (out_rows) *out_rows = rows;
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvLexerTest, PlainRowsAndEmptyFields) {
  EXPECT_EQ(Lex("a,b,c\n1,,3\n,,\n"), (Rows{{"a", "b", "c"}, {"1", "", "3"}, {"", "", ""}}));
  EXPECT_EQ(Lex("a,b"), (Rows{{"a", "b"}}));         // no final newline
  EXPECT_EQ(Lex("a,b,\n"), (Rows{{"a", "b", ""}}));  // trailing delimiter: one more empty field
  EXPECT_EQ(Lex("a,b,"), (Rows{{"a", "b", ""}}));
}

TEST(CsvLexerTest, QuotesDoubledAndEscaped) {
  EXPECT_EQ(Lex("\"a,b\",\"say \"\"hi\"\"\",\"back\\\"slash\"\n"),
            (Rows{{"a,b", "say \"hi\"", "back\"slash"}}));
  EXPECT_EQ(Lex("x\"y,\"\"\n"), (Rows{{"x\"y", ""}}));    // mid-field quotes are text
  EXPECT_EQ(Lex("\"ab\"cd,e\n"), (Rows{{"abcd", "e"}}));  // text after a closing quote is kept
  EXPECT_EQ(Lex("'a,b',c\n", {{"quote", "'"}}), (Rows{{"a,b", "c"}}));
  EXPECT_EQ(Lex("\"a,b\",c\n", {{"quote", ""}}), (Rows{{"\"a", "b\"", "c"}}));
  // An escaped escape before the closing quote keeps one backslash.
  EXPECT_EQ(Lex("\"dir\\\\\",x\n"), (Rows{{"dir\\", "x"}}));
}

TEST(CsvLexerTest, QuotedNewlinesNeedMultiLine) {
  const std::string data = "id,text\n1,\"two\nlines\"\n2,plain\n";
  EXPECT_EQ(Lex(data, {{"multiLine", "true"}}),
            (Rows{{"id", "text"}, {"1", "two\nlines"}, {"2", "plain"}}));
  LexedRows rows;
  // Without multiLine (Spark's default) a line break always ends the row.
  EXPECT_EQ(Lex(data, {}, &rows),
            (Rows{{"id", "text"}, {"1", "two"}, {"lines\""}, {"2", "plain"}}));
  EXPECT_EQ(rows.row_error[1], RowError::kUnterminatedQuote);
  EXPECT_EQ(rows.row_error[2], RowError::kNone);
}

TEST(CsvLexerTest, UnterminatedQuoteAtEndOfFile) {
  LexedRows rows;
  auto out = Lex("a,b\n1,\"never closed", {{"multiLine", "true"}}, &rows);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1], (std::vector<std::string>{"1", "never closed"}));
  EXPECT_EQ(rows.row_error[1], RowError::kUnterminatedQuote);
}

TEST(CsvLexerTest, LineEndingsEmptyLinesAndLineCounts) {
  LexedRows rows;
  auto out = Lex("a,b\r\n1,2\n\n\r\n3,4\r5,6", {}, &rows);
  EXPECT_EQ(out, (Rows{{"a", "b"}, {"1", "2"}, {"3", "4"}, {"5", "6"}}));
  EXPECT_EQ(rows.row_line, (std::vector<uint64_t>{0, 1, 4, 5}));
  EXPECT_EQ(rows.lines, 6u);
  auto custom = Lex("a,b;1,2;", {{"lineSep", ";"}});
  EXPECT_EQ(custom, (Rows{{"a", "b"}, {"1", "2"}}));
  // A quoted line break is part of the value, and the row after it starts two lines on.
  auto multi_lines = Lex("a\n\"x\r\ny\"\nb\n", {{"multiLine", "true"}}, &rows);
  EXPECT_EQ(multi_lines, (Rows{{"a"}, {"x\r\ny"}, {"b"}}));
  EXPECT_EQ(rows.row_line, (std::vector<uint64_t>{0, 1, 3}));
  EXPECT_EQ(rows.lines, 4u);
}

TEST(CsvLexerTest, CommentsDelimitersAndWhitespace) {
  EXPECT_EQ(Lex("# header comment\na,b\n#x,y\n1,2\n", {{"comment", "#"}}),
            (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(Lex("a||b||c\n1||2||\n", {{"sep", "||"}}), (Rows{{"a", "b", "c"}, {"1", "2", ""}}));
  EXPECT_EQ(Lex("a|b\n", {{"sep", "||"}}), (Rows{{"a|b"}}));
  EXPECT_EQ(Lex("a\tb\n", {{"sep", "\\t"}}), (Rows{{"a", "b"}}));
  EXPECT_EQ(Lex("  a , b  \n",
                {{"ignoreLeadingWhiteSpace", "true"}, {"ignoreTrailingWhiteSpace", "true"}}),
            (Rows{{"a", "b"}}));
  EXPECT_EQ(Lex("  a , b  \n"), (Rows{{"  a ", " b  "}}));
}

TEST(CsvLexerTest, LongFieldsAndPartialInput) {
  std::string big(1 << 20, 'x');
  EXPECT_EQ(Lex("a," + big + "\n"), (Rows{{"a", big}}));
  CsvLexer lexer(CsvOptions{});
  LexedRows rows;
  std::string partial = "1,2\n3,4";
  // Not final: the unterminated last row is left for the next block.
  EXPECT_EQ(lexer.Lex(partial, 0, partial.size(), SIZE_MAX, false, &rows), 4u);
  EXPECT_EQ(rows.num_rows(), 1u);
  std::string cr = "1,2\r";
  rows.Clear();
  EXPECT_EQ(lexer.Lex(cr, 0, cr.size(), SIZE_MAX, false, &rows), 0u);  // "\r" may be half of "\r\n"
  std::string quoted = "1,\"abc";
  rows.Clear();
  EXPECT_EQ(lexer.Lex(quoted, 0, quoted.size(), SIZE_MAX, false, &rows), 0u);
}

TEST(CsvLexerTest, MaxRowsAndLimit) {
  CsvLexer lexer(CsvOptions{});
  LexedRows rows;
  std::string data = "1\n2\n3\n4\n";
  size_t pos = lexer.Lex(data, 0, data.size(), 2, true, &rows);
  EXPECT_EQ(pos, 4u);
  EXPECT_EQ(rows.num_rows(), 2u);
  rows.Clear();
  // Rows that start before the limit are taken whole.
  pos = lexer.Lex(data, 4, 5, SIZE_MAX, true, &rows);
  EXPECT_EQ(pos, 6u);
  EXPECT_EQ(rows.num_rows(), 1u);
}

}  // namespace
}  // namespace sluice::formats::csv

namespace sluice::formats::csv {
namespace {

// Spark drops lines whose trimmed text is empty (every char <= U+0020), whatever the
// delimiter; a quoted multiLine value's lines are not lines.
TEST(CsvLexerTest, LinesOfOnlyWhiteSpaceAreSkipped) {
  LexedRows rows;
  EXPECT_EQ(Lex("a\n  \t\n\x01\x0b\f\nb\n \r\nc\n\t", {}, &rows), (Rows{{"a"}, {"b"}, {"c"}}));
  EXPECT_EQ(rows.row_line, (std::vector<uint64_t>{0, 3, 5}));
  EXPECT_EQ(rows.lines, 7u);
  EXPECT_EQ(Lex("a\tb\n\t\t\nc\td\n", {{"sep", "\\t"}}), (Rows{{"a", "b"}, {"c", "d"}}));
  EXPECT_EQ(Lex("\"x\n  \n\"\n \n", {{"multiLine", "true"}}, &rows), (Rows{{"x\n  \n"}}));
  EXPECT_EQ(rows.lines, 4u);
  EXPECT_EQ(Lex(" x\n"), (Rows{{" x"}}));  // not blank: kept as it is
}

TEST(CsvLexerTest, ABlankLineAtTheEndOfAPartialInputWaitsForMore) {
  CsvLexer lexer(CsvOptions{});
  LexedRows rows;
  std::string partial = "1\n  ";
  EXPECT_EQ(lexer.Lex(partial, 0, partial.size(), SIZE_MAX, false, &rows), 2u);
  EXPECT_EQ(rows.num_rows(), 1u);
}

TEST(CsvLexerTest, WhiteSpaceBeforeAQuoteWithIgnoreLeadingWhiteSpace) {
  EXPECT_EQ(Lex("17, \"x\ny,z\"\n", {{"multiLine", "true"}, {"ignoreLeadingWhiteSpace", "true"}}),
            (Rows{{"17", "x\ny,z"}}));
  // A tab delimiter is never white space to skip.
  EXPECT_EQ(Lex("a\t\tb\n", {{"sep", "\\t"}, {"ignoreLeadingWhiteSpace", "true"}}),
            (Rows{{"a", "", "b"}}));
}

TEST(CsvLexerTest, HalfADelimiterAfterAClosingQuoteIsText) {
  EXPECT_EQ(Lex("\"a\"|x||y\n", {{"sep", "||"}}), (Rows{{"a|x", "y"}}));
  EXPECT_EQ(Lex("a|\"b||c\n", {{"sep", "||"}}), (Rows{{"a|\"b", "c"}}));
}

TEST(CsvLexerTest, EscapedEscapeFollowsCharToEscapeQuoteEscaping) {
  // Default: `\\` is one backslash and the next quote closes the value.
  EXPECT_EQ(Lex("\"a\\\\\",b\n"), (Rows{{"a\\", "b"}}));
  // Without it, `\"` after the first backslash is an escaped quote.
  EXPECT_EQ(Lex("\"a\\\\\",b\"\n", {{"charToEscapeQuoteEscaping", ""}}), (Rows{{"a\\\",b"}}));
}

TEST(CsvLexerTest, LongPlainRowsEndAtTheirLineBreak) {
  const std::string id(40, 'f');
  EXPECT_EQ(Lex(id + ",1,,x\r\n" + id + ",2\n\"q\"" + id + ",3\r\n" + id + ",\"a,b\"\n"),
            (Rows{{id, "1", "", "x"}, {id, "2"}, {"q" + id, "3"}, {id, "a,b"}}));
  // A quote inside an unquoted field is text; a "\r" is a line break of its own.
  EXPECT_EQ(Lex(id + "\"x," + id + "\r\r" + id + "\n"), (Rows{{id + "\"x", id}, {id}}));
}

TEST(CsvLexerTest, TheVectorScanVouchesForAsciiRowsOnly) {
  const std::string id(70, 'f');
  LexedRows rows;
  Lex(id + ",1\n" + id + ",2\n", {}, &rows);
  EXPECT_TRUE(rows.known_ascii);
  Lex(id + ",1\n" + id + ",\xC3\xA9\n", {}, &rows);
  EXPECT_FALSE(rows.known_ascii);
  Lex(id + ",1\n" + id + ",\"2\"\n", {}, &rows);  // a quoted row takes the byte path
  EXPECT_FALSE(rows.known_ascii);
}

// The vector scan for rows without quotes must cut exactly as the byte-at-a-time path:
// with no white space in the text, ignoreTrailingWhiteSpace changes nothing but turns the
// vector scan off, so the two lexers must agree on every row, field, line and position,
// also when the input arrives in pieces.
TEST(CsvLexerTest, VectorScanAgreesWithTheBytePath) {
  const std::vector<std::map<std::string, std::string>> dialects = {{},
                                                                    {{"sep", ";"}},
                                                                    {{"lineSep", "\n"}},
                                                                    {{"quote", ""}},
                                                                    {{"comment", "#"}},
                                                                    {{"multiLine", "true"}},
                                                                    {{"sep", "||"}}};
  const std::string alphabet = "abcdefgh0123456789,,,;;||\"\"\n\n\r#\\\x01";
  for (uint32_t seed = 0; seed < 2000; ++seed) {
    std::mt19937 rng(seed);
    auto opts = dialects[seed % dialects.size()];
    const CsvLexer fast(*CsvOptions::FromMap(opts, types::TimeZone::Utc()));
    opts["ignoreTrailingWhiteSpace"] = "true";
    const CsvLexer bytewise(*CsvOptions::FromMap(opts, types::TimeZone::Utc()));
    std::string data;
    const size_t size = rng() % 400;
    for (size_t i = 0; i < size; ++i) {
      // Mostly plain text, so that long quote-free rows occur.
      data +=
          rng() % 4 != 0 ? 'a' + static_cast<char>(rng() % 4) : alphabet[rng() % alphabet.size()];
    }
    for (const size_t cut : {data.size(), static_cast<size_t>(rng() % (data.size() + 1))}) {
      const std::string_view piece = std::string_view(data).substr(0, cut);
      const bool final = cut == data.size();
      const size_t max_rows = rng() % 2 != 0 ? SIZE_MAX : 1 + rng() % 3;
      LexedRows a, b;
      size_t pos_a = 0, pos_b = 0, last_a = SIZE_MAX;
      while (pos_a != last_a && pos_a < piece.size()) {
        last_a = pos_a;
        pos_a = fast.Lex(piece, pos_a, piece.size(), max_rows, final, &a);
        pos_b = bytewise.Lex(piece, pos_b, piece.size(), max_rows, final, &b);
        ASSERT_EQ(pos_a, pos_b) << "seed " << seed;
      }
      ASSERT_EQ(a.lines, b.lines) << "seed " << seed;
      ASSERT_EQ(a.row_begin, b.row_begin) << "seed " << seed;
      ASSERT_EQ(a.row_end, b.row_end) << "seed " << seed;
      ASSERT_EQ(a.row_line, b.row_line) << "seed " << seed;
      ASSERT_EQ(a.row_error, b.row_error) << "seed " << seed;
      ASSERT_EQ(a.field_offsets, b.field_offsets) << "seed " << seed;
      ASSERT_EQ(a.fields.size(), b.fields.size()) << "seed " << seed;
      for (size_t i = 0; i < a.fields.size(); ++i) {
        ASSERT_EQ(a.fields[i].begin, b.fields[i].begin) << "seed " << seed << " field " << i;
        ASSERT_EQ(a.fields[i].end, b.fields[i].end) << "seed " << seed << " field " << i;
        ASSERT_EQ(a.fields[i].flags, b.fields[i].flags) << "seed " << seed << " field " << i;
      }
    }
  }
}

}  // namespace
}  // namespace sluice::formats::csv
