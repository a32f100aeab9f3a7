// Spill files: batches of every type written to the query's temp folder and read back
// equal (compared as formatted values with the rows the query gave), damaged blocks
// refused without a crash, write failures (a full disk) reported with the file, and the
// folder gone once the query's TempDirectory is.
#include "exec/spill_file.h"

#include <gtest/gtest.h>

#include "io/fault_injecting_file_system.h"
#include "io/memory_file_system.h"
#include "main/connection.h"
#include "vector/batch_codec.h"
#include "vector/value_formatter.h"

namespace sluice::exec {
namespace {

// Every type, NULLs at the top and inside nested values, strings inline and not.
constexpr const char* kEveryType =
    "SELECT id, CAST(id AS TINYINT) AS t, CAST(id AS SMALLINT) AS s, CAST(id AS INT) AS i,"
    " id * 1.5D AS d, CAST(id AS FLOAT) / 3 AS f, CAST(id AS DECIMAL(10, 2)) AS d10,"
    " CAST(id AS DECIMAL(30, 5)) AS d30, id % 3 = 0 AS b,"
    " IF(id % 5 = 0, NULL, repeat(CHR(65 + id % 26), id % 40)) AS str,"
    " CAST(repeat('x', id % 20) AS BINARY) AS bin, DATE '2024-01-01' + CAST(id AS INT) AS dt,"
    " TIMESTAMP '2024-01-01 00:00:00' + make_interval(0, 0, 0, 0, 0, 0, id) AS ts,"
    " make_interval(0, 1, 0, CAST(id AS INT)) AS iv, NULL AS nothing,"
    " IF(id % 7 = 0, NULL, sequence(0, id % 4)) AS arr,"
    " array(IF(id % 2 = 0, NULL, 'long string value number ' || id), 'x') AS strs,"
    " IF(id % 11 = 0, NULL, named_struct('a', id, 'b', IF(id % 3 = 0, NULL, 'b' || id),"
    "   'c', array(named_struct('z', id)))) AS st,"
    " map('k' || id, array(id, NULL), 'q', NULL) AS m"
    " FROM range(5000)";

std::vector<std::string> Rows(const std::vector<vector::Batch>& batches) {
  std::vector<std::string> rows;
  const types::TimeZone utc = types::TimeZone::Utc();
  for (const vector::Batch& b : batches)
    for (size_t i = 0; i < b.num_selected(); ++i) {
      std::string row;
      for (size_t c = 0; c < b.num_columns(); ++c)
        row += vector::FormatValue(b.column(c), b.selected_row(i), utc) + "|";
      rows.push_back(row);
    }
  return rows;
}

class SpillFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = main::Database::Open(std::make_shared<io::MemoryFileSystem>(), "/warehouse");
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    connection_ = std::make_unique<main::Connection>(*db_);
    Result<main::QueryResult> r = connection_->Sql(kEveryType);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    Result<exec::BatchList> batches = r->rows.TakeAll();
    ASSERT_TRUE(batches.ok()) << batches.status().ToString();
    batches_ = std::move(*batches);
    ASSERT_GT(batches_.size(), 1u);
  }

  std::unique_ptr<main::Database> db_;
  std::unique_ptr<main::Connection> connection_;
  std::vector<vector::Batch> batches_;
};

TEST_F(SpillFileTest, EveryTypeRoundTrips) {
  auto fs = std::make_shared<io::MemoryFileSystem>();
  std::string folder;
  {
    auto dir = std::make_shared<TempDirectory>(fs, "/tmp");
    auto file = SpillFile::Create(dir, batches_[0].schema_ptr());
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    for (const vector::Batch& b : batches_) ASSERT_TRUE((*file)->Append(b).ok());
    ASSERT_TRUE((*file)->FinishWriting().ok());
    EXPECT_EQ((*file)->block_count(), batches_.size());
    EXPECT_EQ((*file)->rows(), 5000u);
    // Read back out of order, as morsels are.
    std::vector<vector::Batch> back(batches_.size());
    for (size_t i = back.size(); i-- > 0;) {
      auto b = (*file)->Read(i);
      ASSERT_TRUE(b.ok()) << b.status().ToString();
      back[i] = std::move(*b);
    }
    EXPECT_EQ(Rows(back), Rows(batches_));
    folder = (*file)->path().substr(0, (*file)->path().rfind('/'));
    EXPECT_TRUE(fs->Exists(folder));
  }
  EXPECT_FALSE(fs->Exists(folder));
}

TEST_F(SpillFileTest, SelectedRowsOnly) {
  std::vector<vector::Vector> columns;
  for (size_t c = 0; c < batches_[0].num_columns(); ++c)
    columns.push_back(batches_[0].column(c).Share());
  vector::Batch b = vector::Batch::FromColumns(batches_[0].schema_ptr(), std::move(columns),
                                               batches_[0].num_rows());
  auto selection = std::make_unique<vector::SelectionVector>();
  for (uint32_t r = 0; r < b.num_rows(); r += 3) selection->Append(r);
  b.set_selection(std::move(selection));
  std::string bytes;
  vector::EncodeBatch(b, bytes);
  auto back = vector::DecodeBatch(std::make_shared<const std::string>(bytes), b.schema_ptr());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  std::vector<vector::Batch> original;
  original.push_back(std::move(b));
  std::vector<vector::Batch> decoded;
  decoded.push_back(std::move(*back));
  EXPECT_EQ(Rows(decoded), Rows(original));
}

TEST_F(SpillFileTest, DamagedBytesAreAnErrorNotACrash) {
  std::string bytes;
  vector::EncodeBatch(batches_[0], bytes);
  // Every truncation, and a byte flipped at positions spread over the batch.
  for (size_t n = 0; n < bytes.size(); n += 1 + n / 64) {
    auto r = vector::DecodeBatch(std::make_shared<const std::string>(bytes.substr(0, n)),
                                 batches_[0].schema_ptr());
    EXPECT_FALSE(r.ok()) << n;
  }
  for (size_t at = 0; at < bytes.size(); at += 1 + at / 16) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0xff);
    // It may decode to other values, but must never crash or read out of bounds.
    (void)vector::DecodeBatch(std::make_shared<const std::string>(damaged),
                              batches_[0].schema_ptr());
  }
}

TEST_F(SpillFileTest, AFullDiskIsAClearError) {
  auto fs =
      std::make_shared<io::FaultInjectingFileSystem>(std::make_shared<io::MemoryFileSystem>());
  auto dir = std::make_shared<TempDirectory>(fs, "/tmp");
  auto file = SpillFile::Create(dir, batches_[0].schema_ptr());
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ASSERT_TRUE((*file)->Append(batches_[0]).ok());
  fs->FailAfter(1);
  Status s = (*file)->Append(batches_[1]);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kIOError);
  EXPECT_NE(s.message().find("spilling to '" + (*file)->path() + "' failed"), std::string::npos)
      << s.message();
  EXPECT_NE(s.message().find("--temp-dir"), std::string::npos) << s.message();
}

TEST_F(SpillFileTest, AnUnwritableTempFolderIsAClearError) {
  auto fs =
      std::make_shared<io::FaultInjectingFileSystem>(std::make_shared<io::MemoryFileSystem>());
  fs->FailAfter(1);
  auto dir = std::make_shared<TempDirectory>(fs, "/tmp");
  auto file = SpillFile::Create(dir, batches_[0].schema_ptr());
  ASSERT_FALSE(file.ok());
  EXPECT_NE(file.status().message().find("cannot make the spill folder '/tmp/sluice-spill-"),
            std::string::npos)
      << file.status().message();
}

}  // namespace
}  // namespace sluice::exec
