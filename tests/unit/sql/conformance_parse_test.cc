// Parses every statement of Spark's golden SQL test inputs (../shared/conformance/spark):
// the statements Spark parsed must parse (except the few listed below, with the reason),
// and printing then re-parsing each gives the same tree.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "sql/ast_printer.h"
#include "sql/parser.h"
#include "sql/statement_splitter.h"

namespace sluice::sql {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Statement text without whole-line `--` comments and with whitespace collapsed, so that
// the splitter's statements can be found among the golden file's queries.
std::string Normalize(std::string_view text) {
  std::string out;
  std::istringstream lines{std::string(text)};
  std::string line;
  while (std::getline(lines, line)) {
    size_t first = line.find_first_not_of(" \t\r");
    if (first != std::string::npos && line.compare(first, 2, "--") == 0) continue;
    for (char c : line) {
      if (std::isspace(static_cast<unsigned char>(c))) {
        if (!out.empty() && out.back() != ' ') out += ' ';
      } else {
        out += c;
      }
    }
    if (!out.empty() && out.back() != ' ') out += ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Golden queries of a results file: normalized text -> whether Spark raised ParseException.
std::map<std::string, bool> GoldenQueries(const fs::path& results) {
  std::map<std::string, bool> queries;
  std::string text = ReadFile(results);
  size_t at = 0;
  const std::string marker = "-- !query\n";
  while ((at = text.find(marker, at)) != std::string::npos) {
    size_t start = at + marker.size();
    size_t end = text.find("\n-- !query ", start);
    if (end == std::string::npos) break;
    std::string query = text.substr(start, end - start);
    size_t output = text.find("-- !query output\n", end);
    bool parse_error =
        output != std::string::npos &&
        text.compare(output + 17, 51, "org.apache.spark.sql.catalyst.parser.ParseException") == 0;
    queries[Normalize(query)] = parse_error;
    at = end;
  }
  return queries;
}

// Statements Spark parses that this parser does not yet, with the reason. Keep it short:
// the count only goes down.
const std::set<std::string> kKnownGaps = {
    // FROM-first with several SELECT bodies (Hive's multi-insert form): one body only.
    "DESCRIBE SELECT * FROM (FROM desc_temp2 select * select *)",
};

TEST(ConformanceParseTest, ParsesWhatSparkParsesAndRoundTrips) {
  const fs::path root = SLUICE_CONFORMANCE_DIR;
  if (!fs::exists(root / "inputs")) GTEST_SKIP() << "no conformance kit at " << root;
  int parsed = 0, rejected_by_spark = 0, also_rejected = 0, unmatched = 0, files = 0;
  std::vector<std::string> failures;
  for (const auto& entry : fs::recursive_directory_iterator(root / "inputs")) {
    if (entry.path().extension() != ".sql") continue;
    ++files;
    fs::path rel = fs::relative(entry.path(), root / "inputs");
    auto golden = GoldenQueries(root / "results" / (rel.string() + ".out"));
    for (const ScriptStatement& statement : SplitStatements(ReadFile(entry.path()))) {
      std::string key = Normalize(statement.text);
      auto it = golden.find(key);
      if (it == golden.end()) {
        ++unmatched;  // split differently by Spark's runner
        continue;
      }
      if (it->second) {
        ++rejected_by_spark;
        also_rejected += ParseStatement(statement.text).ok() ? 0 : 1;
        continue;
      }
      auto ast = ParseStatement(statement.text);
      if (!ast.ok()) {
        if (!kKnownGaps.count(key)) {
          failures.push_back(rel.string() + ":" + std::to_string(statement.start.line) + ": " +
                             ast.status().message());
        }
        continue;
      }
      ++parsed;
      std::string printed = ToSql(**ast);
      auto again = ParseStatement(printed);
      if (!again.ok()) {
        failures.push_back(rel.string() + ":" + std::to_string(statement.start.line) +
                           ": printed text does not parse: " + printed + "\n" +
                           again.status().message());
        continue;
      }
      std::string reprinted = ToSql(**again);
      if (reprinted != printed) {
        failures.push_back(rel.string() + ":" + std::to_string(statement.start.line) +
                           ": round trip differs:\n  " + printed + "\n  " + reprinted);
      }
    }
  }
  EXPECT_GT(files, 90);
  EXPECT_GT(parsed, 2500);
  for (const std::string& f : failures) ADD_FAILURE() << f;
  std::cout << files << " files, " << parsed << " statements parsed, " << rejected_by_spark
            << " rejected by Spark (" << also_rejected << " of them here too), " << unmatched
            << " not found in the golden files, " << failures.size() << " failures\n";
}

}  // namespace
}  // namespace sluice::sql
