// Sluice's C++ API: open a Database (a warehouse folder), run Spark SQL on a Connection,
// and build queries with a DataFrame builder that produces the same plans as SQL (each
// DataFrame is a SQL query; every step wraps the one before).
//
//   auto db = *sluice::Database::Open("warehouse");
//   sluice::Connection con = db->Connect();
//   auto events = con.ReadCsv("events.csv", {{"header", "true"}});
//   auto per_user = events.Filter(sluice::Col("event") == sluice::Lit("open"))
//                         .GroupBy({sluice::Col("user_id")})
//                         .Agg({sluice::fn::Count().As("opens")});
//   sluice::QueryResult rows = *per_user.Collect();
//
// A Connection and the DataFrames made from it belong to one thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "types/schema.h"
#include "vector/batch.h"

namespace sluice {

namespace main {
class Connection;
}

// A column expression, kept as Spark SQL text.
class Column {
 public:
  // Raw Spark SQL: Column::Sql("date_trunc('DAY', ts)").
  static Column Sql(std::string text);
  const std::string& sql() const { return sql_; }

  Column operator+(const Column& o) const;
  Column operator-(const Column& o) const;
  Column operator*(const Column& o) const;
  Column operator/(const Column& o) const;
  Column operator%(const Column& o) const;
  Column operator==(const Column& o) const;
  Column operator!=(const Column& o) const;
  Column operator<(const Column& o) const;
  Column operator<=(const Column& o) const;
  Column operator>(const Column& o) const;
  Column operator>=(const Column& o) const;
  Column operator&&(const Column& o) const;
  Column operator||(const Column& o) const;
  Column operator!() const;

  Column As(const std::string& alias) const;
  Column Cast(const std::string& type) const;
  Column IsNull() const;
  Column IsNotNull() const;
  // Sort order for OrderBy and window specs (ascending, NULLs first, by default).
  Column Desc() const;
  Column NullsLast() const;
  Column Over(const class WindowSpec& window) const;

 private:
  explicit Column(std::string sql) : sql_(std::move(sql)) {}
  std::string sql_;
};

// A column by name ("user_id", "t.user_id"); literals.
Column Col(const std::string& name);
Column Lit(int64_t value);
Column Lit(double value);
Column Lit(bool value);
Column Lit(const char* value);
Column Lit(const std::string& value);
Column Null();

namespace fn {
// Any Spark function by name: fn::Call("date_trunc", {Lit("DAY"), Col("ts")}).
Column Call(const std::string& name, const std::vector<Column>& args);
Column Count();  // count(*)
Column Count(const Column& c);
Column CountDistinct(const Column& c);
Column Sum(const Column& c);
Column Avg(const Column& c);
Column Min(const Column& c);
Column Max(const Column& c);
Column RowNumber();
Column Lag(const Column& c, int offset = 1);
Column Lead(const Column& c, int offset = 1);
}  // namespace fn

class WindowSpec {
 public:
  WindowSpec PartitionBy(const std::vector<Column>& columns) const;
  WindowSpec OrderBy(const std::vector<Column>& columns) const;
  // ROWS BETWEEN start AND end: negative numbers precede, 0 is the current row,
  // kUnbounded either end.
  WindowSpec RowsBetween(int64_t start, int64_t end) const;
  static constexpr int64_t kUnbounded = INT64_MAX;
  std::string sql() const;

 private:
  std::string partition_, order_, frame_;
};

// The rows of a query.
class QueryResult {
 public:
  QueryResult(std::shared_ptr<const types::Schema> schema, std::vector<vector::Batch> batches,
              std::string time_zone)
      : schema_(std::move(schema)),
        batches_(std::make_shared<std::vector<vector::Batch>>(std::move(batches))),
        time_zone_(std::move(time_zone)) {}
  const types::Schema& schema() const { return *schema_; }
  const std::vector<vector::Batch>& batches() const { return *batches_; }
  size_t num_rows() const;
  // Every row as text, as spark-sql prints values (NULL, [1,2], 1.0E7, ...).
  std::vector<std::vector<std::string>> Rows() const;

 private:
  std::shared_ptr<const types::Schema> schema_;
  std::shared_ptr<std::vector<vector::Batch>> batches_;
  std::string time_zone_;
};

struct WriteOptions {
  std::string format = "parquet";  // parquet or csv
  std::vector<std::string> partition_by;
  std::string mode = "error";  // error, append, overwrite, ignore
  std::map<std::string, std::string> options;
};

class DataFrame {
 public:
  DataFrame Select(const std::vector<Column>& columns) const;
  DataFrame Filter(const Column& condition) const;
  DataFrame WithColumn(const std::string& name, const Column& value) const;
  DataFrame Join(const DataFrame& other, const Column& on, const std::string& how = "inner") const;
  DataFrame OrderBy(const std::vector<Column>& columns) const;
  DataFrame Limit(int64_t n) const;
  DataFrame UnionAll(const DataFrame& other) const;
  DataFrame Distinct() const;

  class Grouped {
   public:
    DataFrame Agg(const std::vector<Column>& aggregates) const;

   private:
    friend class DataFrame;
    std::shared_ptr<main::Connection> connection_;
    std::string from_, keys_;
  };
  Grouped GroupBy(const std::vector<Column>& keys) const;

  // The query this DataFrame stands for.
  const std::string& sql() const { return sql_; }
  Result<QueryResult> Collect() const;
  // Writes the rows as a folder of part files (or one file when the path has a .parquet
  // or .csv extension and nothing is partitioned), as Spark's DataFrameWriter does.
  Status Write(const std::string& path, const WriteOptions& options = {}) const;

 private:
  friend class Connection;
  DataFrame(std::shared_ptr<main::Connection> connection, std::string sql)
      : connection_(std::move(connection)), sql_(std::move(sql)) {}
  DataFrame Wrap(const std::string& select_list, const std::string& tail) const;
  std::shared_ptr<main::Connection> connection_;
  std::string sql_;
};

class Connection {
 public:
  // Runs a script (statements separated by `;`) and returns the last statement's rows.
  Result<QueryResult> Sql(std::string_view script);
  // Sets a session setting, as SET key=value.
  Status Set(const std::string& key, const std::string& value);

  DataFrame Query(const std::string& sql) const;
  DataFrame Table(const std::string& name) const;
  // Files as a DataFrame; `schema_ddl` ("a INT, b STRING") fixes CSV columns.
  Result<DataFrame> ReadCsv(const std::string& path,
                            const std::map<std::string, std::string>& options = {},
                            const std::string& schema_ddl = "");
  Result<DataFrame> ReadParquet(const std::string& path);

 private:
  friend class Database;
  explicit Connection(std::shared_ptr<main::Connection> impl) : impl_(std::move(impl)) {}
  Result<DataFrame> ReadFiles(const std::string& format, const std::string& path,
                              std::map<std::string, std::string> options,
                              const std::string& schema_ddl);
  std::shared_ptr<main::Connection> impl_;
  int next_view_ = 0;
};

class Database {
 public:
  // Tables and views persist in `warehouse_dir`.
  static Result<std::unique_ptr<Database>> Open(const std::string& warehouse_dir);
  ~Database();
  Connection Connect();

 private:
  struct Impl;
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sluice
