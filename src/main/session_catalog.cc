#include "main/session_catalog.h"

#include "common/text.h"
#include "main/statement_results.h"

namespace sluice::main {

namespace {

constexpr const char* kSessionCatalog = "spark_catalog";

}  // namespace

std::optional<std::string> SessionCatalog::TemporaryKey(const std::vector<std::string>& name) {
  if (name.size() == 1) return AsciiLower(name[0]);
  if (name.size() == 2 && AsciiLower(name[0]) == "global_temp") return AsciiLower(name[1]);
  return std::nullopt;
}

Result<std::string> SessionCatalog::DatabaseName(const std::vector<std::string>& name) {
  if (name.size() == 2 && AsciiLower(name[0]) == kSessionCatalog) return AsciiLower(name[1]);
  if (name.size() != 1)
    return Status::Invalid(
        "[REQUIRES_SINGLE_PART_NAMESPACE] spark_catalog requires a single-part namespace, but "
        "got " +
        QuotedName(name) + ".");
  return AsciiLower(name[0]);
}

Result<TableName> SessionCatalog::Qualify(const std::vector<std::string>& name) const {
  if (name.size() == 1) return TableName{current_database_, name[0]};
  SLUICE_ASSIGN_OR_RAISE(std::string database,
                         DatabaseName(std::vector<std::string>(name.begin(), name.end() - 1)));
  return TableName{std::move(database), name.back()};
}

Status SessionCatalog::RequireDatabase(const std::string& database) const {
  if (warehouse_->FindDatabase(database) != nullptr) return Status::OK();
  return Status::Invalid(
      "[SCHEMA_NOT_FOUND] The schema `" + database +
      "` cannot be found. Verify the spelling and correctness of the schema and catalog.\n"
      "If you did not qualify the name with a catalog, verify the current_schema() output, or "
      "qualify the name with the correct catalog.\n"
      "To tolerate the error on drop use DROP SCHEMA IF EXISTS.");
}

Result<const plan::CatalogEntry*> SessionCatalog::Find(const std::vector<std::string>& name) const {
  if (std::optional<std::string> key = TemporaryKey(name)) {
    if (auto it = temporary_.find(*key); it != temporary_.end()) return &it->second;
  }
  Result<TableName> qualified = Qualify(name);
  if (!qualified.ok()) return static_cast<const plan::CatalogEntry*>(nullptr);
  const std::string key = AsciiLower(qualified->database) + "." + AsciiLower(qualified->name);
  if (const StoredView* view = warehouse_->FindView(qualified->database, qualified->name)) {
    auto& entry = opened_["view:" + key];
    entry.name = view->name;
    entry.database = view->database;
    entry.view_sql = view->sql;
    entry.view_sql_database = view->sql_database;
    return &entry;
  }
  if (const StoredTable* table = warehouse_->FindTable(qualified->database, qualified->name)) {
    // Opened per statement: INSERT may have added files since.
    std::map<std::string, std::string> options = table->options;
    options["basePath"] = table->location;
    SLUICE_ASSIGN_OR_RAISE(std::shared_ptr<FileTableSource> source,
                           FileTableSource::Open(fs_, {table->location}, table->format, options,
                                                 table->schema, ctx_, /*empty_ok=*/true, rejects_));
    auto& entry = opened_["table:" + key];
    entry.name = table->name;
    entry.database = table->database;
    entry.source = source;
    entry.columns = table->schema.fields();
    return &entry;
  }
  // Files as tables: csv.`path`, parquet.`path`, json.`path` (when no database has that name).
  if (name.size() == 2) {
    const std::string format = AsciiLower(name[0]);
    if (format == "csv" || format == "parquet" || format == "json")
      return OpenFiles(format, {name[1]}, {}, std::nullopt);
  }
  return static_cast<const plan::CatalogEntry*>(nullptr);
}

Result<const plan::CatalogEntry*> SessionCatalog::OpenFiles(
    const std::string& format, const std::vector<std::string>& paths,
    const std::map<std::string, std::string>& options,
    const std::optional<types::Schema>& schema) const {
  // Opened once per session and set of arguments.
  std::string key = "files:" + format;
  for (const std::string& p : paths) key += "|" + p;
  for (const auto& [k, v] : options) key += "|" + k + "=" + v;
  if (schema) key += "|" + schema->ToDdl();
  if (auto it = opened_.find(key); it != opened_.end()) return &it->second;
  SLUICE_ASSIGN_OR_RAISE(
      std::shared_ptr<FileTableSource> source,
      FileTableSource::Open(fs_, paths, format, options, schema, ctx_, false, rejects_));
  plan::CatalogEntry entry;
  entry.name = paths.empty() ? "" : paths[0];
  entry.source = source;
  entry.columns = source->schema().fields();
  return &opened_.emplace(key, std::move(entry)).first->second;
}

std::vector<std::string> SessionCatalog::Names() const {
  std::vector<std::string> names = warehouse_->Names(current_database_);
  for (const std::string& n : TemporaryNames()) names.push_back(n);
  return names;
}

std::vector<std::string> SessionCatalog::TemporaryNames() const {
  std::vector<std::string> names;
  for (const auto& [key, entry] : temporary_) names.push_back(entry.name);
  return names;
}

bool SessionCatalog::HasTemporary(const std::vector<std::string>& name) const {
  std::optional<std::string> key = TemporaryKey(name);
  return key && temporary_.count(*key) > 0;
}

void SessionCatalog::PutTemporary(const std::vector<std::string>& name, plan::CatalogEntry entry) {
  temporary_[AsciiLower(name.back())] = std::move(entry);
}

bool SessionCatalog::RemoveTemporary(const std::vector<std::string>& name) {
  std::optional<std::string> key = TemporaryKey(name);
  return key && temporary_.erase(*key) > 0;
}

}  // namespace sluice::main
