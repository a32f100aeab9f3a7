#include <gtest/gtest.h>

#include "sql/statement_splitter.h"
#include "sql_test_util.h"

namespace sluice::sql {
namespace {

using types::LogicalType;
using types::TypeId;

TEST(ParserStatementTest, CreateView) {
  StatementPtr s = Statement(
      "CREATE OR REPLACE TEMPORARY VIEW v (a COMMENT 'first', b) COMMENT 'v' AS SELECT 1, 2");
  const auto& v = s->As<CreateView>();
  EXPECT_TRUE(v.or_replace);
  EXPECT_TRUE(v.temporary);
  EXPECT_FALSE(v.global);
  ASSERT_EQ(v.columns.size(), 2u);
  EXPECT_EQ(v.columns[0].comment, "first");
  EXPECT_FALSE(v.columns[1].type.has_value());
  EXPECT_EQ(v.comment, "v");
  ASSERT_NE(v.query, nullptr);

  StatementPtr u = Statement(
      "CREATE TEMPORARY VIEW f (id INT, name STRING) USING csv OPTIONS (path '/x.csv', header "
      "'true', sep = ';', inferSchema true)");
  const auto& f = u->As<CreateView>();
  EXPECT_EQ(f.using_format, "csv");
  ASSERT_EQ(f.columns.size(), 2u);
  EXPECT_EQ(*f.columns[0].type, LogicalType(TypeId::kInt));
  EXPECT_EQ(f.options,
            (PropertyList{
                {"path", "/x.csv"}, {"header", "true"}, {"sep", ";"}, {"inferSchema", "true"}}));
  EXPECT_EQ(f.query, nullptr);
  EXPECT_EQ(PrintStatement("create global temp view if not exists g as values 1"),
            "CREATE GLOBAL TEMPORARY VIEW IF NOT EXISTS `g` AS VALUES (1)");
}

TEST(ParserStatementTest, CreateTable) {
  StatementPtr s = Statement(
      "CREATE TABLE IF NOT EXISTS db.t (id BIGINT NOT NULL COMMENT 'key', tags ARRAY<STRING>, "
      "amount DEC(10, 2)) USING parquet OPTIONS ('compression' 'zstd') PARTITIONED BY (day) "
      "LOCATION '/w/t' COMMENT 'c' TBLPROPERTIES ('a.b' = 1)");
  const auto& t = s->As<CreateTable>();
  EXPECT_TRUE(t.if_not_exists);
  EXPECT_EQ(t.name, (std::vector<std::string>{"db", "t"}));
  ASSERT_EQ(t.columns.size(), 3u);
  EXPECT_FALSE(t.columns[0].nullable);
  EXPECT_EQ(t.columns[0].comment, "key");
  EXPECT_EQ(*t.columns[1].type, LogicalType::Array(TypeId::kString));
  EXPECT_EQ(*t.columns[2].type, LogicalType::Decimal(10, 2));
  EXPECT_EQ(t.using_format, "parquet");
  EXPECT_EQ(t.options, (PropertyList{{"compression", "zstd"}}));
  ASSERT_EQ(t.partitioned_by.size(), 1u);
  EXPECT_EQ(t.partitioned_by[0].name, "day");
  EXPECT_EQ(t.location, "/w/t");
  EXPECT_EQ(t.properties, (PropertyList{{"a.b", "1"}}));
  EXPECT_EQ(t.query, nullptr);
  EXPECT_EQ(PrintStatement("CREATE TABLE t USING csv AS SELECT 1 AS a"),
            "CREATE TABLE `t` USING csv AS SELECT 1 AS `a`");
  EXPECT_EQ(PrintStatement("CREATE TABLE t (a INT) USING parquet PARTITIONED BY (b STRING)"),
            "CREATE TABLE `t` (`a` INT) USING parquet PARTITIONED BY (`b` STRING)");
}

TEST(ParserStatementTest, Insert) {
  StatementPtr s =
      Statement("INSERT OVERWRITE TABLE t PARTITION (day = '2024-01-01', hour) (a, b) SELECT 1, 2");
  const auto& i = s->As<Insert>();
  EXPECT_TRUE(i.overwrite);
  ASSERT_EQ(i.partition.size(), 2u);
  EXPECT_EQ(i.partition[0].column, "day");
  ASSERT_NE(i.partition[0].value, nullptr);
  EXPECT_EQ(i.partition[1].value, nullptr);
  EXPECT_EQ(i.columns, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(PrintStatement("insert into t values (1, 'a'), (2, 'b')"),
            "INSERT INTO TABLE `t` VALUES (1, 'a'), (2, 'b')");
  EXPECT_EQ(PrintStatement("INSERT INTO t (SELECT 1)"), "INSERT INTO TABLE `t` (SELECT 1)");
  StatementPtr with = Statement("WITH c AS (SELECT 1 AS x) INSERT INTO t SELECT x FROM c");
  ASSERT_EQ(with->kind, StatementKind::kInsert);
  ASSERT_EQ(with->As<Insert>().query->ctes.size(), 1u);
  EXPECT_EQ(with->As<Insert>().query->ctes[0].name, "c");
  EXPECT_EQ(PrintStatement("WITH c AS (SELECT 1) INSERT OVERWRITE t SELECT * FROM c"),
            "INSERT OVERWRITE TABLE `t` WITH `c` AS (SELECT 1) SELECT * FROM `c`");
  StatementPtr d = Statement(
      "INSERT OVERWRITE LOCAL DIRECTORY '/out' USING parquet OPTIONS (compression 'snappy') "
      "SELECT * FROM t");
  const auto& dir = d->As<InsertDirectory>();
  EXPECT_TRUE(dir.local);
  EXPECT_EQ(dir.path, "/out");
  EXPECT_EQ(dir.using_format, "parquet");
  EXPECT_EQ(PrintStatement("INSERT OVERWRITE DIRECTORY USING csv OPTIONS (path '/o') SELECT 1"),
            "INSERT OVERWRITE DIRECTORY USING `csv` OPTIONS ('path' '/o') SELECT 1");
}

TEST(ParserStatementTest, AlterDrop) {
  StatementPtr a = Statement(
      "ALTER TABLE t ADD IF NOT EXISTS PARTITION (d = 1) LOCATION '/x' PARTITION (d = 2)");
  const auto& add = a->As<AlterTablePartitions>();
  EXPECT_TRUE(add.add);
  EXPECT_TRUE(add.if_clause);
  ASSERT_EQ(add.partitions.size(), 2u);
  EXPECT_EQ(add.locations[0], "/x");
  EXPECT_FALSE(add.locations[1].has_value());
  EXPECT_EQ(PrintStatement("alter table t drop if exists partition (d=1), partition (d=-2) purge"),
            "ALTER TABLE `t` DROP IF EXISTS PARTITION (`d` = 1), PARTITION (`d` = -2) PURGE");
  StatementPtr d = Statement("DROP VIEW IF EXISTS v");
  EXPECT_EQ(d->As<Drop>().object, ObjectKind::kView);
  EXPECT_TRUE(d->As<Drop>().if_exists);
  EXPECT_EQ(PrintStatement("drop table db.t"), "DROP TABLE `db`.`t`");
  EXPECT_EQ(PrintStatement("drop schema if exists s cascade"), "DROP SCHEMA IF EXISTS `s` CASCADE");
}

TEST(ParserStatementTest, SetResetUse) {
  StatementPtr s = Statement("SET spark.sql.session.timeZone = America/Los_Angeles ");
  const auto& set = s->As<Set>();
  EXPECT_EQ(set.form, Set::Form::kAssign);
  EXPECT_EQ(set.key, "spark.sql.session.timeZone");
  EXPECT_EQ(set.value, "America/Los_Angeles");
  // Spark's lax value text: anything up to the end of the statement.
  StatementPtr lax = Statement("SET spark.sql.x=a b,c=d;");
  EXPECT_EQ(lax->As<Set>().value, "a b,c=d");
  EXPECT_EQ(Statement("SET")->As<Set>().form, Set::Form::kList);
  EXPECT_EQ(Statement("SET -v")->As<Set>().form, Set::Form::kListVerbose);
  StatementPtr show = Statement("SET spark.sql.ansi.enabled");
  EXPECT_EQ(show->As<Set>().form, Set::Form::kShow);
  EXPECT_EQ(show->As<Set>().key, "spark.sql.ansi.enabled");
  StatementPtr zone = Statement("SET TIME ZONE 'UTC'");
  EXPECT_EQ(zone->As<Set>().form, Set::Form::kTimeZone);
  EXPECT_EQ(zone->As<Set>().value, "UTC");
  EXPECT_EQ(Statement("RESET spark.sql.x")->As<Reset>().key, "spark.sql.x");
  EXPECT_EQ(Statement("RESET")->As<Reset>().key, "");
  EXPECT_EQ(Statement("USE db")->As<Use>().name, std::vector<std::string>{"db"});
  EXPECT_EQ(PrintStatement("CREATE SCHEMA IF NOT EXISTS s COMMENT 'c' LOCATION '/l'"),
            "CREATE SCHEMA IF NOT EXISTS `s` COMMENT 'c' LOCATION '/l'");
}

TEST(ParserStatementTest, ShowDescribeExplainCache) {
  StatementPtr t = Statement("SHOW TABLES IN db LIKE 'a*'");
  EXPECT_EQ(t->As<Show>().what, Show::What::kTables);
  EXPECT_EQ(t->As<Show>().name, std::vector<std::string>{"db"});
  EXPECT_EQ(t->As<Show>().pattern, "a*");
  EXPECT_EQ(Statement("SHOW DATABASES")->As<Show>().what, Show::What::kDatabases);
  EXPECT_EQ(Statement("SHOW SCHEMAS LIKE 'x'")->As<Show>().pattern, "x");
  EXPECT_EQ(Statement("SHOW VIEWS FROM db")->As<Show>().what, Show::What::kViews);
  StatementPtr f = Statement("SHOW SYSTEM FUNCTIONS LIKE 'date*'");
  EXPECT_EQ(f->As<Show>().what, Show::What::kFunctions);
  EXPECT_EQ(f->As<Show>().function_scope, "SYSTEM");
  StatementPtr c = Statement("SHOW COLUMNS FROM t IN db");
  EXPECT_EQ(c->As<Show>().what, Show::What::kColumns);
  EXPECT_EQ(c->As<Show>().namespace_, std::vector<std::string>{"db"});

  StatementPtr d = Statement("DESCRIBE EXTENDED t");
  EXPECT_EQ(d->As<Describe>().what, Describe::What::kTable);
  EXPECT_TRUE(d->As<Describe>().extended);
  EXPECT_EQ(Statement("DESC FORMATTED t")->As<Describe>().formatted, true);
  EXPECT_EQ(Statement("DESC QUERY SELECT 1")->As<Describe>().what, Describe::What::kQuery);
  EXPECT_EQ(Statement("DESCRIBE SELECT 1")->As<Describe>().what, Describe::What::kQuery);
  // Fuzzer find: DESCRIBE TABLE t c was read as DESCRIBE (TABLE t) and failed at c.
  StatementPtr column = Statement("DESCRIBE TABLE t c");
  EXPECT_EQ(column->As<Describe>().what, Describe::What::kTable);
  EXPECT_EQ(column->As<Describe>().column, std::vector<std::string>{"c"});
  EXPECT_EQ(PrintStatement("DESCRIBE t c"), "DESCRIBE TABLE `t` `c`");
  EXPECT_EQ(Statement("DESC QUERY TABLE t")->As<Describe>().what, Describe::What::kQuery);
  StatementPtr fn = Statement("DESCRIBE FUNCTION EXTENDED upper");
  EXPECT_EQ(fn->As<Describe>().what, Describe::What::kFunction);
  EXPECT_EQ(fn->As<Describe>().name, std::vector<std::string>{"upper"});
  EXPECT_EQ(Statement("DESC FUNCTION +")->As<Describe>().name, std::vector<std::string>{"+"});

  StatementPtr e = Statement("EXPLAIN ANALYZE SELECT 1");
  EXPECT_EQ(e->As<Explain>().mode, Explain::Mode::kAnalyze);
  EXPECT_EQ(e->As<Explain>().statement->kind, StatementKind::kQuery);
  EXPECT_EQ(PrintStatement("explain extended select 1"), "EXPLAIN EXTENDED SELECT 1");

  StatementPtr cache = Statement("CACHE LAZY TABLE c AS SELECT 1");
  EXPECT_TRUE(cache->As<Cache>().lazy);
  EXPECT_NE(cache->As<Cache>().query, nullptr);
  EXPECT_EQ(PrintStatement("uncache table if exists c"), "UNCACHE TABLE IF EXISTS `c`");
  EXPECT_EQ(PrintStatement("clear cache"), "CLEAR CACHE");
}

TEST(ParserStatementTest, ScriptsKeepScriptPositions) {
  auto script = ParseScript("SELECT 1;\n\n-- note\nSELECT 2;;\nSHOW TABLES");
  ASSERT_TRUE(script.ok()) << script.status().ToString();
  ASSERT_EQ(script->size(), 3u);
  EXPECT_EQ((*script)[1]->pos.line, 4);
  EXPECT_EQ((*script)[2]->pos.line, 5);
  auto bad = ParseScript("SELECT 1;\nSELECT 2 +;\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("(line 2, pos 10)"), std::string::npos)
      << bad.status().message();
}

// The flyer workload (../shared/seeds/README.md) as a spark-sql script.
TEST(ParserStatementTest, FlyerScript) {
  auto script = ParseScript(
      "CREATE TEMPORARY VIEW events USING csv OPTIONS (path 'channel_dataset.csv', header "
      "'true');\n"
      "SET spark.sql.session.timeZone=America/Toronto;\n"
      "SET spark.sql.legacy.interval.enabled=true;\n"
      "SELECT user_id, merchant_id, to_date(timestamp) AS tdate,\n"
      "  (max(timestamp) - min(timestamp)) / count(*) AS avg_time,\n"
      "  (unix_timestamp(max(timestamp)) - unix_timestamp(min(timestamp))) / count(*)\n"
      "    AS avg_time_in_Sec\n"
      "FROM events WHERE event = 'flyer_open' OR event = 'item_open'\n"
      "GROUP BY user_id, merchant_id, to_date(timestamp);");
  ASSERT_TRUE(script.ok()) << script.status().ToString();
  ASSERT_EQ(script->size(), 4u);
  EXPECT_EQ((*script)[0]->As<CreateView>().using_format, "csv");
  EXPECT_EQ((*script)[2]->As<Set>().key, "spark.sql.legacy.interval.enabled");
  const auto& select = (*script)[3]->As<QueryStatement>().query->body->As<SelectTerm>();
  EXPECT_EQ(select.items[2].alias, "tdate");
  // `timestamp` without a string after it is the column, not a TIMESTAMP literal.
  const auto& to_date = select.items[2].expr->As<FunctionCall>();
  EXPECT_EQ(to_date.args[0]->As<ColumnRef>().name, std::vector<std::string>{"timestamp"});
  EXPECT_EQ(select.group_by->items.size(), 3u);
}

// The CLI splits a script and parses its statements one by one: positions and errors
// must still be the script's.
TEST(ParserStatementTest, SplitStatementsKeepScriptPositions) {
  const std::string script =
      "SET a=1;\n  SELECT x,\n    CAST(y AS STRING) FROM t; SELECT 1 +;\nSELECT CAST(z AS INTEGR)";
  auto pieces = SplitStatements(script);
  ASSERT_EQ(pieces.size(), 4u);
  auto select = ParseStatement(pieces[1].text, pieces[1].start);
  ASSERT_TRUE(select.ok()) << select.status().ToString();
  const auto& items = (*select)->As<QueryStatement>().query->body->As<SelectTerm>().items;
  EXPECT_EQ(items[1].expr->pos.line, 3);
  EXPECT_EQ(items[1].expr->pos.column, 5);
  EXPECT_EQ(items[1].expr->pos.offset, script.find("CAST"));
  auto bad = ParseStatement(pieces[2].text, pieces[2].start);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near end of input: expected an expression "
            "(line 3, pos 40)\n\n== SQL ==\nSELECT 1 +\n----------^^^");
  auto type = ParseStatement(pieces[3].text, pieces[3].start);
  ASSERT_FALSE(type.ok());
  EXPECT_NE(type.status().message().find("(line 4, pos 17)"), std::string::npos)
      << type.status().message();
  auto set = ParseStatement(pieces[0].text, pieces[0].start);
  ASSERT_TRUE(set.ok());
  EXPECT_EQ((*set)->As<Set>().value, "1");
}

}  // namespace
}  // namespace sluice::sql
