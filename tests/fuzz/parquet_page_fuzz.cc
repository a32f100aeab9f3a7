// Fuzzes Parquet page decoding (page headers, decompression, levels, every value
// encoding, type conversions) through ColumnChunkReader: the first bytes pick the
// column's type, repetition (optional, or inside a list) and codec, the rest is the
// column chunk; repeated columns are read record by record as nested leaves are.
#include <cstdint>
#include <string>

#include "formats/parquet/column_chunk_reader.h"

using namespace sluice;
using namespace sluice::formats::parquet;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 3) return 0;
  SchemaElement element;
  element.name = "c";
  const int kind = data[0] % 12;
  element.repetition = data[1] & 1 ? Repetition::kOptional : Repetition::kRequired;
  switch (kind) {
    case 0:
      element.type = PhysicalType::kBoolean;
      break;
    case 1:
      element.type = PhysicalType::kInt32;
      break;
    case 2:
      element.type = PhysicalType::kInt64;
      break;
    case 3:
      element.type = PhysicalType::kInt96;
      break;
    case 4:
      element.type = PhysicalType::kFloat;
      break;
    case 5:
      element.type = PhysicalType::kDouble;
      break;
    case 6:
      element.type = PhysicalType::kByteArray;
      element.logical_type.kind = LogicalTypeAnnotation::Kind::kString;
      break;
    case 7:
      element.type = PhysicalType::kFixedLenByteArray;
      element.type_length = 1 + data[1] % 20;
      break;
    case 8:
      element.type = PhysicalType::kFixedLenByteArray;
      element.type_length = 1 + data[1] % 16;
      element.logical_type.kind = LogicalTypeAnnotation::Kind::kDecimal;
      element.logical_type.precision = 38;
      element.logical_type.scale = 2;
      break;
    case 9:
      element.type = PhysicalType::kInt64;
      element.logical_type.kind = LogicalTypeAnnotation::Kind::kTimestamp;
      element.logical_type.unit = data[1] & 2 ? TimeUnit::kNanos : TimeUnit::kMillis;
      break;
    case 10:
      element.type = PhysicalType::kInt32;
      element.logical_type.kind = LogicalTypeAnnotation::Kind::kDecimal;
      element.logical_type.precision = 9;
      break;
    default:
      element.type = PhysicalType::kByteArray;
      break;
  }
  auto type = SluiceTypeOf(element);
  if (!type.ok()) return 0;
  const int max_repetition = data[1] & 4 ? 1 : 0;
  const int max_definition = (element.repetition == Repetition::kOptional ? 1 : 0) + max_repetition;
  LeafColumn leaf{"c", &element, max_definition, max_repetition, *type};
  static const CompressionCodec kCodecs[] = {
      CompressionCodec::kUncompressed, CompressionCodec::kSnappy, CompressionCodec::kGzip,
      CompressionCodec::kZstd,         CompressionCodec::kLz4Raw, CompressionCodec::kBrotli};
  CompressionCodec codec = kCodecs[data[2] % std::size(kCodecs)];
  auto chunk = io::MakeStringBuffer(std::string(reinterpret_cast<const char*>(data) + 3, size - 3));
  auto file = io::MakeBufferFile(chunk, "fuzz");
  ColumnChunkReader reader(*file, 0, chunk->size(), leaf, *type, codec, "fuzz");
  auto vec = vector::Vector::Make(*type, 256);
  if (!vec.ok()) return 0;
  LeafLevels levels;
  for (int i = 0; i < 8; ++i) {
    vec->Reset();
    levels.Clear();
    Status st =
        max_repetition > 0 ? reader.ReadRecords(64, &levels, &*vec) : reader.Read(256, &*vec, 0);
    if (!st.ok()) break;
  }
  return 0;
}
