#include "formats/parquet/parquet_schema.h"

#include <gtest/gtest.h>

#include "formats/parquet/column_chunk_reader.h"
#include "formats/parquet/parquet_footer.h"
#include "formats/parquet/row_group_filter.h"

namespace sluice::formats::parquet {
namespace {

using types::LogicalType;
using types::TypeId;
using Kind = LogicalTypeAnnotation::Kind;

SchemaElement Leaf(PhysicalType type, int32_t length = 0) {
  SchemaElement e;
  e.name = "val";
  e.type = type;
  e.repetition = Repetition::kOptional;
  if (type == PhysicalType::kFixedLenByteArray) e.type_length = length;
  return e;
}

SchemaElement Converted(PhysicalType type, ConvertedType converted, int32_t length = 0) {
  SchemaElement e = Leaf(type, length);
  e.converted_type = converted;
  return e;
}

SchemaElement Logical(PhysicalType type, LogicalTypeAnnotation logical, int32_t length = 0) {
  SchemaElement e = Leaf(type, length);
  e.logical_type = logical;
  return e;
}

LogicalTypeAnnotation Annotation(Kind kind) {
  LogicalTypeAnnotation t;
  t.kind = kind;
  return t;
}

LogicalTypeAnnotation Integer(int bits, bool is_signed) {
  LogicalTypeAnnotation t = Annotation(Kind::kInteger);
  t.bit_width = static_cast<int8_t>(bits);
  t.is_signed = is_signed;
  return t;
}

LogicalTypeAnnotation Temporal(Kind kind, TimeUnit unit, bool utc = true) {
  LogicalTypeAnnotation t = Annotation(kind);
  t.unit = unit;
  t.adjusted_to_utc = utc;
  return t;
}

LogicalTypeAnnotation Decimal(int precision, int scale) {
  LogicalTypeAnnotation t = Annotation(Kind::kDecimal);
  t.precision = precision;
  t.scale = scale;
  return t;
}

SchemaElement ConvertedDecimal(PhysicalType type, int precision, int scale, int32_t length = 0) {
  SchemaElement e = Converted(type, ConvertedType::kDecimal, length);
  e.precision = precision;
  e.scale = scale;
  return e;
}

std::string Error(const SchemaElement& e) {
  auto type = SluiceTypeOf(e);
  return type.ok() ? "read as " + type->ToString() : type.status().message();
}

TEST(ParquetSchemaTest, AnnotationsThePhysicalTypeCannotCarryAreRefused) {
  using P = PhysicalType;
  using C = ConvertedType;
  const std::pair<SchemaElement, std::string> cases[] = {
      // The corpus files of DuckDB's test suite (broken_*.parquet).
      {Converted(P::kInt32, C::kInt64), "INT_64 cannot annotate INT32"},
      {Converted(P::kInt32, C::kUint64), "UINT_64 cannot annotate INT32"},
      {Converted(P::kInt64, C::kInt8), "INT_8 cannot annotate INT64"},
      {Converted(P::kInt64, C::kInt16), "INT_16 cannot annotate INT64"},
      {Converted(P::kInt64, C::kInt32), "INT_32 cannot annotate INT64"},
      {Converted(P::kInt64, C::kUint8), "UINT_8 cannot annotate INT64"},
      {Converted(P::kInt64, C::kUint16), "UINT_16 cannot annotate INT64"},
      {Converted(P::kInt64, C::kUint32), "UINT_32 cannot annotate INT64"},
      {Converted(P::kInt64, C::kDate), "DATE cannot annotate INT64"},
      {Converted(P::kInt32, C::kTimestampMicros), "TIMESTAMP_MICROS cannot annotate INT32"},
      {Converted(P::kInt32, C::kTimestampMillis), "TIMESTAMP_MILLIS cannot annotate INT32"},
      // Every other annotation on a type it does not fit.
      {Converted(P::kInt64, C::kTimeMillis), "TIME_MILLIS cannot annotate INT64"},
      {Converted(P::kInt32, C::kTimeMicros), "TIME_MICROS cannot annotate INT32"},
      {Converted(P::kFixedLenByteArray, C::kUtf8, 4),
       "UTF8 cannot annotate FIXED_LEN_BYTE_ARRAY(4)"},
      {Converted(P::kInt32, C::kEnum), "ENUM cannot annotate INT32"},
      {Converted(P::kDouble, C::kJson), "JSON cannot annotate DOUBLE"},
      {Converted(P::kInt64, C::kBson), "BSON cannot annotate INT64"},
      {Converted(P::kFixedLenByteArray, C::kInterval, 16),
       "INTERVAL cannot annotate FIXED_LEN_BYTE_ARRAY(16)"},
      {Converted(P::kByteArray, C::kInterval), "INTERVAL cannot annotate BYTE_ARRAY"},
      {Converted(P::kInt32, C::kList), "LIST cannot annotate INT32"},
      {Converted(P::kByteArray, C::kMapKeyValue), "MAP_KEY_VALUE cannot annotate BYTE_ARRAY"},
      {Converted(P::kBoolean, C::kInt8), "INT_8 cannot annotate BOOLEAN"},
      {Logical(P::kInt32, Integer(64, true)), "INT(64) cannot annotate INT32"},
      {Logical(P::kInt64, Integer(32, false)), "UINT(32) cannot annotate INT64"},
      {Logical(P::kInt32, Integer(12, true)),
       "INT(12) has a bit width the Parquet format does not define (8, 16, 32 or 64)"},
      {Logical(P::kInt96, Temporal(Kind::kTimestamp, TimeUnit::kNanos)),
       "TIMESTAMP(NANOS,UTC) cannot annotate INT96"},
      {Logical(P::kInt32, Temporal(Kind::kTimestamp, TimeUnit::kMillis, false)),
       "TIMESTAMP(MILLIS) cannot annotate INT32"},
      {Logical(P::kInt32, Temporal(Kind::kTime, TimeUnit::kMicros)),
       "TIME(MICROS,UTC) cannot annotate INT32"},
      {Logical(P::kInt32, Temporal(Kind::kTime, TimeUnit::kNanos)),
       "TIME(NANOS,UTC) cannot annotate INT32"},
      {Logical(P::kInt64, Temporal(Kind::kTime, TimeUnit::kMillis)),
       "TIME(MILLIS,UTC) cannot annotate INT64"},
      {Logical(P::kFloat, Annotation(Kind::kDate)), "DATE cannot annotate FLOAT"},
      {Logical(P::kFixedLenByteArray, Annotation(Kind::kString), 3),
       "STRING cannot annotate FIXED_LEN_BYTE_ARRAY(3)"},
      {Logical(P::kByteArray, Annotation(Kind::kUuid)), "UUID cannot annotate BYTE_ARRAY"},
      {Logical(P::kFixedLenByteArray, Annotation(Kind::kUuid), 8),
       "UUID cannot annotate FIXED_LEN_BYTE_ARRAY(8)"},
      {Logical(P::kFixedLenByteArray, Annotation(Kind::kFloat16), 4),
       "FLOAT16 cannot annotate FIXED_LEN_BYTE_ARRAY(4)"},
      {Logical(P::kInt32, Annotation(Kind::kFloat16)), "FLOAT16 cannot annotate INT32"},
      {Logical(P::kInt64, Annotation(Kind::kJson)), "JSON cannot annotate INT64"},
      {Logical(P::kInt32, Annotation(Kind::kMap)), "MAP cannot annotate INT32"},
      // DECIMAL: INT32 up to 9 digits, INT64 up to 18, FIXED_LEN_BYTE_ARRAY(n) up to
      // floor(log10(2^(8n-1) - 1)), BYTE_ARRAY any; never on the other types.
      {Logical(P::kInt32, Decimal(10, 2)),
       "DECIMAL(10,2) cannot annotate INT32 (at most 9 digits)"},
      {ConvertedDecimal(P::kInt64, 19, 0),
       "DECIMAL(19,0) cannot annotate INT64 (at most 18 digits)"},
      {ConvertedDecimal(P::kFixedLenByteArray, 3, 0, 1),
       "DECIMAL(3,0) cannot annotate FIXED_LEN_BYTE_ARRAY(1) (at most 2 digits)"},
      {Logical(P::kFixedLenByteArray, Decimal(19, 4), 8),
       "DECIMAL(19,4) cannot annotate FIXED_LEN_BYTE_ARRAY(8) (at most 18 digits)"},
      {Logical(P::kFixedLenByteArray, Decimal(39, 0), 16),
       "DECIMAL(39,0) cannot annotate FIXED_LEN_BYTE_ARRAY(16) (at most 38 digits)"},
      {Logical(P::kDouble, Decimal(5, 2)), "DECIMAL(5,2) cannot annotate DOUBLE"},
      {ConvertedDecimal(P::kBoolean, 1, 0), "DECIMAL(1,0) cannot annotate BOOLEAN"},
      {Logical(P::kInt32, Decimal(5, 6)),
       "DECIMAL(5,6) is not a decimal type (the precision must be at least 1, the scale from 0 "
       "to the precision)"},
      {ConvertedDecimal(P::kInt64, 0, 0),
       "DECIMAL(0,0) is not a decimal type (the precision must be at least 1, the scale from 0 "
       "to the precision)"},
  };
  for (const auto& [element, message] : cases) {
    EXPECT_EQ(Error(element), "column 'val': " + message);
    EXPECT_EQ(SluiceTypeOf(element).status().code(), StatusCode::kParseError) << message;
  }
}

TEST(ParquetSchemaTest, EveryAnnotationOnItsPhysicalTypeReadsAsSparkTypes) {
  using P = PhysicalType;
  using C = ConvertedType;
  const std::pair<SchemaElement, LogicalType> cases[] = {
      {Leaf(P::kBoolean), LogicalType(TypeId::kBoolean)},
      {Leaf(P::kInt32), LogicalType(TypeId::kInt)},
      {Leaf(P::kInt64), LogicalType(TypeId::kBigInt)},
      {Leaf(P::kInt96), LogicalType(TypeId::kTimestamp)},
      {Leaf(P::kFloat), LogicalType(TypeId::kFloat)},
      {Leaf(P::kDouble), LogicalType(TypeId::kDouble)},
      {Leaf(P::kByteArray), LogicalType(TypeId::kBinary)},
      {Leaf(P::kFixedLenByteArray, 5), LogicalType(TypeId::kBinary)},
      {Converted(P::kInt32, C::kInt8), LogicalType(TypeId::kTinyInt)},
      {Converted(P::kInt32, C::kInt16), LogicalType(TypeId::kSmallInt)},
      {Converted(P::kInt32, C::kInt32), LogicalType(TypeId::kInt)},
      {Converted(P::kInt64, C::kInt64), LogicalType(TypeId::kBigInt)},
      {Converted(P::kInt32, C::kUint8), LogicalType(TypeId::kSmallInt)},
      {Converted(P::kInt32, C::kUint16), LogicalType(TypeId::kInt)},
      {Converted(P::kInt32, C::kUint32), LogicalType(TypeId::kBigInt)},
      {Converted(P::kInt64, C::kUint64), LogicalType::Decimal(20, 0)},
      {Logical(P::kInt32, Integer(8, true)), LogicalType(TypeId::kTinyInt)},
      {Logical(P::kInt32, Integer(16, false)), LogicalType(TypeId::kInt)},
      {Logical(P::kInt32, Integer(32, false)), LogicalType(TypeId::kBigInt)},
      {Logical(P::kInt64, Integer(64, true)), LogicalType(TypeId::kBigInt)},
      {Logical(P::kInt64, Integer(64, false)), LogicalType::Decimal(20, 0)},
      {Converted(P::kInt32, C::kDate), LogicalType(TypeId::kDate)},
      {Converted(P::kInt64, C::kTimestampMillis), LogicalType(TypeId::kTimestamp)},
      {Converted(P::kInt64, C::kTimestampMicros), LogicalType(TypeId::kTimestamp)},
      {Logical(P::kInt64, Temporal(Kind::kTimestamp, TimeUnit::kNanos)),
       LogicalType(TypeId::kTimestamp)},
      {Logical(P::kInt64, Temporal(Kind::kTimestamp, TimeUnit::kMicros, false)),
       LogicalType(TypeId::kTimestampNtz)},
      {Converted(P::kByteArray, C::kUtf8), LogicalType(TypeId::kString)},
      {Converted(P::kByteArray, C::kEnum), LogicalType(TypeId::kString)},
      {Converted(P::kByteArray, C::kJson), LogicalType(TypeId::kString)},
      {Converted(P::kByteArray, C::kBson), LogicalType(TypeId::kBinary)},
      {Logical(P::kByteArray, Annotation(Kind::kString)), LogicalType(TypeId::kString)},
      {Logical(P::kFixedLenByteArray, Annotation(Kind::kUuid), 16), LogicalType(TypeId::kBinary)},
      {Logical(P::kFixedLenByteArray, Annotation(Kind::kFloat16), 2), LogicalType(TypeId::kBinary)},
      // UNKNOWN (always NULL) fits any physical type.
      {Logical(P::kDouble, Annotation(Kind::kUnknown)), LogicalType(TypeId::kDouble)},
      {Logical(P::kInt32, Decimal(9, 2)), LogicalType::Decimal(9, 2)},
      {ConvertedDecimal(P::kInt64, 18, 18), LogicalType::Decimal(18, 18)},
      {Logical(P::kInt64, Decimal(4, 0)), LogicalType::Decimal(4, 0)},
      {ConvertedDecimal(P::kFixedLenByteArray, 2, 1, 1), LogicalType::Decimal(2, 1)},
      {Logical(P::kFixedLenByteArray, Decimal(18, 4), 8), LogicalType::Decimal(18, 4)},
      {Logical(P::kFixedLenByteArray, Decimal(38, 0), 16), LogicalType::Decimal(38, 0)},
      {ConvertedDecimal(P::kByteArray, 38, 10), LogicalType::Decimal(38, 10)},
  };
  for (const auto& [element, type] : cases) {
    auto got = SluiceTypeOf(element);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_EQ(got->ToString(), type.ToString())
        << LogicalTypeName(element) << " on " << PhysicalTypeName(*element.type);
  }
  // Supported by the format, not by Sluice: named as before.
  EXPECT_EQ(Error(Logical(P::kInt64, Temporal(Kind::kTime, TimeUnit::kNanos))),
            "column 'val': INT64 TIME(NANOS,UTC) has no Sluice type (TIME and INTERVAL columns "
            "are not supported)");
  EXPECT_EQ(Error(Converted(P::kFixedLenByteArray, C::kInterval, 12)),
            "column 'val': FIXED_LEN_BYTE_ARRAY INTERVAL has no Sluice type (TIME and INTERVAL "
            "columns are not supported)");
  EXPECT_EQ(Error(ConvertedDecimal(P::kByteArray, 39, 0)),
            "column 'val': DECIMAL(39,0) is outside DECIMAL(38)");
}

TEST(ParquetSchemaTest, TheLogicalTypeWinsOverTheConvertedType) {
  // LogicalTypes.md: the ConvertedType is read only when there is no LogicalType this reader
  // knows; a LogicalType newer than it falls back to the ConvertedType.
  SchemaElement both =
      Logical(PhysicalType::kInt64, Temporal(Kind::kTimestamp, TimeUnit::kMicros, false));
  both.converted_type = ConvertedType::kTimestampMicros;
  EXPECT_EQ(Error(both), "read as TIMESTAMP_NTZ");
  LogicalTypeAnnotation newer = Annotation(Kind::kOther);
  newer.other_id = 42;
  SchemaElement fallback = Logical(PhysicalType::kInt32, newer);
  fallback.converted_type = ConvertedType::kInt64;
  EXPECT_EQ(Error(fallback), "column 'val': INT_64 cannot annotate INT32");
  fallback.converted_type = ConvertedType::kInt16;
  EXPECT_EQ(Error(fallback), "read as SMALLINT");
}

// A file whose two annotations disagree (TIMESTAMP(MICROS,UTC) and TIMESTAMP_MILLIS): the
// type, the values, the statistics used for pruning and those `inspect` prints all follow
// the LogicalType.
TEST(ParquetSchemaTest, EveryReaderOfAnnotationsFollowsTheSameOne) {
  SchemaElement e =
      Logical(PhysicalType::kInt64, Temporal(Kind::kTimestamp, TimeUnit::kMicros, true));
  e.converted_type = ConvertedType::kTimestampMillis;
  e.repetition = Repetition::kRequired;
  const int64_t micros = 1704067200123456;  // 2024-01-01 00:00:00.123456 UTC
  const std::string plain(reinterpret_cast<const char*>(&micros), 8);
  EXPECT_EQ(Error(e), "read as TIMESTAMP");

  LeafColumn leaf{"val", &e, 0, 0, *SluiceTypeOf(e)};
  PageHeader header;
  header.type = PageType::kDataPage;
  header.uncompressed_page_size = header.compressed_page_size = 8;
  header.data_page_header =
      DataPageHeader{1, Encoding::kPlain, Encoding::kRle, Encoding::kRle, std::nullopt};
  auto chunk = io::MakeStringBuffer(SerializePageHeader(header) + plain);
  auto file = io::MakeBufferFile(chunk, "test");
  ColumnChunkReader reader(*file, 0, chunk->size(), leaf, leaf.type,
                           CompressionCodec::kUncompressed, "test");
  auto values = *vector::Vector::Make(leaf.type, 1);
  ASSERT_TRUE(reader.Read(1, &values, 0).ok());
  EXPECT_EQ(values.data<int64_t>()[0], micros);

  ColumnMetaData meta;
  meta.type = PhysicalType::kInt64;
  meta.num_values = 1;
  meta.statistics.emplace();
  meta.statistics->null_count = 0;
  meta.statistics->min_value = meta.statistics->max_value = plain;
  auto stats = ChunkStatistics::Of(e, meta, 1, true);
  ASSERT_TRUE(stats.min.has_value());
  EXPECT_EQ(std::get<types::Int128>(*stats.min), types::Int128(micros));

  EXPECT_EQ(FormatStatisticsValue(plain, e), "2024-01-01 00:00:00.123456");
}

TEST(ParquetSchemaTest, ErrorsNameTheNestedColumnsPath) {
  FileMetaData m;
  SchemaElement root;
  root.name = "schema";
  root.num_children = 1;
  SchemaElement group;
  group.name = "s";
  group.repetition = Repetition::kOptional;
  group.num_children = 2;
  SchemaElement ok = Leaf(PhysicalType::kInt32);
  ok.name = "a";
  SchemaElement bad = Converted(PhysicalType::kInt32, ConvertedType::kTimestampMicros);
  bad.name = "b";
  m.schema = {root, group, ok, bad};
  EXPECT_EQ(ParquetSchema::Make(m).status().message(),
            "column 's.b': TIMESTAMP_MICROS cannot annotate INT32");
}

TEST(ParquetSchemaTest, GroupsCarryOnlyListAndMapAnnotations) {
  FileMetaData m;
  SchemaElement root;
  root.name = "schema";
  root.num_children = 1;
  SchemaElement group;
  group.name = "s";
  group.repetition = Repetition::kOptional;
  group.num_children = 1;
  SchemaElement a = Leaf(PhysicalType::kInt32);
  a.name = "a";
  m.schema = {root, group, a};
  ASSERT_TRUE(ParquetSchema::Make(m).ok());
  EXPECT_EQ(ParquetSchema::Make(m)->schema().ToDdl(), "s STRUCT<a: INT>");
  // A newer annotation than this reader knows: still a struct.
  m.schema[1].logical_type.kind = Kind::kOther;
  m.schema[1].logical_type.other_id = 16;
  EXPECT_TRUE(ParquetSchema::Make(m).ok());
  m.schema[1].converted_type = ConvertedType::kUtf8;
  EXPECT_EQ(ParquetSchema::Make(m).status().message(), "column 's': UTF8 cannot annotate a group");
  m.schema[1].converted_type.reset();
  m.schema[1].logical_type = Decimal(5, 2);
  EXPECT_EQ(ParquetSchema::Make(m).status().message(),
            "column 's': DECIMAL(5,2) cannot annotate a group");
}

}  // namespace
}  // namespace sluice::formats::parquet
