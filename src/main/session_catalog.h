// SessionCatalog: the relations a connection can name: its temporary views, the
// warehouse's tables and views, and files named as tables (csv.`path`, parquet.`path`).
// Temporary views hide warehouse objects of the same name. Names ignore case.
// Not thread-safe: one connection's.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "io/file_system.h"
#include "main/table_sources.h"
#include "main/warehouse.h"
#include "plan/catalog.h"

namespace sluice::main {

class SessionCatalog : public plan::Catalog {
 public:
  SessionCatalog(std::shared_ptr<io::FileSystem> fs, Warehouse* warehouse,
                 std::shared_ptr<ReadRejects> rejects)
      : fs_(std::move(fs)), warehouse_(warehouse), rejects_(std::move(rejects)) {}

  Result<const plan::CatalogEntry*> Find(const std::vector<std::string>& name) const override;
  std::vector<std::string> Names() const override;

  // Temporary views.
  bool HasTemporary(const std::vector<std::string>& name) const;
  void PutTemporary(const std::vector<std::string>& name, plan::CatalogEntry entry);
  bool RemoveTemporary(const std::vector<std::string>& name);

  Warehouse& warehouse() { return *warehouse_; }
  // The name of a warehouse object (db.t and default.t are t).
  static std::string ObjectName(const std::vector<std::string>& name);

  // The context file tables are opened with (the session's time zone and case rule).
  void set_context(const functions::FunctionContext& ctx) { ctx_ = ctx; }

 private:
  std::shared_ptr<io::FileSystem> fs_;
  Warehouse* warehouse_;
  std::shared_ptr<ReadRejects> rejects_;
  functions::FunctionContext ctx_;
  std::map<std::string, plan::CatalogEntry> temporary_;
  // Warehouse tables and files opened in this session, by key.
  mutable std::map<std::string, plan::CatalogEntry> opened_;
};

}  // namespace sluice::main
