// Fuzzes Parquet page decoding (page headers, decompression, levels, every value
// encoding, type conversions) through ColumnChunkReader: the first bytes pick the
// column's type, repetition and codec, the rest is the column chunk.
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
  LeafColumn leaf{"c", &element, element.repetition == Repetition::kOptional ? 1 : 0, 0, 0};
  static const CompressionCodec kCodecs[] = {CompressionCodec::kUncompressed,
                                             CompressionCodec::kSnappy, CompressionCodec::kGzip,
                                             CompressionCodec::kZstd, CompressionCodec::kLz4Raw};
  CompressionCodec codec = kCodecs[data[2] % 5];
  auto chunk = io::MakeStringBuffer(std::string(reinterpret_cast<const char*>(data) + 3, size - 3));
  ColumnChunkReader reader(chunk, 0, leaf, *type, codec, "fuzz");
  auto vec = vector::Vector::Make(*type, 256);
  if (!vec.ok()) return 0;
  for (int i = 0; i < 8; ++i) {
    vec->Reset();
    if (!reader.Read(256, &*vec, 0).ok()) break;
  }
  return 0;
}
