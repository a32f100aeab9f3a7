// SessionCatalog: the relations a connection can name: its temporary views, the
// warehouse's tables and views, and files named as tables (csv.`path`, parquet.`path`,
// json.`path`).
// A name is `t`, `db.t` or `spark_catalog.db.t`; an unqualified one means a temporary view
// if there is one (they hide warehouse objects), else an object of the current database
// (`USE db`, for the session). Names ignore case. Not thread-safe: one connection's.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/file_system.h"
#include "main/table_sources.h"
#include "main/warehouse.h"
#include "plan/catalog.h"

namespace sluice::main {

// A warehouse object's database and name.
struct TableName {
  std::string database;
  std::string name;
};

class SessionCatalog : public plan::Catalog {
 public:
  SessionCatalog(std::shared_ptr<io::FileSystem> fs, Warehouse* warehouse,
                 std::shared_ptr<ReadRejects> rejects)
      : fs_(std::move(fs)), warehouse_(warehouse), rejects_(std::move(rejects)) {}

  Result<const plan::CatalogEntry*> Find(const std::vector<std::string>& name) const override;
  std::vector<std::string> Names() const override;
  Result<const plan::CatalogEntry*> OpenFiles(
      const std::string& format, const std::vector<std::string>& paths,
      const std::map<std::string, std::string>& options,
      const std::optional<types::Schema>& schema) const override;

  // Temporary views (named `v`, or `global_temp.v`).
  std::vector<std::string> TemporaryNames() const;
  bool HasTemporary(const std::vector<std::string>& name) const;
  void PutTemporary(const std::vector<std::string>& name, plan::CatalogEntry entry);
  bool RemoveTemporary(const std::vector<std::string>& name);

  Warehouse& warehouse() { return *warehouse_; }
  const std::string& current_database() const { return current_database_; }
  void set_current_database(std::string name) { current_database_ = std::move(name); }

  // A warehouse object's name as written (t, db.t, spark_catalog.db.t) with its database.
  Result<TableName> Qualify(const std::vector<std::string>& name) const;
  // A database's name as written (db, spark_catalog.db), lower case.
  static Result<std::string> DatabaseName(const std::vector<std::string>& name);
  // SCHEMA_NOT_FOUND unless the warehouse has the database.
  Status RequireDatabase(const std::string& database) const;

  // The context file tables are opened with (the session's time zone and case rule).
  void set_context(const functions::FunctionContext& ctx) { ctx_ = ctx; }

 private:
  // The key of a temporary view's name: `v`, or `global_temp.v` (global ones live there).
  static std::optional<std::string> TemporaryKey(const std::vector<std::string>& name);

  std::shared_ptr<io::FileSystem> fs_;
  Warehouse* warehouse_;
  std::shared_ptr<ReadRejects> rejects_;
  functions::FunctionContext ctx_;
  std::string current_database_ = kDefaultDatabase;
  std::map<std::string, plan::CatalogEntry> temporary_;
  // Warehouse tables and files opened in this session, by key.
  mutable std::map<std::string, plan::CatalogEntry> opened_;
};

}  // namespace sluice::main
