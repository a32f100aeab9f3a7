// `sluice sql`: runs Spark SQL (-e text, -f file) and prints each query's rows, as the
// spark-sql CLI does (tsv when the output is not a terminal, a table when it is).
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.h"
#include "io/file_system.h"
#include "main/connection.h"
#include "main/result_format.h"

namespace sluice::cli {

namespace {

struct SqlOptions {
  std::string execute;
  std::string file;
  std::vector<std::string> conf;
  std::string format;
};

Result<main::ResultFormat> ParseFormat(const std::string& name) {
  if (name == "table") return main::ResultFormat::kTable;
  if (name == "tsv") return main::ResultFormat::kTsv;
  if (name == "tsv-with-schema") return main::ResultFormat::kTsvWithSchema;
  if (name == "csv") return main::ResultFormat::kCsv;
  if (name == "json") return main::ResultFormat::kJson;
  return Status::Invalid("--format must be table, tsv, tsv-with-schema, csv or json, not '" + name +
                         "'");
}

int RunSql(const SqlOptions& options) {
  std::string script = options.execute;
  if (!options.file.empty()) {
    std::ifstream in(options.file, std::ios::binary);
    if (!in) return Fail("cannot read " + options.file);
    std::stringstream text;
    text << in.rdbuf();
    script = text.str();
  }
  if (script.empty()) return Fail("give a statement with -e or a file with -f");
  std::string format_name = options.format;
  if (format_name.empty()) format_name = isatty(STDOUT_FILENO) ? "table" : "tsv";
  Result<main::ResultFormat> format = ParseFormat(format_name);
  if (!format.ok()) return Fail(format.status().message());

  main::Database db(io::LocalFileSystem());
  main::Connection connection(db);
  for (const std::string& kv : options.conf) {
    const size_t eq = kv.find('=');
    if (eq == std::string::npos) return Fail("--conf takes key=value, not '" + kv + "'");
    Status st = connection.settings().Set(kv.substr(0, eq), kv.substr(eq + 1));
    if (!st.ok()) return Fail(st.message());
  }
  Status st = connection.Execute(script, [&](const main::QueryResult& result) -> Status {
    if (!result.returns_rows) return Status::OK();
    main::ResultFormatOptions o;
    o.zone = &connection.settings().time_zone();
    SLUICE_RETURN_NOT_OK(main::WriteResult(*result.schema, result.batches, *format, o, std::cout));
    std::cout.flush();
    return Status::OK();
  });
  if (!st.ok()) return Fail(st.message());
  return 0;
}

}  // namespace

void AddSqlCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("sql", "Run Spark SQL statements and print their results");
  auto options = std::make_shared<SqlOptions>();
  cmd->add_option("-e,--execute", options->execute, "SQL text (statements separated by ;)");
  cmd->add_option("-f,--file", options->file, "A file of SQL statements");
  cmd->add_option("--conf", options->conf, "A session setting key=value (repeatable)");
  cmd->add_option("--format", options->format,
                  "Output: table (default on a terminal), tsv (default otherwise), "
                  "tsv-with-schema, csv, json");
  cmd->callback([options] { ExitCode() = RunSql(*options); });
}

}  // namespace sluice::cli
