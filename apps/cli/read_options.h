// The reader options every reading subcommand shares: -o key=value (Spark's option
// names), --conf key=value (session settings), --schema (DDL, StructType JSON, or a
// file holding either), --where (a SQL condition on rows), --input-format, and opening a
// TableReader from them.
#pragma once

#include <CLI/CLI.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dataset/table_reader.h"
#include "main/where_filter.h"

namespace sluice::cli {

// An opened input: its reader, and the --where condition its rows must meet.
struct OpenedInput {
  std::unique_ptr<formats::TableReader> reader;
  std::shared_ptr<main::WhereFilter> where;  // null without --where

  // `sink` given only the rows that meet the condition (non-empty batches).
  formats::BatchSink Filtered(formats::BatchSink sink) const;
};

// The --conf settings a read uses.
struct SessionSettings {
  types::TimeZone time_zone = types::TimeZone::System();
  bool case_sensitive = false;  // spark.sql.caseSensitive
};

struct ReadOptions {
  std::vector<std::string> paths;
  std::vector<std::string> options;  // key=value
  std::vector<std::string> confs;    // key=value
  std::string schema;
  std::string input_format;  // csv, parquet, or empty: by extension
  std::string where;         // a SQL condition

  void AddTo(CLI::App* command);
  Result<SessionSettings> Session() const;
  Result<types::TimeZone> SessionTimeZone() const;
  Result<OpenedInput> Open() const;
};

// Splits "key=value"; the error names the flag.
Result<std::pair<std::string, std::string>> SplitKeyValue(const std::string& text,
                                                          const std::string& flag);

}  // namespace sluice::cli
