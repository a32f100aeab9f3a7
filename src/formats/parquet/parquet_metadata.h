// The Parquet metadata model (parquet.thrift of apache/parquet-format): the footer
// (FileMetaData: schema, row groups, column chunks, statistics) and page headers, with
// parsing from untrusted bytes and serialization. Only the fields Sluice reads or writes
// are kept; others are skipped on input. Plain values: thread-safe to share.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace sluice::formats::parquet {

enum class PhysicalType : int32_t {
  kBoolean = 0,
  kInt32 = 1,
  kInt64 = 2,
  kInt96 = 3,
  kFloat = 4,
  kDouble = 5,
  kByteArray = 6,
  kFixedLenByteArray = 7,
};

enum class Repetition : int32_t { kRequired = 0, kOptional = 1, kRepeated = 2 };

// The deprecated ConvertedType values that old writers still use.
enum class ConvertedType : int32_t {
  kUtf8 = 0,
  kMap = 1,
  kMapKeyValue = 2,
  kList = 3,
  kEnum = 4,
  kDecimal = 5,
  kDate = 6,
  kTimeMillis = 7,
  kTimeMicros = 8,
  kTimestampMillis = 9,
  kTimestampMicros = 10,
  kUint8 = 11,
  kUint16 = 12,
  kUint32 = 13,
  kUint64 = 14,
  kInt8 = 15,
  kInt16 = 16,
  kInt32 = 17,
  kInt64 = 18,
  kJson = 19,
  kBson = 20,
  kInterval = 21,
};

enum class Encoding : int32_t {
  kPlain = 0,
  kPlainDictionary = 2,
  kRle = 3,
  kBitPacked = 4,
  kDeltaBinaryPacked = 5,
  kDeltaLengthByteArray = 6,
  kDeltaByteArray = 7,
  kRleDictionary = 8,
  kByteStreamSplit = 9,
};

enum class CompressionCodec : int32_t {
  kUncompressed = 0,
  kSnappy = 1,
  kGzip = 2,
  kLzo = 3,
  kBrotli = 4,
  kLz4 = 5,
  kZstd = 6,
  kLz4Raw = 7,
};

enum class PageType : int32_t {
  kDataPage = 0,
  kIndexPage = 1,
  kDictionaryPage = 2,
  kDataPageV2 = 3
};

enum class TimeUnit : int32_t { kMillis = 1, kMicros = 2, kNanos = 3 };

// The LogicalType union; `kind` says which member is set (its thrift field id).
struct LogicalTypeAnnotation {
  enum class Kind : int16_t {
    kNone = 0,
    kString = 1,
    kMap = 2,
    kList = 3,
    kEnum = 4,
    kDecimal = 5,
    kDate = 6,
    kTime = 7,
    kTimestamp = 8,
    kInteger = 10,
    kUnknown = 11,
    kJson = 12,
    kBson = 13,
    kUuid = 14,
    kFloat16 = 15,
    kOther = 99,  // a newer annotation this version does not know: `other_id` says which
  };
  Kind kind = Kind::kNone;
  int16_t other_id = 0;
  int32_t scale = 0;             // DECIMAL
  int32_t precision = 0;         // DECIMAL
  bool adjusted_to_utc = false;  // TIME, TIMESTAMP
  TimeUnit unit = TimeUnit::kMicros;
  int8_t bit_width = 0;   // INTEGER
  bool is_signed = true;  // INTEGER

  bool operator==(const LogicalTypeAnnotation&) const = default;
};

struct SchemaElement {
  std::optional<PhysicalType> type;  // unset for groups
  std::optional<int32_t> type_length;
  std::optional<Repetition> repetition;
  std::string name;
  std::optional<int32_t> num_children;
  std::optional<ConvertedType> converted_type;
  std::optional<int32_t> scale;
  std::optional<int32_t> precision;
  std::optional<int32_t> field_id;
  LogicalTypeAnnotation logical_type;

  bool operator==(const SchemaElement&) const = default;
};

struct Statistics {
  std::optional<std::string> max;  // deprecated signed-order fields
  std::optional<std::string> min;
  std::optional<int64_t> null_count;
  std::optional<int64_t> distinct_count;
  std::optional<std::string> max_value;
  std::optional<std::string> min_value;

  bool operator==(const Statistics&) const = default;
};

struct KeyValue {
  std::string key;
  std::optional<std::string> value;

  bool operator==(const KeyValue&) const = default;
};

struct ColumnMetaData {
  PhysicalType type = PhysicalType::kInt32;
  std::vector<Encoding> encodings;
  std::vector<std::string> path_in_schema;
  CompressionCodec codec = CompressionCodec::kUncompressed;
  int64_t num_values = 0;
  int64_t total_uncompressed_size = 0;
  int64_t total_compressed_size = 0;
  int64_t data_page_offset = 0;
  std::optional<int64_t> index_page_offset;
  std::optional<int64_t> dictionary_page_offset;
  std::optional<Statistics> statistics;

  bool operator==(const ColumnMetaData&) const = default;
};

struct ColumnChunk {
  std::optional<std::string> file_path;
  int64_t file_offset = 0;
  std::optional<ColumnMetaData> meta_data;
  bool encrypted = false;  // crypto_metadata or encrypted_column_metadata is set

  bool operator==(const ColumnChunk&) const = default;
};

struct RowGroup {
  std::vector<ColumnChunk> columns;
  int64_t total_byte_size = 0;
  int64_t num_rows = 0;
  std::optional<int64_t> file_offset;
  std::optional<int64_t> total_compressed_size;
  std::optional<int16_t> ordinal;

  bool operator==(const RowGroup&) const = default;
};

struct FileMetaData {
  int32_t version = 1;
  std::vector<SchemaElement> schema;  // depth-first; schema[0] is the root group
  int64_t num_rows = 0;
  std::vector<RowGroup> row_groups;
  std::vector<KeyValue> key_value_metadata;
  std::optional<std::string> created_by;
  // One per leaf column: true when it uses the type-defined order (the only one written).
  std::vector<bool> column_orders;

  bool operator==(const FileMetaData&) const = default;
};

struct DataPageHeader {
  int32_t num_values = 0;
  Encoding encoding = Encoding::kPlain;
  Encoding definition_level_encoding = Encoding::kRle;
  Encoding repetition_level_encoding = Encoding::kRle;
  std::optional<Statistics> statistics;

  bool operator==(const DataPageHeader&) const = default;
};

struct DictionaryPageHeader {
  int32_t num_values = 0;
  Encoding encoding = Encoding::kPlain;
  std::optional<bool> is_sorted;

  bool operator==(const DictionaryPageHeader&) const = default;
};

struct DataPageHeaderV2 {
  int32_t num_values = 0;
  int32_t num_nulls = 0;
  int32_t num_rows = 0;
  Encoding encoding = Encoding::kPlain;
  int32_t definition_levels_byte_length = 0;
  int32_t repetition_levels_byte_length = 0;
  bool is_compressed = true;
  std::optional<Statistics> statistics;

  bool operator==(const DataPageHeaderV2&) const = default;
};

struct PageHeader {
  PageType type = PageType::kDataPage;
  int32_t uncompressed_page_size = 0;
  int32_t compressed_page_size = 0;
  std::optional<int32_t> crc;
  std::optional<DataPageHeader> data_page_header;
  std::optional<DictionaryPageHeader> dictionary_page_header;
  std::optional<DataPageHeaderV2> data_page_header_v2;

  bool operator==(const PageHeader&) const = default;
};

// Names as parquet.thrift spells them ("INT64", "RLE_DICTIONARY", "SNAPPY"); a number
// the format does not define is named as such ("physical type 42").
std::string PhysicalTypeName(PhysicalType type);
// Bytes of each value of INT32, FLOAT (4), INT64, DOUBLE (8) and FIXED_LEN_BYTE_ARRAY (its
// length): the types that dictionaries and BYTE_STREAM_SPLIT treat as fixed width; 0 for
// the others (BOOLEAN, INT96, BYTE_ARRAY).
size_t FixedValueWidth(const SchemaElement& element);
std::string EncodingName(Encoding encoding);
std::string CodecName(CompressionCodec codec);
std::string RepetitionName(Repetition repetition);
// "DECIMAL(38,2)", "TIMESTAMP(MICROS,UTC)", "STRING", or "" when there is none.
std::string LogicalTypeName(const SchemaElement& element);

// Errors name the byte offset within `bytes`; callers add the file and position.
Result<FileMetaData> ParseFileMetaData(std::string_view bytes);
std::string SerializeFileMetaData(const FileMetaData& metadata);
// Parses the header at the start of `bytes`; `header_size` receives its length.
Result<PageHeader> ParsePageHeader(std::string_view bytes, size_t* header_size);
std::string SerializePageHeader(const PageHeader& header);

}  // namespace sluice::formats::parquet
