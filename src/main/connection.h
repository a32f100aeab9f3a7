// Database and Connection: the engine's entry point. A Connection runs SQL scripts
// statement by statement against its session (settings, temporary views, tables) and
// returns each statement's result.
// A Database may be shared by connections; a Connection belongs to one thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "io/file_system.h"
#include "main/session_catalog.h"
#include "main/session_settings.h"
#include "sql/ast_statement.h"
#include "vector/batch.h"

namespace sluice::main {

struct QueryResult {
  std::shared_ptr<const types::Schema> schema;
  std::vector<vector::Batch> batches;
  // False for commands (CREATE, INSERT, SET key=value, ...), which print nothing.
  bool returns_rows = false;

  size_t num_rows() const;
};

class Database {
 public:
  explicit Database(std::shared_ptr<io::FileSystem> fs) : fs_(std::move(fs)) {}
  const std::shared_ptr<io::FileSystem>& file_system() const { return fs_; }

 private:
  std::shared_ptr<io::FileSystem> fs_;
};

class Connection {
 public:
  explicit Connection(Database& db);

  // Runs each `;`-separated statement in order; stops at the first error. `on_result` is
  // called after each statement (for printing as results arrive).
  Status Execute(std::string_view script,
                 const std::function<Status(const QueryResult&)>& on_result);
  // Runs a script and returns the last statement's result.
  Result<QueryResult> Sql(std::string_view script);

  SessionSettings& settings() { return settings_; }

 private:
  Result<QueryResult> ExecuteStatement(const sql::Statement& s, std::string_view text);

  Database& db_;
  SessionSettings settings_;
  SessionCatalog catalog_;
};

}  // namespace sluice::main
