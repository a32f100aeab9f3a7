#include "main/connection.h"

#include <algorithm>
#include <cstdio>

#include "common/text.h"
#include "dataset/dataset_writer.h"
#include "exec/executor.h"
#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "main/statement_results.h"
#include "main/variable_substitution.h"
#include "optimizer/estimate_rows.h"
#include "optimizer/optimizer.h"
#include "plan/column_comment.h"
#include "sql/ast_printer.h"
#include "sql/ast_statement.h"
#include "sql/binder.h"
#include "sql/parser.h"
#include "sql/statement_splitter.h"
#include "vector/vector_ops.h"

namespace sluice::main {

using sql::StatementKind;
using types::TypeId;

size_t QueryResult::num_rows() const { return rows.row_count(); }

Result<std::unique_ptr<Database>> Database::Open(std::shared_ptr<io::FileSystem> fs,
                                                 std::string warehouse_dir) {
  SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<Warehouse> warehouse,
                         Warehouse::Open(fs, std::move(warehouse_dir)));
  return std::unique_ptr<Database>(new Database(std::move(fs), std::move(warehouse)));
}

Connection::Connection(Database& db)
    : db_(db),
      rejects_(std::make_shared<ReadRejects>()),
      catalog_(db.file_system(), &db.warehouse(), rejects_) {}

Result<plan::OperatorPtr> Connection::Bind(const sql::Query& q, std::string_view text,
                                           const functions::FunctionContext& ctx) {
  catalog_.set_context(ctx);
  return sql::BindQuery(q, catalog_, ctx, settings_.bind_settings(), text);
}

Result<plan::OperatorPtr> Connection::Optimize(const plan::OperatorPtr& plan) const {
  if (!settings_.optimizer_enabled()) return plan;
  optimizer::OptimizerOptions options;
  options.null_in_empty_is_null = settings_.MakeFunctionContext().null_in_empty_is_null;
  return optimizer::Optimize(plan, options);
}

Status Connection::Execute(std::string_view script,
                           const std::function<Status(const QueryResult&)>& on_result) {
  const bool substitute =
      script.find("${") != std::string_view::npos &&
      settings_.Get("spark.sql.variable.substitute").value_or("true") != "false";
  if (!substitute) {
    SLUICE_ASSIGN_OR_RAISE(std::vector<sql::StatementPtr> statements, sql::ParseScript(script));
    for (const sql::StatementPtr& s : statements) {
      SLUICE_ASSIGN_OR_RAISE(QueryResult result, ExecuteStatement(*s, script));
      SLUICE_RETURN_NOT_OK(on_result(result));
    }
    return Status::OK();
  }
  // Each statement is substituted when it runs, so that a SET before it counts. The
  // statements are found with each reference masked, which SQL's lexer would refuse.
  for (const sql::ScriptStatement& part : sql::SplitStatements(MaskVariables(script))) {
    const std::string text =
        SubstituteVariables(script.substr(part.start.offset, part.text.size()),
                            [&](const std::string& key) { return settings_.Get(key); });
    SLUICE_ASSIGN_OR_RAISE(sql::StatementPtr s, sql::ParseStatement(text));
    SLUICE_ASSIGN_OR_RAISE(QueryResult result, ExecuteStatement(*s, text));
    SLUICE_RETURN_NOT_OK(on_result(result));
  }
  return Status::OK();
}

Result<std::vector<types::Field>> Connection::OutputOf(std::string_view query) {
  SLUICE_ASSIGN_OR_RAISE(sql::StatementPtr statement, sql::ParseStatement(query));
  if (statement->kind != StatementKind::kQuery)
    return Status::Invalid("not a query: " + std::string(query));
  SLUICE_RETURN_NOT_OK(db_.warehouse().Refresh());
  functions::FunctionContext ctx = MakeContext();
  SLUICE_ASSIGN_OR_RAISE(plan::OperatorPtr plan,
                         Bind(*statement->As<sql::QueryStatement>().query, query, ctx));
  return plan->output;
}

Result<QueryResult> Connection::Sql(std::string_view script) {
  QueryResult last = CommandResult();
  SLUICE_RETURN_NOT_OK(Execute(script, [&](const QueryResult& r) {
    last = QueryResult{r.schema, r.rows.Share(), r.returns_rows};
    return Status::OK();
  }));
  return last;
}

functions::FunctionContext Connection::MakeContext() const {
  functions::FunctionContext ctx = settings_.MakeFunctionContext();
  ctx.cancelled = cancel_flag_;
  ctx.current_database = catalog_.current_database();
  return ctx;
}

Result<exec::BatchStore> Connection::Run(exec::Executor& executor,
                                         const plan::LogicalOperator& plan) {
  Result<exec::BatchStore> rows = executor.Run(plan);
  last_query_memory_ = {executor.memory().peak(), executor.memory().used()};
  return rows;
}

Result<QueryResult> Connection::ExecuteStatement(const sql::Statement& s, std::string_view text) {
  // The catalog as of now: another process may have changed the warehouse.
  SLUICE_RETURN_NOT_OK(db_.warehouse().Refresh());
  functions::FunctionContext ctx = MakeContext();
  catalog_.set_context(ctx);
  auto bind = [&](const sql::Query& q) { return Bind(q, text, ctx); };
  auto run = [&](const plan::OperatorPtr& bound) -> Result<QueryResult> {
    SLUICE_ASSIGN_OR_RAISE(plan::OperatorPtr plan, Optimize(bound));
    exec::Executor executor(ctx, settings_.memory_limit(), file_system(),
                            settings_.temp_directory());
    SLUICE_ASSIGN_OR_RAISE(exec::BatchStore rows, Run(executor, *plan));
    QueryResult result;
    result.schema = std::make_shared<const types::Schema>(plan->output);
    result.rows = std::move(rows);
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
      // A stored view is checked and written under the warehouse's lock.
      std::unique_ptr<io::FileLock> lock;
      TableName stored;
      if (!v.temporary) {
        SLUICE_ASSIGN_OR_RAISE(stored, catalog_.Qualify(v.name));
        SLUICE_ASSIGN_OR_RAISE(lock, db_.warehouse().Lock());
        SLUICE_RETURN_NOT_OK(catalog_.RequireDatabase(stored.database));
      }
      const bool exists = v.temporary ? catalog_.HasTemporary(v.name)
                                      : db_.warehouse().FindTable(stored.database, stored.name) ||
                                            db_.warehouse().FindView(stored.database, stored.name);
      if (exists && !v.or_replace) {
        if (v.if_not_exists) return CommandResult();
        return Status::Invalid(std::string(v.temporary ? "[TEMP_TABLE_OR_VIEW_ALREADY_EXISTS]"
                                                       : "[TABLE_OR_VIEW_ALREADY_EXISTS]") +
                               " Cannot create the view " + QuotedName(v.name) +
                               " because it already exists.");
      }
      plan::CatalogEntry entry;
      entry.name = v.name.back();
      if (!v.using_format.empty()) {
        std::map<std::string, std::string> options;
        std::vector<std::string> paths;
        for (const auto& [k, value] : v.options) {
          if (AsciiLower(k) == "path" || AsciiLower(k) == "paths")
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
        SLUICE_ASSIGN_OR_RAISE(
            std::shared_ptr<FileTableSource> source,
            FileTableSource::Open(db_.file_system(), paths, AsciiLower(v.using_format), options,
                                  schema, ctx, false, rejects_));
        entry.source = source;
        entry.columns = source->schema().fields();
        catalog_.PutTemporary(v.name, std::move(entry));
        return CommandResult();
      }
      SLUICE_ASSIGN_OR_RAISE(plan::OperatorPtr plan, bind(*v.query));
      if (!v.columns.empty() && v.columns.size() != plan->output.size())
        return Status::Invalid("[CREATE_VIEW_COLUMN_ARITY_MISMATCH] Cannot create view " +
                               QuotedName(v.name) +
                               ", the reason is the number of columns does not match.");
      if (!v.temporary) {
        // A stored view keeps its text (with the column names as an alias list).
        std::string sql =
            "SELECT * FROM (" + sql::ToSql(*v.query) + ") AS " + sql::QuoteSqlName(v.name.back());
        if (!v.columns.empty()) {
          std::vector<std::string> names;
          for (const sql::ColumnDefinition& c : v.columns)
            names.push_back(sql::QuoteSqlName(c.name));
          sql += "(";
          for (size_t i = 0; i < names.size(); ++i) sql += (i ? ", " : "") + names[i];
          sql += ")";
        }
        SLUICE_RETURN_NOT_OK(db_.warehouse().PutView(
            {stored.database, stored.name, sql, catalog_.current_database()}));
        return CommandResult();
      }
      if (!v.columns.empty()) {
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
      catalog_.PutTemporary(v.name, std::move(entry));
      return CommandResult();
    }
    case StatementKind::kCreateTable:
      return CreateTable(s.As<sql::CreateTable>(), text, ctx);
    case StatementKind::kInsert:
      return Insert(s.As<sql::Insert>(), text, ctx);
    case StatementKind::kDrop:
      return Drop(s.As<sql::Drop>());
    case StatementKind::kSet: {
      const auto& set = s.As<sql::Set>();
      switch (set.form) {
        case sql::Set::Form::kAssign:
          SLUICE_RETURN_NOT_OK(settings_.Set(set.key, set.value));
          return CommandResult();
        case sql::Set::Form::kTimeZone:
          SLUICE_RETURN_NOT_OK(
              settings_.Set("spark.sql.session.timeZone",
                            set.local_zone ? types::TimeZone::System().name() : set.value));
          return CommandResult();
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
      return CommandResult();
    }
    case StatementKind::kReset:
      settings_.Reset(s.As<sql::Reset>().key);
      return CommandResult();
    case StatementKind::kUse:
      return Use(s.As<sql::Use>());
    case StatementKind::kCreateDatabase:
      return CreateDatabase(s.As<sql::CreateDatabase>());
    case StatementKind::kUncache: {
      const auto& u = s.As<sql::Uncache>();
      SLUICE_ASSIGN_OR_RAISE(const plan::CatalogEntry* entry, catalog_.Find(u.name));
      if (entry == nullptr && !u.if_exists) return TableNotFound(u.name);
      return CommandResult();
    }
    case StatementKind::kClearCache:
      return CommandResult();
    case StatementKind::kCache: {
      const auto& c = s.As<sql::Cache>();
      if (!c.query) {
        // CACHE TABLE t caches an existing relation (which Sluice reads anew each time).
        SLUICE_ASSIGN_OR_RAISE(const plan::CatalogEntry* entry, catalog_.Find(c.name));
        if (entry == nullptr) return TableNotFound(c.name);
      } else {
        SLUICE_ASSIGN_OR_RAISE(plan::OperatorPtr plan, bind(*c.query));
        plan::CatalogEntry entry;
        entry.name = c.name.back();
        entry.view = plan;
        entry.columns = plan->output;
        catalog_.PutTemporary(c.name, std::move(entry));
      }
      return CommandResult();
    }
    case StatementKind::kShow: {
      const auto& show = s.As<sql::Show>();
      if (show.what == sql::Show::What::kFunctions) {
        std::vector<std::vector<std::string>> rows;
        for (const std::string& n : functions::FunctionRegistry::Builtin().Names())
          if (!show.pattern || MatchesShowPattern(*show.pattern, n)) rows.push_back({n});
        return TextRows({"function"}, rows);
      }
      if (show.what == sql::Show::What::kColumns) {
        // SHOW COLUMNS IN t IN db names db.t.
        std::vector<std::string> name = show.name;
        if (!show.namespace_.empty()) {
          name = show.namespace_;
          name.push_back(show.name.back());
        }
        SLUICE_ASSIGN_OR_RAISE(const plan::CatalogEntry* entry, catalog_.Find(name));
        if (entry == nullptr) return TableNotFound(name);
        std::vector<std::vector<std::string>> rows;
        for (const types::Field& f : entry->columns) rows.push_back({f.name});
        return TextRows({"col_name"}, rows);
      }
      if (show.what == sql::Show::What::kPartitions) return ShowPartitions(show);
      if (show.what == sql::Show::What::kDatabases) return ShowDatabases(show);
      return ShowTables(show);
    }
    case StatementKind::kDescribe: {
      const auto& d = s.As<sql::Describe>();
      std::vector<types::Field> columns;
      // A query's or a temporary view's columns show the comments of the stored columns
      // they pass on.
      auto with_comments = [&columns](const plan::LogicalOperator& plan) {
        for (size_t i = 0; i < columns.size(); ++i)
          columns[i].comment = plan::ColumnComment(plan, i);
      };
      if (d.what == sql::Describe::What::kQuery) {
        SLUICE_ASSIGN_OR_RAISE(plan::OperatorPtr plan, bind(*d.query));
        columns = plan->output;
        with_comments(*plan);
      } else if (d.what == sql::Describe::What::kTable) {
        SLUICE_ASSIGN_OR_RAISE(const plan::CatalogEntry* entry, catalog_.Find(d.name));
        if (entry == nullptr) return TableNotFound(d.name);
        columns = entry->columns;
        if (entry->view) with_comments(*entry->view);
      } else if (d.what == sql::Describe::What::kFunction) {
        const std::string name = AsciiLower(d.name.back());
        const std::optional<std::string> usage = functions::FunctionRegistry::Builtin().Usage(name);
        if (!usage) return TextRows({"function_desc"}, {{"Function: " + name + " not found."}});
        return TextRows({"function_desc"}, {{"Function: " + name}, {"Usage: " + *usage}});
      } else {
        return DescribeDatabase(d);
      }
      // Spark prints DESCRIBE rows as three columns padded to 20 characters.
      auto pad = [](std::string s) {
        if (s.size() < 20) s.resize(20, ' ');
        return s;
      };
      std::vector<std::vector<std::string>> rows;
      for (const types::Field& f : columns) {
        std::string type = f.type.ToString();
        for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        rows.push_back({pad(f.name), pad(type), pad(f.comment)});
      }
      return TextRows({"col_name", "data_type", "comment"}, rows);
    }
    case StatementKind::kExplain: {
      const auto& e = s.As<sql::Explain>();
      if (e.statement->kind != StatementKind::kQuery)
        return TextRows({"plan"}, {{"== Physical Plan ==\nExecute command\n"}});
      SLUICE_ASSIGN_OR_RAISE(plan::OperatorPtr bound,
                             bind(*e.statement->As<sql::QueryStatement>().query));
      SLUICE_ASSIGN_OR_RAISE(plan::OperatorPtr plan, Optimize(bound));
      if (e.mode != sql::Explain::Mode::kAnalyze) {
        // EXTENDED shows the plan as bound first, as Spark does, and the optimizer's row
        // estimates.
        if (e.mode != sql::Explain::Mode::kExtended)
          return TextRows({"plan"},
                          {{"== Optimized Logical Plan ==\n" + plan::PlanToString(*plan)}});
        auto estimate = [](const plan::LogicalOperator& op) {
          const std::optional<double> rows = optimizer::EstimateRows(op);
          if (!rows) return std::string();
          char text[64];
          std::snprintf(text, sizeof(text), "rows≈%.0f", *rows);
          return std::string(text);
        };
        return TextRows(
            {"plan"}, {{"== Analyzed Logical Plan ==\n" + plan::PlanToString(*bound) +
                        "\n== Optimized Logical Plan ==\n" + plan::PlanToString(*plan, estimate)}});
      }
      // EXPLAIN ANALYZE runs the query and shows each operator's rows and time.
      exec::Executor executor(ctx, settings_.memory_limit(), file_system(),
                              settings_.temp_directory());
      executor.EnableProfile();
      SLUICE_RETURN_NOT_OK(Run(executor, *plan).status());
      return TextRows({"plan"}, {{"== Analyzed Plan (rows, time) ==\n" +
                                  plan::PlanToString(*plan, [&](const plan::LogicalOperator& op) {
                                    return executor.ProfileOf(op);
                                  })}});
    }
    case StatementKind::kInsertDirectory:
      return InsertDirectory(s.As<sql::InsertDirectory>(), text, ctx);
    case StatementKind::kAlterTablePartitions:
      return AlterTablePartitions(s.As<sql::AlterTablePartitions>(), ctx);
  }
  return Status::Internal("unknown statement");
}

}  // namespace sluice::main
