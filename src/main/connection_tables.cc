// The statements of Connection that write or reshape stored tables: CREATE TABLE [AS],
// INSERT INTO / OVERWRITE, INSERT OVERWRITE DIRECTORY, ALTER TABLE ADD / DROP PARTITION,
// DROP TABLE / VIEW.
#include <algorithm>
#include <functional>

#include "common/text.h"
#include "exec/executor.h"
#include "formats/partition_value.h"
#include "functions/kernel_util.h"
#include "main/connection.h"
#include "main/result_files.h"
#include "main/statement_results.h"
#include "sql/ast_statement.h"

namespace sluice::main {

using sql::StatementKind;
using types::TypeId;

namespace {

// The text of a PARTITION (p = value) item's value (a literal).
Result<std::string> PartitionText(const sql::PartitionSpecItem& item) {
  if (!item.value || item.value->kind != sql::ExprKind::kLiteral)
    return Status::Invalid("[INVALID_PARTITION_SPEC] The value of partition column `" +
                           item.column + "` must be a literal.");
  const auto& literal = item.value->As<sql::Literal>();
  if (literal.literal_kind == sql::LiteralKind::kNull) return std::string();
  return literal.text;
}

}  // namespace

Result<QueryResult> Connection::CreateTable(const sql::CreateTable& t, std::string_view text,
                                            const functions::FunctionContext& ctx) {
  SLUICE_ASSIGN_OR_RAISE(TableName name, catalog_.Qualify(t.name));
  Warehouse& warehouse = db_.warehouse();
  // Held to the end: two processes creating one table write its folder one after the other,
  // and the second sees the first's table.
  SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<io::FileLock> lock, warehouse.Lock());
  SLUICE_RETURN_NOT_OK(catalog_.RequireDatabase(name.database));
  if (warehouse.FindTable(name.database, name.name) ||
      warehouse.FindView(name.database, name.name)) {
    if (t.if_not_exists) return CommandResult();
    if (!t.or_replace)
      return Status::Invalid("[TABLE_OR_VIEW_ALREADY_EXISTS] Cannot create table or view " +
                             QuotedName(t.name) + " because it already exists.");
    SLUICE_RETURN_NOT_OK(warehouse.Drop(name.database, name.name).status());
  }
  StoredTable table;
  table.database = name.database;
  table.name = name.name;
  table.format = t.using_format.empty() ? "parquet" : AsciiLower(t.using_format);
  if (table.format != "parquet" && table.format != "csv" && table.format != "json")
    return Status::Invalid(
        "[UNSUPPORTED_DATA_SOURCE] Tables are stored as parquet, csv or json, not " + table.format +
        ".");
  table.location = t.location.value_or(warehouse.TableLocation(name.database, name.name));
  table.managed = !t.location.has_value();
  for (const auto& [k, v] : t.options) table.options[k] = v;
  if (table.format == "csv" && !table.options.count("header")) table.options["header"] = "false";
  std::vector<types::Field> fields;
  for (const sql::ColumnDefinition& c : t.columns)
    fields.push_back({c.name, c.type.value_or(TypeId::kString), true, c.comment.value_or("")});
  std::vector<types::Field> partition_fields;
  for (const sql::ColumnDefinition& c : t.partitioned_by) {
    table.partition_by.push_back(c.name);
    if (c.type) partition_fields.push_back({c.name, *c.type, true});
  }
  plan::OperatorPtr plan;
  if (t.query) {
    SLUICE_ASSIGN_OR_RAISE(plan, Bind(*t.query, text, ctx));
    if (fields.empty()) fields = plan->output;
  }
  // Partition columns go last, as Spark stores them.
  std::vector<types::Field> ordered;
  for (const types::Field& f : fields) {
    bool is_partition = false;
    for (const std::string& p : table.partition_by)
      is_partition |= types::SameColumnName(p, f.name, ctx.case_sensitive);
    if (!is_partition) ordered.push_back(f);
  }
  for (const std::string& p : table.partition_by) {
    auto it = std::find_if(fields.begin(), fields.end(), [&](const types::Field& f) {
      return types::SameColumnName(p, f.name, ctx.case_sensitive);
    });
    if (it != fields.end()) {
      ordered.push_back(*it);
    } else {
      auto typed = std::find_if(partition_fields.begin(), partition_fields.end(),
                                [&](const types::Field& f) { return f.name == p; });
      if (typed == partition_fields.end())
        return Status::Invalid("[COLUMN_NOT_DEFINED_IN_TABLE] The partition column `" + p +
                               "` is not a column of " + QuotedName(t.name) + ".");
      ordered.push_back(*typed);
    }
  }
  table.schema = types::Schema(ordered);
  SLUICE_RETURN_NOT_OK(db_.file_system()->CreateDirs(table.location));
  if (plan) {
    // The query's columns by name when partitioned (partition columns move last), as
    // WriteRows fills the table's columns in order.
    if (!table.partition_by.empty() && t.columns.empty()) {
      auto reorder = std::make_shared<plan::LogicalOperator>();
      reorder->type = plan::OperatorType::kProject;
      reorder->children = {plan};
      for (const types::Field& f : ordered) {
        auto it = std::find_if(plan->output.begin(), plan->output.end(), [&](const auto& o) {
          return types::SameColumnName(o.name, f.name, ctx.case_sensitive);
        });
        if (it == plan->output.end())
          return Status::Invalid("[COLUMN_NOT_DEFINED_IN_TABLE] The partition column `" + f.name +
                                 "` is not a column of the query of " + QuotedName(t.name) + ".");
        const size_t i = static_cast<size_t>(it - plan->output.begin());
        reorder->expressions.push_back(plan::MakeColumn(i, it->type, it->name));
        reorder->output.push_back(*it);
      }
      plan = reorder;
    }
    SLUICE_RETURN_NOT_OK(WriteRows(plan, table, formats::SaveMode::kOverwrite, {}, ctx));
  }
  SLUICE_RETURN_NOT_OK(warehouse.PutTable(std::move(table)));
  return CommandResult();
}

Result<QueryResult> Connection::Insert(const sql::Insert& ins, std::string_view text,
                                       const functions::FunctionContext& ctx) {
  SLUICE_ASSIGN_OR_RAISE(TableName name, catalog_.Qualify(ins.table));
  const StoredTable* table = db_.warehouse().FindTable(name.database, name.name);
  if (table == nullptr)
    return Status::Invalid("[TABLE_OR_VIEW_NOT_FOUND] The table " + QuotedName(ins.table) +
                           " cannot be found.");
  SLUICE_ASSIGN_OR_RAISE(plan::OperatorPtr plan, Bind(*ins.query, text, ctx));
  // Static partition values (PARTITION (p = 'x')) are constants after the query's columns.
  std::vector<std::pair<std::string, std::string>> static_values;
  for (const sql::PartitionSpecItem& p : ins.partition) {
    if (!p.value) continue;
    std::string value;
    if (p.value->kind == sql::ExprKind::kLiteral) value = p.value->As<sql::Literal>().text;
    static_values.emplace_back(p.column, value);
  }
  const size_t expected = table->schema.size() - static_values.size();
  if (plan->output.size() != expected)
    return Status::Invalid("[INSERT_COLUMN_ARITY_MISMATCH] Cannot write to " +
                           QuotedName(ins.table) + ": the table has " + std::to_string(expected) +
                           " columns to fill, the query gives " +
                           std::to_string(plan->output.size()) + ".");
  SLUICE_RETURN_NOT_OK(WriteRows(
      plan, *table, ins.overwrite ? formats::SaveMode::kOverwrite : formats::SaveMode::kAppend,
      static_values, ctx));
  return CommandResult();
}

Status Connection::WriteRows(const plan::OperatorPtr& query, const StoredTable& table,
                             formats::SaveMode mode,
                             const std::vector<std::pair<std::string, std::string>>& static_values,
                             const functions::FunctionContext& ctx) {
  // The query's columns fill the table's columns in order, skipping static partitions,
  // which become constants; every value is cast to the table's type.
  auto project = std::make_shared<plan::LogicalOperator>();
  project->type = plan::OperatorType::kProject;
  project->children = {query};
  size_t next = 0;
  for (const types::Field& f : table.schema.fields()) {
    auto it = std::find_if(static_values.begin(), static_values.end(), [&](const auto& sv) {
      return types::SameColumnName(sv.first, f.name, ctx.case_sensitive);
    });
    if (it != static_values.end()) {
      auto text = std::make_shared<vector::Vector>(*vector::Vector::Make(TypeId::kString, 1));
      functions::Set<std::string>(*text, 0, it->second);
      project->expressions.push_back(plan::MakeCast(plan::MakeConstant(text, it->second), f.type));
    } else {
      if (next >= query->output.size())
        return Status::Invalid("not enough columns for " + table.name);
      project->expressions.push_back(plan::MakeCast(
          plan::MakeColumn(next, query->output[next].type, query->output[next].name), f.type));
      ++next;
    }
    project->output.push_back(f);
  }
  SLUICE_ASSIGN_OR_RAISE(plan::OperatorPtr optimized, Optimize(project));
  exec::Executor executor(ctx, settings_.memory_limit(), file_system(), settings_.temp_directory());
  SLUICE_ASSIGN_OR_RAISE(exec::BatchStore rows, Run(executor, *optimized));
  formats::DatasetWriteOptions options;
  options.format = table.format;
  options.format_options = table.options;
  options.partition_by = table.partition_by;
  options.case_sensitive = ctx.case_sensitive;
  options.mode = mode;
  options.session_time_zone = *ctx.zone;
  SLUICE_ASSIGN_OR_RAISE(
      std::unique_ptr<formats::DatasetWriter> writer,
      formats::DatasetWriter::Open(db_.file_system(), table.location, table.schema, options));
  for (size_t i = 0; i < rows.batch_count(); ++i) {
    Result<vector::Batch> b = rows.Read(i);
    Status st = b.ok() ? writer->Write(0, *b) : b.status();
    if (!st.ok()) {
      writer->Abort();
      return st;
    }
  }
  return writer->Commit().status();
}

Result<QueryResult> Connection::InsertDirectory(const sql::InsertDirectory& ins,
                                                std::string_view text,
                                                const functions::FunctionContext& ctx) {
  std::map<std::string, std::string> options;
  std::string path = ins.path.value_or("");
  for (const auto& [k, v] : ins.options) {
    if (AsciiLower(k) == "path")
      path = v;
    else
      options[k] = v;
  }
  if (path.empty())
    return Status::Invalid("[INVALID_DIRECTORY] INSERT OVERWRITE DIRECTORY needs a path.");
  SLUICE_ASSIGN_OR_RAISE(plan::OperatorPtr bound, Bind(*ins.query, text, ctx));
  SLUICE_ASSIGN_OR_RAISE(plan::OperatorPtr plan, Optimize(bound));
  exec::Executor executor(ctx, settings_.memory_limit(), file_system(), settings_.temp_directory());
  SLUICE_ASSIGN_OR_RAISE(exec::BatchStore rows, Run(executor, *plan));
  formats::DatasetWriteOptions o;
  o.format = AsciiLower(ins.using_format);
  if (o.format != "parquet" && o.format != "csv" && o.format != "json")
    return Status::Invalid(
        "[UNSUPPORTED_DATA_SOURCE] Directories are written as parquet, csv or json, not " +
        o.format + ".");
  o.format_options = options;
  o.mode = formats::SaveMode::kOverwrite;
  o.session_time_zone = *ctx.zone;
  SLUICE_RETURN_NOT_OK(
      WriteResultFiles(db_.file_system(), types::Schema(plan->output), rows, path, std::move(o)));
  return CommandResult();
}

Result<QueryResult> Connection::AlterTablePartitions(const sql::AlterTablePartitions& a,
                                                     const functions::FunctionContext& ctx) {
  SLUICE_ASSIGN_OR_RAISE(TableName name, catalog_.Qualify(a.table));
  const StoredTable* table = db_.warehouse().FindTable(name.database, name.name);
  if (table == nullptr)
    return Status::Invalid("[TABLE_OR_VIEW_NOT_FOUND] The table " + QuotedName(a.table) +
                           " cannot be found.");
  if (table->partition_by.empty())
    return Status::Invalid("[INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY] Table " +
                           QuotedName(a.table) + " is not partitioned.");
  auto& fs = *db_.file_system();
  for (const sql::PartitionSpec& spec : a.partitions) {
    // The folder path: every partition column, in the table's order, Spark-escaped.
    std::string dir = table->location;
    for (const std::string& column : table->partition_by) {
      auto item = std::find_if(spec.begin(), spec.end(), [&](const sql::PartitionSpecItem& i) {
        return types::SameColumnName(i.column, column, ctx.case_sensitive);
      });
      if (item == spec.end())
        return Status::Invalid(
            "[PARTITIONS_NOT_FOUND] The partition spec must name every "
            "partition column of " +
            QuotedName(a.table) + "; `" + column + "` is missing.");
      SLUICE_ASSIGN_OR_RAISE(std::string value, PartitionText(*item));
      dir +=
          "/" + formats::EscapePartitionValue(column) + "=" +
          (value.empty() ? formats::kHiveDefaultPartition : formats::EscapePartitionValue(value));
    }
    const bool exists = fs.GetInfo(dir).ok();
    if (a.add) {
      if (exists && !a.if_clause)
        return Status::Invalid("[PARTITIONS_ALREADY_EXIST] The partition " + dir +
                               " already exists.");
      SLUICE_RETURN_NOT_OK(fs.CreateDirs(dir));
    } else {
      if (!exists && !a.if_clause)
        return Status::Invalid("[PARTITIONS_NOT_FOUND] The partition " + dir + " cannot be found.");
      if (exists) SLUICE_RETURN_NOT_OK(fs.DeleteRecursive(dir));
    }
  }
  return CommandResult();
}

Result<QueryResult> Connection::ShowPartitions(const sql::Show& show) {
  SLUICE_ASSIGN_OR_RAISE(TableName name, catalog_.Qualify(show.name));
  const StoredTable* table = db_.warehouse().FindTable(name.database, name.name);
  if (table == nullptr) return TableNotFound(show.name);
  if (table->partition_by.empty())
    return Status::Invalid("[INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY] Table " +
                           QuotedName(show.name) + " is not partitioned.");
  // The folders `a=1/b=x` a level per partition column, in name order, as Spark lists them.
  auto& fs = *db_.file_system();
  std::vector<std::vector<std::string>> rows;
  std::function<Status(const std::string&, size_t, const std::string&)> walk =
      [&](const std::string& dir, size_t level, const std::string& spec) -> Status {
    if (level == table->partition_by.size()) {
      rows.push_back({spec});
      return Status::OK();
    }
    const std::string prefix = formats::EscapePartitionValue(table->partition_by[level]) + "=";
    Result<std::vector<io::FileInfo>> entries = fs.ListDir(dir);
    if (!entries.ok()) return level == 0 ? Status::OK() : entries.status();
    for (const io::FileInfo& entry : *entries) {
      const std::string leaf = entry.path.substr(entry.path.rfind('/') + 1);
      if (!entry.is_directory || leaf.rfind(prefix, 0) != 0) continue;
      SLUICE_RETURN_NOT_OK(walk(entry.path, level + 1, spec.empty() ? leaf : spec + "/" + leaf));
    }
    return Status::OK();
  };
  SLUICE_RETURN_NOT_OK(walk(table->location, 0, ""));
  return TextRows({"partition"}, rows);
}

Result<QueryResult> Connection::Drop(const sql::Drop& d) {
  if (d.object == sql::ObjectKind::kDatabase) return DropDatabase(d);
  if (d.object == sql::ObjectKind::kFunction) return CommandResult();
  if (catalog_.RemoveTemporary(d.name)) return CommandResult();
  SLUICE_ASSIGN_OR_RAISE(TableName name, catalog_.Qualify(d.name));
  SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<io::FileLock> lock, db_.warehouse().Lock());
  SLUICE_ASSIGN_OR_RAISE(bool dropped, db_.warehouse().Drop(name.database, name.name));
  if (!dropped && !d.if_exists) return TableNotFound(d.name);
  return CommandResult();
}

}  // namespace sluice::main
