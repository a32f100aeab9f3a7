// ColumnChunkReader: decodes one column chunk of a row group, page by page (dictionary,
// data page v1 and v2; PLAIN, PLAIN_DICTIONARY/RLE_DICTIONARY, RLE booleans,
// BYTE_STREAM_SPLIT; every codec), into Vectors of the column's Sluice type. Flat
// (non-repeated) columns. Every length is checked against the bytes actually there;
// errors name the column, page and offset. Single-owner object, not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "formats/parquet/parquet_schema.h"
#include "formats/parquet/rle_bit_packed.h"
#include "io/file_system.h"
#include "vector/vector.h"

namespace sluice::formats::parquet {

class ColumnChunkReader {
 public:
  // `chunk` holds the column chunk's bytes, which start at file offset `chunk_offset`.
  ColumnChunkReader(std::shared_ptr<const io::ByteBuffer> chunk, uint64_t chunk_offset,
                    const LeafColumn& leaf, types::LogicalType type, CompressionCodec codec,
                    std::string context);

  // Reads the next `n` values into rows [row, row + n) of `out`.
  Status Read(size_t n, vector::Vector* out, size_t row);

 private:
  Status NextPage();
  Status LoadDictionary(const PageHeader& header, std::string_view body);
  Status StartDataPage(const PageHeader& header, std::string_view body);
  Result<std::shared_ptr<const io::ByteBuffer>> Decompress(std::string_view bytes,
                                                           size_t uncompressed_size);
  // Decodes `count` non-null values into the rows listed in `rows`.
  Status DecodeValues(size_t count, const uint32_t* rows, vector::Vector* out);
  Status ConvertPlain(std::string_view bytes, size_t count, const uint32_t* rows,
                      vector::Vector* out, size_t* consumed);
  Status Error(const std::string& what) const;

  std::shared_ptr<const io::ByteBuffer> chunk_;
  uint64_t chunk_offset_;
  const LeafColumn& leaf_;
  types::LogicalType type_;
  CompressionCodec codec_;
  std::string context_;  // "file 'x', row group 3, column 'c'"
  size_t pos_ = 0;       // next page header within chunk_
  size_t page_index_ = 0;
  uint64_t page_offset_ = 0;

  // The dictionary, decoded to the column's type (strings point into its page).
  std::unique_ptr<vector::Vector> dictionary_;
  std::shared_ptr<const io::ByteBuffer> dictionary_page_;
  size_t dictionary_size_ = 0;

  // The current data page.
  std::shared_ptr<const io::ByteBuffer> page_;  // decompressed values (strings point into it)
  std::string_view values_;                     // the undecoded rest of the values
  Encoding encoding_ = Encoding::kPlain;
  std::vector<uint32_t> definition_levels_;
  size_t level_pos_ = 0;
  size_t page_values_left_ = 0;
  size_t bool_bit_pos_ = 0;                       // PLAIN booleans are bit-packed
  std::unique_ptr<RleBitPackedDecoder> indices_;  // dictionary indices or RLE booleans
  std::vector<uint32_t> scratch_;
};

}  // namespace sluice::formats::parquet
