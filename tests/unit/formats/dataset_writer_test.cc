#include "formats/dataset_writer.h"

#include <gtest/gtest.h>

#include "csv_test_util.h"
#include "formats/parquet/parquet_footer.h"

namespace sluice::formats {
namespace {

// Many partitions at once under a small byte budget: the largest buffered row groups are
// written out early, so every file has several row groups, and nothing is lost.
TEST(DatasetWriterTest, BufferedBytesStayWithinTheBudget) {
  std::string csv;
  for (int i = 0; i < 40000; ++i) {
    csv += std::to_string(i % 8) + ",value_" + std::to_string(i * 7919 % 100003) + "\n";
  }
  auto fs = csv::FsWith({{"/in.csv", csv}});
  auto reader =
      *csv::CsvReader::Open(fs, {"/in.csv"}, *csv::CsvOptions::FromMap({}, types::TimeZone::Utc()),
                            *types::ParseDdlSchema("day INT, payload STRING"));
  DatasetWriteOptions options;
  options.partition_by = {"day"};
  options.max_buffered_bytes_per_worker = 64 << 10;
  auto writer = *DatasetWriter::Open(fs, "/out", *reader->schema(), options);
  ASSERT_TRUE(
      reader->Read([&](size_t, const vector::Batch& b) { return writer->Write(0, b); }, true).ok());
  auto result = writer->Commit();
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->rows, 40000u);
  ASSERT_EQ(result->files.size(), 8u);
  int64_t rows = 0;
  for (const std::string& file : result->files) {
    auto footer = parquet::ReadParquetFooter(**fs->OpenRead("/out/" + file));
    ASSERT_TRUE(footer.ok()) << footer.status().ToString();
    EXPECT_GT(footer->row_groups.size(), 1u) << file;
    rows += footer->num_rows;
  }
  EXPECT_EQ(rows, 40000);
}

}  // namespace
}  // namespace sluice::formats
