// Binds SQL over a small catalog of tables whose scans are never opened, and optimizes
// it, for tests that read the plans' text.
#pragma once

#include <gtest/gtest.h>

#include <map>

#include "optimizer/optimizer.h"
#include "sql/ast_statement.h"
#include "sql/binder.h"
#include "sql/parser.h"
#include "types/time_zone.h"

namespace sluice::optimizer {

// A table with a schema (and a row estimate) only: the plans under test are printed, not run.
class SchemaOnlySource : public plan::TableSource {
 public:
  SchemaOnlySource(std::string name, types::Schema schema, std::optional<int64_t> rows)
      : name_(std::move(name)), schema_(std::move(schema)), rows_(rows) {}
  const types::Schema& schema() const override { return schema_; }
  std::optional<int64_t> EstimatedRows() const override { return rows_; }
  std::string description() const override { return name_; }
  Result<std::unique_ptr<plan::TableScan>> OpenScan(
      const functions::FunctionContext&, const std::vector<size_t>&,
      const std::vector<plan::ExprPtr>&) const override {
    return Status::NotImplemented("a schema-only table");
  }

 private:
  std::string name_;
  types::Schema schema_;
  std::optional<int64_t> rows_;
};

// t(a INT, b INT, c STRING), u(x INT, y INT), arr(id INT, xs ARRAY<INT>) without row
// estimates; a star schema with them: fact(fa INT, fb INT, fc INT, v INT) of 1,000,000
// rows, dims da(ka INT, na STRING) of 10, db(kb INT, nb STRING) of 100, dc(kc INT, nc
// STRING) of 1,000.
class TestCatalog : public plan::Catalog {
 public:
  TestCatalog() {
    using types::LogicalType;
    using types::TypeId;
    Add("t", {{"a", TypeId::kInt, true}, {"b", TypeId::kInt, true}, {"c", TypeId::kString, true}});
    Add("u", {{"x", TypeId::kInt, true}, {"y", TypeId::kInt, true}});
    Add("arr",
        {{"id", TypeId::kInt, true}, {"xs", LogicalType::Array(LogicalType(TypeId::kInt)), true}});
    Add("fact",
        {{"fa", TypeId::kInt, true},
         {"fb", TypeId::kInt, true},
         {"fc", TypeId::kInt, true},
         {"v", TypeId::kInt, true}},
        1000000);
    Add("da", {{"ka", TypeId::kInt, true}, {"na", TypeId::kString, true}}, 10);
    Add("db", {{"kb", TypeId::kInt, true}, {"nb", TypeId::kString, true}}, 100);
    Add("dc", {{"kc", TypeId::kInt, true}, {"nc", TypeId::kString, true}}, 1000);
  }
  Result<const plan::CatalogEntry*> Find(const std::vector<std::string>& name) const override {
    auto it = entries_.find(name.back());
    return it == entries_.end() ? nullptr : &it->second;
  }
  std::vector<std::string> Names() const override {
    std::vector<std::string> names;
    for (const auto& [name, entry] : entries_) names.push_back(name);
    return names;
  }
  Result<const plan::CatalogEntry*> OpenFiles(const std::string&, const std::vector<std::string>&,
                                              const std::map<std::string, std::string>&,
                                              const std::optional<types::Schema>&) const override {
    return Status::NotImplemented("files");
  }

 private:
  void Add(const std::string& name, std::vector<types::Field> fields,
           std::optional<int64_t> rows = std::nullopt) {
    plan::CatalogEntry e;
    e.name = name;
    e.source = std::make_shared<SchemaOnlySource>(name, types::Schema(fields), rows);
    e.columns = fields;
    entries_[name] = e;
  }
  std::map<std::string, plan::CatalogEntry> entries_;
};

class OptimizerTest : public ::testing::Test {
 protected:
  OptimizerTest() { ctx_.zone = &zone_; }

  plan::OperatorPtr Bind(const std::string& sql) {
    Result<sql::StatementPtr> s = sql::ParseStatement(sql);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    Result<plan::OperatorPtr> p = sql::BindQuery(*(*s)->As<sql::QueryStatement>().query, catalog_,
                                                 ctx_, sql::BindSettings(), sql);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return *p;
  }
  // The plan's text after the given rules (all by default).
  std::string Optimized(const std::string& sql, OptimizerOptions options = {}) {
    plan::OperatorPtr bound = Bind(sql);
    Result<plan::OperatorPtr> p = Optimize(bound, options);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    // The root's output never changes.
    EXPECT_EQ((*p)->output, bound->output);
    return plan::PlanToString(**p);
  }
  static OptimizerOptions Only(bool OptimizerOptions::*rule) {
    OptimizerOptions o;
    o.simplify = o.decorrelate = o.push_down_filters = o.prune_columns = o.top_n = o.fuse_windows =
        o.join_order = false;
    o.*rule = true;
    return o;
  }

  types::TimeZone zone_ = types::TimeZone::System();
  functions::FunctionContext ctx_;
  TestCatalog catalog_;
};

}  // namespace sluice::optimizer
