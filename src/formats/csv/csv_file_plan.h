// CsvFilePlan: what the reader knows about one input file before reading its rows: its
// bytes (memory-mapped, or streamed when compressed or not UTF-8), where data starts
// after a BOM and header, its header names, and which output column each field feeds.
// Also the RowBlockSource that walks a file's rows in lexed blocks, used both by schema
// inference and by reading. Plans are immutable once built: thread-safe to share.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "formats/csv/csv_chunker.h"
#include "formats/csv/csv_lexer.h"
#include "formats/source_listing.h"
#include "formats/text_encoding.h"
#include "io/compression.h"
#include "io/file_system.h"

namespace sluice::formats::csv {

struct CsvFilePlan {
  const SourceFile* source = nullptr;
  io::Codec codec = io::Codec::kNone;
  TextEncoding encoding = TextEncoding::kUtf8;  // as read (a byte-order mark decides)
  bool streamed = false;                        // compressed or not UTF-8: read sequentially
  // The whole file while the reader plans it (header, row ranges, row estimate); reads
  // then take each range from the file when they come to it, so a read of many files holds
  // only the ranges being read.
  std::shared_ptr<const io::ByteBuffer> data;
  uint64_t data_start = 0;           // first byte after BOM and header
  uint64_t header_lines = 0;         // lines before data_start
  std::vector<std::string> header;   // field names (header row, or _c0.. without)
  std::vector<int> field_to_column;  // output column per field, -1 if none
};

// One morsel: a row-aligned byte range of a mapped file, or a whole streamed file.
struct CsvUnit {
  size_t file = 0;
  ByteRange range{0, 0};
};

// A block of lexed rows and the bytes their offsets refer to.
struct RowBlock {
  const CsvFilePlan* plan;
  std::string_view bytes;
  std::shared_ptr<const io::ByteBuffer> pin;  // keeps `bytes` alive
  const LexedRows* rows;
  uint64_t bytes_offset;  // offset of bytes[0] in the text (see CsvFilePlan::encoding)
  bool absolute_lines;    // rows->row_line counts from the file's start (else from the unit's)
};

// Opens a file and reads its header row; `plan.header` is the raw header fields
// (unescaped), or empty when the options say there is none.
Result<CsvFilePlan> PlanCsvFile(io::FileSystem& fs, const SourceFile& source,
                                const CsvLexer& lexer);

// The bytes [range.begin, range.end) of a mapped file, read again from it (a mapping for
// a large range, a charged copy else); an error naming the file if it has shrunk.
Result<std::shared_ptr<const io::ByteBuffer>> ReadRange(io::FileSystem& fs, const CsvFilePlan& plan,
                                                        ByteRange range);

// Walks the rows of one unit in blocks of up to `rows_per_block` rows. `lexed` is the
// caller's scratch; its `lines` ends as the number of lines the unit spans.
Status ForEachRowBlock(io::FileSystem& fs, const CsvFilePlan& plan, const CsvUnit& unit,
                       const CsvLexer& lexer, size_t rows_per_block, LexedRows* lexed,
                       const std::function<Status(const RowBlock&)>& fn);

// Line breaks in [from, to): turns a byte offset into a line number on error paths.
uint64_t CountLineBreaks(std::string_view data, uint64_t from, uint64_t to, char line_sep);

}  // namespace sluice::formats::csv
