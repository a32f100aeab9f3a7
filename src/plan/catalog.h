// Catalog: what names in a query refer to: temporary views (bound plans), and tables
// (table sources). The binder only reads it; statements change it through Connection.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "plan/logical_operator.h"
#include "plan/table_source.h"

namespace sluice::plan {

struct CatalogEntry {
  std::string name;
  std::string database;                       // a stored table's or view's
  OperatorPtr view;                           // a temporary view: its bound plan
  std::string view_sql;                       // a stored view: its query, bound when used
  std::string view_sql_database;              // ... whose unqualified names resolve there
  std::shared_ptr<const TableSource> source;  // a table: its rows
  std::vector<types::Field> columns;
};

class Catalog {
 public:
  virtual ~Catalog() = default;
  // `name` as written (db.table or table); case-insensitive. Null when there is no such
  // relation; an error when there is one but it cannot be opened (its files are unreadable).
  virtual Result<const CatalogEntry*> Find(const std::vector<std::string>& name) const = 0;
  // Names of every relation (for "did you mean").
  virtual std::vector<std::string> Names() const = 0;
  // Files read as a table (read_files(...)): `format` csv, parquet or empty (by extension),
  // the reader's options, and an optional schema (CSV).
  virtual Result<const CatalogEntry*> OpenFiles(
      const std::string& format, const std::vector<std::string>& paths,
      const std::map<std::string, std::string>& options,
      const std::optional<types::Schema>& schema) const = 0;
};

}  // namespace sluice::plan
