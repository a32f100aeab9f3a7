#include "formats/csv/csv_chunker.h"

#include <gtest/gtest.h>

#include <random>

#include "dataset/pool_task_runner.h"
#include "formats/csv/csv_lexer.h"

namespace sluice::formats::csv {
namespace {

// A random dialect: every option that changes where quoted text starts or ends.
CsvOptions RandomDialect(std::mt19937& rng, bool multi_line) {
  CsvOptions o;
  o.multi_line = multi_line;
  const std::vector<std::string> delimiters = {",", ";", "\t", "||", "ab", "::"};
  o.delimiter = delimiters[rng() % delimiters.size()];
  o.quote = rng() % 5 == 0 ? '\'' : '"';
  const char escapes[] = {'\\', '\\', '"', '\0', '~'};
  o.escape = escapes[rng() % 5];
  o.escape_quote_escaping = rng() % 3 == 0 ? '\0' : o.escape;
  o.comment = rng() % 2 ? '#' : '\0';
  o.ignore_leading_white_space = rng() % 2;
  o.line_sep = rng() % 4 == 0 ? '\n' : '\0';
  return o;
}

// Random CSV text full of the characters that matter under `o`: quotes, escapes,
// delimiters and their prefixes, white space before quotes, every kind of line break.
std::string RandomCsv(std::mt19937& rng, size_t rows, const CsvOptions& o) {
  const std::string q(1, o.quote), e(1, o.escape == '\0' ? 'e' : o.escape);
  const std::vector<std::string> pieces = {"a",  "bc",    o.delimiter, o.delimiter.substr(0, 1),
                                           q,    q + q,   e + q,       e + e,
                                           "\n", "\r\n",  "\r",        " \t",
                                           "#",  "  " + q};
  std::string out;
  for (size_t r = 0; r < rows; ++r) {
    if (rng() % 10 == 0) out += rng() % 2 ? " \t" : "#";
    int fields = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < fields; ++f) {
      if (f > 0) out += o.delimiter;
      if (rng() % 3 == 0) {
        if (rng() % 2) out += "  ";
        out += q;
        for (int k = static_cast<int>(rng() % 5); k > 0; --k) out += pieces[rng() % pieces.size()];
        out += q;
      } else {
        for (int k = static_cast<int>(rng() % 3); k > 0; --k) out += pieces[rng() % 4];
      }
    }
    out += rng() % 2 ? "\n" : "\r\n";
  }
  return out;
}

// The rows a sequential lex finds, as (begin, end) pairs.
std::vector<std::pair<uint64_t, uint64_t>> RowsOf(const CsvLexer& lexer, std::string_view data,
                                                  const std::vector<ByteRange>& ranges) {
  std::vector<std::pair<uint64_t, uint64_t>> out;
  for (const ByteRange& range : ranges) {
    LexedRows rows;
    uint64_t pos = lexer.Lex(data, range.begin, range.end, SIZE_MAX, true, &rows);
    EXPECT_GE(pos, range.end);
    for (size_t r = 0; r < rows.num_rows(); ++r)
      out.emplace_back(rows.row_begin[r], rows.row_end[r]);
  }
  return out;
}

class ChunkerTest : public ::testing::TestWithParam<bool> {};

// The chunker and the lexer must agree on every dialect: a range boundary inside a
// quoted value would split one row into two (a phantom row).
TEST_P(ChunkerTest, RangesLexToTheSameRowsAsOnePass) {
  for (uint32_t seed = 1; seed <= 200; ++seed) {
    std::mt19937 rng(seed);
    CsvOptions options = RandomDialect(rng, GetParam());
    CsvLexer lexer(options);
    std::string data = RandomCsv(rng, 150, options);
    auto whole = RowsOf(lexer, data, {{0, data.size()}});
    for (uint64_t target : {1, 7, 64, 1000}) {
      auto ranges = SplitIntoRowRanges(data, 0, target, options, PoolTaskRunner());
      ASSERT_TRUE(ranges.ok());
      ASSERT_FALSE(ranges->empty());
      EXPECT_EQ(ranges->front().begin, 0u);
      EXPECT_EQ(ranges->back().end, data.size());
      for (size_t i = 1; i < ranges->size(); ++i)
        ASSERT_EQ((*ranges)[i].begin, (*ranges)[i - 1].end);
      ASSERT_EQ(RowsOf(lexer, data, *ranges), whole) << "seed " << seed << " target " << target;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(MultiLine, ChunkerTest, ::testing::Bool());

TEST(ChunkerTest, QuotedNewlineNeverStartsARange) {
  CsvOptions options;
  options.multi_line = true;
  std::string data = "a,\"1\n2\n3\n4\n5\n6\n7\n8\"\nb,c\n";
  auto ranges = SplitIntoRowRanges(data, 0, 2, options, PoolTaskRunner());
  ASSERT_TRUE(ranges.ok());
  ASSERT_EQ(ranges->size(), 2u);
  EXPECT_EQ((*ranges)[1].begin, data.find("b,c"));
}

}  // namespace
}  // namespace sluice::formats::csv

namespace sluice::formats::csv {
namespace {

// Issue 7, point 1: `17, "x<newline>y,z"` with ignoreLeadingWhiteSpace. The chunker used
// to take the quote after the space as text and cut a range at the quoted line break.
TEST(ChunkerTest, WhiteSpaceBeforeAQuoteIsSkippedAsTheLexerDoes) {
  CsvOptions options;
  options.multi_line = true;
  options.ignore_leading_white_space = true;
  std::string data;
  for (int i = 0; i < 50; ++i) data += "17, \"x\ny,z\"\n";
  auto ranges = SplitIntoRowRanges(data, 0, 5, options, PoolTaskRunner());
  ASSERT_TRUE(ranges.ok());
  for (const ByteRange& r : *ranges) EXPECT_EQ(data.substr(r.begin, 3), "17,");
}

TEST(ChunkerTest, AHalfDelimiterOpensNoQuote) {
  CsvOptions options;
  options.multi_line = true;
  options.delimiter = "||";
  // `a|"b` is one unquoted field: its line break ends the row.
  std::string data = "a|\"b\nc||d\ne||f\n";
  auto ranges = SplitIntoRowRanges(data, 0, 3, options, PoolTaskRunner());
  ASSERT_TRUE(ranges.ok());
  ASSERT_EQ(ranges->size(), 3u);
  EXPECT_EQ((*ranges)[1].begin, data.find("c||d"));
}

TEST(ChunkerTest, AnEscapedEscapeIsNotAPairWithoutCharToEscapeQuoteEscaping) {
  CsvOptions options;
  options.multi_line = true;
  options.escape_quote_escaping = '\0';
  // `\\"` is a backslash, then an escaped quote: the value stays open over the line break.
  std::string data = "\"a\\\\\"\nb\"\nc\n";
  auto ranges = SplitIntoRowRanges(data, 0, 1, options, PoolTaskRunner());
  ASSERT_TRUE(ranges.ok());
  ASSERT_EQ(ranges->size(), 2u);
  EXPECT_EQ((*ranges)[1].begin, data.find("c\n"));
}

TEST(ChunkerTest, NoRangeStartsInsideACrLf) {
  CsvOptions options;
  options.multi_line = true;
  std::string data = "a\r\nb\r\nc\r\n";
  for (uint64_t target = 1; target < 4; ++target) {
    auto ranges = SplitIntoRowRanges(data, 0, target, options, PoolTaskRunner());
    ASSERT_TRUE(ranges.ok());
    for (const ByteRange& r : *ranges) EXPECT_NE(data[r.begin], '\n') << target;
  }
}

}  // namespace
}  // namespace sluice::formats::csv
