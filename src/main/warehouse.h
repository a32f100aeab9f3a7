// Warehouse: the databases, tables and views that outlive a session, in a folder
// (`--warehouse DIR`, default ./sluice-warehouse), laid out as Spark's Hive-less catalog:
// `catalog.json` lists each database (comment, location, properties), table (format,
// location, columns, partition columns, options) and view (its SQL text); a managed table's
// files live in DIR/<table>/ for the default database and DIR/<db>.db/<table>/ (or under the
// database's LOCATION) for the others, as Spark lays them out (Hive partition folders).
//
// Several processes may share a warehouse. Every change happens under an exclusive lock
// (flock on DIR/.catalog.lock) taken by Lock(), which re-reads catalog.json first, so that a
// change another process made meanwhile is seen; catalog.json is rewritten whole through a
// temporary file and a rename, so readers (Refresh, without the lock) see one version or the
// next, and a crash leaves the previous one. Not thread-safe: one connection's object.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "io/file_system.h"
#include "types/schema.h"

namespace sluice::main {

constexpr const char* kDefaultDatabase = "default";

struct StoredDatabase {
  std::string name;  // lower case, as Spark stores it
  std::string comment;
  std::string location;  // empty: the default (DIR for default, DIR/<name>.db otherwise)
  std::string owner;
  std::map<std::string, std::string> properties;  // WITH DBPROPERTIES
};

struct StoredTable {
  std::string database = kDefaultDatabase;
  std::string name;
  std::string format = "parquet";  // parquet, csv or json
  std::string location;            // absolute or relative to the working folder
  types::Schema schema;            // data columns, then partition columns
  std::vector<std::string> partition_by;
  std::map<std::string, std::string> options;
  bool managed = true;  // DROP deletes the files
};

struct StoredView {
  std::string database = kDefaultDatabase;
  std::string name;
  std::string sql;  // the query
  // Where the query's unqualified names resolve: the current database when it was created.
  std::string sql_database = kDefaultDatabase;
};

class Warehouse {
 public:
  // Opens (or creates on first write) the warehouse in `dir`.
  static Result<std::unique_ptr<Warehouse>> Open(std::shared_ptr<io::FileSystem> fs,
                                                 std::string dir);

  const std::string& dir() const { return dir_; }

  // Re-reads catalog.json when it changed (another process wrote it): the catalog as of now.
  Status Refresh();
  // Waits for the warehouse's exclusive lock, then re-reads catalog.json. Every change
  // (Put*, Drop*) needs the lock held; it is released when the returned object dies.
  Result<std::unique_ptr<io::FileLock>> Lock();

  // Names are matched case-insensitively; databases are looked up by their lower-case name.
  const StoredDatabase* FindDatabase(const std::string& name) const;
  std::vector<std::string> DatabaseNames() const;  // sorted
  // The folder a database's managed tables go in, and a managed table's default location.
  std::string DatabaseLocation(const StoredDatabase& db) const;
  std::string TableLocation(const std::string& database, const std::string& name) const;

  const StoredTable* FindTable(const std::string& database, const std::string& name) const;
  const StoredView* FindView(const std::string& database, const std::string& name) const;
  // The tables and views of a database, sorted by name.
  std::vector<std::string> Names(const std::string& database) const;

  Status PutDatabase(StoredDatabase db);
  // Removes a database with its tables and views (managed tables' files too) and its
  // folder when that is left empty. The caller checks that it exists and may be dropped.
  Status DropDatabase(const std::string& name);
  Status PutTable(StoredTable table);
  Status PutView(StoredView view);
  // Removes the entry (and a managed table's files); false when there was none.
  Result<bool> Drop(const std::string& database, const std::string& name);

 private:
  struct Contents {
    std::map<std::string, StoredDatabase> databases;  // by name; default always there
    std::map<std::string, StoredTable> tables;        // by Key(database, name)
    std::map<std::string, StoredView> views;
  };

  Warehouse(std::shared_ptr<io::FileSystem> fs, std::string dir)
      : fs_(std::move(fs)), dir_(std::move(dir)) {}
  Status Save();
  Status DeleteTableFiles(const StoredTable& table);
  static std::string Key(const std::string& database, const std::string& name);
  static Result<Contents> Parse(const std::string& path, std::string_view bytes);
  static std::string Serialize(const Contents& contents);

  std::shared_ptr<io::FileSystem> fs_;
  std::string dir_;
  Contents contents_;
  // The catalog.json bytes contents_ came from; none after a failed save (re-read then).
  std::optional<std::string> loaded_;
  bool locked_ = false;
};

}  // namespace sluice::main
