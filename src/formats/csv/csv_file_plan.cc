#include "formats/csv/csv_file_plan.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "formats/text_encoding.h"

namespace sluice::formats::csv {
namespace {

constexpr size_t kStreamBlockBytes = 8 << 20;
// Lexed bytes are given back (DropCache) in steps of this much, not after every block: each
// give-back of a mapping makes every core running the process flush its TLB, which cost a
// fifth of a many-file CSV scan's time when done every 2,048 rows.
constexpr size_t kDropStepBytes = 4 << 20;

std::vector<std::string> FieldTexts(const LexedRows& rows, size_t row, std::string_view bytes,
                                    const CsvLexer& lexer) {
  std::vector<std::string> out;
  std::string scratch;
  for (uint32_t i = 0; i < rows.num_fields(row); ++i) {
    const FieldSpan& f = rows.field(row, i);
    std::string_view text = bytes.substr(rows.row_begin[row] + f.begin, f.end - f.begin);
    if (f.flags & FieldSpan::kNeedsUnescape) {
      lexer.Unescape(text, &scratch);
      out.push_back(scratch);
    } else {
      out.emplace_back(text);
    }
  }
  return out;
}

// Reads a streamed file block by block as UTF-8 text; `fn` gets each block (carried-over
// partial row first) and says how many bytes it consumed; the rest is carried into the
// next block.
class StreamReader {
 public:
  StreamReader(std::unique_ptr<io::InputStream> in, TextEncoding declared)
      : in_(std::move(in)), resolved_{declared, 0} {}

  // Appends up to `want` more bytes of text to the block; false at end of input.
  Result<bool> Fill(std::string* block, size_t want) {
    if (want > raw_capacity_) {
      raw_ = std::make_unique_for_overwrite<char[]>(want);
      raw_capacity_ = want;
    }
    SLUICE_ASSIGN_OR_RAISE(size_t n, in_->Read(raw_.get(), want));
    if (first_) {
      first_ = false;
      // A byte-order mark takes up to 4 bytes; a stream may return fewer per read.
      for (size_t more = n; more > 0 && n < 4;) {
        SLUICE_ASSIGN_OR_RAISE(more, in_->Read(raw_.get() + n, want - n));
        n += more;
      }
      resolved_ = ResolveTextEncoding(resolved_.encoding, std::string_view(raw_.get(), n));
      if (resolved_.encoding != TextEncoding::kUtf8) {
        SLUICE_ASSIGN_OR_RAISE(decoder_, TextDecoder::Make(resolved_.encoding));
      }
      skip_ = resolved_.bom_size;
    }
    std::string_view raw(raw_.get(), n);
    raw.remove_prefix(std::exchange(skip_, 0));
    if (decoder_) {
      decoder_->Decode(raw, n == 0, block);
    } else {
      block->append(raw);
    }
    return n > 0;
  }

  // Known after the first Fill.
  TextEncoding encoding() const { return resolved_.encoding; }
  // Offset of the text's first byte: a UTF-8 mark counts (offsets are in the file's
  // bytes); another mark is not part of the converted text.
  uint64_t text_start() const { return decoder_ ? 0 : resolved_.bom_size; }

 private:
  std::unique_ptr<io::InputStream> in_;
  std::unique_ptr<char[]> raw_;  // reused between reads, never zero-filled
  size_t raw_capacity_ = 0;
  ResolvedEncoding resolved_;
  std::unique_ptr<TextDecoder> decoder_;  // none for UTF-8
  bool first_ = true;
  size_t skip_ = 0;
};

Result<std::unique_ptr<StreamReader>> OpenStream(io::FileSystem& fs, const CsvFilePlan& plan,
                                                 const CsvLexer& lexer) {
  SLUICE_ASSIGN_OR_RAISE(auto file, fs.OpenRead(plan.source->path));
  SLUICE_ASSIGN_OR_RAISE(auto in, io::OpenDecompressingStream(plan.codec, std::move(file)));
  return std::make_unique<StreamReader>(std::move(in), lexer.options().encoding);
}

}  // namespace

Result<std::shared_ptr<const io::ByteBuffer>> ReadRange(io::FileSystem& fs, const CsvFilePlan& plan,
                                                        ByteRange range) {
  SLUICE_ASSIGN_OR_RAISE(auto file, fs.OpenRead(plan.source->path));
  const uint64_t length = range.end - range.begin;
  SLUICE_ASSIGN_OR_RAISE(auto data, file->Read(range.begin, static_cast<size_t>(length)));
  if (data->size() != length) {
    return Status::IOError("'" + plan.source->path + "' changed while being read: expected " +
                           std::to_string(length) + " bytes at byte offset " +
                           std::to_string(range.begin) + ", found " + std::to_string(data->size()));
  }
  return data;
}

uint64_t CountLineBreaks(std::string_view data, uint64_t from, uint64_t to, char line_sep) {
  to = std::min<uint64_t>(to, data.size());
  if (from >= to) return 0;
  const char* begin = data.data() + from;
  const char* end = data.data() + to;
  if (line_sep != '\0') return static_cast<uint64_t>(std::count(begin, end, line_sep));
  uint64_t n = static_cast<uint64_t>(std::count(begin, end, '\n'));
  // A '\r' not followed by '\n' ends a line too; rare, so looked for apart.
  for (const char* p = begin;
       (p = static_cast<const char*>(std::memchr(p, '\r', static_cast<size_t>(end - p)))) !=
       nullptr;
       ++p) {
    if (p + 1 == data.data() + data.size() || p[1] != '\n') ++n;
  }
  return n;
}

Result<CsvFilePlan> PlanCsvFile(io::FileSystem& fs, const SourceFile& source,
                                const CsvLexer& lexer) {
  const CsvOptions& options = lexer.options();
  CsvFilePlan plan;
  plan.source = &source;
  plan.codec = io::CodecFromPath(source.path);
  LexedRows first;
  std::string_view bytes;
  std::string streamed_prefix;
  if (plan.codec == io::Codec::kNone) {
    // Plain UTF-8 files are mapped; the first bytes say whether a file is one.
    SLUICE_ASSIGN_OR_RAISE(auto file, fs.OpenRead(source.path));
    SLUICE_ASSIGN_OR_RAISE(auto start, file->Read(0, 4));
    ResolvedEncoding resolved = ResolveTextEncoding(options.encoding, start->view());
    plan.encoding = resolved.encoding;
    plan.streamed = resolved.encoding != TextEncoding::kUtf8;
    if (!plan.streamed) {
      auto mapped = file->Map();
      // Unmappable: streamed, never read into memory whole.
      plan.streamed = !mapped.ok();
      if (mapped.ok()) plan.data = std::move(*mapped);
    }
    if (!plan.streamed) {
      bytes = plan.data->view();
      plan.data_start = resolved.bom_size;
      size_t next = lexer.Lex(bytes, plan.data_start, bytes.size(), 1, true, &first);
      if (options.header) {
        plan.data_start = next;
        plan.header_lines = first.lines;
      }
    }
  } else {
    plan.streamed = true;
  }
  if (plan.streamed) {
    // Read just enough of the stream to see the first row.
    SLUICE_ASSIGN_OR_RAISE(auto stream, OpenStream(fs, plan, lexer));
    bool more = true;
    while (more) {
      SLUICE_ASSIGN_OR_RAISE(more, stream->Fill(&streamed_prefix, 1 << 16));
      first.Clear();
      first.lines = 0;
      lexer.Lex(streamed_prefix, 0, streamed_prefix.size(), 1, !more, &first);
      if (first.num_rows() > 0) break;
    }
    bytes = streamed_prefix;
    plan.encoding = stream->encoding();
  }
  if (first.num_rows() > 0) {
    std::vector<std::string> fields = FieldTexts(first, 0, bytes, lexer);
    if (options.header) {
      plan.header = std::move(fields);
    } else {
      for (size_t i = 0; i < fields.size(); ++i) plan.header.push_back("_c" + std::to_string(i));
    }
  }
  return plan;
}

Status ForEachRowBlock(io::FileSystem& fs, const CsvFilePlan& plan, const CsvUnit& unit,
                       const CsvLexer& lexer, size_t rows_per_block, LexedRows* lexed,
                       const std::function<Status(const RowBlock&)>& fn) {
  lexed->Clear();
  lexed->lines = 0;
  if (!plan.streamed) {
    SLUICE_ASSIGN_OR_RAISE(std::shared_ptr<const io::ByteBuffer> data,
                           ReadRange(fs, plan, unit.range));
    const std::string_view bytes = data->view();
    data->WillNeed(0, bytes.size());
    uint64_t pos = 0, dropped = 0;
    while (pos < bytes.size()) {
      lexed->Clear();
      uint64_t next = lexer.Lex(bytes, pos, bytes.size(), rows_per_block, true, lexed);
      if (lexed->num_rows() > 0) {
        SLUICE_RETURN_NOT_OK(fn(RowBlock{&plan, bytes, data, lexed, unit.range.begin, false}));
      }
      // The blocks' consumer is done with their bytes: keep resident memory at a few MB.
      if (next - dropped >= kDropStepBytes) {
        data->DropCache(dropped, next - dropped);
        dropped = next;
      }
      if (next == pos) break;
      pos = next;
    }
    // What strings still point into is read again when used, not kept resident.
    if (pos > dropped) data->DropCache(dropped, pos - dropped);
    return Status::OK();
  }
  SLUICE_ASSIGN_OR_RAISE(auto stream, OpenStream(fs, plan, lexer));
  std::string block;
  uint64_t block_offset = 0;  // offset of block[0] in the text
  bool header_pending = lexer.options().header;
  size_t want = kStreamBlockBytes;
  bool more = true;
  bool started = false;
  while (true) {
    if (more) {
      SLUICE_ASSIGN_OR_RAISE(more, stream->Fill(&block, want));
      if (!std::exchange(started, true)) block_offset = stream->text_start();
    }
    const bool final = !more;
    auto buffer = io::MakeStringBuffer(std::move(block));
    std::string_view bytes = buffer->view();
    uint64_t pos = 0;
    while (pos < bytes.size()) {
      lexed->Clear();
      uint64_t next =
          lexer.Lex(bytes, pos, bytes.size(), header_pending ? 1 : rows_per_block, final, lexed);
      if (next == pos) break;  // a row continues past this block
      pos = next;
      if (header_pending) {
        header_pending = lexed->num_rows() == 0;
        continue;
      }
      if (lexed->num_rows() > 0) {
        SLUICE_RETURN_NOT_OK(fn(RowBlock{&plan, bytes, buffer, lexed, block_offset, true}));
      }
    }
    if (final) break;
    // Carry the unfinished row over; a row longer than a block doubles the next read.
    want = pos == 0 ? want * 2 : kStreamBlockBytes;
    block.assign(bytes.substr(pos));
    block_offset += pos;
  }
  return Status::OK();
}

}  // namespace sluice::formats::csv
