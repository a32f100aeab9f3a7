// AST of Spark SQL statements: queries, DDL (views, tables, databases), INSERT, SET,
// SHOW / DESCRIBE / EXPLAIN and the cache commands. Immutable after parsing.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sql/ast_query.h"

namespace sluice::sql {

enum class StatementKind {
  kQuery,
  kCreateView,
  kCreateTable,
  kInsert,
  kInsertDirectory,
  kAlterTablePartitions,
  kDrop,
  kSet,
  kReset,
  kUse,
  kCreateDatabase,
  kShow,
  kDescribe,
  kExplain,
  kCache,
  kUncache,
  kClearCache,
};

struct Statement {
  explicit Statement(StatementKind k, SourcePos p) : kind(k), pos(p) {}
  virtual ~Statement() = default;
  template <typename T>
  const T& As() const {
    SLUICE_CHECK(kind == T::kKind);
    return static_cast<const T&>(*this);
  }
  const StatementKind kind;
  SourcePos pos;
};
using StatementPtr = std::unique_ptr<Statement>;

template <StatementKind K>
struct StatementOf : Statement {
  static constexpr StatementKind kKind = K;
  explicit StatementOf(SourcePos p) : Statement(K, p) {}
};

// key 'value' pairs of OPTIONS, TBLPROPERTIES, DBPROPERTIES (values as text, as in Spark).
using PropertyList = std::vector<std::pair<std::string, std::string>>;

// A column in CREATE TABLE / CREATE VIEW: the type is absent in a view's column list.
struct ColumnDefinition {
  SourcePos pos;
  std::string name;
  std::optional<types::LogicalType> type;
  bool nullable = true;
  std::optional<std::string> comment;
};

// PARTITION (a = 1, b): a static value or only the name (dynamic).
struct PartitionSpecItem {
  SourcePos pos;
  std::string column;
  ExprPtr value;  // null: dynamic
};
using PartitionSpec = std::vector<PartitionSpecItem>;

struct QueryStatement : StatementOf<StatementKind::kQuery> {
  using StatementOf::StatementOf;
  QueryPtr query;
};

// CREATE [OR REPLACE] [[GLOBAL] TEMPORARY] VIEW [IF NOT EXISTS] v [(cols)]
//   { [COMMENT c] [TBLPROPERTIES (..)] AS query | USING fmt [OPTIONS (..)] }.
struct CreateView : StatementOf<StatementKind::kCreateView> {
  using StatementOf::StatementOf;
  bool or_replace = false;
  bool temporary = false;
  bool global = false;
  bool if_not_exists = false;
  std::vector<std::string> name;
  std::vector<ColumnDefinition> columns;
  std::optional<std::string> comment;
  PropertyList properties;
  std::string using_format;  // the USING form: a view over files; no query then
  PropertyList options;
  QueryPtr query;
};

// CREATE [OR REPLACE] [EXTERNAL] TABLE [IF NOT EXISTS] t [(cols)] [USING fmt] [OPTIONS]
//   [PARTITIONED BY (..)] [LOCATION '..'] [COMMENT '..'] [TBLPROPERTIES (..)] [AS query].
struct CreateTable : StatementOf<StatementKind::kCreateTable> {
  using StatementOf::StatementOf;
  bool or_replace = false;
  bool external = false;
  bool if_not_exists = false;
  std::vector<std::string> name;
  std::vector<ColumnDefinition> columns;
  std::string using_format;
  PropertyList options;
  std::vector<ColumnDefinition> partitioned_by;  // names, or new columns with their types
  std::optional<std::string> location;
  std::optional<std::string> comment;
  PropertyList properties;
  QueryPtr query;
};

// INSERT INTO|OVERWRITE [TABLE] t [PARTITION (..)] [IF NOT EXISTS] [(cols)] query.
struct Insert : StatementOf<StatementKind::kInsert> {
  using StatementOf::StatementOf;
  bool overwrite = false;
  std::vector<std::string> table;
  PartitionSpec partition;
  bool if_not_exists = false;
  std::vector<std::string> columns;
  QueryPtr query;
};

// INSERT OVERWRITE [LOCAL] DIRECTORY ['path'] USING fmt [OPTIONS (..)] query.
struct InsertDirectory : StatementOf<StatementKind::kInsertDirectory> {
  using StatementOf::StatementOf;
  bool local = false;
  std::optional<std::string> path;
  std::string using_format;
  PropertyList options;
  QueryPtr query;
};

// ALTER TABLE t ADD [IF NOT EXISTS] PARTITION (..) [LOCATION '..'] ... |
// ALTER TABLE t DROP [IF EXISTS] PARTITION (..), ... [PURGE].
struct AlterTablePartitions : StatementOf<StatementKind::kAlterTablePartitions> {
  using StatementOf::StatementOf;
  std::vector<std::string> table;
  bool add = true;
  bool if_clause = false;  // IF NOT EXISTS (add) / IF EXISTS (drop)
  bool purge = false;
  std::vector<PartitionSpec> partitions;
  std::vector<std::optional<std::string>> locations;  // per partition, add only
};

enum class ObjectKind { kTable, kView, kDatabase, kFunction };

struct Drop : StatementOf<StatementKind::kDrop> {
  using StatementOf::StatementOf;
  ObjectKind object = ObjectKind::kTable;
  bool if_exists = false;
  bool temporary = false;  // DROP TEMPORARY FUNCTION
  bool cascade = false;
  bool purge = false;
  std::vector<std::string> name;
  std::string database_keyword = "DATABASE";  // DATABASE, SCHEMA or NAMESPACE
};

// SET (list), SET -v, SET key, SET key = value (Spark's lax text: everything after '='
// to the end of the statement, trimmed), SET TIME ZONE 'zone' | LOCAL.
struct Set : StatementOf<StatementKind::kSet> {
  using StatementOf::StatementOf;
  enum class Form { kList, kListVerbose, kShow, kAssign, kTimeZone } form = Form::kList;
  std::string key;
  std::string value;  // kTimeZone: the zone, or LOCAL when local_zone
  bool local_zone = false;
};

// RESET, RESET key.
struct Reset : StatementOf<StatementKind::kReset> {
  using StatementOf::StatementOf;
  std::string key;  // empty: all
};

struct Use : StatementOf<StatementKind::kUse> {
  using StatementOf::StatementOf;
  std::vector<std::string> name;
};

// CREATE DATABASE|SCHEMA [IF NOT EXISTS] db [COMMENT c] [LOCATION p] [WITH DBPROPERTIES ..].
struct CreateDatabase : StatementOf<StatementKind::kCreateDatabase> {
  using StatementOf::StatementOf;
  std::string keyword = "DATABASE";
  bool if_not_exists = false;
  std::vector<std::string> name;
  std::optional<std::string> comment;
  std::optional<std::string> location;
  PropertyList properties;
};

// SHOW TABLES [IN db] [LIKE 'p'] | SHOW DATABASES|SCHEMAS [LIKE 'p'] |
// SHOW [USER|SYSTEM|ALL] FUNCTIONS [LIKE 'p'] | SHOW COLUMNS IN t [IN db] | SHOW VIEWS |
// SHOW PARTITIONS t.
struct Show : StatementOf<StatementKind::kShow> {
  using StatementOf::StatementOf;
  enum class What {
    kTables,
    kViews,
    kDatabases,
    kFunctions,
    kColumns,
    kPartitions
  } what = What::kTables;
  std::vector<std::string> name;        // the namespace (tables, views) or table (columns)
  std::vector<std::string> namespace_;  // SHOW COLUMNS IN t IN db
  std::string function_scope;           // USER, SYSTEM, ALL or empty
  std::optional<std::string> pattern;
};

// DESCRIBE [TABLE] [EXTENDED|FORMATTED] t [PARTITION (..)] [col] | DESCRIBE QUERY q |
// DESCRIBE FUNCTION [EXTENDED] f | DESCRIBE DATABASE [EXTENDED] db.
struct Describe : StatementOf<StatementKind::kDescribe> {
  using StatementOf::StatementOf;
  enum class What { kTable, kQuery, kFunction, kDatabase } what = What::kTable;
  bool extended = false;
  bool formatted = false;
  std::vector<std::string> name;
  PartitionSpec partition;
  std::vector<std::string> column;
  QueryPtr query;
};

struct Explain : StatementOf<StatementKind::kExplain> {
  using StatementOf::StatementOf;
  enum class Mode {
    kSimple,
    kExtended,
    kFormatted,
    kAnalyze,
    kCodegen,
    kCost
  } mode = Mode::kSimple;
  StatementPtr statement;
};

// CACHE [LAZY] TABLE t [OPTIONS (..)] [[AS] query].
struct Cache : StatementOf<StatementKind::kCache> {
  using StatementOf::StatementOf;
  bool lazy = false;
  std::vector<std::string> name;
  PropertyList options;
  QueryPtr query;
};

struct Uncache : StatementOf<StatementKind::kUncache> {
  using StatementOf::StatementOf;
  bool if_exists = false;
  std::vector<std::string> name;
};

struct ClearCache : StatementOf<StatementKind::kClearCache> {
  using StatementOf::StatementOf;
};

}  // namespace sluice::sql
