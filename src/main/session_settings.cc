#include "main/session_settings.h"

#include <chrono>

#include "common/text.h"
#include "memory/memory_tracker.h"

namespace sluice::main {

namespace {

constexpr const char* kTimeZone = "spark.sql.session.timeZone";
constexpr const char* kMemoryLimit = "spark.sluice.memory.limit";

Result<int64_t> ParseMemoryLimit(const std::string& value) {
  Result<int64_t> bytes = memory::ParseByteSize(value, memory::PhysicalMemoryBytes());
  if (!bytes.ok())
    return Status::Invalid("[INVALID_CONF_VALUE] The value '" + value + "' in the config \"" +
                           kMemoryLimit + "\" is invalid: " + bytes.status().message() + ".");
  return bytes;
}

const std::map<std::string, std::string>& Defaults() {
  static const std::map<std::string, std::string> defaults = {
      {"spark.sql.ansi.enabled", "false"},
      {"spark.sql.caseSensitive", "false"},
      {"spark.sql.legacy.interval.enabled", "false"},
      {"spark.sql.groupByAliases", "true"},
      {"spark.sql.groupByOrdinal", "true"},
      {"spark.sql.orderByOrdinal", "true"},
      {"spark.sql.crossJoin.enabled", "true"},
      {"spark.sql.decimalOperations.allowPrecisionLoss", "true"},
      {"spark.sql.shuffle.partitions", "200"},
      {"spark.sql.csv.parser.columnPruning.enabled", "true"},
      // Off runs plans as bound (tests compare both ways).
      {"sluice.optimizer.enabled", "true"},
  };
  return defaults;
}

bool IsBooleanSetting(const std::string& key) {
  auto it = Defaults().find(key);
  return it != Defaults().end() && (it->second == "true" || it->second == "false");
}

}  // namespace

SessionSettings::SessionSettings() : zone_(types::TimeZone::System()) {}

Status SessionSettings::Set(const std::string& key, const std::string& value) {
  if (key == kTimeZone) {
    SLUICE_ASSIGN_OR_RAISE(types::TimeZone zone, types::TimeZone::Load(value));
    zone_ = zone;
  } else if (key == kMemoryLimit) {
    SLUICE_RETURN_NOT_OK(ParseMemoryLimit(value).status());
  } else if (IsBooleanSetting(key)) {
    const std::string v = AsciiLower(value);
    if (v != "true" && v != "false")
      return Status::Invalid("[INVALID_CONF_VALUE.TYPE_MISMATCH] The value '" + value +
                             "' in the config \"" + key + "\" is invalid: it must be a boolean.");
    values_[key] = v;
    return Status::OK();
  }
  values_[key] = value;
  return Status::OK();
}

void SessionSettings::Reset(const std::string& key) {
  if (key.empty()) {
    values_.clear();
    zone_ = types::TimeZone::System();
    return;
  }
  values_.erase(key);
  if (key == kTimeZone) zone_ = types::TimeZone::System();
}

std::optional<std::string> SessionSettings::Get(const std::string& key) const {
  if (key == kTimeZone) return zone_.name();
  if (auto it = values_.find(key); it != values_.end()) return it->second;
  if (auto it = Defaults().find(key); it != Defaults().end()) return it->second;
  if (key == kMemoryLimit) return memory::FormatBytes(memory::MemoryTracker::Process().limit());
  return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> SessionSettings::All() const {
  std::map<std::string, std::string> all = Defaults();
  for (const auto& [k, v] : values_) all[k] = v;
  all[kTimeZone] = zone_.name();
  return {all.begin(), all.end()};
}

int64_t SessionSettings::memory_limit() const {
  auto it = values_.find(kMemoryLimit);
  if (it == values_.end()) return memory::MemoryTracker::Process().limit();
  return *ParseMemoryLimit(it->second);  // checked by Set
}

std::string SessionSettings::temp_directory() const {
  auto it = values_.find("spark.local.dir");
  return it == values_.end() ? "" : it->second;
}

bool SessionSettings::Flag(const std::string& key, bool otherwise) const {
  std::optional<std::string> v = Get(key);
  if (!v) return otherwise;
  return AsciiLower(*v) == "true";
}

functions::FunctionContext SessionSettings::MakeFunctionContext() const {
  functions::FunctionContext ctx;
  ctx.zone = &zone_;
  ctx.ansi = Flag("spark.sql.ansi.enabled", false);
  ctx.legacy_interval = Flag("spark.sql.legacy.interval.enabled", false);
  ctx.case_sensitive = Flag("spark.sql.caseSensitive", false);
  ctx.allow_precision_loss = Flag("spark.sql.decimalOperations.allowPrecisionLoss", true);
  ctx.concat_binary_as_string = Flag("spark.sql.function.concatBinaryAsString", false);
  ctx.elt_output_as_string = Flag("spark.sql.function.eltOutputAsString", false);
  ctx.null_in_empty_is_null = Flag("spark.sql.legacy.nullInEmptyListBehavior", false);
  ctx.csv_column_pruning = Flag("spark.sql.csv.parser.columnPruning.enabled", true);
  ctx.query_start_micros = std::chrono::duration_cast<std::chrono::microseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  return ctx;
}

sql::BindSettings SessionSettings::bind_settings() const {
  sql::BindSettings s;
  s.group_by_aliases = Flag("spark.sql.groupByAliases", true);
  s.group_by_ordinal = Flag("spark.sql.groupByOrdinal", true);
  s.order_by_ordinal = Flag("spark.sql.orderByOrdinal", true);
  s.cross_join_enabled = Flag("spark.sql.crossJoin.enabled", true);
  s.nested_cte_names_must_differ =
      AsciiLower(Get("spark.sql.legacy.ctePrecedencePolicy").value_or("EXCEPTION")) == "exception";
  return s;
}

}  // namespace sluice::main
