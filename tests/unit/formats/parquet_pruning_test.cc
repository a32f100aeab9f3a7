#include <gtest/gtest.h>

#include "csv_test_util.h"
#include "dataset/table_reader.h"
#include "formats/parquet/parquet_reader.h"
#include "formats/parquet/parquet_writer.h"

namespace sluice::formats::parquet {
namespace {

using Op = ColumnPredicate::Op;

// Writes the CSV rows `csv` of schema `ddl` as Parquet with row groups of `group` rows.
void WriteRows(io::FileSystem& fs, const std::string& path, const std::string& ddl,
               const std::string& csv, int group) {
  auto source = csv::FsWith({{"/in.csv", csv}});
  auto reader =
      *OpenCsvReader(source, {"/in.csv"}, *csv::CsvOptions::FromMap({}, types::TimeZone::Utc()),
                     *types::ParseDdlSchema(ddl));
  ParquetWriteOptions options;
  options.row_group_rows = group;
  auto writer = *ParquetWriter::Open(fs, path, *reader->schema(), options);
  EXPECT_TRUE(ReadTable(
                  *reader, [&](size_t, const vector::Batch& b) { return writer->Write(b); }, true)
                  .ok());
  EXPECT_TRUE(writer->Finish().ok());
}

// Writes rows k = 0..n-1 (x = k, s = "k%05d", ts = k seconds after 2024-01-01, d = k/10)
// as Parquet with row groups of `group` rows.
void WriteSorted(io::FileSystem& fs, const std::string& path, int n, int group) {
  std::string csv;
  for (int k = 0; k < n; ++k) {
    char s[16];
    std::snprintf(s, sizeof(s), "k%05d", k);
    csv += std::to_string(k) + "," + s + ",2024-01-01T00:00:00Z," + std::to_string(k / 10.0) + "\n";
  }
  WriteRows(fs, path, "x INT, s STRING, ts TIMESTAMP, d DOUBLE", csv, group);
}

struct Scan {
  Status status;
  size_t skipped = 0;
  size_t total = 0;
  std::vector<int32_t> xs;
};

Scan ScanWith(std::shared_ptr<io::FileSystem> fs, const std::string& path,
              std::vector<ColumnPredicate> filters) {
  Scan out;
  ParquetReadOptions options;
  options.filters = std::move(filters);
  auto reader = OpenParquetReader(fs, {path}, options);
  if (!reader.ok()) {
    out.status = reader.status();
    return out;
  }
  out.skipped = (*reader)->row_groups_skipped();
  out.total = (*reader)->row_groups_total();
  size_t x = *(*reader)->schema()->FindField("x");
  out.status = ReadTable(
      **reader,
      [&](size_t, const vector::Batch& b) {
        for (size_t i = 0; i < b.num_selected(); ++i)
          out.xs.push_back(b.column(x).data<int32_t>()[b.selected_row(i)]);
        return Status::OK();
      },
      true);
  return out;
}

TEST(ParquetPruningTest, SkipsRowGroupsStatisticsRuleOut) {
  auto fs = std::make_shared<io::MemoryFileSystem>();
  WriteSorted(*fs, "/t.parquet", 10000, 1000);
  auto all = ScanWith(fs, "/t.parquet", {});
  EXPECT_EQ(all.total, 10u);
  EXPECT_EQ(all.skipped, 0u);
  auto ge = ScanWith(fs, "/t.parquet", {{"x", Op::kGe, {"9500"}}});
  EXPECT_EQ(ge.skipped, 9u);
  ASSERT_EQ(ge.xs.size(), 500u);  // the surviving group's rows are filtered too
  EXPECT_EQ(ge.xs.front(), 9500);
  EXPECT_EQ(ScanWith(fs, "/t.parquet", {{"x", Op::kEq, {"4321"}}}).skipped, 9u);
  EXPECT_EQ(ScanWith(fs, "/t.parquet", {{"x", Op::kLt, {"0"}}}).skipped, 10u);
  EXPECT_EQ(ScanWith(fs, "/t.parquet", {{"x", Op::kLe, {"999"}}}).skipped, 9u);
  EXPECT_EQ(ScanWith(fs, "/t.parquet", {{"x", Op::kGt, {"8999"}}}).skipped, 9u);
  EXPECT_EQ(ScanWith(fs, "/t.parquet", {{"x", Op::kIn, {"5", "9999"}}}).skipped, 8u);
  EXPECT_EQ(ScanWith(fs, "/t.parquet", {{"x", Op::kIsNull, {}}}).skipped, 10u);
  EXPECT_EQ(ScanWith(fs, "/t.parquet", {{"x", Op::kIsNotNull, {}}}).skipped, 0u);
  EXPECT_EQ(ScanWith(fs, "/t.parquet", {{"s", Op::kEq, {"k07777"}}}).skipped, 9u);
  EXPECT_EQ(ScanWith(fs, "/t.parquet", {{"d", Op::kGe, {"999.95"}}}).skipped, 10u);
  EXPECT_EQ(ScanWith(fs, "/t.parquet", {{"ts", Op::kGt, {"2024-01-01 00:00:00"}}}).skipped, 10u);
  // A conjunction: both must allow a group.
  EXPECT_EQ(
      ScanWith(fs, "/t.parquet", {{"x", Op::kGe, {"2000"}}, {"s", Op::kLt, {"k03000"}}}).skipped,
      9u);
}

TEST(ParquetPruningTest, PartitionValuesSkipWholeFiles) {
  auto fs = std::make_shared<io::MemoryFileSystem>();
  WriteSorted(*fs, "/p/day=5/a.parquet", 100, 50);
  WriteSorted(*fs, "/p/day=6/a.parquet", 100, 50);
  WriteSorted(*fs, "/p/day=__HIVE_DEFAULT_PARTITION__/a.parquet", 100, 50);
  auto six = ScanWith(fs, "/p", {{"day", Op::kEq, {"6"}}});
  ASSERT_TRUE(six.status.ok()) << six.status.ToString();
  EXPECT_EQ(six.total, 6u);
  EXPECT_EQ(six.skipped, 4u);
  EXPECT_EQ(six.xs.size(), 100u);
  EXPECT_EQ(ScanWith(fs, "/p", {{"day", Op::kIsNull, {}}}).skipped, 4u);
  EXPECT_EQ(ScanWith(fs, "/p", {{"day", Op::kGe, {"5"}}}).skipped, 2u);
}

TEST(ParquetPruningTest, PartitionValuesArePrunedAsTheReaderReadsThem) {
  // Each folder names a column its files hold, so the value is read as the files' type.
  auto fs = std::make_shared<io::MemoryFileSystem>();
  // FLOAT: the folder's 0.1 reads as the float nearest 0.1, which is above the double 0.1.
  WriteRows(*fs, "/f/f=0.1/a.parquet", "x INT, f FLOAT", "1,0.5\n2,0.5\n", 2);
  auto above = ScanWith(fs, "/f", {{"f", Op::kGt, {"0.1"}}});
  ASSERT_TRUE(above.status.ok()) << above.status.ToString();
  EXPECT_EQ(above.xs, (std::vector<int32_t>{1, 2}));
  // INT: Spark's cast truncates 7.9 to 7, for pruning as for reading.
  WriteRows(*fs, "/t/x=7.9/a.parquet", "x INT", "1\n", 1);
  EXPECT_EQ(ScanWith(fs, "/t", {{"x", Op::kEq, {"8"}}}).skipped, 1u);
  auto seven = ScanWith(fs, "/t", {{"x", Op::kEq, {"7"}}});
  EXPECT_EQ(seven.skipped, 0u);
  EXPECT_EQ(seven.xs, (std::vector<int32_t>{7}));
  // A value the reader refuses is never pruned away: the read says what is wrong.
  WriteRows(*fs, "/i/x=3000000000/a.parquet", "x INT", "1\n", 1);
  auto refused = ScanWith(fs, "/i", {{"x", Op::kLt, {"0"}}});
  EXPECT_NE(refused.status.message().find("partition folder 'x=3000000000': the value is not INT"),
            std::string::npos)
      << refused.status.ToString();
}

TEST(ParquetPruningTest, BadFiltersAreClearErrors) {
  auto fs = std::make_shared<io::MemoryFileSystem>();
  WriteSorted(*fs, "/t.parquet", 10, 5);
  auto bad = ScanWith(fs, "/t.parquet", {{"x", Op::kEq, {"ten"}}});
  EXPECT_NE(bad.status.message().find("filter on 'x': 'ten' is not of type INT"), std::string::npos)
      << bad.status.message();
  auto missing = ScanWith(fs, "/t.parquet", {{"nope", Op::kEq, {"1"}}});
  EXPECT_NE(missing.status.message().find("no such column"), std::string::npos);
}

std::string Le32(int32_t v) { return std::string(reinterpret_cast<const char*>(&v), 4); }

SchemaElement Int32Column(Repetition repetition, LogicalTypeAnnotation logical = {}) {
  SchemaElement e;
  e.type = PhysicalType::kInt32;
  e.repetition = repetition;
  e.name = "x";
  e.logical_type = logical;
  return e;
}

// A chunk of `num_values` entries with min_value/max_value (or the deprecated fields).
ColumnMetaData Chunk(int64_t num_values, std::optional<int64_t> nulls, int32_t min, int32_t max,
                     bool legacy = false) {
  ColumnMetaData m;
  m.num_values = num_values;
  Statistics& s = m.statistics.emplace();
  s.null_count = nulls;
  (legacy ? s.min : s.min_value) = Le32(min);
  (legacy ? s.max : s.max_value) = Le32(max);
  return m;
}

bool Unknown(const ChunkStatistics& s) { return !s.min && !s.max && s.has_nulls && !s.all_null; }

TEST(ParquetPruningTest, TrustworthyStatisticsAreRead) {
  const auto optional = Int32Column(Repetition::kOptional);
  auto s = ChunkStatistics::Of(optional, Chunk(8, 1, -5, 7), 8, true);
  ASSERT_TRUE(s.min && s.max);
  EXPECT_EQ(std::get<types::Int128>(*s.min), -5);
  EXPECT_EQ(std::get<types::Int128>(*s.max), 7);
  EXPECT_TRUE(s.has_nulls);
  EXPECT_FALSE(s.all_null);
  auto legacy = ChunkStatistics::Of(optional, Chunk(8, 0, 1, 2, /*legacy=*/true), 8, true);
  EXPECT_TRUE(legacy.min && legacy.max && !legacy.has_nulls);
  auto all_null = Chunk(8, 8, 0, 0);
  all_null.statistics->min_value.reset();
  all_null.statistics->max_value.reset();
  EXPECT_TRUE(ChunkStatistics::Of(optional, all_null, 8, true).all_null);
  // An older writer's UINT_32 (converted type only) is unsigned too.
  auto uint32 = optional;
  uint32.converted_type = ConvertedType::kUint32;
  auto big =
      ChunkStatistics::Of(uint32, Chunk(8, 0, 1, static_cast<int32_t>(3000000000u)), 8, true);
  ASSERT_TRUE(big.max);
  EXPECT_EQ(std::get<types::Int128>(*big.max), 3000000000);
}

TEST(ParquetPruningTest, StatisticsThatContradictThemselvesProveNothing) {
  const auto optional = Int32Column(Repetition::kOptional);
  // parquet_column_num_values_mismatch.parquet: 0 values claimed in 8 rows.
  EXPECT_TRUE(Unknown(ChunkStatistics::Of(optional, Chunk(0, 0, 0, 7), 8, true)));
  EXPECT_TRUE(Unknown(ChunkStatistics::Of(optional, Chunk(9, 0, 0, 7), 8, true)));
  EXPECT_TRUE(Unknown(ChunkStatistics::Of(optional, Chunk(8, 9, 0, 7), 8, true)));
  EXPECT_TRUE(Unknown(ChunkStatistics::Of(optional, Chunk(8, -1, 0, 7), 8, true)));
  EXPECT_TRUE(Unknown(ChunkStatistics::Of(optional, Chunk(8, 0, 8, 7), 8, true)));  // min > max
  EXPECT_TRUE(
      Unknown(ChunkStatistics::Of(optional, Chunk(8, 8, 0, 7), 8, true)));  // bounds of NULLs
  EXPECT_TRUE(
      Unknown(ChunkStatistics::Of(Int32Column(Repetition::kRequired), Chunk(8, 1, 0, 7), 8, true)));
  // out_of_range_stats.parquet: UINT(8) with min 0xFFFFFFFF (above max in unsigned order).
  LogicalTypeAnnotation uint8;
  uint8.kind = LogicalTypeAnnotation::Kind::kInteger;
  uint8.bit_width = 8;
  uint8.is_signed = false;
  const auto u8 = Int32Column(Repetition::kOptional, uint8);
  EXPECT_TRUE(Unknown(ChunkStatistics::Of(u8, Chunk(1, 0, -1, 255), 1, true)));
  EXPECT_TRUE(Unknown(ChunkStatistics::Of(u8, Chunk(1, 0, 0, 256), 1, true)));  // not a UINT(8)
  EXPECT_TRUE(ChunkStatistics::Of(u8, Chunk(1, 0, 0, 255), 1, true).max.has_value());
  // Bounds in an order the file does not define, or signed bounds of unsigned values.
  EXPECT_FALSE(ChunkStatistics::Of(optional, Chunk(8, 0, 0, 7), 8, false).min.has_value());
  EXPECT_FALSE(ChunkStatistics::Of(u8, Chunk(1, 0, 0, 9, /*legacy=*/true), 1, true).min);
}

TEST(ParquetPruningTest, UnknownStatisticsSkipNothing) {
  auto filter = *RowGroupFilter::Make(
      {{"x", Op::kEq, {"3"}}, {"x", Op::kIsNull, {}}, {"x", Op::kLt, {"-100"}}},
      *types::ParseDdlSchema("x INT"), types::TimeZone::Utc(), false);
  const auto optional = Int32Column(Repetition::kOptional);
  const auto bad = ChunkStatistics::Of(optional, Chunk(0, 0, 0, 7), 8, true);
  for (size_t i = 0; i < filter.size(); ++i) EXPECT_TRUE(filter.MayMatch(i, bad)) << i;
  // The same bounds, trusted, rule out each of them.
  const auto good = ChunkStatistics::Of(optional, Chunk(8, 0, 4, 7), 8, true);
  for (size_t i = 0; i < filter.size(); ++i) EXPECT_FALSE(filter.MayMatch(i, good)) << i;
}

}  // namespace
}  // namespace sluice::formats::parquet
