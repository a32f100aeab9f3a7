// The statements of Connection about databases (namespaces): CREATE / DROP DATABASE, USE,
// DESCRIBE DATABASE, SHOW DATABASES, and SHOW TABLES / VIEWS, which list one database.
#include <cstdlib>
#include <filesystem>

#include "common/text.h"
#include "main/connection.h"
#include "main/statement_results.h"

namespace sluice::main {

namespace {

// Spark shows a location as a URI: file: and the absolute path.
std::string LocationUri(const std::string& path) {
  return "file:" + std::filesystem::absolute(path).lexically_normal().string();
}

}  // namespace

Result<QueryResult> Connection::CreateDatabase(const sql::CreateDatabase& c) {
  SLUICE_ASSIGN_OR_RAISE(std::string name, SessionCatalog::DatabaseName(c.name));
  Warehouse& warehouse = db_.warehouse();
  SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<io::FileLock> lock, warehouse.Lock());
  if (warehouse.FindDatabase(name) != nullptr) {
    if (c.if_not_exists) return CommandResult();
    return Status::Invalid("[SCHEMA_ALREADY_EXISTS] Cannot create schema `" + name +
                           "` because it already exists.\nChoose a different name, drop the "
                           "existing schema, or add the IF NOT EXISTS clause to tolerate "
                           "pre-existing schema.");
  }
  StoredDatabase db;
  db.name = name;
  db.comment = c.comment.value_or("");
  db.location = c.location.value_or("");
  const char* user = std::getenv("USER");
  db.owner = user != nullptr ? user : "";
  for (const auto& [k, v] : c.properties) db.properties[k] = v;
  // Spark creates the folder with the database.
  SLUICE_RETURN_NOT_OK(db_.file_system()->CreateDirs(warehouse.DatabaseLocation(db)));
  SLUICE_RETURN_NOT_OK(warehouse.PutDatabase(std::move(db)));
  return CommandResult();
}

Result<QueryResult> Connection::DropDatabase(const sql::Drop& d) {
  SLUICE_ASSIGN_OR_RAISE(std::string name, SessionCatalog::DatabaseName(d.name));
  if (name == kDefaultDatabase)
    return Status::Invalid(
        "[UNSUPPORTED_FEATURE.DROP_DATABASE] The feature is not supported: Drop the default "
        "database `default`.");
  Warehouse& warehouse = db_.warehouse();
  SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<io::FileLock> lock, warehouse.Lock());
  if (warehouse.FindDatabase(name) == nullptr) {
    if (d.if_exists) return CommandResult();
    return catalog_.RequireDatabase(name);
  }
  if (!d.cascade && !warehouse.Names(name).empty())
    return Status::Invalid("[SCHEMA_NOT_EMPTY] Cannot drop a schema `" + name +
                           "` because it contains objects.\nUse DROP SCHEMA ... CASCADE to drop "
                           "the schema and all its objects.");
  SLUICE_RETURN_NOT_OK(warehouse.DropDatabase(name));
  return CommandResult();
}

Result<QueryResult> Connection::Use(const sql::Use& u) {
  // USE spark_catalog names the (only) catalog: the database stays.
  if (u.name.size() == 1 && AsciiLower(u.name[0]) == "spark_catalog" &&
      db_.warehouse().FindDatabase("spark_catalog") == nullptr)
    return CommandResult();
  SLUICE_ASSIGN_OR_RAISE(std::string name, SessionCatalog::DatabaseName(u.name));
  SLUICE_RETURN_NOT_OK(catalog_.RequireDatabase(name));
  catalog_.set_current_database(name);
  return CommandResult();
}

Result<QueryResult> Connection::DescribeDatabase(const sql::Describe& d) {
  SLUICE_ASSIGN_OR_RAISE(std::string name, SessionCatalog::DatabaseName(d.name));
  SLUICE_RETURN_NOT_OK(catalog_.RequireDatabase(name));
  const StoredDatabase& db = *db_.warehouse().FindDatabase(name);
  std::vector<std::vector<std::string>> rows = {
      {"Catalog Name", "spark_catalog"},
      {"Database Name", db.name},
      {"Comment", db.comment},
      {"Location", LocationUri(db_.warehouse().DatabaseLocation(db))},
      {"Owner", db.owner}};
  if (d.extended) {
    // Spark prints the properties as a Scala sequence of pairs, sorted by key.
    std::string properties;
    for (const auto& [k, v] : db.properties)
      properties += (properties.empty() ? "(" : ", ") + ("(" + k + "," + v + ")");
    if (!properties.empty()) properties += ")";
    rows.push_back({"Properties", properties});
  }
  return TextRows({"info_name", "info_value"}, rows);
}

Result<QueryResult> Connection::ShowDatabases(const sql::Show& show) {
  std::vector<std::vector<std::string>> rows;
  for (const std::string& n : db_.warehouse().DatabaseNames())
    if (!show.pattern || MatchesShowPattern(*show.pattern, n)) rows.push_back({n});
  return TextRows({"namespace"}, rows);
}

Result<QueryResult> Connection::ShowTables(const sql::Show& show) {
  std::string database = catalog_.current_database();
  if (!show.name.empty()) {
    SLUICE_ASSIGN_OR_RAISE(database, SessionCatalog::DatabaseName(show.name));
  }
  SLUICE_RETURN_NOT_OK(catalog_.RequireDatabase(database));
  const bool views = show.what == sql::Show::What::kViews;
  const auto shown = [&](const std::string& n) {
    return !show.pattern || MatchesShowPattern(*show.pattern, n);
  };
  // The database's objects, then the temporary views, each sorted by name (as Spark).
  std::vector<std::vector<std::string>> rows;
  for (const std::string& n : db_.warehouse().Names(database)) {
    if (views && db_.warehouse().FindView(database, n) == nullptr) continue;
    if (shown(n)) rows.push_back({database, n, "false"});
  }
  for (const std::string& n : catalog_.TemporaryNames())
    if (shown(n)) rows.push_back({"", n, "true"});
  return TextRows({"namespace", views ? "viewName" : "tableName", "isTemporary"}, rows);
}

}  // namespace sluice::main
