#include "main/session_catalog.h"

namespace sluice::main {

namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::string SessionCatalog::ObjectName(const std::vector<std::string>& name) {
  return Lower(name.back());
}

Result<const plan::CatalogEntry*> SessionCatalog::Find(const std::vector<std::string>& name) const {
  const std::string key = ObjectName(name);
  if (name.size() <= 2 || Lower(name[0]) == "spark_catalog") {
    if (auto it = temporary_.find(key); it != temporary_.end()) return &it->second;
  }
  // Files as tables: csv.`path`, parquet.`path`.
  if (name.size() == 2) {
    const std::string format = Lower(name[0]);
    if (format == "csv" || format == "parquet") {
      const std::string file_key = format + ":" + name[1];
      if (auto it = opened_.find(file_key); it != opened_.end()) return &it->second;
      std::map<std::string, std::string> options;
      SLUICE_ASSIGN_OR_RAISE(std::shared_ptr<FileTableSource> source,
                             FileTableSource::Open(fs_, {name[1]}, format, options, std::nullopt,
                                                   ctx_, false, rejects_));
      plan::CatalogEntry entry;
      entry.name = name[1];
      entry.source = source;
      entry.columns = source->schema().fields();
      return &opened_.emplace(file_key, std::move(entry)).first->second;
    }
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
