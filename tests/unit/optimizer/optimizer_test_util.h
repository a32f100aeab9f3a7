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

// A table with a schema only: the plans under test are printed, not run.
class SchemaOnlySource : public plan::TableSource {
 public:
  SchemaOnlySource(std::string name, types::Schema schema)
      : name_(std::move(name)), schema_(std::move(schema)) {}
  const types::Schema& schema() const override { return schema_; }
  std::string description() const override { return name_; }
  Result<std::unique_ptr<plan::TableScan>> OpenScan(
      const functions::FunctionContext&, const std::vector<size_t>&,
      const std::vector<plan::ExprPtr>&) const override {
    return Status::NotImplemented("a schema-only table");
  }

 private:
  std::string name_;
  types::Schema schema_;
};

// t(a INT, b INT, c STRING), u(x INT, y INT), arr(id INT, xs ARRAY<INT>).
class TestCatalog : public plan::Catalog {
 public:
  TestCatalog() {
    using types::LogicalType;
    using types::TypeId;
    Add("t", {{"a", TypeId::kInt, true}, {"b", TypeId::kInt, true}, {"c", TypeId::kString, true}});
    Add("u", {{"x", TypeId::kInt, true}, {"y", TypeId::kInt, true}});
    Add("arr",
        {{"id", TypeId::kInt, true}, {"xs", LogicalType::Array(LogicalType(TypeId::kInt)), true}});
  }
  Result<const plan::CatalogEntry*> Find(const std::vector<std::string>& name) const override {
    auto it = entries_.find(name.back());
    return it == entries_.end() ? nullptr : &it->second;
  }
  std::vector<std::string> Names() const override { return {"t", "u", "arr"}; }
  Result<const plan::CatalogEntry*> OpenFiles(const std::string&, const std::vector<std::string>&,
                                              const std::map<std::string, std::string>&,
                                              const std::optional<types::Schema>&) const override {
    return Status::NotImplemented("files");
  }

 private:
  void Add(const std::string& name, std::vector<types::Field> fields) {
    plan::CatalogEntry e;
    e.name = name;
    e.source = std::make_shared<SchemaOnlySource>(name, types::Schema(fields));
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
    o.simplify = o.decorrelate = o.push_down_filters = o.prune_columns = o.top_n = false;
    o.*rule = true;
    return o;
  }

  types::TimeZone zone_ = types::TimeZone::System();
  functions::FunctionContext ctx_;
  TestCatalog catalog_;
};

}  // namespace sluice::optimizer
