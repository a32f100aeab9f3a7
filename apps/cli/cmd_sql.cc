// `sluice sql`: runs Spark SQL (-e text, -f file) and prints each query's rows, as the
// spark-sql CLI does (tsv when the output is not a terminal, a table when it is).
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.h"
#include "dataset/dataset_writer.h"
#include "dataset/rejects_csv_file.h"
#include "io/file_system.h"
#include "main/connection.h"
#include "main/result_files.h"
#include "main/result_format.h"
#include "memory/memory_tracker.h"
#include "rejects_report.h"
#include "sql_shell.h"
#include "vector/vector_ops.h"

namespace sluice::cli {

namespace {

struct SqlOptions {
  std::string execute;
  std::string file;
  std::vector<std::string> conf;
  std::string format;
  std::string warehouse = "sluice-warehouse";
  std::string output;
  std::string rejects_dir;
  std::string memory_limit;
  std::string temp_dir;
};

// The last query's rows as one file, its format from the extension: .csv (with a header
// line), .parquet, or .json / .jsonl.
Status WriteOutput(const main::QueryResult& result, const std::string& path,
                   const main::ResultFormatOptions& o) {
  formats::DatasetWriteOptions options;
  const bool json = path.ends_with(".json") || path.ends_with(".jsonl");
  std::optional<formats::OutputFileType> type = formats::OutputFileTypeOf(path);
  if (!type && !json)
    return Status::Invalid("--output " + path + ": the name must end in .csv, .parquet or .json");
  if (type) {
    options.format = type->format;
    if (!type->compression.empty()) options.format_options["compression"] = type->compression;
    if (type->format == "csv") options.format_options["header"] = "true";
  }
  options.mode = formats::SaveMode::kOverwrite;
  options.session_time_zone = *o.zone;
  return main::WriteResultFiles(io::LocalFileSystem(), *result.schema, result.rows, path, options);
}

Result<main::ResultFormat> ParseFormat(const std::string& name) {
  if (name == "table") return main::ResultFormat::kTable;
  if (name == "tsv") return main::ResultFormat::kTsv;
  if (name == "tsv-with-schema") return main::ResultFormat::kTsvWithSchema;
  if (name == "csv") return main::ResultFormat::kCsv;
  if (name == "json") return main::ResultFormat::kJson;
  return Status::Invalid("--format must be table, tsv, tsv-with-schema, csv or json, not '" + name +
                         "'");
}

main::ResultFormatOptions ResultOptions(main::Connection& connection) {
  main::ResultFormatOptions o;
  o.zone = &connection.settings().time_zone();
  return o;
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
  const bool interactive = script.empty() && options.file.empty() && isatty(STDIN_FILENO);
  if (script.empty() && options.file.empty() && !interactive) {
    std::stringstream text;  // statements piped in
    text << std::cin.rdbuf();
    script = text.str();
  }
  if (!options.memory_limit.empty()) {
    // The whole process's bound, and so every query's unless a session sets a lower one.
    Result<int64_t> limit =
        memory::ParseByteSize(options.memory_limit, memory::PhysicalMemoryBytes());
    if (!limit.ok()) return Fail("--memory-limit: " + limit.status().message());
    memory::MemoryTracker::Process().set_limit(*limit);
  }
  std::string format_name = options.format;
  if (format_name.empty()) format_name = isatty(STDOUT_FILENO) ? "table" : "tsv";
  Result<main::ResultFormat> format = ParseFormat(format_name);
  if (!format.ok()) return Fail(format.status().message());

  Result<std::unique_ptr<main::Database>> db =
      main::Database::Open(io::LocalFileSystem(), options.warehouse);
  if (!db.ok()) return Fail(db.status().message());
  main::Connection connection(**db);
  if (!options.temp_dir.empty()) {
    Status set = connection.settings().Set("spark.local.dir", options.temp_dir);
    if (!set.ok()) return Fail(set.message());
  }
  std::shared_ptr<formats::RejectsCsvFile> rejects_file;
  if (!options.rejects_dir.empty()) {
    auto fs = io::LocalFileSystem();
    Status made = fs->CreateDirs(options.rejects_dir);
    if (!made.ok()) return Fail(made.message());
    auto file = formats::RejectsCsvFile::Open(*fs, options.rejects_dir + "/rejects.csv");
    if (!file.ok()) return Fail(file.status().message());
    rejects_file = *file;
    connection.set_reject_sink(rejects_file);
  }
  // After each statement: what its reads rejected, on standard error.
  auto report_rejects = [&]() {
    formats::RejectsSummary rejected = connection.TakeRejects();
    if (rejected.total() == 0) return;
    std::fprintf(
        stderr, "sluice: %s rows rejected while reading%s:\n", Thousands(rejected.total()).c_str(),
        rejects_file ? (" (written to " + options.rejects_dir + "/rejects.csv)").c_str() : "");
    PrintRejectsSummary(stderr, rejected, true);
  };
  for (const std::string& kv : options.conf) {
    const size_t eq = kv.find('=');
    if (eq == std::string::npos) return Fail("--conf takes key=value, not '" + kv + "'");
    Status st = connection.settings().Set(kv.substr(0, eq), kv.substr(eq + 1));
    if (!st.ok()) return Fail(st.message());
  }
  if (interactive) {
    return RunSqlShell(connection, [&](const main::QueryResult& result) -> Status {
      report_rejects();
      if (!result.returns_rows) return Status::OK();
      SLUICE_RETURN_NOT_OK(main::WriteResult(*result.schema, result.rows, *format,
                                             ResultOptions(connection), std::cout));
      std::cout.flush();
      return Status::OK();
    });
  }
  // With --output, the last query's rows go to the file instead of standard output.
  std::optional<main::QueryResult> last;
  Status st = connection.Execute(script, [&](const main::QueryResult& result) -> Status {
    report_rejects();
    if (!result.returns_rows) return Status::OK();
    if (!options.output.empty()) {
      last = main::QueryResult{result.schema, result.rows.Share(), true};
      return Status::OK();
    }
    SLUICE_RETURN_NOT_OK(main::WriteResult(*result.schema, result.rows, *format,
                                           ResultOptions(connection), std::cout));
    std::cout.flush();
    return Status::OK();
  });
  if (st.ok() && last) st = WriteOutput(*last, options.output, ResultOptions(connection));
  if (st.ok() && rejects_file) st = rejects_file->Close();
  if (!st.ok()) return Fail(st.message());
  return 0;
}

}  // namespace

void AddSqlCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "sql", "Run Spark SQL statements and print their results (a shell without -e or -f)");
  auto options = std::make_shared<SqlOptions>();
  cmd->add_option("-e,--execute", options->execute, "SQL text (statements separated by ;)");
  cmd->add_option("-f,--file", options->file, "A file of SQL statements");
  cmd->add_option("--conf", options->conf, "A session setting key=value (repeatable)");
  // spark-sql's names: a variable that ${name} in the statements becomes.
  cmd->add_option("-d,--define,--hivevar", options->conf,
                  "A variable key=value for ${key} in the statements (repeatable)");
  cmd->add_option("--format", options->format,
                  "Output: table (default on a terminal), tsv (default otherwise), "
                  "tsv-with-schema, csv, json");
  cmd->add_option("--warehouse", options->warehouse,
                  "Folder where tables and views persist (default ./sluice-warehouse)");
  cmd->add_option("--rejects", options->rejects_dir,
                  "Write the rows that reads reject to DIR/rejects.csv "
                  "(file,line,byte_offset,column,reason,raw)");
  cmd->add_option("--memory-limit", options->memory_limit,
                  "Memory the process may hold: 512MB, 4GB, 50% (of physical memory; "
                  "default 80%)");
  cmd->add_option("--temp-dir", options->temp_dir,
                  "Folder for the files operators spill to when memory runs out (default $TMPDIR "
                  "or /tmp; also SET spark.local.dir)");
  cmd->add_option("--output", options->output,
                  "Write the last query's rows to this file (.csv with a header, .parquet, .json)");
  cmd->callback([options] { ExitCode() = RunSql(*options); });
}

}  // namespace sluice::cli
