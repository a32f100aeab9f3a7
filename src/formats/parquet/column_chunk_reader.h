// ColumnChunkReader: decodes one column chunk of a row group, page by page (dictionary,
// data page v1 and v2; PLAIN, PLAIN_DICTIONARY/RLE_DICTIONARY, RLE booleans,
// BYTE_STREAM_SPLIT and the delta encodings; every codec; levels RLE or BIT_PACKED), into
// Vectors of the column's Sluice type: row by row for flat columns, or as level streams
// plus dense values for the leaves of nested ones. Every length is checked against the
// bytes actually there; errors name the column, page and offset. Single-owner object,
// not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "formats/parquet/parquet_schema.h"
#include "formats/parquet/rle_bit_packed.h"
#include "io/file_system.h"
#include "vector/vector.h"

namespace sluice::formats::parquet {

// The levels of a run of records of one leaf, and how many of its values are present.
// Levels fit a byte: schemas nest at most 100 deep.
struct LeafLevels {
  std::vector<uint8_t> definition;
  std::vector<uint8_t> repetition;
  size_t values = 0;

  void Clear() {
    definition.clear();
    repetition.clear();
    values = 0;
  }
};

class ColumnChunkReader {
 public:
  // The column chunk is bytes [chunk_offset, chunk_offset + chunk_size) of `file`, which
  // must outlive the reader. They are read a page at a time (with the next page's header
  // when it is near): a reader holds about a page of raw bytes, in heap buffers that are
  // reused rather than mappings of the file (io::LocalReadFile says why).
  ColumnChunkReader(io::RandomAccessFile& file, uint64_t chunk_offset, uint64_t chunk_size,
                    const LeafColumn& leaf, types::LogicalType type, CompressionCodec codec,
                    std::string context);

  // Reads the next `n` values of a flat column (max repetition level 0, max definition
  // level at most 1) into rows [row, row + n) of `out`.
  Status Read(size_t n, vector::Vector* out, size_t row);
  // Reads the next `records` records (a record starts at repetition level 0): appends
  // their levels to `levels` and their present values, densely, to rows
  // [levels->values, ...) of `values`, growing it as needed.
  Status ReadRecords(size_t records, LeafLevels* levels, vector::Vector* values);

 private:
  Status NextPage();
  // Bytes [pos, pos + length) of the chunk (fewer at its end), in window_: read anew, from
  // `pos` on, when the window does not hold them. A view returned before is valid until
  // the next call.
  Result<std::string_view> Bytes(size_t pos, size_t length);
  Status LoadDictionary(const PageHeader& header, std::string_view body);
  Status StartDataPage(const PageHeader& header, std::string_view body);
  // Decodes `count` levels of up to `max_level`: from `v2_bytes` (data page v2), or, for
  // page v1, from the front of `*rest` in `encoding` (RLE with a length, or BIT_PACKED).
  // A max level of 0 has no levels stored: `out` is left empty.
  Status DecodeLevels(int max_level, Encoding encoding, const std::string_view* v2_bytes,
                      std::string_view* rest, size_t count, std::vector<uint8_t>* out,
                      const char* what);
  // The page body, decompressed into a buffer of its own, or, when stored uncompressed,
  // the window holding it (`*body` points into it).
  Result<std::shared_ptr<const io::ByteBuffer>> Decompress(std::string_view* body,
                                                           size_t uncompressed_size,
                                                           bool compressed);
  // Decodes the next `count` non-null values into rows [row, row + count) of `out`.
  Status DecodeValues(size_t count, vector::Vector* out, size_t row);
  // PLAIN values into rows [row, row + count); `*consumed` is set to the bytes they take.
  Status ConvertPlain(std::string_view bytes, size_t count, vector::Vector* out, size_t row,
                      size_t* consumed);
  Status ConvertBytes(std::string_view bytes, size_t count, vector::Vector* out, size_t row,
                      size_t* consumed);
  Status Error(const std::string& what) const;

  io::RandomAccessFile& file_;
  uint64_t chunk_offset_;
  uint64_t chunk_size_;
  std::shared_ptr<const io::ByteBuffer> window_;  // chunk bytes from window_begin_ on
  size_t window_begin_ = 0;
  const LeafColumn& leaf_;
  types::LogicalType type_;
  CompressionCodec codec_;
  std::string context_;  // "file 'x', row group 3, column 'c'"
  size_t pos_ = 0;       // next page header within the chunk
  size_t page_index_ = 0;
  uint64_t page_offset_ = 0;

  // The dictionary, decoded to the column's type (strings point into its page).
  std::unique_ptr<vector::Vector> dictionary_;
  std::shared_ptr<const io::ByteBuffer> dictionary_page_;
  size_t dictionary_size_ = 0;

  // The current data page.
  // The decompressed page, or the window holding it when stored uncompressed (strings point
  // into it).
  std::shared_ptr<const io::ByteBuffer> page_;
  std::string_view values_;  // the undecoded rest of the values
  Encoding encoding_ = Encoding::kPlain;
  std::vector<uint8_t> definition_levels_;  // empty when the max level is 0
  std::vector<uint8_t> repetition_levels_;
  size_t level_pos_ = 0;
  size_t page_values_left_ = 0;
  size_t bool_bit_pos_ = 0;                       // PLAIN booleans are bit-packed
  std::unique_ptr<RleBitPackedDecoder> indices_;  // dictionary indices or RLE booleans
  std::vector<uint32_t> index_buffer_;            // dictionary indices of one call
};

}  // namespace sluice::formats::parquet
