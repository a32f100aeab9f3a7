// Helpers of the spilling tests: a connection on an in-memory file system that spills into
// kSpillFolder, query rows formatted and sorted, and a disk that fills up.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "io/memory_file_system.h"
#include "main/connection.h"
#include "vector/value_formatter.h"

namespace sluice::main {

inline constexpr const char* kSpillFolder = "/spill";

// A memory file system whose disk holds `capacity` bytes: writes past that fail.
class SmallDisk : public io::MemoryFileSystem {
 public:
  explicit SmallDisk(uint64_t capacity) : capacity_(capacity) {}
  Result<std::unique_ptr<io::WritableFile>> OpenWrite(const std::string& path) override {
    SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<io::WritableFile> file,
                           io::MemoryFileSystem::OpenWrite(path));
    return std::unique_ptr<io::WritableFile>(std::make_unique<File>(std::move(file), *this));
  }

 private:
  class File : public io::WritableFile {
   public:
    File(std::unique_ptr<io::WritableFile> base, SmallDisk& disk)
        : base_(std::move(base)), disk_(disk) {}
    Status Append(std::string_view bytes) override {
      if (disk_.used_ + bytes.size() > disk_.capacity_)
        return Status::IOError("No space left on device");
      disk_.used_ += bytes.size();
      return base_->Append(bytes);
    }
    Status Sync() override { return base_->Sync(); }
    Status Close() override { return base_->Close(); }

   private:
    std::unique_ptr<io::WritableFile> base_;
    SmallDisk& disk_;
  };
  const uint64_t capacity_;
  std::atomic<uint64_t> used_{0};
};

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

  // The query's rows, each formatted, sorted.
  std::vector<std::string> Rows(const std::string& sql) {
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
    std::sort(rows.begin(), rows.end());
    return rows;
  }
  void SetLimit(const std::string& limit) {
    ASSERT_TRUE(connection_->Sql("SET spark.sluice.memory.limit=" + limit).ok());
  }
  void ResetLimit() { ASSERT_TRUE(connection_->Sql("RESET spark.sluice.memory.limit").ok()); }
  // Whether EXPLAIN ANALYZE shows an operator whose line holds `op` spilling.
  bool Spills(const std::string& sql, const std::string& op) {
    for (const std::string& line : Rows("EXPLAIN ANALYZE " + sql))
      for (size_t at = line.find(op); at != std::string::npos; at = line.find(op, at + 1)) {
        const size_t end = line.find('\n', at);
        if (line.substr(at, end == std::string::npos ? end : end - at).find("spilled=") !=
            std::string::npos)
          return true;
      }
    return false;
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
