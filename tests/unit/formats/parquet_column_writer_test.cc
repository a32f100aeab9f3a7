// The flat-column write path (ColumnWriter::AppendColumn): statistics taken a vector at a
// time must be the extremes of every value written, in the column's order, even though the
// batches they came from are overwritten after each call; NULLs in NOT NULL columns are
// refused; pages end at their entry or byte limit; level runs are encoded in no more bytes
// than bit-packing them.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>

#include "csv_test_util.h"
#include "formats/parquet/parquet_footer.h"
#include "formats/parquet/parquet_writer.h"
#include "formats/parquet/rle_bit_packed.h"

namespace sluice::formats::parquet {
namespace {

// The value of row `i`: short (inline in a StringRef) and long strings, the empty string,
// and bytes >= 0x80, which sort after ASCII (unsigned bytewise order).
std::string Text(int64_t i, uint32_t draw) {
  switch (draw % 5) {
    case 0:
      return "s" + std::to_string(draw % 1000);
    case 1:
      return "a-string-longer-than-inline-" + std::to_string(draw);
    case 2:
      return draw % 97 == 0 ? "" : "m" + std::to_string(i);
    case 3:
      return std::string(1, static_cast<char>(0x80 + draw % 128)) + "high";
    default:
      return "z" + std::string(draw % 40, 'y');
  }
}

struct Extremes {
  std::optional<std::string> min, max;
  void Add(std::string_view v) {
    if (!min || v < *min) min = std::string(v);
    if (!max || *max < v) max = std::string(v);
  }
};

TEST(ParquetColumnWriterTest, StringStatisticsAreTheExtremesOfEveryBatch) {
  for (bool dictionary : {true, false}) {
    auto fs = std::make_shared<io::MemoryFileSystem>();
    auto schema = std::make_shared<const types::Schema>(*types::ParseDdlSchema("s STRING"));
    ParquetWriteOptions options;
    options.dictionary = dictionary;
    options.row_group_rows = 5000;  // groups end inside batches
    options.page_bytes = 4096;
    auto writer = *ParquetWriter::Open(*fs, "/s.parquet", *schema, options);
    // One batch reused for every call, as readers do: the writer must not keep views into it.
    auto batch = *vector::Batch::Make(schema);
    std::mt19937 rng(11);
    std::vector<Extremes> groups(1);
    int64_t row = 0, in_group = 0;
    for (int call = 0; call < 40; ++call) {
      batch.Reset();
      const size_t n = 1 + rng() % 700;
      for (size_t r = 0; r < n; ++r, ++row) {
        if (rng() % 9 == 0) {
          batch.column(0).SetNull(r);
        } else {
          const std::string text = Text(row, static_cast<uint32_t>(rng()));
          batch.column(0).data<vector::StringRef>()[r] = batch.column(0).heap().Add(text);
          groups.back().Add(text);
        }
        if (++in_group == options.row_group_rows) {
          groups.emplace_back();
          in_group = 0;
        }
      }
      batch.set_num_rows(n);
      ASSERT_TRUE(writer->Write(batch).ok());
    }
    auto stats = writer->Finish();
    ASSERT_TRUE(stats.ok()) << stats.status().ToString();
    if (in_group == 0) groups.pop_back();
    auto footer = ReadParquetFooter(**fs->OpenRead("/s.parquet"));
    ASSERT_TRUE(footer.ok()) << footer.status().ToString();
    ASSERT_EQ(footer->row_groups.size(), groups.size());
    Extremes file;
    for (size_t g = 0; g < groups.size(); ++g) {
      const Statistics& s = *footer->row_groups[g].columns[0].meta_data->statistics;
      EXPECT_EQ(s.min_value, groups[g].min) << "row group " << g << ", dictionary " << dictionary;
      EXPECT_EQ(s.max_value, groups[g].max) << "row group " << g << ", dictionary " << dictionary;
      file.Add(*groups[g].min);
      file.Add(*groups[g].max);
    }
    EXPECT_EQ(stats->columns[0].min, file.min);
    EXPECT_EQ(stats->columns[0].max, file.max);
  }
}

template <typename T>
T StatValue(const std::optional<std::string>& bytes) {
  T v{};
  EXPECT_TRUE(bytes && bytes->size() == sizeof(T));
  if (bytes && bytes->size() == sizeof(T)) std::memcpy(&v, bytes->data(), sizeof(T));
  return v;
}

TEST(ParquetColumnWriterTest, NumberStatisticsInTheColumnsOrder) {
  auto fs = std::make_shared<io::MemoryFileSystem>();
  auto schema = std::make_shared<const types::Schema>(
      *types::ParseDdlSchema("t TINYINT, d DECIMAL(9,2), l BIGINT, f FLOAT, x DOUBLE"));
  auto writer = *ParquetWriter::Open(*fs, "/n.parquet", *schema, ParquetWriteOptions{});
  auto batch = *vector::Batch::Make(schema);
  // Two calls; NaN first (it takes no part in min and max), signed values throughout.
  const float nan = std::nanf("");
  const std::vector<std::vector<double>> calls = {{std::nan(""), 3, -7.5, 0.25},
                                                  {-0.5, 100, nan, -120}};
  for (const auto& values : calls) {
    batch.Reset();
    for (size_t r = 0; r < values.size(); ++r) {
      const double v = values[r];
      const bool finite = !std::isnan(v);
      batch.column(0).data<int8_t>()[r] = static_cast<int8_t>(finite ? v : 1);
      batch.column(1).data<int64_t>()[r] = static_cast<int64_t>(finite ? v * 100 : 1);
      batch.column(2).data<int64_t>()[r] = finite ? static_cast<int64_t>(v) << 40 : 1;
      batch.column(3).data<float>()[r] = static_cast<float>(v);
      batch.column(4).data<double>()[r] = v;
    }
    batch.set_num_rows(values.size());
    ASSERT_TRUE(writer->Write(batch).ok());
  }
  auto stats = writer->Finish();
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  const auto& c = stats->columns;
  EXPECT_EQ(StatValue<int32_t>(c[0].min), -120);
  EXPECT_EQ(StatValue<int32_t>(c[0].max), 100);
  EXPECT_EQ(StatValue<int32_t>(c[1].min), -12000);
  EXPECT_EQ(StatValue<int32_t>(c[1].max), 10000);
  EXPECT_EQ(StatValue<int64_t>(c[2].min), -120LL << 40);
  EXPECT_EQ(StatValue<int64_t>(c[2].max), 100LL << 40);
  EXPECT_EQ(StatValue<float>(c[3].min), -120.0f);
  EXPECT_EQ(StatValue<float>(c[3].max), 100.0f);
  EXPECT_EQ(StatValue<double>(c[4].min), -120.0);
  EXPECT_EQ(StatValue<double>(c[4].max), 100.0);
}

TEST(ParquetColumnWriterTest, NullInANotNullColumnIsRefused) {
  auto fs = std::make_shared<io::MemoryFileSystem>();
  types::Schema file_schema(
      {{"id", types::TypeId::kBigInt, false}, {"name", types::TypeId::kString, false}});
  auto schema = std::make_shared<const types::Schema>(file_schema);
  auto writer = *ParquetWriter::Open(*fs, "/r.parquet", file_schema, ParquetWriteOptions{});
  auto batch = *vector::Batch::Make(schema);
  for (size_t r = 0; r < 3; ++r) {
    batch.column(0).data<int64_t>()[r] = static_cast<int64_t>(r);
    batch.column(1).data<vector::StringRef>()[r] = batch.column(1).heap().Add("x");
  }
  batch.column(1).SetNull(2);
  batch.set_num_rows(3);
  Status st = writer->Write(batch);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("NULL in column 'name', which is NOT NULL"), std::string::npos)
      << st.ToString();
}

// The data pages' value counts of column `column` in row group 0.
std::vector<int32_t> PageValueCounts(io::FileSystem& fs, const std::string& path, size_t column) {
  auto file = *fs.OpenRead(path);
  auto footer = ReadParquetFooter(*file);
  EXPECT_TRUE(footer.ok()) << footer.status().ToString();
  const ColumnMetaData& meta = *footer->row_groups[0].columns[column].meta_data;
  const auto start =
      static_cast<uint64_t>(meta.dictionary_page_offset.value_or(meta.data_page_offset));
  auto bytes = *file->Read(start, static_cast<size_t>(meta.total_compressed_size));
  std::vector<int32_t> counts;
  for (std::string_view rest = bytes->view(); !rest.empty();) {
    size_t header_size = 0;
    auto header = ParsePageHeader(rest, &header_size);
    EXPECT_TRUE(header.ok()) << header.status().ToString();
    if (!header.ok()) break;
    if (header->data_page_header) counts.push_back(header->data_page_header->num_values);
    rest.remove_prefix(header_size + static_cast<size_t>(header->compressed_page_size));
  }
  return counts;
}

// Pages end at 131,072 entries (dictionary indices of a few bits compress better in large
// pages) or at the page size, whichever comes first, at row boundaries.
TEST(ParquetColumnWriterTest, PagesEndAtTheirEntryOrByteLimit) {
  auto fs = std::make_shared<io::MemoryFileSystem>();
  auto schema =
      std::make_shared<const types::Schema>(*types::ParseDdlSchema("few INT, unique BIGINT"));
  ParquetWriteOptions options;
  options.page_bytes = 64 << 10;
  auto writer = *ParquetWriter::Open(*fs, "/p.parquet", *schema, options);
  auto batch = *vector::Batch::Make(schema);
  constexpr int64_t kRows = 300000;
  for (int64_t row = 0; row < kRows;) {
    batch.Reset();
    const auto n = static_cast<size_t>(std::min<int64_t>(kRows - row, 2048));
    for (size_t r = 0; r < n; ++r, ++row) {
      batch.column(0).data<int32_t>()[r] = static_cast<int32_t>(row % 5);
      if (row % 10 == 0) batch.column(0).SetNull(r);
      batch.column(1).data<int64_t>()[r] = row * 7919;
    }
    batch.set_num_rows(n);
    ASSERT_TRUE(writer->Write(batch).ok());
  }
  ASSERT_TRUE(writer->Finish().ok());
  // Three bits per index: the entry limit comes first.
  EXPECT_EQ(PageValueCounts(*fs, "/p.parquet", 0), (std::vector<int32_t>{131072, 131072, 37856}));
  // Distinct values: the dictionary is given up after 16,384 of them, which become the first
  // page, in PLAIN; then 8 bytes each, 64 KiB hold 8,192.
  std::vector<int32_t> unique = {16384};
  for (int64_t left = kRows - 16384; left > 0; left -= 8192)
    unique.push_back(static_cast<int32_t>(std::min<int64_t>(left, 8192)));
  EXPECT_EQ(PageValueCounts(*fs, "/p.parquet", 1), unique);
}

// Bit-packed, n levels of one bit take (n + 7) / 8 bytes and a header: runs must not cost more
// (RLE runs of 8 took 20% more at 80% present levels), give or take a few bytes.
TEST(ParquetColumnWriterTest, LevelRunsTakeNoMoreBytesThanBitPacking) {
  std::vector<uint32_t> sixteen(16, 1);
  EXPECT_EQ(EncodeRleBitPacked(sixteen.data(), 16, 1), std::string("\x05\xFF\xFF", 3));
  std::vector<uint32_t> twenty_four(24, 1);
  EXPECT_EQ(EncodeRleBitPacked(twenty_four.data(), 24, 1), std::string("\x30\x01", 2));
  std::vector<uint32_t> eight(8, 200);
  EXPECT_EQ(EncodeRleBitPacked(eight.data(), 8, 8), std::string("\x10\xC8", 2));
  std::mt19937 rng(3);
  for (double present : {0.5, 0.8, 0.95}) {
    std::vector<uint32_t> levels(20000);
    for (auto& l : levels) l = std::bernoulli_distribution(present)(rng) ? 1 : 0;
    const std::string encoded = EncodeRleBitPacked(levels.data(), levels.size(), 1);
    EXPECT_LE(encoded.size(), levels.size() / 8 + 8) << present;
    std::vector<uint32_t> decoded(levels.size());
    RleBitPackedDecoder decoder(encoded, 1);
    ASSERT_TRUE(decoder.Get(decoded.data(), decoded.size()).ok());
    EXPECT_EQ(decoded, levels) << present;
  }
}

}  // namespace
}  // namespace sluice::formats::parquet
