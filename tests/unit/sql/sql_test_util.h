// Helpers of the SQL parser tests: parse, print, and check that the printed text parses
// back to the same tree.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "sql/ast_printer.h"
#include "sql/parser.h"

namespace sluice::sql {

// The canonical text of an expression; also checks print -> parse -> print is stable.
inline std::string PrintExpr(std::string_view text) {
  auto expr = ParseExpression(text);
  if (!expr.ok()) {
    ADD_FAILURE() << text << "\n" << expr.status().ToString();
    return "<error>";
  }
  std::string printed = ToSql(**expr);
  auto again = ParseExpression(printed);
  if (!again.ok()) {
    ADD_FAILURE() << printed << "\n" << again.status().ToString();
  } else {
    EXPECT_EQ(ToSql(**again), printed);
  }
  return printed;
}

inline std::string PrintStatement(std::string_view text) {
  auto statement = ParseStatement(text);
  if (!statement.ok()) {
    ADD_FAILURE() << text << "\n" << statement.status().ToString();
    return "<error>";
  }
  std::string printed = ToSql(**statement);
  auto again = ParseStatement(printed);
  if (!again.ok()) {
    ADD_FAILURE() << printed << "\n" << again.status().ToString();
  } else {
    EXPECT_EQ(ToSql(**again), printed);
  }
  return printed;
}

inline StatementPtr Statement(std::string_view text) {
  auto statement = ParseStatement(text);
  EXPECT_TRUE(statement.ok()) << text << "\n" << statement.status().ToString();
  return statement.ok() ? std::move(statement).ValueOrDie() : nullptr;
}

inline ExprPtr Expression(std::string_view text) {
  auto expr = ParseExpression(text);
  EXPECT_TRUE(expr.ok()) << text << "\n" << expr.status().ToString();
  return expr.ok() ? std::move(expr).ValueOrDie() : nullptr;
}

inline std::string ErrorOf(std::string_view text) {
  auto statement = ParseStatement(text);
  EXPECT_FALSE(statement.ok()) << text;
  return statement.ok() ? "" : statement.status().message();
}

}  // namespace sluice::sql
