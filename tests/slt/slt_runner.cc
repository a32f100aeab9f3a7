// Runs SQL logic test files (tests/sql/**/*.test) against a fresh Connection per file.
//
//   statement ok            the statement must succeed
//   statement error [text]  it must fail (and the message contain `text`, when given)
//   query <types> [nosort|rowsort]
//   <SQL>
//   ----
//   <one line per row, values tab-separated, printed as spark-sql prints them>
//
// Records are separated by blank lines; `#` starts a comment line; `set k=v` lines are
// plain statements. `rowsort` compares rows sorted as strings. A failure prints the file,
// line, the SQL, and expected against actual. Exit status: number of failing records (max 100).
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "io/file_system.h"
#include "main/connection.h"
#include "main/result_format.h"

namespace {

struct Record {
  int line = 0;
  std::string kind;  // statement or query
  bool expect_error = false;
  std::string error_text;
  bool rowsort = false;
  std::string sql;
  std::vector<std::string> expected;
};

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::vector<Record> Parse(const std::string& path, bool* ok) {
  std::ifstream in(path);
  *ok = static_cast<bool>(in);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::vector<Record> records;
  size_t i = 0;
  while (i < lines.size()) {
    const std::string head = Trim(lines[i]);
    if (head.empty() || head[0] == '#') {
      ++i;
      continue;
    }
    Record r;
    r.line = static_cast<int>(i + 1);
    std::istringstream words(head);
    std::string word;
    words >> r.kind;
    if (r.kind == "statement") {
      words >> word;
      r.expect_error = word == "error";
      std::getline(words, r.error_text);
      r.error_text = Trim(r.error_text);
    } else if (r.kind == "query") {
      words >> word;  // column types: only documentation here
      while (words >> word) r.rowsort |= word == "rowsort";
    } else {
      r.kind = "statement";  // a bare line (set k=v): a statement
      --i;
    }
    ++i;
    std::string sql;
    while (i < lines.size() && !Trim(lines[i]).empty() && Trim(lines[i]) != "----") {
      sql += (sql.empty() ? "" : "\n") + lines[i];
      ++i;
    }
    r.sql = sql;
    if (i < lines.size() && Trim(lines[i]) == "----") {
      ++i;
      while (i < lines.size() && !Trim(lines[i]).empty()) r.expected.push_back(lines[i++]);
    }
    records.push_back(std::move(r));
  }
  return records;
}

std::vector<std::string> Render(const sluice::main::QueryResult& result,
                                sluice::main::Connection& connection) {
  sluice::main::ResultFormatOptions o;
  o.zone = &connection.settings().time_zone();
  std::vector<std::string> rows;
  for (size_t batch = 0; batch < result.rows.batch_count(); ++batch) {
    sluice::Result<sluice::vector::Batch> read = result.rows.Read(batch);
    if (!read.ok()) {
      rows.push_back("ERROR reading the result: " + read.status().ToString());
      break;
    }
    const sluice::vector::Batch& b = *read;
    for (size_t i = 0; i < b.num_selected(); ++i) {
      std::string line;
      for (size_t c = 0; c < b.num_columns(); ++c)
        line += (c ? "\t" : "") + sluice::main::HiveText(b.column(c), b.selected_row(i), o);
      rows.push_back(line);
    }
  }
  return rows;
}

int RunFile(const std::string& path) {
  bool ok = false;
  std::vector<Record> records = Parse(path, &ok);
  if (!ok) {
    std::cerr << path << ": cannot read\n";
    return 1;
  }
  // Each file gets a fresh warehouse folder, removed afterwards.
  char dir_template[] = "/tmp/sluice-slt-XXXXXX";
  const char* dir = mkdtemp(dir_template);
  if (dir == nullptr) {
    std::cerr << path << ": cannot create a temporary warehouse\n";
    return 1;
  }
  auto fs = sluice::io::LocalFileSystem();
  auto db = sluice::main::Database::Open(fs, dir);
  if (!db.ok()) {
    std::cerr << path << ": " << db.status().message() << "\n";
    return 1;
  }
  struct RemoveAfter {
    std::shared_ptr<sluice::io::FileSystem> fs;
    std::string dir;
    ~RemoveAfter() { (void)fs->DeleteRecursive(dir); }
  } remove_after{fs, dir};
  sluice::main::Connection connection(**db);
  (void)connection.settings().Set("spark.sql.session.timeZone", "America/Los_Angeles");
  // SLUICE_SLT_OPTIMIZER=false runs the files with plans as bound (to compare both ways).
  if (const char* optimizer = std::getenv("SLUICE_SLT_OPTIMIZER"))
    (void)connection.settings().Set("sluice.optimizer.enabled", optimizer);
  int failures = 0;
  for (const Record& r : records) {
    sluice::Result<sluice::main::QueryResult> result = connection.Sql(r.sql);
    std::string problem;
    if (r.kind == "statement") {
      if (r.expect_error && result.ok()) problem = "expected an error, the statement succeeded";
      if (r.expect_error && !result.ok() &&
          result.status().message().find(r.error_text) == std::string::npos)
        problem = "expected an error containing '" + r.error_text +
                  "', got: " + result.status().message();
      if (!r.expect_error && !result.ok()) problem = "failed: " + result.status().message();
    } else if (!result.ok()) {
      problem = "failed: " + result.status().message();
    } else {
      std::vector<std::string> actual = Render(*result, connection);
      std::vector<std::string> expected = r.expected;
      for (std::string& s : actual) s = Trim(s) == "" ? "" : s;
      if (r.rowsort) {
        std::sort(actual.begin(), actual.end());
        std::sort(expected.begin(), expected.end());
      }
      if (actual != expected) {
        problem = "rows differ\n  expected:\n";
        for (const std::string& s : expected) problem += "    " + s + "\n";
        problem += "  actual:\n";
        for (const std::string& s : actual) problem += "    " + s + "\n";
      }
    }
    if (!problem.empty()) {
      ++failures;
      std::cerr << path << ":" << r.line << ": " << problem << "\n  sql: " << r.sql << "\n";
    }
  }
  std::cout << path << ": " << records.size() - failures << "/" << records.size() << " passed\n";
  return failures;
}

}  // namespace

int main(int argc, char** argv) {
  int failures = 0;
  for (int i = 1; i < argc; ++i) failures += RunFile(argv[i]);
  return std::min(failures, 100);
}
