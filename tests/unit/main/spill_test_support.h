// What the spilling operators' tests share: a connection on a memory file system that spills
// into kSpillFolder, and the query's rows as text (a disk that fills up: small_disk.h).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "io/memory_file_system.h"
#include "main/connection.h"
#include "memory/memory_tracker.h"
#include "small_disk.h"
#include "vector/value_formatter.h"

namespace sluice::main {

constexpr const char* kSpillFolder = "/spill";

class SpillTest : public ::testing::Test {
 protected:
  void Open(std::shared_ptr<io::MemoryFileSystem> fs) {
    fs_ = std::move(fs);
    auto db = Database::Open(fs_, "/warehouse");
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    connection_ = std::make_unique<Connection>(*db_);
    ASSERT_TRUE(connection_->Sql(std::string("SET spark.local.dir=") + kSpillFolder).ok());
  }
  void SetUp() override { Open(std::make_shared<io::MemoryFileSystem>()); }

  // The query's rows, each formatted, sorted unless `keep_order`.
  std::vector<std::string> Rows(const std::string& sql, bool keep_order = false) {
    Result<QueryResult> r = connection_->Sql(sql);
    EXPECT_TRUE(r.ok()) << sql << ": " << r.status().ToString();
    std::vector<std::string> rows;
    if (!r.ok()) return rows;
    const types::TimeZone utc = types::TimeZone::Utc();
    Result<exec::BatchList> batches = r->rows.TakeAll();
    EXPECT_TRUE(batches.ok()) << batches.status().ToString();
    if (!batches.ok()) return rows;
    for (const vector::Batch& b : *batches)
      for (size_t i = 0; i < b.num_selected(); ++i) {
        std::string row;
        for (size_t c = 0; c < b.num_columns(); ++c)
          row += vector::FormatValue(b.column(c), b.selected_row(i), utc) + "|";
        rows.push_back(row);
      }
    if (!keep_order) std::sort(rows.begin(), rows.end());
    return rows;
  }
  void SetLimit(const std::string& limit) {
    ASSERT_TRUE(connection_->Sql("SET spark.sluice.memory.limit=" + limit).ok());
  }
  // Whether EXPLAIN ANALYZE shows an operator of the query spilling.
  bool Spills(const std::string& sql) {
    for (const std::string& line : Rows("EXPLAIN ANALYZE " + sql))
      if (line.find("spilled=") != std::string::npos) return true;
    return false;
  }
  // The line of EXPLAIN ANALYZE for the query's first operator whose line holds `name`
  // ("Window", "Join"), or "" when there is none.
  std::string ProfileLine(const std::string& sql, const std::string& name) {
    for (const std::string& plan : Rows("EXPLAIN ANALYZE " + sql)) {
      const size_t at = plan.find(name);
      if (at != std::string::npos) return plan.substr(at, plan.find('\n', at) - at);
    }
    return "";
  }
  // Whether that operator spilled.
  bool OperatorSpills(const std::string& sql, const std::string& name) {
    return ProfileLine(sql, name).find("spilled=") != std::string::npos;
  }
  // The query's rows without a limit (where operator `name` does not spill), then under
  // `limit_mb`, where it spills: the same rows, within the limit, nothing held or left after.
  void ExpectSameRowsWhenOperatorSpills(const std::string& q, int limit_mb,
                                        const std::string& name) {
    SCOPED_TRACE(q);
    ASSERT_TRUE(connection_->Sql("RESET spark.sluice.memory.limit").ok());
    const std::vector<std::string> unlimited = Rows(q);
    ASSERT_GE(unlimited.size(), 1000u);
    EXPECT_FALSE(OperatorSpills(q, name));
    SetLimit(std::to_string(limit_mb) + "MB");
    EXPECT_TRUE(OperatorSpills(q, name));
    EXPECT_EQ(Rows(q), unlimited);
    EXPECT_LE(connection_->last_query_memory().peak, int64_t{limit_mb} << 20);
    EXPECT_EQ(connection_->last_query_memory().held_at_end, 0);
    EXPECT_EQ(SpillFoldersLeft(), 0u);
  }
  // That `r` failed with `code` and a message holding `part`, with nothing left held, the
  // process's memory back to `process_before` and no spill folder left.
  void ExpectCleanFailure(const Result<QueryResult>& r, StatusCode code, const std::string& part,
                          int64_t process_before) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), code) << r.status().ToString();
    EXPECT_NE(r.status().message().find(part), std::string::npos) << r.status().message();
    EXPECT_EQ(connection_->last_query_memory().held_at_end, 0);
    EXPECT_EQ(memory::MemoryTracker::Process().used(), process_before);
    EXPECT_EQ(SpillFoldersLeft(), 0u);
  }
  // The files in the spill folders now (0 while there is none).
  size_t SpillFiles() {
    size_t files = 0;
    Result<std::vector<io::FileInfo>> folders = fs_->ListDir(kSpillFolder);
    if (!folders.ok()) return 0;
    for (const io::FileInfo& f : *folders) {
      Result<std::vector<io::FileInfo>> in = fs_->ListDir(f.path);
      if (in.ok()) files += in->size();
    }
    return files;
  }
  // Runs `sql` on another thread and cancels it once `ready()` holds (polled every millisecond,
  // for a minute at most): the query must stop within `within`, fail Cancelled, hold nothing
  // and leave no spill folder.
  void ExpectCancelStops(const std::string& sql, const std::function<bool()>& ready,
                         std::chrono::seconds within = std::chrono::seconds(10)) {
    std::atomic<bool> cancel{false};
    connection_->set_cancel_flag(&cancel);
    Result<QueryResult> r = Status::Internal("not run");
    std::thread query([&] { r = connection_->Sql(sql); });
    bool was_ready = false;
    for (int i = 0; i < 60000 && !(was_ready = ready()); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    EXPECT_TRUE(was_ready) << sql;
    const auto cancelled = std::chrono::steady_clock::now();
    cancel = true;
    query.join();
    EXPECT_LT(std::chrono::steady_clock::now() - cancelled, within) << sql;
    connection_->set_cancel_flag(nullptr);
    ASSERT_FALSE(r.ok()) << sql;
    EXPECT_EQ(r.status().code(), StatusCode::kCancelled) << r.status().ToString();
    EXPECT_EQ(connection_->last_query_memory().held_at_end, 0);
    EXPECT_EQ(SpillFoldersLeft(), 0u);
  }
  // The spill folders left in kSpillFolder.
  size_t SpillFoldersLeft() {
    Result<std::vector<io::FileInfo>> files = fs_->ListDir(kSpillFolder);
    return files.ok() ? files->size() : 0;
  }

  std::shared_ptr<io::MemoryFileSystem> fs_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Connection> connection_;
};

}  // namespace sluice::main
