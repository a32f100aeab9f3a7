// Nested columns: random STRUCT / ARRAY / MAP values (NULLs and empty lists at every
// level) written and read back unchanged, across page sizes, row groups, codecs and
// dictionaries;
// the schema mapping of other writers' layouts (two-level lists, repeated fields).
#include <gtest/gtest.h>

#include <random>

#include "dataset/table_reader.h"
#include "formats/parquet/parquet_footer.h"
#include "formats/parquet/parquet_reader.h"
#include "formats/parquet/parquet_schema.h"
#include "formats/parquet/parquet_writer.h"
#include "io/memory_file_system.h"
#include "types/schema.h"
#include "vector/value_formatter.h"

namespace sluice::formats::parquet {
namespace {

using types::TypeId;

// Fills row `row` of `v` with a random value of its type; NULL one time in `null_one_in`.
void Fill(vector::Vector* v, size_t row, std::mt19937* rng, int null_one_in = 6) {
  auto pick = [&](uint32_t n) { return static_cast<uint32_t>((*rng)() % n); };
  const types::LogicalType& type = v->type();
  if (type.IsNested() && type.id() != TypeId::kStruct) {
    // A list entry exists even for NULL rows, as writers leave it.
    const uint32_t length = pick(5) == 0 ? 0 : pick(4);
    const bool null = null_one_in > 0 && pick(static_cast<uint32_t>(null_one_in)) == 0;
    const uint32_t offset = *v->AppendListEntry(row, null ? 0 : length);
    if (null) return v->SetNull(row);
    for (uint32_t i = 0; i < length; ++i) {
      Fill(&v->children()[0], offset + i, rng, type.id() == TypeId::kMap ? 0 : null_one_in);
      if (type.id() == TypeId::kMap) Fill(&v->children()[1], offset + i, rng);
    }
    return;
  }
  if (type.id() == TypeId::kStruct) {
    for (auto& child : v->children()) Fill(&child, row, rng);
  }
  if (null_one_in > 0 && pick(static_cast<uint32_t>(null_one_in)) == 0) return v->SetNull(row);
  switch (type.id()) {
    case TypeId::kInt:
      v->data<int32_t>()[row] = static_cast<int32_t>(pick(1000)) - 500;
      break;
    case TypeId::kBigInt:
      v->data<int64_t>()[row] = static_cast<int64_t>((*rng)()) << 20;
      break;
    case TypeId::kBoolean:
      v->data<uint8_t>()[row] = static_cast<uint8_t>(pick(2));
      break;
    case TypeId::kString:
      v->data<vector::StringRef>()[row] =
          v->heap().Add("s" + std::to_string(pick(50)) + std::string(pick(20), 'x'));
      break;
    case TypeId::kDecimal:
      v->data<types::Int128>()[row] = static_cast<types::Int128>(pick(1000000)) * 1000003 - 7;
      break;
    default:
      break;
  }
}

using RowTexts = std::vector<std::string>;

// Writes `batches` batches of random rows, reads the file back; returns (written, read).
std::pair<RowTexts, RowTexts> RoundTrip(const std::string& ddl, ParquetWriteOptions options,
                                        int batches, unsigned seed) {
  auto fs = std::make_shared<io::MemoryFileSystem>();
  auto schema = std::make_shared<const types::Schema>(*types::ParseDdlSchema(ddl));
  auto zone = types::TimeZone::Utc();
  std::mt19937 rng(seed);
  RowTexts written, read;
  auto format_row = [&](const vector::Batch& batch, size_t row) {
    std::string text;
    for (size_t c = 0; c < batch.num_columns(); ++c) {
      text +=
          batch.column(c).IsNull(row) ? "NULL" : vector::FormatValue(batch.column(c), row, zone);
      text += " | ";
    }
    return text;
  };
  {
    auto writer = ParquetWriter::Open(*fs, "/n.parquet", *schema, options);
    EXPECT_TRUE(writer.ok()) << writer.status().ToString();
    for (int b = 0; b < batches; ++b) {
      auto batch = *vector::Batch::Make(schema);
      const size_t rows = 1 + rng() % vector::kVectorSize;
      for (size_t c = 0; c < schema->size(); ++c) {
        for (size_t r = 0; r < rows; ++r) Fill(&batch.column(c), r, &rng);
      }
      batch.set_num_rows(rows);
      for (size_t r = 0; r < rows; ++r) written.push_back(format_row(batch, r));
      Status st = (*writer)->Write(batch);
      EXPECT_TRUE(st.ok()) << st.ToString();
    }
    EXPECT_TRUE((*writer)->Finish().ok());
  }
  ParquetReadOptions read_options;  // named: GCC 12 misreads a temporary here
  auto reader = OpenParquetReader(fs, {"/n.parquet"}, read_options);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  if (!reader.ok()) return {written, read};
  EXPECT_EQ((*reader)->schema()->ToDdl(), schema->ToDdl());
  Status st = ReadTable(
      **reader,
      [&](size_t, const vector::Batch& batch) {
        for (size_t r = 0; r < batch.num_rows(); ++r) read.push_back(format_row(batch, r));
        return Status::OK();
      },
      true);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return {written, read};
}

const char* kNestedDdl =
    "id INT, l ARRAY<INT>, s STRUCT<a: INT, b: STRING, c: STRUCT<d: BOOLEAN>>, "
    "m MAP<STRING, BIGINT>, ll ARRAY<ARRAY<STRING>>, "
    "ls ARRAY<STRUCT<p: DECIMAL(30,2), q: ARRAY<INT>>>, ml MAP<INT, ARRAY<STRING>>";

TEST(ParquetNestedTest, RandomValuesRoundTrip) {
  unsigned seed = 1;
  for (int64_t page_bytes : {int64_t{64}, int64_t{4096}, int64_t{1} << 20}) {
    for (bool dictionary : {true, false}) {
      ParquetWriteOptions options;
      options.page_bytes = page_bytes;
      options.dictionary = dictionary;
      options.row_group_rows = 3000;
      const CompressionCodec codecs[] = {CompressionCodec::kSnappy, CompressionCodec::kZstd,
                                         CompressionCodec::kGzip, CompressionCodec::kUncompressed};
      options.codec = codecs[seed % 4];
      auto [written, read] = RoundTrip(kNestedDdl, options, 4, seed++);
      ASSERT_EQ(written.size(), read.size());
      for (size_t i = 0; i < written.size(); ++i)
        ASSERT_EQ(written[i], read[i]) << "row " << i << ", page bytes " << page_bytes;
    }
  }
}

TEST(ParquetNestedTest, CorruptNestedChunkNamesFileRowGroupColumnAndOffset) {
  auto fs = std::make_shared<io::MemoryFileSystem>();
  auto schema = std::make_shared<const types::Schema>(*types::ParseDdlSchema("l ARRAY<INT>"));
  auto batch = *vector::Batch::Make(schema);
  std::mt19937 rng(7);
  for (size_t r = 0; r < 100; ++r) Fill(&batch.column(0), r, &rng, 0);
  batch.set_num_rows(100);
  ParquetWriteOptions options;
  options.codec = CompressionCodec::kUncompressed;
  auto writer = *ParquetWriter::Open(*fs, "/n.parquet", *schema, options);
  ASSERT_TRUE(writer->Write(batch).ok());
  ASSERT_TRUE(writer->Finish().ok());
  // Garbage over the first page header of the only leaf.
  std::string bytes = *fs->ReadAll("/n.parquet");
  auto footer = *ReadParquetFooter(**fs->OpenRead("/n.parquet"));
  const auto& meta = *footer.row_groups[0].columns[0].meta_data;
  const size_t page =
      static_cast<size_t>(meta.dictionary_page_offset.value_or(meta.data_page_offset));
  for (size_t i = page; i < page + 6; ++i) bytes[i] = '\xFF';
  ASSERT_TRUE(fs->WriteAll("/n.parquet", bytes).ok());
  ParquetReadOptions read_options;
  auto reader = *OpenParquetReader(fs, {"/n.parquet"}, read_options);
  Status st = ReadTable(
      *reader, [](size_t, const vector::Batch&) { return Status::OK(); }, true);
  ASSERT_FALSE(st.ok());
  for (const std::string& part :
       {std::string("'/n.parquet', row group 0"), std::string("column 'l.list.element'"),
        "at byte " + std::to_string(page)}) {
    EXPECT_NE(st.message().find(part), std::string::npos) << st.ToString();
  }
}

TEST(ParquetNestedTest, NotNullNestedFieldsRefuseNulls) {
  io::MemoryFileSystem fs;
  types::Schema schema({{"s", *types::ParseDdlType("STRUCT<a: INT NOT NULL>"), true}});
  auto writer = *ParquetWriter::Open(fs, "/x.parquet", schema, ParquetWriteOptions{});
  auto batch = *vector::Batch::Make(std::make_shared<const types::Schema>(schema));
  batch.column(0).children()[0].SetNull(0);
  batch.set_num_rows(1);
  Status st = writer->Write(batch);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("column 's.a'"), std::string::npos) << st.ToString();
}

// Schema elements as other writers lay them out, and the Sluice types they read as.
std::string SchemaOf(std::vector<SchemaElement> elements) {
  FileMetaData metadata;
  metadata.schema = std::move(elements);
  auto schema = ParquetSchema::Make(metadata);
  return schema.ok() ? schema->schema().ToDdl() : "error: " + schema.status().message();
}

SchemaElement Leaf(const std::string& name, Repetition repetition,
                   PhysicalType type = PhysicalType::kInt32) {
  SchemaElement e;
  e.name = name;
  e.repetition = repetition;
  e.type = type;
  return e;
}

SchemaElement Group(const std::string& name, Repetition repetition, int children,
                    std::optional<ConvertedType> converted = std::nullopt) {
  SchemaElement e;
  e.name = name;
  e.repetition = repetition;
  e.num_children = children;
  e.converted_type = converted;
  return e;
}

TEST(ParquetNestedTest, LegacyListLayoutsMapAsSparkDoes) {
  using R = Repetition;
  SchemaElement root = Group("schema", R::kRequired, 1);
  // Two-level list of a primitive (parquet-avro, old Hive).
  EXPECT_EQ(SchemaOf({root, Group("a", R::kOptional, 1, ConvertedType::kList),
                      Leaf("array", R::kRepeated)}),
            "a ARRAY<INT>");
  // Repeated group of several fields: the group is the element.
  EXPECT_EQ(
      SchemaOf({root, Group("a", R::kOptional, 1, ConvertedType::kList),
                Group("pair", R::kRepeated, 2), Leaf("x", R::kRequired), Leaf("y", R::kOptional)}),
      "a ARRAY<STRUCT<x: INT NOT NULL, y: INT>>");
  // A one-field repeated group named `array` or `<list>_tuple` is the element too.
  EXPECT_EQ(SchemaOf({root, Group("a", R::kOptional, 1, ConvertedType::kList),
                      Group("a_tuple", R::kRepeated, 1), Leaf("x", R::kOptional)}),
            "a ARRAY<STRUCT<x: INT>>");
  // Standard three-level list.
  EXPECT_EQ(SchemaOf({root, Group("a", R::kRequired, 1, ConvertedType::kList),
                      Group("list", R::kRepeated, 1), Leaf("element", R::kOptional)}),
            "a ARRAY<INT> NOT NULL");
  // A repeated field outside LIST: a NOT NULL array.
  EXPECT_EQ(SchemaOf({root, Leaf("r", R::kRepeated)}), "r ARRAY<INT> NOT NULL");
  // MAP_KEY_VALUE, as old writers annotate maps.
  EXPECT_EQ(
      SchemaOf({root, Group("m", R::kOptional, 1, ConvertedType::kMapKeyValue),
                Group("map", R::kRepeated, 2), Leaf("key", R::kRequired, PhysicalType::kInt64),
                Leaf("value", R::kOptional)}),
      "m MAP<BIGINT, INT>");
  // Malformed layouts are errors naming the column.
  EXPECT_EQ(
      SchemaOf({root, Group("a", R::kOptional, 1, ConvertedType::kList), Leaf("x", R::kOptional)}),
      "error: Parquet schema: LIST 'a' must hold exactly one repeated field");
  EXPECT_EQ(SchemaOf({root, Group("g", R::kOptional, 2), Leaf("x", R::kOptional)}),
            "error: Parquet schema: group 'g' promises 2 children but the schema ends");
}

}  // namespace
}  // namespace sluice::formats::parquet
