#include "main/warehouse.h"

#include <simdjson.h>

#include "common/json_text.h"

namespace sluice::main {

namespace {

constexpr const char* kCatalogFile = "catalog.json";

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void AppendField(std::string* out, const char* key, std::string_view value, bool first = false) {
  if (!first) *out += ",";
  AppendJsonString(out, key);
  *out += ":";
  AppendJsonString(out, value);
}

}  // namespace

std::string Warehouse::Key(const std::string& name) { return Lower(name); }

Result<std::unique_ptr<Warehouse>> Warehouse::Open(std::shared_ptr<io::FileSystem> fs,
                                                   std::string dir) {
  std::unique_ptr<Warehouse> w(new Warehouse(std::move(fs), std::move(dir)));
  SLUICE_RETURN_NOT_OK(w->Load());
  return w;
}

std::string Warehouse::TableLocation(const std::string& name) const {
  return dir_ + "/" + Lower(name);
}

const StoredTable* Warehouse::FindTable(const std::string& name) const {
  auto it = tables_.find(Key(name));
  return it == tables_.end() ? nullptr : &it->second;
}

const StoredView* Warehouse::FindView(const std::string& name) const {
  auto it = views_.find(Key(name));
  return it == views_.end() ? nullptr : &it->second;
}

std::vector<std::string> Warehouse::Names() const {
  std::vector<std::string> names;
  for (const auto& [k, t] : tables_) names.push_back(t.name);
  for (const auto& [k, v] : views_) names.push_back(v.name);
  return names;
}

Status Warehouse::PutTable(StoredTable table) {
  views_.erase(Key(table.name));
  tables_[Key(table.name)] = std::move(table);
  return Save();
}

Status Warehouse::PutView(StoredView view) {
  tables_.erase(Key(view.name));
  views_[Key(view.name)] = std::move(view);
  return Save();
}

Result<bool> Warehouse::Drop(const std::string& name) {
  if (auto it = tables_.find(Key(name)); it != tables_.end()) {
    if (it->second.managed) {
      Result<io::FileInfo> info = fs_->GetInfo(it->second.location);
      if (info.ok()) SLUICE_RETURN_NOT_OK(fs_->DeleteRecursive(it->second.location));
    }
    tables_.erase(it);
    SLUICE_RETURN_NOT_OK(Save());
    return true;
  }
  if (views_.erase(Key(name)) > 0) {
    SLUICE_RETURN_NOT_OK(Save());
    return true;
  }
  return false;
}

Status Warehouse::Load() {
  const std::string path = dir_ + "/" + kCatalogFile;
  if (!fs_->GetInfo(path).ok()) return Status::OK();  // a new warehouse
  SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<io::RandomAccessFile> file, fs_->OpenRead(path));
  SLUICE_ASSIGN_OR_RAISE(std::shared_ptr<const io::ByteBuffer> bytes, file->Read(0, file->size()));
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  const auto bad = [&](const std::string& what) {
    return Status::Invalid(path + ": not a Sluice warehouse catalog (" + what + ")");
  };
  if (parser.parse(reinterpret_cast<const char*>(bytes->data()), bytes->size()).get(doc))
    return bad("invalid JSON");
  simdjson::dom::array tables, views;
  if (doc["tables"].get(tables) || doc["views"].get(views)) return bad("no tables or views");
  for (simdjson::dom::element t : tables) {
    StoredTable table;
    std::string_view name, format, location, columns;
    bool managed = true;
    if (t["name"].get(name) || t["format"].get(format) || t["location"].get(location) ||
        t["columns"].get(columns) || t["managed"].get(managed))
      return bad("a table without name, format, location, columns or managed");
    table.name = name;
    table.format = format;
    table.location = location;
    table.managed = managed;
    SLUICE_ASSIGN_OR_RAISE(table.schema, types::ParseDdlSchema(columns));
    simdjson::dom::array partition_by;
    if (!t["partition_by"].get(partition_by)) {
      for (simdjson::dom::element p : partition_by) {
        std::string_view column;
        if (p.get(column)) return bad("a partition column that is not a string");
        table.partition_by.emplace_back(column);
      }
    }
    simdjson::dom::object options;
    if (!t["options"].get(options)) {
      for (auto [key, value] : options) {
        std::string_view v;
        if (value.get(v)) return bad("an option that is not a string");
        table.options[std::string(key)] = std::string(v);
      }
    }
    tables_[Key(table.name)] = std::move(table);
  }
  for (simdjson::dom::element v : views) {
    std::string_view name, sql;
    if (v["name"].get(name) || v["sql"].get(sql)) return bad("a view without name or sql");
    views_[Key(std::string(name))] = StoredView{std::string(name), std::string(sql)};
  }
  return Status::OK();
}

Status Warehouse::Save() {
  std::string out = "{\"tables\":[";
  bool first_table = true;
  for (const auto& [key, t] : tables_) {
    out += first_table ? "{" : ",{";
    first_table = false;
    AppendField(&out, "name", t.name, true);
    AppendField(&out, "format", t.format);
    AppendField(&out, "location", t.location);
    AppendField(&out, "columns", t.schema.ToDdl());
    out += std::string(",\"managed\":") + (t.managed ? "true" : "false");
    out += ",\"partition_by\":[";
    for (size_t i = 0; i < t.partition_by.size(); ++i) {
      if (i) out += ",";
      AppendJsonString(&out, t.partition_by[i]);
    }
    out += "],\"options\":{";
    bool first_option = true;
    for (const auto& [k, v] : t.options) {
      AppendField(&out, k.c_str(), v, first_option);
      first_option = false;
    }
    out += "}}";
  }
  out += "],\"views\":[";
  bool first_view = true;
  for (const auto& [key, v] : views_) {
    out += first_view ? "{" : ",{";
    first_view = false;
    AppendField(&out, "name", v.name, true);
    AppendField(&out, "sql", v.sql);
    out += "}";
  }
  out += "]}\n";
  SLUICE_RETURN_NOT_OK(fs_->CreateDirs(dir_));
  const std::string path = dir_ + "/" + kCatalogFile;
  const std::string temp = path + ".tmp";
  {
    SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<io::WritableFile> file, fs_->OpenWrite(temp));
    SLUICE_RETURN_NOT_OK(file->Append(out));
    SLUICE_RETURN_NOT_OK(file->Sync());
    SLUICE_RETURN_NOT_OK(file->Close());
  }
  return fs_->Rename(temp, path);
}

}  // namespace sluice::main
