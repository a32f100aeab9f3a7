#include "formats/csv/csv_chunker.h"

#include <gtest/gtest.h>

#include <random>

#include "formats/csv/csv_lexer.h"

namespace sluice::formats::csv {
namespace {

// Random CSV text full of the characters that matter: quotes, escapes, delimiters,
// every kind of line break.
std::string RandomCsv(uint32_t seed, size_t rows) {
  std::mt19937 rng(seed);
  const std::vector<std::string> pieces = {"a",  "bc",   ",",  "\"",  "\"\"", "\\\"",
                                           "\n", "\r\n", "\r", "x y", "#"};
  std::string out;
  for (size_t r = 0; r < rows; ++r) {
    int fields = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < fields; ++f) {
      if (f > 0) out += ',';
      if (rng() % 3 == 0) {
        out += '"';
        for (int k = static_cast<int>(rng() % 5); k > 0; --k) out += pieces[rng() % pieces.size()];
        out += '"';
      } else {
        for (int k = static_cast<int>(rng() % 3); k > 0; --k) out += pieces[rng() % 2];
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

TEST_P(ChunkerTest, RangesLexToTheSameRowsAsOnePass) {
  CsvOptions options;
  options.multi_line = GetParam();
  CsvLexer lexer(options);
  for (uint32_t seed = 1; seed <= 30; ++seed) {
    std::string data = RandomCsv(seed, 300);
    auto whole = RowsOf(lexer, data, {{0, data.size()}});
    for (uint64_t target : {1, 7, 64, 1000}) {
      auto ranges = SplitIntoRowRanges(data, 0, target, options);
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
  auto ranges = SplitIntoRowRanges(data, 0, 2, options);
  ASSERT_TRUE(ranges.ok());
  ASSERT_EQ(ranges->size(), 2u);
  EXPECT_EQ((*ranges)[1].begin, data.find("b,c"));
}

}  // namespace
}  // namespace sluice::formats::csv
