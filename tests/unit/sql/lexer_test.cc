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

TEST(LexerTest, StringsAndEscapes) {
  auto t = Lex("'a\\'b' \"c\\\"d\" '\\n\\t\\0\\Z\\u00e9\\101\\q\\%\\_' r'\\n' R\"x\\\"");
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t[0].kind, TokenKind::kString);
  EXPECT_EQ(t[0].value, "a'b");
  EXPECT_EQ(t[1].value, "c\"d");
  EXPECT_EQ(t[2].value, std::string("\n\t\0\x1A\xC3\xA9"
                                    "Aq\\%\\_",
                                    12));
  EXPECT_EQ(t[3].value, "\\n");  // raw: backslashes kept
  EXPECT_EQ(t[4].value, "x\\");
}

TEST(LexerTest, Numbers) {
  auto t = Lex("12 1.5 .5 1. 1e10 1.5E-3 12L 3s 4Y 1.5D 2F 1.5BD 10bd 1abc 1e5x 2.5x");
  std::vector<std::pair<TokenKind, std::string>> got;
  for (const Token& token : t) got.emplace_back(token.kind, token.value);
  using K = TokenKind;
  std::vector<std::pair<TokenKind, std::string>> want = {
      {K::kNumber, "12"},   {K::kNumber, "1.5"},    {K::kNumber, ".5"},  {K::kNumber, "1."},
      {K::kNumber, "1e10"}, {K::kNumber, "1.5E-3"}, {K::kNumber, "12L"}, {K::kNumber, "3s"},
      {K::kNumber, "4Y"},   {K::kNumber, "1.5D"},   {K::kNumber, "2F"},  {K::kNumber, "1.5BD"},
      {K::kNumber, "10bd"}, {K::kWord, "1abc"},     {K::kWord, "1e5x"},  {K::kNumber, "2.5"},
      {K::kWord, "x"},      {K::kEnd, ""}};
  EXPECT_EQ(got, want);
}

TEST(LexerTest, OperatorsLongestFirst) {
  auto t = Lex("<=> <= <> != == => -> :: || | & ^ ~ % ! ? : [ ]");
  std::vector<std::string> ops;
  for (const Token& token : t) {
    if (token.kind == TokenKind::kOperator) ops.push_back(token.value);
  }
  EXPECT_EQ(ops, (std::vector<std::string>{"<=>", "<=", "<>", "!=", "==", "=>", "->", "::", "||",
                                           "|", "&", "^", "~", "%", "!", "?", ":", "[", "]"}));
  // "--" starts a comment even right after an operator.
  auto c = Lex("1--2\n+3");
  ASSERT_EQ(c.size(), 4u);
  EXPECT_TRUE(c[1].IsOperator("+"));
  EXPECT_EQ(c[1].pos.line, 2);
}

TEST(LexerTest, ColumnsCountCharactersNotBytes) {
  auto t = Lex("'\xC3\xA9t\xC3\xA9' x");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[1].pos.column, 7);
  EXPECT_EQ(t[1].pos.offset, 8u);
}

TEST(LexerTest, ErrorsNamePositions) {
  auto comment = Tokenize("SELECT 1\n  /* open /* nested */");
  ASSERT_FALSE(comment.ok());
  EXPECT_NE(comment.status().message().find("[UNCLOSED_BRACKETED_COMMENT]"), std::string::npos);
  EXPECT_NE(comment.status().message().find("(line 2, pos 2)"), std::string::npos);
  auto quote = Tokenize("SELECT 'abc");
  ASSERT_FALSE(quote.ok());
  EXPECT_NE(quote.status().message().find("(line 1, pos 7)"), std::string::npos);
  auto backquote = Tokenize("SELECT `abc");
  ASSERT_FALSE(backquote.ok());
  auto character = Tokenize("SELECT #");
  ASSERT_FALSE(character.ok());
  EXPECT_NE(character.status().message().find("'#'"), std::string::npos);
}

}  // namespace
}  // namespace sluice::sql
