#include "formats/parquet/parquet_metadata.h"

#include <gtest/gtest.h>

#include "formats/parquet/parquet_footer.h"
#include "formats/parquet/parquet_schema.h"
#include "formats/parquet/thrift_compact.h"
#include "io/memory_file_system.h"

namespace sluice::formats::parquet {
namespace {

FileMetaData SampleFooter() {
  FileMetaData m;
  m.version = 2;
  SchemaElement root;
  root.name = "schema";
  root.num_children = 3;
  SchemaElement id;
  id.name = "id";
  id.type = PhysicalType::kInt64;
  id.repetition = Repetition::kRequired;
  SchemaElement amount;
  amount.name = "amount";
  amount.type = PhysicalType::kFixedLenByteArray;
  amount.type_length = 16;
  amount.repetition = Repetition::kOptional;
  amount.converted_type = ConvertedType::kDecimal;
  amount.scale = 2;
  amount.precision = 38;
  amount.logical_type.kind = LogicalTypeAnnotation::Kind::kDecimal;
  amount.logical_type.scale = 2;
  amount.logical_type.precision = 38;
  SchemaElement ts;
  ts.name = "ts";
  ts.type = PhysicalType::kInt64;
  ts.repetition = Repetition::kOptional;
  ts.logical_type.kind = LogicalTypeAnnotation::Kind::kTimestamp;
  ts.logical_type.adjusted_to_utc = true;
  ts.logical_type.unit = TimeUnit::kNanos;
  m.schema = {root, id, amount, ts};
  m.num_rows = 1000;
  for (int g = 0; g < 20; ++g) {  // more than 14 list elements: the long list header form
    RowGroup group;
    group.num_rows = 50;
    group.total_byte_size = 4096 + g;
    group.ordinal = static_cast<int16_t>(g);
    group.file_offset = 4 + g * 1000LL;
    for (const char* name : {"id", "amount", "ts"}) {
      ColumnChunk chunk;
      chunk.file_offset = 0;
      ColumnMetaData& meta = chunk.meta_data.emplace();
      meta.type = PhysicalType::kInt64;
      meta.encodings = {Encoding::kPlain, Encoding::kRleDictionary, Encoding::kRle};
      meta.path_in_schema = {name};
      meta.codec = CompressionCodec::kSnappy;
      meta.num_values = 50;
      meta.total_uncompressed_size = 900;
      meta.total_compressed_size = 600;
      meta.data_page_offset = 1234567890123LL;
      meta.dictionary_page_offset = 4;
      Statistics& stats = meta.statistics.emplace();
      stats.null_count = 3;
      stats.min_value = std::string("\x01\x00\x00\x00\x00\x00\x00\x00", 8);
      stats.max_value = std::string("\xff\xff\xff\xff\xff\xff\xff\x7f", 8);
      group.columns.push_back(chunk);
    }
    m.row_groups.push_back(group);
  }
  m.key_value_metadata = {{"org.apache.spark.version", "3.5.0"}, {"no value", std::nullopt}};
  m.created_by = "sluice version 0.1.0";
  m.column_orders = {true, true, true};
  return m;
}

TEST(ThriftCompactTest, RoundTripsEveryValueKind) {
  ThriftWriter w;
  w.BeginStruct();
  w.FieldI32(1, -5);
  w.FieldI64(2, INT64_MIN);
  w.FieldBool(3, true);
  w.FieldBool(4, false);
  w.FieldDouble(20, 2.5);  // a jump of more than 15 ids: the long field header
  w.FieldBinary(21, std::string("a\0b", 3));
  w.FieldByte(22, -7);
  w.FieldI16(5, 300);  // a smaller id than the last: also the long form
  w.FieldListBegin(6, ThriftType::kBoolTrue, 2);
  w.ElementBool(true);
  w.ElementBool(false);
  w.EndStruct();
  ThriftReader r(w.bytes());
  ASSERT_TRUE(r.BeginStruct().ok());
  ThriftField f;
  ASSERT_TRUE(*r.NextField(&f));
  EXPECT_EQ(f.id, 1);
  EXPECT_EQ(*r.ReadI32(), -5);
  ASSERT_TRUE(*r.NextField(&f));
  EXPECT_EQ(*r.ReadI64(), INT64_MIN);
  ASSERT_TRUE(*r.NextField(&f));
  EXPECT_TRUE(f.bool_value());
  ASSERT_TRUE(*r.NextField(&f));
  EXPECT_FALSE(f.bool_value());
  ASSERT_TRUE(*r.NextField(&f));
  EXPECT_EQ(f.id, 20);
  EXPECT_EQ(*r.ReadDouble(), 2.5);
  ASSERT_TRUE(*r.NextField(&f));
  EXPECT_EQ(*r.ReadBinary(), std::string_view("a\0b", 3));
  ASSERT_TRUE(*r.NextField(&f));
  EXPECT_EQ(*r.ReadByte(), -7);
  ASSERT_TRUE(*r.NextField(&f));
  EXPECT_EQ(f.id, 5);
  EXPECT_EQ(*r.ReadI16(), 300);
  ASSERT_TRUE(*r.NextField(&f));
  auto list = r.ReadListHeader();
  ASSERT_EQ(list->size, 2u);
  EXPECT_TRUE(*r.ReadBoolElement());
  EXPECT_FALSE(*r.ReadBoolElement());
  EXPECT_FALSE(*r.NextField(&f));
  EXPECT_TRUE(r.EndStruct().ok());
  EXPECT_EQ(r.position(), w.bytes().size());
}

TEST(ParquetMetadataTest, FooterRoundTrips) {
  FileMetaData m = SampleFooter();
  std::string bytes = SerializeFileMetaData(m);
  auto back = ParseFileMetaData(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, m);
}

TEST(ParquetMetadataTest, PageHeadersRoundTrip) {
  PageHeader dict;
  dict.type = PageType::kDictionaryPage;
  dict.uncompressed_page_size = 100;
  dict.compressed_page_size = 80;
  dict.dictionary_page_header = DictionaryPageHeader{12, Encoding::kPlain, true};
  PageHeader v1;
  v1.uncompressed_page_size = 1 << 20;
  v1.compressed_page_size = 1 << 19;
  v1.crc = -12345;
  v1.data_page_header =
      DataPageHeader{1000, Encoding::kRleDictionary, Encoding::kRle, Encoding::kRle, Statistics{}};
  v1.data_page_header->statistics->null_count = 7;
  PageHeader v2;
  v2.type = PageType::kDataPageV2;
  v2.uncompressed_page_size = 10;
  v2.compressed_page_size = 10;
  v2.data_page_header_v2 =
      DataPageHeaderV2{10, 2, 10, Encoding::kDeltaBinaryPacked, 3, 0, false, std::nullopt};
  for (const PageHeader& h : {dict, v1, v2}) {
    std::string bytes = SerializePageHeader(h) + "page data follows";
    size_t size = 0;
    auto back = ParsePageHeader(bytes, &size);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, h);
    EXPECT_EQ(bytes.substr(size), "page data follows");
  }
}

TEST(ParquetMetadataTest, CorruptBytesAreErrorsNeverCrashes) {
  std::string bytes = SerializeFileMetaData(SampleFooter());
  // Every truncation fails cleanly and says where.
  for (size_t cut = 0; cut < bytes.size(); cut += 7) {
    auto r = ParseFileMetaData(bytes.substr(0, cut));
    ASSERT_FALSE(r.ok()) << cut;
    EXPECT_NE(r.status().message().find("byte"), std::string::npos) << r.status().message();
  }
  // Flipped bytes never crash (they may still parse into something).
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string bad = bytes;
    bad[i] = static_cast<char>(bad[i] ^ 0xA5);
    (void)ParseFileMetaData(bad);
  }
  // A missing required field is named.
  ThriftWriter w;
  w.BeginStruct();
  w.FieldI32(1, 1);
  w.EndStruct();
  auto missing = ParseFileMetaData(w.bytes());
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("FileMetaData lacks required field 2"),
            std::string::npos);
  // Deep nesting is refused, not recursed into.
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += '\x1c';  // field 1, type struct
  EXPECT_FALSE(ParseFileMetaData(deep).ok());
}

TEST(ParquetFooterTest, FindsTheFooterAndNamesTheFile) {
  io::MemoryFileSystem fs;
  std::string footer = SerializeFileMetaData(SampleFooter());
  uint32_t n = static_cast<uint32_t>(footer.size());
  std::string file = "PAR1" + std::string(100, 'x') + footer +
                     std::string(reinterpret_cast<char*>(&n), 4) + "PAR1";
  fs.Store("/ok.parquet", file);
  auto ok = ReadParquetFooter(**fs.OpenRead("/ok.parquet"));
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->num_rows, 1000);
  fs.Store("/cut.parquet", file.substr(0, file.size() - 3));
  auto cut = ReadParquetFooter(**fs.OpenRead("/cut.parquet"));
  EXPECT_NE(cut.status().message().find("'/cut.parquet' is not a complete Parquet file"),
            std::string::npos);
  fs.Store("/csv.parquet", "a,b\n1,2\n3,4\n");
  EXPECT_NE(ReadParquetFooter(**fs.OpenRead("/csv.parquet"))
                .status()
                .message()
                .find("does not start with PAR1"),
            std::string::npos);
  std::string bad_length = file;
  bad_length[bad_length.size() - 6] = '\x7f';
  fs.Store("/len.parquet", bad_length);
  EXPECT_NE(
      ReadParquetFooter(**fs.OpenRead("/len.parquet")).status().message().find("exceeds the file"),
      std::string::npos);
}

// A footer by hand: one column `c` of physical type `type` (a logical type annotation of
// union id `logical_id` when not 0) in one row group whose chunk is encrypted or not.
std::string HandFooter(int32_t type, int16_t logical_id, bool encrypted) {
  ThriftWriter w;
  w.BeginStruct();
  w.FieldI32(1, 2);
  w.FieldListBegin(2, ThriftType::kStruct, 2);
  w.ElementStructBegin();
  w.FieldBinary(4, "schema");
  w.FieldI32(5, 1);
  w.EndStruct();
  w.ElementStructBegin();
  w.FieldI32(1, type);
  w.FieldI32(3, 1);
  w.FieldBinary(4, "c");
  if (logical_id != 0) {
    w.FieldStructBegin(10);
    w.FieldStructBegin(logical_id);
    w.EndStruct();
    w.EndStruct();
  }
  w.EndStruct();
  w.FieldI64(3, 1);
  w.FieldListBegin(4, ThriftType::kStruct, 1);
  w.ElementStructBegin();
  w.FieldListBegin(1, ThriftType::kStruct, 1);
  w.ElementStructBegin();
  w.FieldI64(2, 4);
  if (encrypted) {
    w.FieldStructBegin(8);  // ColumnCryptoMetaData: ENCRYPTION_WITH_FOOTER_KEY
    w.FieldStructBegin(1);
    w.EndStruct();
    w.EndStruct();
  }
  w.EndStruct();
  w.FieldI64(2, 0);
  w.FieldI64(3, 1);
  w.EndStruct();
  w.EndStruct();
  return w.Take();
}

TEST(ParquetMetadataTest, EncryptedColumnsAndUnknownTypesAreNamed) {
  auto encrypted = ParseFileMetaData(HandFooter(1, 0, true));
  ASSERT_TRUE(encrypted.ok()) << encrypted.status().ToString();
  EXPECT_TRUE(encrypted->row_groups[0].columns[0].encrypted);
  EXPECT_FALSE(ParseFileMetaData(HandFooter(1, 0, false))->row_groups[0].columns[0].encrypted);
  // PARQUET-1481: physical type -7.
  auto negative = ParseFileMetaData(HandFooter(-7, 0, false));
  ASSERT_TRUE(negative.ok());
  EXPECT_EQ(PhysicalTypeName(*negative->schema[1].type), "physical type -7");
  EXPECT_EQ(SluiceTypeOf(negative->schema[1]).status().message(),
            "column 'c' has physical type -7, which the Parquet format does not define (0-7)");
  auto repetition = *ParseFileMetaData(HandFooter(1, 0, false));
  repetition.schema[1].repetition = static_cast<Repetition>(5);
  EXPECT_EQ(ParquetSchema::Make(repetition).status().message(),
            "column 'c' has repetition 5, which the Parquet format does not define (0-2)");
  EXPECT_EQ(CodecName(static_cast<CompressionCodec>(42)), "codec 42");
  EXPECT_EQ(EncodingName(static_cast<Encoding>(-1)), "encoding -1");
  // A logical type newer than this reader: named by its number, read as its physical type.
  auto newer = ParseFileMetaData(HandFooter(6, 2555, false));
  ASSERT_TRUE(newer.ok());
  EXPECT_EQ(LogicalTypeName(newer->schema[1]), "logical type 2555");
}

TEST(ParquetFooterTest, EncryptedFootersAreNamed) {
  io::MemoryFileSystem fs;
  // Encrypted footers: PARE at both ends, then the encrypted FileCryptoMetaData + footer.
  fs.Store("/e.parquet", "PARE" + std::string(100, '\x5a') + std::string("\x20\0\0\0", 4) + "PARE");
  auto st = ReadParquetFooter(**fs.OpenRead("/e.parquet")).status();
  EXPECT_EQ(st.message(),
            "'/e.parquet': encrypted Parquet files are not supported (magic PARE: the footer is "
            "encrypted)");
}

TEST(ParquetFooterTest, StatisticsValuesAsText) {
  SchemaElement ts;
  ts.type = PhysicalType::kInt64;
  ts.logical_type.kind = LogicalTypeAnnotation::Kind::kTimestamp;
  ts.logical_type.unit = TimeUnit::kMillis;
  int64_t millis = 1538416596000;
  EXPECT_EQ(FormatStatisticsValue(std::string_view(reinterpret_cast<char*>(&millis), 8), ts),
            "2018-10-01 17:56:36");
  SchemaElement dec;
  dec.type = PhysicalType::kFixedLenByteArray;
  dec.logical_type.kind = LogicalTypeAnnotation::Kind::kDecimal;
  dec.logical_type.scale = 2;
  EXPECT_EQ(FormatStatisticsValue(std::string("\xff\x85", 2), dec), "-1.23");
  SchemaElement text;
  text.type = PhysicalType::kByteArray;
  text.converted_type = ConvertedType::kUtf8;
  EXPECT_EQ(FormatStatisticsValue("caf\xc3\xa9", text), "caf\xc3\xa9");
  SchemaElement raw;
  raw.type = PhysicalType::kByteArray;
  EXPECT_EQ(FormatStatisticsValue("\x01\xab", raw), "0x01AB");
  SchemaElement date;
  date.type = PhysicalType::kInt32;
  date.converted_type = ConvertedType::kDate;
  int32_t days = 17805;
  EXPECT_EQ(FormatStatisticsValue(std::string_view(reinterpret_cast<char*>(&days), 4), date),
            "2018-10-01");
}

}  // namespace
}  // namespace sluice::formats::parquet
