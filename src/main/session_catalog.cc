#include "main/session_catalog.h"

#include "common/text.h"

namespace sluice::main {

namespace {}  // namespace

std::string SessionCatalog::ObjectName(const std::vector<std::string>& name) {
  return AsciiLower(name.back());
}

Result<const plan::CatalogEntry*> SessionCatalog::Find(const std::vector<std::string>& name) const {
  const std::string key = ObjectName(name);
  if (name.size() <= 2 || AsciiLower(name[0]) == "spark_catalog") {
    if (auto it = temporary_.find(key); it != temporary_.end()) return &it->second;
  }
  // Files as tables: csv.`path`, parquet.`path`.
  if (name.size() == 2) {
    const std::string format = AsciiLower(name[0]);
    if (format == "csv" || format == "parquet")
      return OpenFiles(format, {name[1]}, {}, std::nullopt);
  }
  if (const StoredView* view = warehouse_->FindView(key)) {
    auto& entry = opened_["view:" + key];
    entry.name = view->name;
    entry.view_sql = view->sql;
    return &entry;
  }
  if (const StoredTable* table = warehouse_->FindTable(key)) {
    // Opened per statement: INSERT may have added files since.
    std::map<std::string, std::string> options = table->options;
    options["basePath"] = table->location;
    SLUICE_ASSIGN_OR_RAISE(std::shared_ptr<FileTableSource> source,
                           FileTableSource::Open(fs_, {table->location}, table->format, options,
                                                 table->schema, ctx_, /*empty_ok=*/true, rejects_));
    auto& entry = opened_["table:" + key];
    entry.name = table->name;
    entry.source = source;
    entry.columns = table->schema.fields();
    return &entry;
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
  std::vector<std::string> names = warehouse_->Names();
  for (const auto& [key, entry] : temporary_) names.push_back(entry.name);
  return names;
}

bool SessionCatalog::HasTemporary(const std::vector<std::string>& name) const {
  return temporary_.count(ObjectName(name)) > 0;
}

void SessionCatalog::PutTemporary(const std::vector<std::string>& name, plan::CatalogEntry entry) {
  temporary_[ObjectName(name)] = std::move(entry);
}

bool SessionCatalog::RemoveTemporary(const std::vector<std::string>& name) {
  return temporary_.erase(ObjectName(name)) > 0;
}

}  // namespace sluice::main
