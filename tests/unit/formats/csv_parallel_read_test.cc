// Differential property test of parallel CSV reads: for random files spanning many
// morsels and random dialects, an unordered read on all workers must give the same
// multiset of rows, the same counts and the same rejects (file, line, byte offset, ...)
// as an ordered read of the whole file as one range on one worker. Compressed copies
// (streamed, one morsel, decoded in blocks) must match the same oracle.
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <random>

#include "dataset/table_reader.h"
#include "formats/csv/csv_reader.h"
#include "formats/reject_sink.h"
#include "io/compression.h"
#include "io/memory_file_system.h"
#include "parallel/thread_pool.h"
#include "vector/value_formatter.h"

namespace sluice::formats::csv {
namespace {

struct Dialect {
  std::map<std::string, std::string> options;
  std::string delimiter = ",";
  char quote = '"';
  std::string escape = "\\";
  std::string line_break = "\n";
};

Dialect RandomDialect(std::mt19937& rng) {
  Dialect d;
  const std::vector<std::string> delimiters = {",", ";", "\t", "||", "::"};
  d.delimiter = delimiters[rng() % delimiters.size()];
  d.options["sep"] = d.delimiter == "\t" ? "\\t" : d.delimiter;
  if (rng() % 4 == 0) d.quote = '\'';
  d.options["quote"] = std::string(1, d.quote);
  const std::vector<std::string> escapes = {"\\", std::string(1, d.quote), ""};
  d.escape = escapes[rng() % escapes.size()];
  d.options["escape"] = d.escape;
  d.options["multiLine"] = rng() % 2 ? "true" : "false";
  d.options["ignoreLeadingWhiteSpace"] = rng() % 2 ? "true" : "false";
  d.options["ignoreTrailingWhiteSpace"] = rng() % 2 ? "true" : "false";
  if (rng() % 2) d.options["comment"] = "#";
  d.options["header"] = rng() % 2 ? "true" : "false";
  d.options["mode"] = rng() % 3 == 0 ? "DROPMALFORMED" : "PERMISSIVE";
  switch (rng() % 3) {
    case 0:
      d.line_break = "\r\n";
      break;
    case 1:
      d.options["lineSep"] = "\\n";
      break;
  }
  return d;
}

// Rows of three fields (a INT, b STRING, c STRING) with every character that matters,
// some malformed on purpose (bad INT, missing fields, unterminated quotes), and blank,
// white-space and comment lines between them.
std::string RandomFile(std::mt19937& rng, const Dialect& d, size_t rows) {
  const std::string q(1, d.quote);
  const std::string esc = d.escape.empty() ? "e" : d.escape;
  const std::vector<std::string> pieces = {
      "x",       "yz", " ",    "\t", d.delimiter, d.delimiter.substr(0, 1), q + q, esc + q,
      esc + esc, "\n", "\r\n", "#",  "\xc3\xa9"};
  auto text = [&] {
    std::string s;
    for (int k = static_cast<int>(rng() % 4); k > 0; --k) s += pieces[rng() % pieces.size()];
    return s;
  };
  std::string out;
  if (d.options.at("header") == "true") out += "a" + d.delimiter + "b" + d.delimiter + "c\n";
  for (size_t r = 0; r < rows; ++r) {
    switch (rng() % 16) {
      case 0:
        out += " \t\x01" + d.line_break;
        continue;
      case 1:
        out += d.line_break;
        continue;
      case 2:
        out += "# comment, " + q + d.line_break;
        continue;
    }
    out += rng() % 8 == 0 ? "x" + std::to_string(r) : std::to_string(r);
    const int fields = rng() % 10 == 0 ? 1 + static_cast<int>(rng() % 3) : 2;
    for (int f = 0; f < fields; ++f) {
      out += d.delimiter;
      if (rng() % 3 == 0) out += rng() % 2 ? "  " : " ";
      if (rng() % 2) {
        out += q + text() + (rng() % 30 == 0 ? "" : q);
      } else {
        std::string s = text();
        s.erase(std::remove_if(s.begin(), s.end(),
                               [&](char c) { return c == d.quote || c == '\n' || c == '\r'; }),
                s.end());
        if (s.find(d.delimiter) == std::string::npos) out += s;
      }
    }
    out += d.line_break;
  }
  return out;
}

struct Read {
  Status status;
  std::vector<std::string> rows;  // each row's values joined, sorted
  ReadStats stats;
  std::vector<RejectedRow> rejects;
};

Read ReadFile(std::shared_ptr<io::FileSystem> fs, const std::string& path, const Dialect& d,
              uint64_t range_bytes, bool ordered) {
  Read result;
  auto tz = types::TimeZone::Utc();
  auto options = CsvOptions::FromMap(d.options, tz);
  if (!options.ok()) {
    result.status = options.status();
    return result;
  }
  options->range_bytes = range_bytes;
  auto reader =
      OpenCsvReader(fs, {path}, *options, *types::ParseSchema("a INT, b STRING, c STRING"));
  if (!reader.ok()) {
    result.status = reader.status();
    return result;
  }
  auto rejects = std::make_shared<CollectingRejectSink>();
  (*reader)->set_reject_sink(rejects);
  std::mutex mu;
  result.status = ReadTable(
      **reader,
      [&](size_t, const vector::Batch& batch) {
        std::lock_guard lock(mu);
        for (size_t i = 0; i < batch.num_selected(); ++i) {
          size_t r = batch.selected_row(i);
          std::string row;
          for (size_t c = 0; c < batch.num_columns(); ++c)
            row += vector::FormatValue(batch.column(c), r, tz) + '\x1f';
          result.rows.push_back(std::move(row));
        }
        return Status::OK();
      },
      ordered);
  std::sort(result.rows.begin(), result.rows.end());
  result.stats = (*reader)->stats();
  result.rejects = rejects->Sorted();
  return result;
}

std::string Describe(const Dialect& d) {
  std::string s;
  for (const auto& [k, v] : d.options) s += k + "=" + v + " ";
  return s + (d.line_break == "\n" ? "LF" : "CRLF");
}

void ExpectSameRead(const Read& oracle, const Read& read, const std::string& file,
                    const std::string& what) {
  ASSERT_TRUE(read.status.ok()) << what << ": " << read.status.ToString();
  EXPECT_EQ(read.stats.rows_read, oracle.stats.rows_read) << what;
  EXPECT_EQ(read.stats.rows_output, oracle.stats.rows_output) << what;
  EXPECT_EQ(read.stats.rows_rejected, oracle.stats.rows_rejected) << what;
  EXPECT_EQ(read.rows, oracle.rows) << what;
  ASSERT_EQ(read.rejects.size(), oracle.rejects.size()) << what;
  for (size_t i = 0; i < read.rejects.size(); ++i) {
    const RejectedRow& a = read.rejects[i];
    const RejectedRow& b = oracle.rejects[i];
    EXPECT_EQ(a.file, file) << what;
    EXPECT_EQ(a.line, b.line) << what << ", reject " << i << ": " << b.raw;
    EXPECT_EQ(a.byte_offset, b.byte_offset) << what << ", reject " << i;
    EXPECT_EQ(a.column, b.column) << what << ", reject " << i;
    EXPECT_EQ(a.reason, b.reason) << what << ", reject " << i;
    EXPECT_EQ(a.raw, b.raw) << what << ", reject " << i;
  }
}

TEST(CsvParallelReadTest, UnorderedRangesReadWhatOneOrderedPassReads) {
  ASSERT_GE(parallel::ThreadPool::Default().size(), 2u)
      << "run with SLUICE_THREADS >= 2 (CTest sets it)";
  for (uint32_t seed = 1; seed <= 60; ++seed) {
    std::mt19937 rng(seed);
    const Dialect d = RandomDialect(rng);
    const std::string data = RandomFile(rng, d, 400 + rng() % 400);
    auto fs = std::make_shared<io::MemoryFileSystem>();
    fs->Store("t.csv", data);
    const std::string what = "seed " + std::to_string(seed) + " (" + Describe(d) + ")";
    const Read oracle = ReadFile(fs, "t.csv", d, uint64_t{1} << 40, /*ordered=*/true);
    ASSERT_TRUE(oracle.status.ok()) << what << ": " << oracle.status.ToString();
    ASSERT_GT(oracle.rows.size(), 100u) << what;
    const uint64_t range = 64 + rng() % 1024;  // dozens of morsels
    ExpectSameRead(oracle, ReadFile(fs, "t.csv", d, range, /*ordered=*/false), "t.csv",
                   what + ", ranges of " + std::to_string(range));
    ExpectSameRead(oracle, ReadFile(fs, "t.csv", d, range, /*ordered=*/true), "t.csv",
                   what + ", ordered ranges of " + std::to_string(range));
    const io::Codec codec = rng() % 2 ? io::Codec::kGzip : io::Codec::kZstd;
    const std::string compressed = codec == io::Codec::kGzip ? "t.csv.gz" : "t.csv.zst";
    fs->Store(compressed, *io::Compress(codec, data));
    ExpectSameRead(oracle, ReadFile(fs, compressed, d, range, /*ordered=*/false), compressed,
                   what + ", " + compressed);
    if (HasFatalFailure() || HasNonfatalFailure()) return;
  }
}

}  // namespace
}  // namespace sluice::formats::csv
