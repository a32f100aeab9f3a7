#include "main/session_catalog.h"

namespace sluice::main {

namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::string SessionCatalog::Key(const std::vector<std::string>& name) {
  // default.t and spark_catalog.default.t are t.
  size_t skip = 0;
  if (name.size() >= 2 && Lower(name[name.size() - 2]) == "default") skip = name.size() - 1;
  std::string key;
  for (size_t i = skip; i < name.size(); ++i) key += (key.empty() ? "" : ".") + Lower(name[i]);
  return key;
}

Result<const plan::CatalogEntry*> SessionCatalog::Find(const std::vector<std::string>& name) const {
  if (auto it = entries_.find(Key(name)); it != entries_.end())
    return static_cast<const plan::CatalogEntry*>(&it->second);
  // Files as tables: csv.`path`, parquet.`path`.
  if (name.size() == 2) {
    const std::string format = Lower(name[0]);
    if (format == "csv" || format == "parquet") {
      const std::string key = format + ":" + name[1];
      if (auto it = files_.find(key); it != files_.end())
        return static_cast<const plan::CatalogEntry*>(&it->second);
      std::map<std::string, std::string> options;
      if (format == "csv") options["header"] = "false";
      SLUICE_ASSIGN_OR_RAISE(
          std::shared_ptr<FileTableSource> source,
          FileTableSource::Open(fs_, {name[1]}, format, options, std::nullopt, ctx_));
      plan::CatalogEntry entry;
      entry.name = name[1];
      entry.source = source;
      entry.columns = source->schema().fields();
      return static_cast<const plan::CatalogEntry*>(
          &files_.emplace(key, std::move(entry)).first->second);
    }
  }
  return static_cast<const plan::CatalogEntry*>(nullptr);
}

std::vector<std::string> SessionCatalog::Names() const {
  std::vector<std::string> names;
  for (const auto& [key, entry] : entries_) names.push_back(entry.name);
  return names;
}

bool SessionCatalog::Contains(const std::vector<std::string>& name) const {
  return entries_.count(Key(name)) > 0;
}

void SessionCatalog::Put(const std::vector<std::string>& name, plan::CatalogEntry entry) {
  entries_[Key(name)] = std::move(entry);
  tables_.erase(Key(name));
}

bool SessionCatalog::Remove(const std::vector<std::string>& name) {
  tables_.erase(Key(name));
  return entries_.erase(Key(name)) > 0;
}

std::shared_ptr<MemoryTableSource> SessionCatalog::Table(
    const std::vector<std::string>& name) const {
  auto it = tables_.find(Key(name));
  return it == tables_.end() ? nullptr : it->second;
}

void SessionCatalog::PutTable(const std::vector<std::string>& name,
                              std::shared_ptr<MemoryTableSource> table) {
  plan::CatalogEntry entry;
  entry.name = name.back();
  entry.source = table;
  entry.columns = table->schema().fields();
  entries_[Key(name)] = std::move(entry);
  tables_[Key(name)] = std::move(table);
}

bool SessionCatalog::IsView(const std::vector<std::string>& name) const {
  auto it = entries_.find(Key(name));
  return it != entries_.end() && it->second.view != nullptr;
}

}  // namespace sluice::main
