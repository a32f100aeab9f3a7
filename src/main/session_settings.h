// SessionSettings: the `SET key=value` settings of a connection (any key is kept; the ones
// Sluice honours are read through accessors), and the function context they imply.
// Not thread-safe: one connection's.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/status.h"
#include "functions/function_context.h"
#include "sql/binder.h"
#include "types/time_zone.h"

namespace sluice::main {

class SessionSettings {
 public:
  SessionSettings();

  // Checks and stores a setting (the time zone must exist, booleans must be booleans).
  Status Set(const std::string& key, const std::string& value);
  void Reset(const std::string& key);  // empty: all
  std::optional<std::string> Get(const std::string& key) const;
  // Every setting with its value (SET), sorted by key.
  std::vector<std::pair<std::string, std::string>> All() const;

  const types::TimeZone& time_zone() const { return zone_; }
  // A context for one query: its start time is fixed now.
  functions::FunctionContext MakeFunctionContext() const;
  sql::BindSettings bind_settings() const;
  bool optimizer_enabled() const { return Flag("sluice.optimizer.enabled", true); }
  // A query's memory limit (spark.sluice.memory.limit: "512MB", "4g", "50%" of physical
  // memory), by default the process tracker's (--memory-limit, else 80% of memory).
  int64_t memory_limit() const;
  // The folder queries spill into (spark.local.dir, --temp-dir); empty: the system's.
  std::string temp_directory() const;

 private:
  bool Flag(const std::string& key, bool otherwise) const;
  std::map<std::string, std::string> values_;
  types::TimeZone zone_;
};

}  // namespace sluice::main
