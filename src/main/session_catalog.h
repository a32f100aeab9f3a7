// SessionCatalog: the relations a connection can name: temporary views, tables the session
// created, and files named as tables (csv.`path`, parquet.`path`). Names ignore case.
// Not thread-safe: one connection's.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "io/file_system.h"
#include "main/table_sources.h"
#include "plan/catalog.h"

namespace sluice::main {

class SessionCatalog : public plan::Catalog {
 public:
  explicit SessionCatalog(std::shared_ptr<io::FileSystem> fs) : fs_(std::move(fs)) {}

  Result<const plan::CatalogEntry*> Find(const std::vector<std::string>& name) const override;
  std::vector<std::string> Names() const override;

  bool Contains(const std::vector<std::string>& name) const;
  void Put(const std::vector<std::string>& name, plan::CatalogEntry entry);
  bool Remove(const std::vector<std::string>& name);
  // The session's table of that name, if it is one.
  std::shared_ptr<MemoryTableSource> Table(const std::vector<std::string>& name) const;
  void PutTable(const std::vector<std::string>& name, std::shared_ptr<MemoryTableSource> table);
  // Whether the entry is a view (else a table).
  bool IsView(const std::vector<std::string>& name) const;

  // The context file tables are opened with (the session's time zone and case rule).
  void set_context(const functions::FunctionContext& ctx) { ctx_ = ctx; }
  const std::shared_ptr<io::FileSystem>& file_system() const { return fs_; }

 private:
  static std::string Key(const std::vector<std::string>& name);
  std::shared_ptr<io::FileSystem> fs_;
  functions::FunctionContext ctx_;
  std::map<std::string, plan::CatalogEntry> entries_;
  std::map<std::string, std::shared_ptr<MemoryTableSource>> tables_;
  mutable std::map<std::string, plan::CatalogEntry> files_;  // csv.`path` opened once
};

}  // namespace sluice::main
