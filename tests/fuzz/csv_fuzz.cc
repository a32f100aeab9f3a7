// Fuzzes the CSV reader end to end: lexer, chunker, decoders, error policy. The first
// input byte picks the dialect; the rest is a file. Besides "no crash", it checks that
// parallel byte ranges find exactly the rows one sequential pass finds, and that every
// row is accounted for (output + dropped = read).
#include <cstdint>
#include <string>

#include "dataset/pool_task_runner.h"
#include "dataset/table_reader.h"
#include "formats/csv/csv_chunker.h"
#include "formats/csv/csv_lexer.h"
#include "formats/csv/csv_reader.h"
#include "io/memory_file_system.h"

using namespace sluice;
using namespace sluice::formats::csv;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t dialect = data[0];
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::map<std::string, std::string> map;
  map["multiLine"] = dialect & 1 ? "true" : "false";
  map["header"] = dialect & 2 ? "true" : "false";
  if (dialect & 4) map["sep"] = ";;";
  if (dialect & 8) map["comment"] = "#";
  if (dialect & 16) map["escape"] = "\"";
  map["mode"] = dialect & 32 ? "DROPMALFORMED" : "PERMISSIVE";
  if (dialect & 64) map["encoding"] = dialect & 128 ? "UTF-16" : "ISO-8859-1";
  if ((dialect & 192) == 128) map["encoding"] = "windows-1252";
  // The chunker and the lexer must agree on white space before quotes too.
  if ((dialect & 192) == 0 && (dialect & 24) == 24) map["ignoreLeadingWhiteSpace"] = "true";
  auto options = CsvOptions::FromMap(map, types::TimeZone::Utc());
  if (!options.ok()) __builtin_trap();

  // Ranges lex to the same rows as one pass.
  CsvLexer lexer(*options);
  LexedRows whole;
  lexer.Lex(text, 0, text.size(), SIZE_MAX, true, &whole);
  auto ranges = SplitIntoRowRanges(text, 0, 1 + dialect % 17, *options, formats::PoolTaskRunner());
  if (!ranges.ok()) __builtin_trap();
  size_t rows = 0;
  for (const ByteRange& range : *ranges) {
    LexedRows part;
    lexer.Lex(text, range.begin, range.end, SIZE_MAX, true, &part);
    for (size_t r = 0; r < part.num_rows(); ++r, ++rows) {
      if (rows >= whole.num_rows() || part.row_begin[r] != whole.row_begin[rows]) __builtin_trap();
    }
  }
  if (rows != whole.num_rows()) __builtin_trap();

  // The whole reader, typed columns included, never crashes and loses no row.
  auto fs = std::make_shared<io::MemoryFileSystem>();
  fs->Store("/f.csv", text);
  auto schema = types::ParseDdlSchema(
      "a INT, b DOUBLE, c TIMESTAMP, d DECIMAL(10,2), e STRING, f DATE, g BOOLEAN, _corrupt_record "
      "STRING");
  auto reader = formats::OpenCsvReader(fs, {"/f.csv"}, *options, *schema);
  if (!reader.ok()) return 0;
  auto rejects = std::make_shared<formats::CollectingRejectSink>();
  (*reader)->set_reject_sink(rejects);
  uint64_t output = 0;
  Status st = formats::ReadTable(
      **reader,
      [&](size_t, const vector::Batch& batch) {
        output += batch.num_selected();
        return Status::OK();
      },
      /*ordered=*/false);
  if (!st.ok()) return 0;
  const auto& stats = (*reader)->stats();
  uint64_t dropped = options->mode == ParseMode::kDropMalformed ? stats.rows_rejected : 0;
  if (output + dropped != stats.rows_read || rejects->Sorted().size() != stats.rows_rejected ||
      (*reader)->rejects_summary().total() != stats.rows_rejected)
    __builtin_trap();
  return 0;
}
