#include "main/connection.h"

#include <algorithm>

#include "exec/executor.h"
#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "sql/ast_statement.h"
#include "sql/binder.h"
#include "sql/parser.h"
#include "vector/vector_ops.h"

namespace sluice::main {

using sql::StatementKind;
using types::TypeId;

namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string JoinName(const std::vector<std::string>& name) {
  std::string out;
  for (const std::string& p : name) out += (out.empty() ? "`" : ".`") + p + "`";
  return out;
}

// A result of string columns built row by row (SET, SHOW, DESCRIBE, EXPLAIN).
Result<QueryResult> TextRows(const std::vector<std::string>& names,
                             const std::vector<std::vector<std::string>>& rows) {
  std::vector<types::Field> fields;
  for (const std::string& n : names) fields.push_back({n, TypeId::kString, true});
  QueryResult result;
  result.schema = std::make_shared<const types::Schema>(fields);
  result.returns_rows = true;
  for (size_t start = 0; start < rows.size(); start += vector::kVectorSize) {
    const size_t n = std::min(vector::kVectorSize, rows.size() - start);
    SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, vector::Batch::Make(result.schema, n));
    for (size_t r = 0; r < n; ++r)
      for (size_t c = 0; c < names.size(); ++c)
        functions::Set<std::string>(batch.column(c), r, rows[start + r][c]);
    batch.set_num_rows(n);
    result.batches.push_back(std::move(batch));
  }
  return result;
}

QueryResult Command() { return QueryResult{std::make_shared<const types::Schema>(), {}, false}; }

// Casts a query's columns to a table's types by position (INSERT).
plan::OperatorPtr ConformTo(plan::OperatorPtr op, const types::Schema& schema) {
  auto project = std::make_shared<plan::LogicalOperator>();
  project->type = plan::OperatorType::kProject;
  project->children = {op};
  for (size_t i = 0; i < schema.size(); ++i) {
    project->expressions.push_back(plan::MakeCast(
        plan::MakeColumn(i, op->output[i].type, op->output[i].name), schema.field(i).type));
    project->output.push_back(schema.field(i));
  }
  return project;
}

}  // namespace

size_t QueryResult::num_rows() const { return exec::CountRows(batches); }

Connection::Connection(Database& db) : db_(db), catalog_(db.file_system()) {}

Status Connection::Execute(std::string_view script,
                           const std::function<Status(const QueryResult&)>& on_result) {
  SLUICE_ASSIGN_OR_RAISE(std::vector<sql::StatementPtr> statements, sql::ParseScript(script));
  for (const sql::StatementPtr& s : statements) {
    SLUICE_ASSIGN_OR_RAISE(QueryResult result, ExecuteStatement(*s, script));
    SLUICE_RETURN_NOT_OK(on_result(result));
  }
  return Status::OK();
}

Result<QueryResult> Connection::Sql(std::string_view script) {
  QueryResult last = Command();
  SLUICE_RETURN_NOT_OK(Execute(script, [&](const QueryResult& r) {
    last = QueryResult{r.schema, {}, r.returns_rows};
    for (const vector::Batch& b : r.batches) {
      Result<vector::Batch> copy = vector::Compact(b);
      if (!copy.ok()) return copy.status();
      last.batches.push_back(std::move(*copy));
    }
    return Status::OK();
  }));
  return last;
}

Result<QueryResult> Connection::ExecuteStatement(const sql::Statement& s, std::string_view text) {
  const functions::FunctionContext ctx = settings_.MakeFunctionContext();
  catalog_.set_context(ctx);
  auto bind = [&](const sql::Query& q) {
    return sql::BindQuery(q, catalog_, ctx, settings_.bind_settings(), text);
  };
  auto run = [&](const plan::OperatorPtr& plan) -> Result<QueryResult> {
    exec::Executor executor(ctx);
    SLUICE_ASSIGN_OR_RAISE(exec::BatchList rows, executor.Run(*plan));
    QueryResult result;
    result.schema = std::make_shared<const types::Schema>(plan->output);
    result.batches = std::move(rows);
    result.returns_rows = true;
    return result;
  };
  switch (s.kind) {
    case StatementKind::kQuery: {
      SLUICE_ASSIGN_OR_RAISE(plan::OperatorPtr plan, bind(*s.As<sql::QueryStatement>().query));
      return run(plan);
    }
    case StatementKind::kCreateView: {
      const auto& v = s.As<sql::CreateView>();
      if (catalog_.Contains(v.name) && !v.or_replace) {
        if (v.if_not_exists) return Command();
        return Status::Invalid(
            "[TEMP_TABLE_OR_VIEW_ALREADY_EXISTS] Cannot create the temporary view " +
            JoinName(v.name) + " because it already exists.");
      }
      plan::CatalogEntry entry;
      entry.name = v.name.back();
      if (!v.using_format.empty()) {
        std::map<std::string, std::string> options;
        std::vector<std::string> paths;
        for (const auto& [k, value] : v.options) {
          if (Lower(k) == "path" || Lower(k) == "paths")
            paths.push_back(value);
          else
            options[k] = value;
        }
        std::optional<types::Schema> schema;
        if (!v.columns.empty()) {
          std::vector<types::Field> fields;
          for (const sql::ColumnDefinition& c : v.columns)
            fields.push_back({c.name, c.type.value_or(TypeId::kString), true});
          schema = types::Schema(fields);
        }
        SLUICE_ASSIGN_OR_RAISE(std::shared_ptr<FileTableSource> source,
                               FileTableSource::Open(db_.file_system(), paths,
                                                     Lower(v.using_format), options, schema, ctx));
        entry.source = source;
        entry.columns = source->schema().fields();
      } else {
        SLUICE_ASSIGN_OR_RAISE(plan::OperatorPtr plan, bind(*v.query));
        if (!v.columns.empty()) {
          if (v.columns.size() != plan->output.size())
            return Status::Invalid("[CREATE_VIEW_COLUMN_ARITY_MISMATCH] Cannot create view " +
                                   JoinName(v.name) +
                                   ", the reason is the number of columns does not match.");
          auto project = std::make_shared<plan::LogicalOperator>();
          project->type = plan::OperatorType::kProject;
          project->children = {plan};
          for (size_t i = 0; i < v.columns.size(); ++i) {
            project->expressions.push_back(
                plan::MakeColumn(i, plan->output[i].type, v.columns[i].name));
            project->output.push_back({v.columns[i].name, plan->output[i].type, true});
          }
          plan = project;
        }
        entry.view = plan;
        entry.columns = plan->output;
      }
      catalog_.Put(v.name, std::move(entry));
      return Command();
    }
    case StatementKind::kCreateTable: {
      const auto& t = s.As<sql::CreateTable>();
      if (catalog_.Contains(t.name) && !t.or_replace) {
        if (t.if_not_exists) return Command();
        return Status::Invalid("[TABLE_OR_VIEW_ALREADY_EXISTS] Cannot create table or view " +
                               JoinName(t.name) + " because it already exists.");
      }
      std::vector<types::Field> fields;
      for (const sql::ColumnDefinition& c : t.columns)
        fields.push_back({c.name, c.type.value_or(TypeId::kString), true});
      for (const sql::ColumnDefinition& c : t.partitioned_by)
        if (c.type) fields.push_back({c.name, *c.type, true});
      plan::OperatorPtr plan;
      if (t.query) {
        SLUICE_ASSIGN_OR_RAISE(plan, bind(*t.query));
        if (fields.empty()) fields = plan->output;
      }
      auto table = std::make_shared<MemoryTableSource>(t.name.back(), types::Schema(fields));
      if (plan) {
        SLUICE_ASSIGN_OR_RAISE(QueryResult rows, run(ConformTo(plan, table->schema())));
        SLUICE_RETURN_NOT_OK(table->Write(std::move(rows.batches), true));
      }
      catalog_.PutTable(t.name, table);
      return Command();
    }
    case StatementKind::kInsert: {
      const auto& ins = s.As<sql::Insert>();
      std::shared_ptr<MemoryTableSource> table = catalog_.Table(ins.table);
      if (!table)
        return Status::Invalid("[TABLE_OR_VIEW_NOT_FOUND] The table " + JoinName(ins.table) +
                               " cannot be found.");
      SLUICE_ASSIGN_OR_RAISE(plan::OperatorPtr plan, bind(*ins.query));
      if (plan->output.size() != table->schema().size())
        return Status::Invalid(
            "[INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS] Cannot write to " +
            JoinName(ins.table) + ", the reason is not enough data columns: Table columns: " +
            std::to_string(table->schema().size()) +
            ", data columns: " + std::to_string(plan->output.size()) + ".");
      SLUICE_ASSIGN_OR_RAISE(QueryResult rows, run(ConformTo(plan, table->schema())));
      SLUICE_RETURN_NOT_OK(table->Write(std::move(rows.batches), ins.overwrite));
      return Command();
    }
    case StatementKind::kDrop: {
      const auto& d = s.As<sql::Drop>();
      if (d.object == sql::ObjectKind::kDatabase || d.object == sql::ObjectKind::kFunction)
        return Command();
      if (!catalog_.Remove(d.name) && !d.if_exists)
        return Status::Invalid("[TABLE_OR_VIEW_NOT_FOUND] The table or view " + JoinName(d.name) +
                               " cannot be found.");
      return Command();
    }
    case StatementKind::kSet: {
      const auto& set = s.As<sql::Set>();
      switch (set.form) {
        case sql::Set::Form::kAssign:
          SLUICE_RETURN_NOT_OK(settings_.Set(set.key, set.value));
          return Command();
        case sql::Set::Form::kTimeZone:
          SLUICE_RETURN_NOT_OK(
              settings_.Set("spark.sql.session.timeZone",
                            set.local_zone ? types::TimeZone::System().name() : set.value));
          return Command();
        case sql::Set::Form::kShow: {
          std::optional<std::string> v = settings_.Get(set.key);
          return TextRows({"key", "value"}, {{set.key, v.value_or("<undefined>")}});
        }
        case sql::Set::Form::kList:
        case sql::Set::Form::kListVerbose: {
          std::vector<std::vector<std::string>> rows;
          for (const auto& [k, v] : settings_.All()) rows.push_back({k, v});
          return TextRows({"key", "value"}, rows);
        }
      }
      return Command();
    }
    case StatementKind::kReset:
      settings_.Reset(s.As<sql::Reset>().key);
      return Command();
    case StatementKind::kUse:
    case StatementKind::kCreateDatabase:
    case StatementKind::kUncache:
    case StatementKind::kClearCache:
      return Command();
    case StatementKind::kCache: {
      const auto& c = s.As<sql::Cache>();
      if (c.query) {
        SLUICE_ASSIGN_OR_RAISE(plan::OperatorPtr plan, bind(*c.query));
        plan::CatalogEntry entry;
        entry.name = c.name.back();
        entry.view = plan;
        entry.columns = plan->output;
        catalog_.Put(c.name, std::move(entry));
      }
      return Command();
    }
    case StatementKind::kShow: {
      const auto& show = s.As<sql::Show>();
      if (show.what == sql::Show::What::kFunctions) {
        std::vector<std::vector<std::string>> rows;
        for (const std::string& n : functions::FunctionRegistry::Builtin().Names())
          rows.push_back({n});
        return TextRows({"function"}, rows);
      }
      if (show.what == sql::Show::What::kDatabases) return TextRows({"namespace"}, {{"default"}});
      std::vector<std::vector<std::string>> rows;
      for (const std::string& n : catalog_.Names()) {
        const bool view = catalog_.IsView({n});
        rows.push_back({view ? "" : "default", n, view ? "true" : "false"});
      }
      return TextRows({"namespace", "tableName", "isTemporary"}, rows);
    }
    case StatementKind::kDescribe: {
      const auto& d = s.As<sql::Describe>();
      std::vector<types::Field> columns;
      if (d.what == sql::Describe::What::kQuery) {
        SLUICE_ASSIGN_OR_RAISE(plan::OperatorPtr plan, bind(*d.query));
        columns = plan->output;
      } else if (d.what == sql::Describe::What::kTable) {
        SLUICE_ASSIGN_OR_RAISE(const plan::CatalogEntry* entry, catalog_.Find(d.name));
        if (entry == nullptr)
          return Status::Invalid("[TABLE_OR_VIEW_NOT_FOUND] The table or view " + JoinName(d.name) +
                                 " cannot be found.");
        columns = entry->columns;
      } else {
        return Status::NotImplemented(
            "DESCRIBE FUNCTION and DESCRIBE DATABASE are not supported yet");
      }
      std::vector<std::vector<std::string>> rows;
      for (const types::Field& f : columns) {
        std::string type = f.type.ToString();
        for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        rows.push_back({f.name, type, "NULL"});
      }
      return TextRows({"col_name", "data_type", "comment"}, rows);
    }
    case StatementKind::kExplain: {
      const auto& e = s.As<sql::Explain>();
      if (e.statement->kind != StatementKind::kQuery)
        return TextRows({"plan"}, {{"== Physical Plan ==\nExecute command\n"}});
      SLUICE_ASSIGN_OR_RAISE(plan::OperatorPtr plan,
                             bind(*e.statement->As<sql::QueryStatement>().query));
      return TextRows({"plan"}, {{"== Optimized Logical Plan ==\n" + plan::PlanToString(*plan)}});
    }
    case StatementKind::kInsertDirectory:
    case StatementKind::kAlterTablePartitions:
      return Status::NotImplemented("this statement is not supported yet");
  }
  return Status::Internal("unknown statement");
}

}  // namespace sluice::main
