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
#include "dataset/dataset_writer.h"
#include "exec/batch_store.h"
#include "io/file_system.h"
#include "main/session_catalog.h"
#include "main/session_settings.h"
#include "sql/ast_statement.h"
#include "vector/batch.h"

namespace sluice::exec {
class Executor;
}  // namespace sluice::exec

namespace sluice::main {

struct QueryResult {
  std::shared_ptr<const types::Schema> schema;
  // In memory, or partly in spill files when larger than the query's memory: read in order.
  exec::BatchStore rows;
  // False for commands (CREATE, INSERT, SET key=value, ...), which print nothing.
  bool returns_rows = false;

  size_t num_rows() const;
};

class Database {
 public:
  // `warehouse_dir`: where tables and views persist (created when first written).
  static Result<std::unique_ptr<Database>> Open(std::shared_ptr<io::FileSystem> fs,
                                                std::string warehouse_dir);
  const std::shared_ptr<io::FileSystem>& file_system() const { return fs_; }
  Warehouse& warehouse() { return *warehouse_; }

 private:
  Database(std::shared_ptr<io::FileSystem> fs, std::unique_ptr<Warehouse> warehouse)
      : fs_(std::move(fs)), warehouse_(std::move(warehouse)) {}
  std::shared_ptr<io::FileSystem> fs_;
  std::unique_ptr<Warehouse> warehouse_;
};

// The last query's memory: the most its operators held at once, and what they still held
// when it ended (zero unless a reservation outlived its operator, even after an error).
struct QueryMemory {
  int64_t peak = 0;
  int64_t held_at_end = 0;
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
  const std::shared_ptr<io::FileSystem>& file_system() const { return db_.file_system(); }
  // The columns a query would return, without running it.
  Result<std::vector<types::Field>> OutputOf(std::string_view query);
  // Where reads send rejected rows (`--rejects`), and what they rejected since last asked.
  void set_reject_sink(std::shared_ptr<formats::RejectSink> sink) {
    rejects_->set_sink(std::move(sink));
  }
  formats::RejectsSummary TakeRejects() { return rejects_->Take(); }
  // A flag that, once set, stops the running statement with a Cancelled error (Ctrl-C).
  void set_cancel_flag(const std::atomic<bool>* flag) { cancel_flag_ = flag; }
  const QueryMemory& last_query_memory() const { return last_query_memory_; }

 private:
  Result<QueryResult> ExecuteStatement(const sql::Statement& s, std::string_view text);
  Result<QueryResult> CreateTable(const sql::CreateTable& t, std::string_view text,
                                  const functions::FunctionContext& ctx);
  Result<QueryResult> Insert(const sql::Insert& ins, std::string_view text,
                             const functions::FunctionContext& ctx);
  Result<QueryResult> InsertDirectory(const sql::InsertDirectory& ins, std::string_view text,
                                      const functions::FunctionContext& ctx);
  Result<QueryResult> AlterTablePartitions(const sql::AlterTablePartitions& a,
                                           const functions::FunctionContext& ctx);
  Result<QueryResult> Drop(const sql::Drop& d);
  // Databases (connection_databases.cc), and the listings that depend on them.
  Result<QueryResult> CreateDatabase(const sql::CreateDatabase& c);
  Result<QueryResult> DropDatabase(const sql::Drop& d);
  Result<QueryResult> Use(const sql::Use& u);
  Result<QueryResult> DescribeDatabase(const sql::Describe& d);
  Result<QueryResult> ShowDatabases(const sql::Show& show);
  Result<QueryResult> ShowTables(const sql::Show& show);
  Result<QueryResult> ShowPartitions(const sql::Show& show);
  // A context for one statement: the session's settings and current database.
  functions::FunctionContext MakeContext() const;
  // Writes a query's rows into a stored table (casts to its types, partition folders).
  Status WriteRows(const plan::OperatorPtr& query, const StoredTable& table, formats::SaveMode mode,
                   const std::vector<std::pair<std::string, std::string>>& static_values,
                   const functions::FunctionContext& ctx);
  Result<plan::OperatorPtr> Bind(const sql::Query& q, std::string_view text,
                                 const functions::FunctionContext& ctx);
  // Runs a plan on `executor` (made with the session's memory limit), noting its memory.
  Result<exec::BatchStore> Run(exec::Executor& executor, const plan::LogicalOperator& plan);
  // A plan about to run, optimized unless the session turned the optimizer off.
  Result<plan::OperatorPtr> Optimize(const plan::OperatorPtr& plan) const;

  Database& db_;
  SessionSettings settings_;
  std::shared_ptr<ReadRejects> rejects_;  // before catalog_, which shares it
  SessionCatalog catalog_;
  const std::atomic<bool>* cancel_flag_ = nullptr;
  QueryMemory last_query_memory_;
};

}  // namespace sluice::main
