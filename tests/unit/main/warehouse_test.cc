// Warehouse: databases and their folders, catalogs written before databases existed, and
// changes by several warehouse objects on one folder (as several processes make them):
// each change re-reads catalog.json under the lock, so none is lost.
#include "main/warehouse.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "io/memory_file_system.h"

namespace sluice::main {
namespace {

class WarehouseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/sluice-warehouse-test-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { (void)fs_->DeleteRecursive(dir_); }

  std::unique_ptr<Warehouse> Open() {
    auto w = Warehouse::Open(fs_, dir_);
    EXPECT_TRUE(w.ok()) << w.status().ToString();
    return std::move(*w);
  }

  static StoredTable Table(Warehouse& w, const std::string& db, const std::string& name) {
    StoredTable t;
    t.database = db;
    t.name = name;
    t.location = w.TableLocation(db, name);
    t.schema = types::Schema({{"x", types::TypeId::kInt}});
    return t;
  }

  std::shared_ptr<io::FileSystem> fs_ = io::LocalFileSystem();
  std::string dir_;
};

TEST_F(WarehouseTest, DatabasesLiveInTheirOwnFolders) {
  auto w = Open();
  EXPECT_EQ(w->DatabaseNames(), std::vector<std::string>{"default"});
  EXPECT_EQ(w->TableLocation("default", "T1"), dir_ + "/t1");
  {
    auto lock = w->Lock();
    ASSERT_TRUE(lock.ok());
    StoredDatabase db;
    db.name = "Sales";
    db.comment = "c";
    db.properties = {{"k", "v"}};
    ASSERT_TRUE(w->PutDatabase(db).ok());
    StoredDatabase elsewhere;
    elsewhere.name = "ext";
    elsewhere.location = dir_ + "/somewhere";
    ASSERT_TRUE(w->PutDatabase(elsewhere).ok());
  }
  EXPECT_EQ(w->DatabaseNames(), (std::vector<std::string>{"default", "ext", "sales"}));
  EXPECT_EQ(w->TableLocation("SALES", "Orders"), dir_ + "/sales.db/orders");
  EXPECT_EQ(w->TableLocation("ext", "t"), dir_ + "/somewhere/t");

  // A second object (another process) reads what the first wrote.
  auto other = Open();
  const StoredDatabase* sales = other->FindDatabase("sales");
  ASSERT_NE(sales, nullptr);
  EXPECT_EQ(sales->comment, "c");
  EXPECT_EQ(sales->properties.at("k"), "v");
  EXPECT_EQ(other->FindDatabase("ext")->location, dir_ + "/somewhere");
}

TEST_F(WarehouseTest, DropDatabaseRemovesItsTablesViewsAndManagedFiles) {
  auto w = Open();
  auto lock = w->Lock();
  ASSERT_TRUE(lock.ok());
  StoredDatabase db;
  db.name = "s";
  ASSERT_TRUE(w->PutDatabase(db).ok());
  ASSERT_TRUE(fs_->CreateDirs(w->DatabaseLocation(*w->FindDatabase("s"))).ok());
  StoredTable managed = Table(*w, "s", "m");
  ASSERT_TRUE(fs_->CreateDirs(managed.location).ok());
  ASSERT_TRUE(fs_->WriteAll(managed.location + "/part-0.parquet", "x").ok());
  StoredTable external = Table(*w, "s", "e");
  external.location = dir_ + "/outside";
  external.managed = false;
  ASSERT_TRUE(fs_->CreateDirs(external.location).ok());
  ASSERT_TRUE(fs_->WriteAll(external.location + "/data.csv", "1\n").ok());
  ASSERT_TRUE(w->PutTable(managed).ok());
  ASSERT_TRUE(w->PutTable(external).ok());
  ASSERT_TRUE(w->PutTable(Table(*w, "default", "m")).ok());  // same name, other database
  ASSERT_TRUE(w->PutView({"s", "v", "SELECT 1", "s"}).ok());
  EXPECT_EQ(w->Names("s"), (std::vector<std::string>{"e", "m", "v"}));

  ASSERT_TRUE(w->DropDatabase("s").ok());
  EXPECT_EQ(w->FindDatabase("s"), nullptr);
  EXPECT_EQ(w->FindTable("s", "m"), nullptr);
  EXPECT_EQ(w->FindView("s", "v"), nullptr);
  EXPECT_NE(w->FindTable("default", "m"), nullptr);
  EXPECT_FALSE(fs_->Exists(managed.location));
  EXPECT_FALSE(fs_->Exists(dir_ + "/s.db"));                  // left empty, so removed
  EXPECT_TRUE(fs_->Exists(external.location + "/data.csv"));  // not Sluice's to delete
}

TEST_F(WarehouseTest, ReadsCatalogsWrittenBeforeDatabases) {
  // The layout of catalog.json before databases: no "databases", no "database" fields.
  ASSERT_TRUE(fs_->WriteAll(dir_ + "/catalog.json",
                            R"({"tables":[{"name":"Old","format":"csv","location":"x/old",)"
                            R"("columns":"a INT, b STRING","managed":false,"partition_by":["b"],)"
                            R"("options":{"header":"true"}}],)"
                            R"("views":[{"name":"v","sql":"SELECT a FROM old"}]})")
                  .ok());
  auto w = Open();
  EXPECT_EQ(w->DatabaseNames(), std::vector<std::string>{"default"});
  const StoredTable* t = w->FindTable("default", "old");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->name, "Old");
  EXPECT_EQ(t->location, "x/old");
  EXPECT_FALSE(t->managed);
  EXPECT_EQ(t->schema.ToDdl(), "a INT, b STRING");
  EXPECT_EQ(t->partition_by, std::vector<std::string>{"b"});
  EXPECT_EQ(t->options.at("header"), "true");
  const StoredView* v = w->FindView("DEFAULT", "V");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->sql, "SELECT a FROM old");
  EXPECT_EQ(v->sql_database, "default");
}

TEST_F(WarehouseTest, BadCatalogNamesTheFile) {
  ASSERT_TRUE(fs_->WriteAll(dir_ + "/catalog.json", R"({"tables":[],"views":[{"sql":"x"}]})").ok());
  auto w = Warehouse::Open(fs_, dir_);
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.status().message().find(dir_ + "/catalog.json"), std::string::npos);
  EXPECT_NE(w.status().message().find("a view without name or sql"), std::string::npos);
  ASSERT_TRUE(fs_->WriteAll(dir_ + "/catalog.json",
                            R"({"tables":[{"database":"gone","name":"t","format":"csv",)"
                            R"("location":"t","columns":"a INT","managed":true}],"views":[]})")
                  .ok());
  w = Warehouse::Open(fs_, dir_);
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.status().message().find("unknown database gone"), std::string::npos);
}

TEST_F(WarehouseTest, LockRereadsWhatAnotherWriterAdded) {
  auto a = Open();
  auto b = Open();  // opened before a writes: its copy is stale until it locks
  {
    auto lock = a->Lock();
    ASSERT_TRUE(lock.ok());
    ASSERT_TRUE(a->PutTable(Table(*a, "default", "from_a")).ok());
  }
  EXPECT_EQ(b->FindTable("default", "from_a"), nullptr);
  {
    auto lock = b->Lock();
    ASSERT_TRUE(lock.ok());
    EXPECT_NE(b->FindTable("default", "from_a"), nullptr);
    ASSERT_TRUE(b->PutTable(Table(*b, "default", "from_b")).ok());
  }
  // Refresh (what each statement does first) sees the other's change without the lock.
  ASSERT_TRUE(a->Refresh().ok());
  EXPECT_EQ(a->Names("default"), (std::vector<std::string>{"from_a", "from_b"}));
}

TEST_F(WarehouseTest, LockExcludesOtherWriters) {
  auto a = Open();
  auto b = Open();
  auto held = a->Lock();
  ASSERT_TRUE(held.ok());
  std::atomic<bool> b_locked{false};
  std::thread other([&] {
    auto lock = b->Lock();
    ASSERT_TRUE(lock.ok());
    b_locked = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_FALSE(b_locked.load());  // waits while a holds the lock
  held->reset();
  other.join();
  EXPECT_TRUE(b_locked.load());
}

TEST_F(WarehouseTest, ConcurrentWritersLoseNothing) {
  constexpr int kWriters = 4, kTables = 15;
  std::vector<std::thread> writers;
  std::atomic<int> failures{0};
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      auto warehouse = Open();
      for (int i = 0; i < kTables; ++i) {
        auto lock = warehouse->Lock();
        const std::string name = "t" + std::to_string(w) + "_" + std::to_string(i);
        if (!lock.ok() || !warehouse->PutTable(Table(*warehouse, "default", name)).ok()) ++failures;
      }
    });
  }
  for (std::thread& t : writers) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Open()->Names("default").size(), static_cast<size_t>(kWriters * kTables));
}

TEST(WarehouseMemoryTest, InMemoryFileSystemNeedsNoLockFile) {
  // The default LockExclusive holds nothing: one process, one thread per warehouse.
  auto fs = std::make_shared<io::MemoryFileSystem>();
  auto w = Warehouse::Open(fs, "/wh");
  ASSERT_TRUE(w.ok());
  auto lock = (*w)->Lock();
  ASSERT_TRUE(lock.ok());
  StoredDatabase db;
  db.name = "m";
  ASSERT_TRUE((*w)->PutDatabase(db).ok());
  auto again = Warehouse::Open(fs, "/wh");
  ASSERT_TRUE(again.ok());
  EXPECT_NE((*again)->FindDatabase("m"), nullptr);
}

}  // namespace
}  // namespace sluice::main
