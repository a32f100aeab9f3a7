// FunctionContext: what a function may read of the session while it binds or runs: the time
// zone, ANSI mode, the query's start time (current_timestamp is fixed per query), the
// current database.
// Read-only while a query runs: thread-safe to share.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "common/status.h"
#include "types/time_zone.h"

namespace sluice::functions {

struct FunctionContext {
  const types::TimeZone* zone = nullptr;  // spark.sql.session.timeZone; never null
  bool ansi = false;                      // spark.sql.ansi.enabled
  bool legacy_interval = false;           // spark.sql.legacy.interval.enabled
  bool case_sensitive = false;            // spark.sql.caseSensitive
  bool allow_precision_loss = true;       // spark.sql.decimalOperations.allowPrecisionLoss
  bool concat_binary_as_string = false;   // spark.sql.function.concatBinaryAsString
  bool elt_output_as_string = false;      // spark.sql.function.eltOutputAsString
  bool null_in_empty_is_null = false;     // spark.sql.legacy.nullInEmptyListBehavior
  bool csv_column_pruning = true;         // spark.sql.csv.parser.columnPruning.enabled
  int64_t query_start_micros = 0;         // current_timestamp(), UTC microseconds
  // current_database(): the session's (USE db).
  std::string current_database = "default";
  // Set (by Ctrl-C in the shell) to stop the running query; may be null.
  const std::atomic<bool>* cancelled = nullptr;

  bool IsCancelled() const { return cancelled != nullptr && cancelled->load(); }
  Status CheckCancelled() const {
    return IsCancelled() ? Status::Cancelled("the query was cancelled") : Status::OK();
  }
};

}  // namespace sluice::functions
