// A CSV file that cannot be memory-mapped is streamed in bounded blocks, never read into
// memory whole, and gives the same rows.
#include <gtest/gtest.h>

#include "csv_test_util.h"
#include "io/fault_injecting_file_system.h"

namespace sluice::formats::csv {
namespace {

TEST(CsvUnmappableFileTest, StreamsInsteadOfReadingTheWholeFile) {
  std::string text = "id,name\n";
  const int rows = 600000;  // about 12 MiB: more than one 8 MiB stream block
  for (int i = 0; i < rows; ++i) text += std::to_string(i) + ",name" + std::to_string(i) + "\n";
  auto base = FsWith({{"/big.csv", text}});
  auto fs = std::make_shared<io::FaultInjectingFileSystem>(base);
  fs->RefuseMapping();
  auto r = ReadCsv(fs, {"/big.csv"}, {{"header", "true"}}, "id INT, name STRING");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.rows.size(), static_cast<size_t>(rows));
  EXPECT_EQ(r.rows.front(), (std::vector<std::string>{"0", "name0"}));
  EXPECT_EQ(r.rows.back(), (std::vector<std::string>{"599999", "name599999"}));
  EXPECT_TRUE(r.rejects.empty());
  EXPECT_GT(fs->largest_read(), 0u);
  EXPECT_LE(fs->largest_read(), 8u << 20);
  EXPECT_LT(fs->largest_read(), text.size());
}

}  // namespace
}  // namespace sluice::formats::csv
