#include "main/warehouse.h"

#include <simdjson.h>

#include <algorithm>

#include "common/check.h"
#include "common/json_text.h"
#include "common/text.h"

namespace sluice::main {

namespace {

constexpr const char* kCatalogFile = "catalog.json";
constexpr const char* kLockFile = ".catalog.lock";

void AppendField(std::string* out, const char* key, std::string_view value, bool first = false) {
  if (!first) *out += ",";
  AppendJsonString(out, key);
  *out += ":";
  AppendJsonString(out, value);
}

void AppendMap(std::string* out, const char* key, const std::map<std::string, std::string>& map) {
  *out += ",";
  AppendJsonString(out, key);
  *out += ":{";
  bool first = true;
  for (const auto& [k, v] : map) {
    AppendField(out, k.c_str(), v, first);
    first = false;
  }
  *out += "}";
}

StoredDatabase DefaultDatabase() {
  StoredDatabase db;
  db.name = kDefaultDatabase;
  db.comment = "default database";
  return db;
}

// The file lock, and the warehouse's note that it is held.
class WarehouseLock : public io::FileLock {
 public:
  WarehouseLock(std::unique_ptr<io::FileLock> lock, bool* locked)
      : lock_(std::move(lock)), locked_(locked) {
    *locked_ = true;
  }
  ~WarehouseLock() override { *locked_ = false; }

 private:
  std::unique_ptr<io::FileLock> lock_;
  bool* locked_;
};

}  // namespace

std::string Warehouse::Key(const std::string& database, const std::string& name) {
  return AsciiLower(database) + "." + AsciiLower(name);
}

Result<std::unique_ptr<Warehouse>> Warehouse::Open(std::shared_ptr<io::FileSystem> fs,
                                                   std::string dir) {
  std::unique_ptr<Warehouse> w(new Warehouse(std::move(fs), std::move(dir)));
  SLUICE_RETURN_NOT_OK(w->Refresh());
  return w;
}

Status Warehouse::Refresh() {
  const std::string path = dir_ + "/" + kCatalogFile;
  std::string bytes;
  if (fs_->Exists(path)) {
    SLUICE_ASSIGN_OR_RAISE(bytes, fs_->ReadAll(path));
  }
  if (bytes == loaded_) return Status::OK();
  Contents contents;
  if (bytes.empty()) {
    contents.databases[kDefaultDatabase] = DefaultDatabase();
  } else {
    SLUICE_ASSIGN_OR_RAISE(contents, Parse(path, bytes));
  }
  contents_ = std::move(contents);
  loaded_ = std::move(bytes);
  return Status::OK();
}

Result<std::unique_ptr<io::FileLock>> Warehouse::Lock() {
  SLUICE_CHECK(!locked_);  // a second lock in one process would wait for the first forever
  SLUICE_RETURN_NOT_OK(fs_->CreateDirs(dir_));
  SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<io::FileLock> lock,
                         fs_->LockExclusive(dir_ + "/" + kLockFile));
  auto held = std::make_unique<WarehouseLock>(std::move(lock), &locked_);
  SLUICE_RETURN_NOT_OK(Refresh());
  return std::unique_ptr<io::FileLock>(std::move(held));
}

const StoredDatabase* Warehouse::FindDatabase(const std::string& name) const {
  auto it = contents_.databases.find(AsciiLower(name));
  return it == contents_.databases.end() ? nullptr : &it->second;
}

std::vector<std::string> Warehouse::DatabaseNames() const {
  std::vector<std::string> names;
  for (const auto& [name, db] : contents_.databases) names.push_back(name);
  return names;
}

std::string Warehouse::DatabaseLocation(const StoredDatabase& db) const {
  if (!db.location.empty()) return db.location;
  return db.name == kDefaultDatabase ? dir_ : dir_ + "/" + db.name + ".db";
}

std::string Warehouse::TableLocation(const std::string& database, const std::string& name) const {
  const StoredDatabase* db = FindDatabase(database);
  SLUICE_CHECK(db != nullptr);
  return DatabaseLocation(*db) + "/" + AsciiLower(name);
}

const StoredTable* Warehouse::FindTable(const std::string& database,
                                        const std::string& name) const {
  auto it = contents_.tables.find(Key(database, name));
  return it == contents_.tables.end() ? nullptr : &it->second;
}

const StoredView* Warehouse::FindView(const std::string& database, const std::string& name) const {
  auto it = contents_.views.find(Key(database, name));
  return it == contents_.views.end() ? nullptr : &it->second;
}

std::vector<std::string> Warehouse::Names(const std::string& database) const {
  std::vector<std::string> names;
  const std::string db = AsciiLower(database);
  for (const auto& [k, t] : contents_.tables)
    if (AsciiLower(t.database) == db) names.push_back(t.name);
  for (const auto& [k, v] : contents_.views)
    if (AsciiLower(v.database) == db) names.push_back(v.name);
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    return AsciiLower(a) < AsciiLower(b);
  });
  return names;
}

Status Warehouse::PutDatabase(StoredDatabase db) {
  SLUICE_CHECK(locked_);
  db.name = AsciiLower(db.name);
  contents_.databases[db.name] = std::move(db);
  return Save();
}

Status Warehouse::DropDatabase(const std::string& name) {
  SLUICE_CHECK(locked_);
  const std::string db = AsciiLower(name);
  auto it = contents_.databases.find(db);
  if (it == contents_.databases.end()) return Status::OK();
  const std::string location = DatabaseLocation(it->second);
  // The catalog first: a failure deleting files leaves files, never entries without them.
  std::vector<StoredTable> dropped;
  for (auto t = contents_.tables.begin(); t != contents_.tables.end();) {
    if (AsciiLower(t->second.database) == db) {
      dropped.push_back(std::move(t->second));
      t = contents_.tables.erase(t);
    } else {
      ++t;
    }
  }
  std::erase_if(contents_.views,
                [&](const auto& v) { return AsciiLower(v.second.database) == db; });
  contents_.databases.erase(it);
  SLUICE_RETURN_NOT_OK(Save());
  for (const StoredTable& t : dropped) SLUICE_RETURN_NOT_OK(DeleteTableFiles(t));
  // Its folder goes only when empty: a LOCATION may hold files that are not Sluice's.
  Result<std::vector<io::FileInfo>> left = fs_->ListDir(location);
  if (left.ok() && left->empty()) SLUICE_RETURN_NOT_OK(fs_->Delete(location));
  return Status::OK();
}

Status Warehouse::PutTable(StoredTable table) {
  SLUICE_CHECK(locked_);
  table.database = AsciiLower(table.database);
  const std::string key = Key(table.database, table.name);
  contents_.views.erase(key);
  contents_.tables[key] = std::move(table);
  return Save();
}

Status Warehouse::PutView(StoredView view) {
  SLUICE_CHECK(locked_);
  view.database = AsciiLower(view.database);
  const std::string key = Key(view.database, view.name);
  contents_.tables.erase(key);
  contents_.views[key] = std::move(view);
  return Save();
}

Status Warehouse::DeleteTableFiles(const StoredTable& table) {
  if (!table.managed || !fs_->Exists(table.location)) return Status::OK();
  return fs_->DeleteRecursive(table.location);
}

Result<bool> Warehouse::Drop(const std::string& database, const std::string& name) {
  SLUICE_CHECK(locked_);
  const std::string key = Key(database, name);
  if (auto it = contents_.tables.find(key); it != contents_.tables.end()) {
    StoredTable table = std::move(it->second);
    contents_.tables.erase(it);
    SLUICE_RETURN_NOT_OK(Save());
    SLUICE_RETURN_NOT_OK(DeleteTableFiles(table));
    return true;
  }
  if (contents_.views.erase(key) > 0) {
    SLUICE_RETURN_NOT_OK(Save());
    return true;
  }
  return false;
}

Result<Warehouse::Contents> Warehouse::Parse(const std::string& path, std::string_view bytes) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  const auto bad = [&](const std::string& what) {
    return Status::Invalid(path + ": not a Sluice warehouse catalog (" + what + ")");
  };
  const auto read_map = [&](simdjson::dom::element e, const char* key,
                            std::map<std::string, std::string>* out) -> Status {
    simdjson::dom::object object;
    if (e[key].get(object)) return Status::OK();  // absent
    for (auto [k, value] : object) {
      std::string_view v;
      if (value.get(v)) return bad(std::string("a value in ") + key + " that is not a string");
      (*out)[std::string(k)] = std::string(v);
    }
    return Status::OK();
  };
  // Catalogs written before databases existed have no "database" fields: default.
  const auto database_of = [](simdjson::dom::element e) {
    std::string_view db;
    if (e["database"].get(db)) db = kDefaultDatabase;
    return AsciiLower(std::string(db));
  };
  if (parser.parse(bytes.data(), bytes.size()).get(doc)) return bad("invalid JSON");
  Contents contents;
  contents.databases[kDefaultDatabase] = DefaultDatabase();
  simdjson::dom::array databases;
  if (!doc["databases"].get(databases)) {
    for (simdjson::dom::element d : databases) {
      StoredDatabase db;
      std::string_view name, comment, location, owner;
      if (d["name"].get(name)) return bad("a database without a name");
      db.name = AsciiLower(std::string(name));
      if (!d["comment"].get(comment)) db.comment = comment;
      if (!d["location"].get(location)) db.location = location;
      if (!d["owner"].get(owner)) db.owner = owner;
      SLUICE_RETURN_NOT_OK(read_map(d, "properties", &db.properties));
      contents.databases[db.name] = std::move(db);
    }
  }
  simdjson::dom::array tables, views;
  if (doc["tables"].get(tables) || doc["views"].get(views)) return bad("no tables or views");
  for (simdjson::dom::element t : tables) {
    StoredTable table;
    std::string_view name, format, location, columns;
    bool managed = true;
    if (t["name"].get(name) || t["format"].get(format) || t["location"].get(location) ||
        t["columns"].get(columns) || t["managed"].get(managed))
      return bad("a table without name, format, location, columns or managed");
    table.database = database_of(t);
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
    SLUICE_RETURN_NOT_OK(read_map(t, "options", &table.options));
    if (!contents.databases.count(table.database))
      return bad("table " + table.name + " in an unknown database " + table.database);
    contents.tables[Key(table.database, table.name)] = std::move(table);
  }
  for (simdjson::dom::element v : views) {
    StoredView view;
    std::string_view name, sql, sql_database = kDefaultDatabase;
    if (v["name"].get(name) || v["sql"].get(sql)) return bad("a view without name or sql");
    if (v["sql_database"].get(sql_database)) sql_database = kDefaultDatabase;
    view.database = database_of(v);
    view.name = name;
    view.sql = sql;
    view.sql_database = sql_database;
    if (!contents.databases.count(view.database))
      return bad("view " + view.name + " in an unknown database " + view.database);
    contents.views[Key(view.database, view.name)] = std::move(view);
  }
  return contents;
}

std::string Warehouse::Serialize(const Contents& contents) {
  std::string out = "{\"databases\":[";
  bool first = true;
  for (const auto& [name, db] : contents.databases) {
    if (name == kDefaultDatabase) continue;  // always there
    out += first ? "{" : ",{";
    first = false;
    AppendField(&out, "name", db.name, true);
    AppendField(&out, "comment", db.comment);
    AppendField(&out, "location", db.location);
    AppendField(&out, "owner", db.owner);
    AppendMap(&out, "properties", db.properties);
    out += "}";
  }
  out += "],\"tables\":[";
  first = true;
  for (const auto& [key, t] : contents.tables) {
    out += first ? "{" : ",{";
    first = false;
    AppendField(&out, "database", t.database, true);
    AppendField(&out, "name", t.name);
    AppendField(&out, "format", t.format);
    AppendField(&out, "location", t.location);
    AppendField(&out, "columns", t.schema.ToDdl());
    out += std::string(",\"managed\":") + (t.managed ? "true" : "false");
    out += ",\"partition_by\":[";
    for (size_t i = 0; i < t.partition_by.size(); ++i) {
      if (i) out += ",";
      AppendJsonString(&out, t.partition_by[i]);
    }
    out += "]";
    AppendMap(&out, "options", t.options);
    out += "}";
  }
  out += "],\"views\":[";
  first = true;
  for (const auto& [key, v] : contents.views) {
    out += first ? "{" : ",{";
    first = false;
    AppendField(&out, "database", v.database, true);
    AppendField(&out, "name", v.name);
    AppendField(&out, "sql", v.sql);
    AppendField(&out, "sql_database", v.sql_database);
    out += "}";
  }
  out += "]}\n";
  return out;
}

Status Warehouse::Save() {
  std::string out = Serialize(contents_);
  loaded_.reset();  // until the rename succeeds, contents_ may differ from the file
  const std::string path = dir_ + "/" + kCatalogFile;
  const std::string temp = path + ".tmp";
  {
    SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<io::WritableFile> file, fs_->OpenWrite(temp));
    SLUICE_RETURN_NOT_OK(file->Append(out));
    SLUICE_RETURN_NOT_OK(file->Sync());
    SLUICE_RETURN_NOT_OK(file->Close());
  }
  SLUICE_RETURN_NOT_OK(fs_->Rename(temp, path));
  loaded_ = std::move(out);
  return Status::OK();
}

}  // namespace sluice::main
