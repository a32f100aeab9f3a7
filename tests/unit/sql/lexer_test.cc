#include "sql/lexer.h"

#include <gtest/gtest.h>

namespace sluice::sql {
namespace {

std::vector<Token> Lex(std::string_view text) {
  auto tokens = Tokenize(text);
  EXPECT_TRUE(tokens.ok()) << tokens.status().ToString();
  return tokens.ok() ? *tokens : std::vector<Token>{};
}

TEST(LexerTest, WordsOperatorsAndPositions) {
  auto t = Lex("SELECT a<=>b,\n  x::int -- note\n/* c /* nested */ */ `we``ird`");
  ASSERT_EQ(t.size(), 10u);
  EXPECT_TRUE(t[0].IsWord("SELECT"));
  EXPECT_EQ(t[1].value, "a");
  EXPECT_TRUE(t[2].IsOperator("<=>"));
  EXPECT_EQ(t[2].pos.column, 9);
  EXPECT_TRUE(t[4].IsOperator(","));
  EXPECT_EQ(t[5].value, "x");
  EXPECT_EQ(t[5].pos.line, 2);
  EXPECT_EQ(t[5].pos.column, 3);
  EXPECT_EQ(t[5].pos.offset, 16u);
  EXPECT_TRUE(t[6].IsOperator("::"));
  EXPECT_EQ(t[8].kind, TokenKind::kQuotedIdentifier);
  EXPECT_EQ(t[8].value, "we`ird");
  EXPECT_EQ(t[8].pos.line, 3);
  EXPECT_EQ(t[9].kind, TokenKind::kEnd);
}

}  // namespace
}  // namespace sluice::sql
