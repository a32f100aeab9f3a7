// Warehouse: the tables and views that outlive a session, in a folder (`--warehouse DIR`,
// default ./sluice-warehouse): `catalog.json` lists each table (format, location, columns,
// partition columns, options) and each view (its SQL text); a managed table's files live in
// DIR/<name>/ as Spark lays them out (Hive partition folders, part files).
// catalog.json is rewritten whole through a temporary file and a rename, so a crash leaves
// the previous version. Not thread-safe; one process at a time owns a warehouse.
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

struct StoredTable {
  std::string name;
  std::string format = "parquet";  // parquet or csv
  std::string location;            // absolute or relative to the working folder
  types::Schema schema;            // data columns, then partition columns
  std::vector<std::string> partition_by;
  std::map<std::string, std::string> options;
  bool managed = true;  // DROP deletes the files
};

struct StoredView {
  std::string name;
  std::string sql;  // the query
};

class Warehouse {
 public:
  // Opens (or creates on first write) the warehouse in `dir`.
  static Result<std::unique_ptr<Warehouse>> Open(std::shared_ptr<io::FileSystem> fs,
                                                 std::string dir);

  const std::string& dir() const { return dir_; }
  // The default location of a managed table.
  std::string TableLocation(const std::string& name) const;

  const StoredTable* FindTable(const std::string& name) const;
  const StoredView* FindView(const std::string& name) const;
  std::vector<std::string> Names() const;

  Status PutTable(StoredTable table);
  Status PutView(StoredView view);
  // Removes the entry (and a managed table's files); false when there was none.
  Result<bool> Drop(const std::string& name);

 private:
  Warehouse(std::shared_ptr<io::FileSystem> fs, std::string dir)
      : fs_(std::move(fs)), dir_(std::move(dir)) {}
  Status Load();
  Status Save();
  static std::string Key(const std::string& name);

  std::shared_ptr<io::FileSystem> fs_;
  std::string dir_;
  std::map<std::string, StoredTable> tables_;
  std::map<std::string, StoredView> views_;
};

}  // namespace sluice::main
