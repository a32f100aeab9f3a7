// Column names in Parquet files: names that differ only in case, exact duplicates, and
// spark.sql.caseSensitive. Expected rows are built in the test.
#include <gtest/gtest.h>

#include "dataset/table_reader.h"
#include "formats/parquet/parquet_reader.h"
#include "formats/parquet/parquet_writer.h"
#include "io/memory_file_system.h"

namespace sluice::formats::parquet {
namespace {

using Op = ColumnPredicate::Op;
using IntRows = std::vector<std::vector<int64_t>>;

// Writes BIGINT columns named `names`; row r of column c holds 1 + 3c + r (as bug13053).
void WriteColumns(io::FileSystem& fs, const std::string& path,
                  const std::vector<std::string>& names) {
  std::vector<types::Field> fields;
  for (const std::string& n : names) fields.push_back({n, types::TypeId::kBigInt, true});
  auto schema = std::make_shared<const types::Schema>(fields);
  auto batch = *vector::Batch::Make(schema);
  batch.set_num_rows(3);
  for (size_t c = 0; c < names.size(); ++c) {
    for (size_t r = 0; r < 3; ++r)
      batch.column(c).data<int64_t>()[r] = static_cast<int64_t>(1 + 3 * c + r);
  }
  auto writer = *ParquetWriter::Open(fs, path, *schema, ParquetWriteOptions{});
  ASSERT_TRUE(writer->Write(batch).ok());
  ASSERT_TRUE(writer->Finish().ok());
}

Result<IntRows> Read(std::shared_ptr<io::FileSystem> fs, const std::vector<std::string>& paths,
                     bool case_sensitive, std::vector<ColumnPredicate> filters = {},
                     std::vector<std::string> columns = {}) {
  ParquetReadOptions options;
  options.case_sensitive = case_sensitive;
  options.filters = std::move(filters);
  options.columns = std::move(columns);
  SLUICE_ASSIGN_OR_RAISE(auto reader, OpenParquetReader(fs, paths, options));
  IntRows rows;
  SLUICE_RETURN_NOT_OK(ReadTable(
      *reader,
      [&](size_t, const vector::Batch& b) {
        for (size_t i = 0; i < b.num_selected(); ++i) {
          std::vector<int64_t> row;
          for (size_t c = 0; c < b.num_columns(); ++c) {
            const size_t r = b.selected_row(i);
            row.push_back(b.column(c).IsNull(r) ? -1 : b.column(c).data<int64_t>()[r]);
          }
          rows.push_back(row);
        }
        return Status::OK();
      },
      true));
  return rows;
}

TEST(ParquetColumnNamesTest, NamesDifferingInCaseAreRefusedUnlessCaseSensitive) {
  auto fs = std::make_shared<io::MemoryFileSystem>();
  WriteColumns(*fs, "/t.parquet", {"column", "COLUMN", "Column"});
  auto refused = Read(fs, {"/t.parquet"}, false);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find(
                "'/t.parquet': found duplicate column(s) in the data schema: `column`"),
            std::string::npos)
      << refused.status().ToString();
  EXPECT_NE(refused.status().message().find("spark.sql.caseSensitive=true"), std::string::npos);

  // Case-sensitive: three columns, each with its own values.
  auto all = Read(fs, {"/t.parquet"}, true);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(*all, (IntRows{{1, 4, 7}, {2, 5, 8}, {3, 6, 9}}));
  // Filters and projections resolve names exactly.
  EXPECT_EQ(*Read(fs, {"/t.parquet"}, true, {{"COLUMN", Op::kEq, {"5"}}}), (IntRows{{2, 5, 8}}));
  EXPECT_EQ(*Read(fs, {"/t.parquet"}, true, {{"Column", Op::kGe, {"9"}}}), (IntRows{{3, 6, 9}}));
  EXPECT_EQ(*Read(fs, {"/t.parquet"}, true, {{"column", Op::kLe, {"1"}}}), (IntRows{{1, 4, 7}}));
  EXPECT_EQ(*Read(fs, {"/t.parquet"}, true, {}, {"Column", "column"}),
            (IntRows{{7, 1}, {8, 2}, {9, 3}}));
  auto unknown = Read(fs, {"/t.parquet"}, true, {{"COLUMn", Op::kEq, {"5"}}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("no such column"), std::string::npos);
}

TEST(ParquetColumnNamesTest, ExactDuplicatesAreRefusedInBothModes) {
  auto fs = std::make_shared<io::MemoryFileSystem>();
  WriteColumns(*fs, "/t.parquet", {"column", "column_1", "column"});
  for (bool case_sensitive : {false, true}) {
    auto refused = Read(fs, {"/t.parquet"}, case_sensitive);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.status().message(),
              "'/t.parquet': found duplicate column(s) in the data schema: `column`");
  }
}

TEST(ParquetColumnNamesTest, FilesMatchByNameAsTheSettingSays) {
  auto fs = std::make_shared<io::MemoryFileSystem>();
  WriteColumns(*fs, "/d/a.parquet", {"id", "x"});
  WriteColumns(*fs, "/d/b.parquet", {"X", "ID"});
  // Ignoring case, b's X and ID are a's x and id.
  EXPECT_EQ(*Read(fs, {"/d"}, false), (IntRows{{1, 4}, {2, 5}, {3, 6}, {4, 1}, {5, 2}, {6, 3}}));
  EXPECT_EQ(*Read(fs, {"/d"}, false, {{"ID", Op::kEq, {"5"}}}), (IntRows{{5, 2}}));
  // Case-sensitive, b holds neither: NULL (-1 here), and no row of b has id = 5.
  EXPECT_EQ(*Read(fs, {"/d"}, true),
            (IntRows{{1, 4}, {2, 5}, {3, 6}, {-1, -1}, {-1, -1}, {-1, -1}}));
  EXPECT_EQ(*Read(fs, {"/d"}, true, {{"id", Op::kGe, {"2"}}}), (IntRows{{2, 5}, {3, 6}}));
}

}  // namespace
}  // namespace sluice::formats::parquet
