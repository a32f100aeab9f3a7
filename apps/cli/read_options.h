// The reader options every reading subcommand shares: -o key=value (Spark's option
// names), --conf key=value (session settings), --schema (DDL, StructType JSON, or a
// file holding either), and opening a CsvReader from them.
#pragma once

#include <CLI/CLI.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "formats/csv/csv_reader.h"

namespace sluice::cli {

struct ReadOptions {
  std::vector<std::string> paths;
  std::vector<std::string> options;  // key=value
  std::vector<std::string> confs;    // key=value
  std::string schema;

  void AddTo(CLI::App* command);
  Result<types::TimeZone> SessionTimeZone() const;
  Result<std::unique_ptr<formats::csv::CsvReader>> OpenCsv() const;
};

// Splits "key=value"; the error names the flag.
Result<std::pair<std::string, std::string>> SplitKeyValue(const std::string& text,
                                                          const std::string& flag);

}  // namespace sluice::cli
