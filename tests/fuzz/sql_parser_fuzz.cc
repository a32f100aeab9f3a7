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

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto script = ParseScript(text);
  auto pieces = SplitStatements(text);
  if (script.ok()) {
    if (script->size() != pieces.size()) __builtin_trap();
    for (size_t i = 0; i < script->size(); ++i) {
      std::string printed = ToSql(*(*script)[i]);
      auto again = ParseStatement(printed);
      if (!again.ok() || ToSql(**again) != printed) __builtin_trap();
      auto alone = ParseStatement(pieces[i].text);
      if (!alone.ok() || ToSql(**alone) != printed) __builtin_trap();
    }
  }
  auto expr = ParseExpression(text);
  if (expr.ok()) {
    std::string printed = ToSql(**expr);
    auto again = ParseExpression(printed);
    if (!again.ok() || ToSql(**again) != printed) __builtin_trap();
  }
  return 0;
}
