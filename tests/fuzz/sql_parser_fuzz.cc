// Fuzzes the SQL lexer, statement splitter and parser. Besides "no crash, no hang", it
// checks the printer's contract: a statement that parses prints as text that parses back
// to the same tree (the same canonical text), and every split statement parses alone as
// it does inside the script.
#include <cstdint>
#include <string>

#include "sql/ast_printer.h"
#include "sql/parser.h"
#include "sql/statement_splitter.h"

using namespace sluice::sql;

namespace {

// The printed text parenthesises every operation, so it nests deeper than the input did
// (a flat "a + b + c ..." prints as "((a + b) + c) ..."): past the parser's nesting bound
// only that refusal is accepted.
template <typename Node>
bool SameOrTooDeep(const sluice::Result<Node>& again, const std::string& printed) {
  if (!again.ok()) return again.status().message().find("less deeply nested") != std::string::npos;
  return ToSql(**again) == printed;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto script = ParseScript(text);
  auto pieces = SplitStatements(text);
  if (script.ok()) {
    if (script->size() != pieces.size()) __builtin_trap();
    for (size_t i = 0; i < script->size(); ++i) {
      std::string printed = ToSql(*(*script)[i]);
      if (!SameOrTooDeep(ParseStatement(printed), printed)) __builtin_trap();
      auto alone = ParseStatement(pieces[i].text);
      if (!alone.ok() || ToSql(**alone) != printed) __builtin_trap();
    }
  }
  auto expr = ParseExpression(text);
  if (expr.ok()) {
    std::string printed = ToSql(**expr);
    if (!SameOrTooDeep(ParseExpression(printed), printed)) __builtin_trap();
  }
  return 0;
}
