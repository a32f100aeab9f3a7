// The public C++ API (include/sluice/sluice.h) over main::Database and main::Connection.
// A DataFrame is the text of a Spark SQL query; each step wraps it as a subquery, so the
// binder sees exactly what the same SQL would give it.
#include <cmath>
#include <sstream>

#include "main/connection.h"
#include "main/result_files.h"
#include "main/result_format.h"
#include "sluice/sluice.h"
#include "sql/ast_printer.h"
#include "vector/vector_ops.h"

namespace sluice {

namespace {

std::string JoinSql(const std::vector<Column>& columns) {
  std::string out;
  for (const Column& c : columns) out += (out.empty() ? "" : ", ") + c.sql();
  return out;
}

Column Binary(const Column& a, const char* op, const Column& b) {
  return Column::Sql("(" + a.sql() + " " + op + " " + b.sql() + ")");
}

}  // namespace

Column Column::Sql(std::string text) { return Column(std::move(text)); }
Column Column::operator+(const Column& o) const { return Binary(*this, "+", o); }
Column Column::operator-(const Column& o) const { return Binary(*this, "-", o); }
Column Column::operator*(const Column& o) const { return Binary(*this, "*", o); }
Column Column::operator/(const Column& o) const { return Binary(*this, "/", o); }
Column Column::operator%(const Column& o) const { return Binary(*this, "%", o); }
Column Column::operator==(const Column& o) const { return Binary(*this, "=", o); }
Column Column::operator!=(const Column& o) const { return Binary(*this, "<>", o); }
Column Column::operator<(const Column& o) const { return Binary(*this, "<", o); }
Column Column::operator<=(const Column& o) const { return Binary(*this, "<=", o); }
Column Column::operator>(const Column& o) const { return Binary(*this, ">", o); }
Column Column::operator>=(const Column& o) const { return Binary(*this, ">=", o); }
Column Column::operator&&(const Column& o) const { return Binary(*this, "AND", o); }
Column Column::operator||(const Column& o) const { return Binary(*this, "OR", o); }
Column Column::operator!() const { return Sql("(NOT " + sql_ + ")"); }
Column Column::As(const std::string& alias) const {
  return Sql(sql_ + " AS " + sql::QuoteSqlName(alias));
}
Column Column::Cast(const std::string& type) const {
  return Sql("CAST(" + sql_ + " AS " + type + ")");
}
Column Column::IsNull() const { return Sql("(" + sql_ + " IS NULL)"); }
Column Column::IsNotNull() const { return Sql("(" + sql_ + " IS NOT NULL)"); }
Column Column::Desc() const { return Sql(sql_ + " DESC"); }
Column Column::NullsLast() const { return Sql(sql_ + " NULLS LAST"); }
Column Column::Over(const WindowSpec& window) const {
  return Sql(sql_ + " OVER (" + window.sql() + ")");
}

Column Col(const std::string& name) {
  std::vector<std::string> parts;
  std::string part;
  for (char c : name) {
    if (c == '.') {
      parts.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  parts.push_back(part);
  return Column::Sql(sql::QuoteSqlName(parts));
}
Column Lit(int64_t value) { return Column::Sql(std::to_string(value) + "L"); }
Column Lit(double value) {
  if (std::isnan(value)) return Column::Sql("double('NaN')");
  if (std::isinf(value))
    return Column::Sql(value > 0 ? "double('Infinity')" : "double('-Infinity')");
  std::ostringstream out;
  out.precision(17);
  out << value;
  return Column::Sql(out.str() + "D");
}
Column Lit(bool value) { return Column::Sql(value ? "true" : "false"); }
Column Lit(const char* value) { return Lit(std::string(value)); }
Column Lit(const std::string& value) { return Column::Sql(sql::QuoteSqlString(value)); }
Column Null() { return Column::Sql("NULL"); }

namespace fn {
Column Call(const std::string& name, const std::vector<Column>& args) {
  return Column::Sql(name + "(" + JoinSql(args) + ")");
}
Column Count() { return Column::Sql("count(*)"); }
Column Count(const Column& c) { return Call("count", {c}); }
Column CountDistinct(const Column& c) { return Column::Sql("count(DISTINCT " + c.sql() + ")"); }
Column Sum(const Column& c) { return Call("sum", {c}); }
Column Avg(const Column& c) { return Call("avg", {c}); }
Column Min(const Column& c) { return Call("min", {c}); }
Column Max(const Column& c) { return Call("max", {c}); }
Column RowNumber() { return Column::Sql("row_number()"); }
Column Lag(const Column& c, int offset) { return Call("lag", {c, Lit(int64_t{offset})}); }
Column Lead(const Column& c, int offset) { return Call("lead", {c, Lit(int64_t{offset})}); }
}  // namespace fn

WindowSpec WindowSpec::PartitionBy(const std::vector<Column>& columns) const {
  WindowSpec w = *this;
  w.partition_ = "PARTITION BY " + JoinSql(columns);
  return w;
}
WindowSpec WindowSpec::OrderBy(const std::vector<Column>& columns) const {
  WindowSpec w = *this;
  w.order_ = "ORDER BY " + JoinSql(columns);
  return w;
}
WindowSpec WindowSpec::RowsBetween(int64_t start, int64_t end) const {
  auto bound = [](int64_t n, bool is_start) -> std::string {
    if (n == kUnbounded || n == -kUnbounded)
      return is_start ? "UNBOUNDED PRECEDING" : "UNBOUNDED FOLLOWING";
    if (n == 0) return "CURRENT ROW";
    return n < 0 ? std::to_string(-n) + " PRECEDING" : std::to_string(n) + " FOLLOWING";
  };
  WindowSpec w = *this;
  w.frame_ = "ROWS BETWEEN " + bound(start, true) + " AND " + bound(end, false);
  return w;
}
std::string WindowSpec::sql() const {
  std::string out = partition_;
  if (!order_.empty()) out += (out.empty() ? "" : " ") + order_;
  if (!frame_.empty()) out += (out.empty() ? "" : " ") + frame_;
  return out;
}

size_t QueryResult::num_rows() const {
  size_t n = 0;
  for (const vector::Batch& b : *batches_) n += b.num_selected();
  return n;
}

std::vector<std::vector<std::string>> QueryResult::Rows() const {
  Result<types::TimeZone> zone = types::TimeZone::Load(time_zone_);
  const types::TimeZone tz = zone.ok() ? *zone : types::TimeZone::Utc();
  main::ResultFormatOptions o;
  o.zone = &tz;
  std::vector<std::vector<std::string>> rows;
  for (const vector::Batch& b : *batches_) {
    for (size_t i = 0; i < b.num_selected(); ++i) {
      std::vector<std::string> row;
      for (size_t c = 0; c < b.num_columns(); ++c)
        row.push_back(main::HiveText(b.column(c), b.selected_row(i), o));
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

namespace {

Result<QueryResult> ToResult(main::QueryResult r, const std::string& zone) {
  SLUICE_ASSIGN_OR_RAISE(std::vector<vector::Batch> batches, r.rows.TakeAll());
  return QueryResult(r.schema, std::move(batches), zone);
}

}  // namespace

DataFrame DataFrame::Wrap(const std::string& select_list, const std::string& tail) const {
  return DataFrame(connection_, "SELECT " + select_list + " FROM (" + sql_ + ") AS __df" +
                                    (tail.empty() ? "" : " " + tail));
}
DataFrame DataFrame::Select(const std::vector<Column>& columns) const {
  return Wrap(JoinSql(columns), "");
}
DataFrame DataFrame::Filter(const Column& condition) const {
  return Wrap("*", "WHERE " + condition.sql());
}
DataFrame DataFrame::WithColumn(const std::string& name, const Column& value) const {
  // Replaces a column of that name in place, else adds one at the end (Spark's
  // withColumn). Without a schema (the query does not bind), the error shows at Collect.
  Result<std::vector<types::Field>> fields = connection_->OutputOf(sql_);
  if (!fields.ok()) return Wrap("*, " + value.As(name).sql(), "");
  std::string list;
  bool replaced = false;
  for (const types::Field& f : *fields) {
    list += list.empty() ? "" : ", ";
    if (types::SameColumnName(f.name, name, false)) {
      list += value.As(name).sql();
      replaced = true;
    } else {
      list += sql::QuoteSqlName(f.name);
    }
  }
  if (!replaced) list += (list.empty() ? "" : ", ") + value.As(name).sql();
  return Wrap(list, "");
}
DataFrame DataFrame::Join(const DataFrame& other, const Column& on, const std::string& how) const {
  return DataFrame(connection_, "SELECT * FROM (" + sql_ + ") AS l " + how + " JOIN (" +
                                    other.sql_ + ") AS r ON " + on.sql());
}
DataFrame DataFrame::OrderBy(const std::vector<Column>& columns) const {
  return Wrap("*", "ORDER BY " + JoinSql(columns));
}
DataFrame DataFrame::Limit(int64_t n) const { return Wrap("*", "LIMIT " + std::to_string(n)); }
DataFrame DataFrame::UnionAll(const DataFrame& other) const {
  return DataFrame(connection_, "(" + sql_ + ") UNION ALL (" + other.sql_ + ")");
}
DataFrame DataFrame::Distinct() const { return Wrap("DISTINCT *", ""); }

DataFrame::Grouped DataFrame::GroupBy(const std::vector<Column>& keys) const {
  Grouped g;
  g.connection_ = connection_;
  g.from_ = sql_;
  g.keys_ = JoinSql(keys);
  return g;
}
DataFrame DataFrame::Grouped::Agg(const std::vector<Column>& aggregates) const {
  return DataFrame(connection_, "SELECT " + keys_ + (keys_.empty() ? "" : ", ") +
                                    JoinSql(aggregates) + " FROM (" + from_ + ") AS __df" +
                                    (keys_.empty() ? "" : " GROUP BY " + keys_));
}

Result<QueryResult> DataFrame::Collect() const {
  SLUICE_ASSIGN_OR_RAISE(main::QueryResult r, connection_->Sql(sql_));
  return ToResult(std::move(r), connection_->settings().time_zone().name());
}

Status DataFrame::Write(const std::string& path, const WriteOptions& options) const {
  SLUICE_ASSIGN_OR_RAISE(main::QueryResult r, connection_->Sql(sql_));
  formats::DatasetWriteOptions o;
  o.format = options.format;
  o.format_options = options.options;
  o.partition_by = options.partition_by;
  SLUICE_ASSIGN_OR_RAISE(o.mode, formats::SaveModeFromName(options.mode));
  o.session_time_zone = connection_->settings().time_zone();
  return main::WriteResultFiles(connection_->file_system(), *r.schema, r.rows, path, o);
}

Result<QueryResult> Connection::Sql(std::string_view script) {
  SLUICE_ASSIGN_OR_RAISE(main::QueryResult r, impl_->Sql(script));
  return ToResult(std::move(r), impl_->settings().time_zone().name());
}

Status Connection::Set(const std::string& key, const std::string& value) {
  return impl_->settings().Set(key, value);
}

DataFrame Connection::Query(const std::string& sql) const { return DataFrame(impl_, sql); }

DataFrame Connection::Table(const std::string& name) const {
  return DataFrame(impl_, "SELECT * FROM " + sql::QuoteSqlName(name));
}

Result<DataFrame> Connection::ReadCsv(const std::string& path,
                                      const std::map<std::string, std::string>& options,
                                      const std::string& schema_ddl) {
  return ReadFiles("csv", path, options, schema_ddl);
}

Result<DataFrame> Connection::ReadParquet(const std::string& path) {
  return ReadFiles("parquet", path, {}, "");
}

Result<DataFrame> Connection::ReadFiles(const std::string& format, const std::string& path,
                                        std::map<std::string, std::string> options,
                                        const std::string& schema_ddl) {
  const std::string view = "__sluice_files_" + std::to_string(next_view_++);
  options["path"] = path;
  std::string sql = "CREATE OR REPLACE TEMPORARY VIEW " + sql::QuoteSqlName(view);
  if (!schema_ddl.empty()) sql += " (" + schema_ddl + ")";
  sql += " USING " + format + " OPTIONS (";
  bool first = true;
  for (const auto& [k, v] : options) {
    sql += (first ? "" : ", ") + sql::QuoteSqlName(k) + " " + sql::QuoteSqlString(v);
    first = false;
  }
  sql += ")";
  SLUICE_RETURN_NOT_OK(impl_->Sql(sql).status());
  return DataFrame(impl_, "SELECT * FROM " + sql::QuoteSqlName(view));
}

struct Database::Impl {
  std::unique_ptr<main::Database> db;
};

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::Open(const std::string& warehouse_dir) {
  auto impl = std::make_unique<Impl>();
  SLUICE_ASSIGN_OR_RAISE(impl->db, main::Database::Open(io::LocalFileSystem(), warehouse_dir));
  return std::unique_ptr<Database>(new Database(std::move(impl)));
}

Connection Database::Connect() {
  return Connection(std::make_shared<main::Connection>(*impl_->db));
}

}  // namespace sluice
