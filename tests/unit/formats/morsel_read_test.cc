// Reads in morsels (TableReader::PlanMorsels / ReadMorsel / FinishMorsels) as the engine's
// threads do them: every morsel read on several std::threads at once in a shuffled order,
// then the rows concatenated by morsel index, must be exactly the rows the test wrote, in
// file order, and those of an ordered Read; rejects must reach the sink in file and line
// order with the lines and offsets the test counted while writing the file.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <numeric>
#include <random>
#include <thread>

#include "dataset/table_reader.h"
#include "formats/csv/csv_reader.h"
#include "formats/parquet/parquet_reader.h"
#include "formats/parquet/parquet_writer.h"
#include "formats/reject_sink.h"
#include "io/compression.h"
#include "io/memory_file_system.h"
#include "vector/value_formatter.h"

namespace sluice::formats {
namespace {

const types::TimeZone kUtc = types::TimeZone::Utc();

std::string FormatRow(const vector::Batch& batch, size_t row) {
  std::string text;
  for (size_t c = 0; c < batch.num_columns(); ++c) {
    if (c > 0) text += " | ";
    text += batch.column(c).IsNull(row) ? "NULL" : vector::FormatValue(batch.column(c), row, kUtc);
  }
  return text;
}

// Keeps the rejects in the order they arrive.
class ArrivalSink final : public RejectSink {
 public:
  Status Add(std::span<const RejectedRow> rows) override {
    std::lock_guard lock(mu_);
    rows_.insert(rows_.end(), rows.begin(), rows.end());
    return Status::OK();
  }
  std::vector<RejectedRow> rows() {
    std::lock_guard lock(mu_);
    return rows_;
  }

 private:
  std::mutex mu_;
  std::vector<RejectedRow> rows_;
};

struct ReadOutcome {
  Status status;
  size_t morsels = 0;
  std::vector<std::string> rows;
  ReadStats stats;
  std::vector<RejectedRow> rejects;  // in arrival order
};

// Reads every morsel on `threads` threads at once, in a shuffled order.
ReadOutcome ReadMorselsShuffled(TableReader& reader, size_t threads, unsigned seed) {
  ReadOutcome out;
  auto sink = std::make_shared<ArrivalSink>();
  reader.set_reject_sink(sink);
  Result<size_t> planned = reader.PlanMorsels();
  if (!planned.ok()) {
    out.status = planned.status();
    return out;
  }
  out.morsels = *planned;
  std::vector<size_t> order(out.morsels);
  std::iota(order.begin(), order.end(), 0);
  std::mt19937 rng(seed);
  std::shuffle(order.begin(), order.end(), rng);
  std::vector<std::vector<std::string>> per_morsel(out.morsels);
  std::atomic<size_t> next{0};
  std::mutex mu;
  std::vector<std::thread> workers;
  for (size_t t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (size_t k; (k = next.fetch_add(1)) < order.size();) {
        const size_t i = order[k];
        Status st = reader.ReadMorsel(i, [&](const vector::Batch& batch) {
          for (size_t r = 0; r < batch.num_selected(); ++r)
            per_morsel[i].push_back(FormatRow(batch, batch.selected_row(r)));
          return Status::OK();
        });
        std::lock_guard lock(mu);
        if (!st.ok() && out.status.ok()) out.status = st;
      }
    });
  }
  for (std::thread& w : workers) w.join();
  Status finished = reader.FinishMorsels();
  if (out.status.ok()) out.status = finished;
  for (auto& rows : per_morsel) out.rows.insert(out.rows.end(), rows.begin(), rows.end());
  out.stats = reader.stats();
  out.rejects = sink->rows();
  return out;
}

ReadOutcome ReadOrdered(TableReader& reader) {
  ReadOutcome out;
  auto sink = std::make_shared<ArrivalSink>();
  reader.set_reject_sink(sink);
  out.status = ReadTable(
      reader,
      [&](size_t, const vector::Batch& batch) {
        for (size_t r = 0; r < batch.num_selected(); ++r)
          out.rows.push_back(FormatRow(batch, batch.selected_row(r)));
        return Status::OK();
      },
      /*ordered=*/true);
  out.stats = reader.stats();
  out.rejects = sink->rows();
  return out;
}

void ExpectSameRejects(const std::vector<RejectedRow>& got, const std::vector<RejectedRow>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].file, want[i].file) << "reject " << i;
    EXPECT_EQ(got[i].line, want[i].line) << "reject " << i;
    EXPECT_EQ(got[i].byte_offset, want[i].byte_offset) << "reject " << i;
    EXPECT_EQ(got[i].raw, want[i].raw) << "reject " << i;
    EXPECT_EQ(got[i].column, want[i].column) << "reject " << i;
    if (testing::Test::HasFailure()) return;
  }
}

// A CSV file written row by row, with what a read must give: its rows as FormatRow
// prints them, and its malformed rows where they are.
struct CsvFile {
  std::string path;
  std::string text;
  std::vector<std::string> rows;
  std::vector<RejectedRow> rejects;
};

// Rows `id,name,value` of about 40 bytes: names sometimes quoted with a delimiter, an
// escaped quote or (multiLine) line breaks inside; blank lines between rows; a value that
// is not an INT in one row of 50 and a missing field in one of 97.
CsvFile MakeCsv(const std::string& path, size_t rows, const std::string& newline, bool multi_line,
                unsigned seed) {
  std::mt19937 rng(seed);
  CsvFile f;
  f.path = path;
  f.text = "id,name,value" + newline;
  uint64_t line = 2;
  for (size_t i = 0; i < rows; ++i) {
    if (rng() % 200 == 0) {
      f.text += newline;
      ++line;
    }
    std::string name = "name" + std::to_string(rng() % 100000);
    std::string name_field = name;
    uint64_t row_lines = 1;
    switch (rng() % 6) {
      case 0:
        name += ", and more";
        name_field = "\"" + name + "\"";
        break;
      case 1:
        name_field = "\"say \\\"" + name + "\\\"\"";
        name = "say \"" + name + "\"";
        break;
      case 2:
        if (!multi_line) break;
        name += newline + "second line" + newline + "third";
        name_field = "\"" + name + "\"";
        row_lines = 3;
        break;
    }
    const std::string id = std::to_string(i);
    std::string value = std::to_string(i * 3);
    std::string raw = id + "," + name_field + "," + value;
    if (i % 97 == 50 || i % 50 == 7) {
      const bool missing = i % 97 == 50;
      raw = missing ? id + "," + name_field : id + "," + name_field + ",x" + id;
      value = "NULL";
      f.rejects.push_back({path, line, f.text.size(), missing ? "" : "value", "", "", raw});
    }
    f.rows.push_back(id + " | " + name + " | " + value);
    f.text += raw + newline;
    line += row_lines;
  }
  return f;
}

std::unique_ptr<csv::CsvReader> OpenCsv(std::shared_ptr<io::FileSystem> fs,
                                        const std::vector<std::string>& paths, bool multi_line,
                                        std::vector<ColumnPredicate> filters = {}) {
  auto options = csv::CsvOptions::FromMap(
      {{"header", "true"}, {"multiLine", multi_line ? "true" : "false"}}, kUtc);
  EXPECT_TRUE(options.ok()) << options.status().ToString();
  options->range_bytes = 64 << 10;  // a morsel per 64 KiB: dozens per file
  options->filters = std::move(filters);
  auto reader =
      OpenCsvReader(fs, paths, *options, *types::ParseSchema("id INT, name STRING, value INT"));
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  return reader.ok() ? std::move(*reader) : nullptr;
}

struct CsvCase {
  std::string newline;
  bool multi_line;
};

class CsvMorselTest : public ::testing::TestWithParam<CsvCase> {};

TEST_P(CsvMorselTest, ShuffledMorselsOnThreadsGiveTheFileInOrderAndRejectsInLineOrder) {
  const CsvCase& c = GetParam();
  // ~2 MB over two mapped files and a gzip one (a single morsel, streamed).
  const CsvFile a = MakeCsv("/d/a.csv", 45000, c.newline, c.multi_line, 1);
  const CsvFile b = MakeCsv("/d/b.csv", 30000, c.newline, c.multi_line, 2);
  const CsvFile z = MakeCsv("/d/c.csv.gz", 3000, c.newline, c.multi_line, 3);
  auto fs = std::make_shared<io::MemoryFileSystem>();
  fs->Store(a.path, a.text);
  fs->Store(b.path, b.text);
  fs->Store(z.path, *io::Compress(io::Codec::kGzip, z.text));
  std::vector<std::string> rows;
  std::vector<RejectedRow> rejects;
  for (const CsvFile* f : {&a, &b, &z}) {
    rows.insert(rows.end(), f->rows.begin(), f->rows.end());
    rejects.insert(rejects.end(), f->rejects.begin(), f->rejects.end());
  }

  auto reader = OpenCsv(fs, {"/d"}, c.multi_line);
  ASSERT_NE(reader, nullptr);
  const ReadOutcome ordered = ReadOrdered(*reader);
  ASSERT_TRUE(ordered.status.ok()) << ordered.status.ToString();
  for (unsigned seed : {1u, 2u}) {
    const ReadOutcome morsels = ReadMorselsShuffled(*reader, 4, seed);
    ASSERT_TRUE(morsels.status.ok()) << morsels.status.ToString();
    EXPECT_GT(morsels.morsels, 25u);
    ASSERT_EQ(morsels.rows.size(), rows.size());
    for (size_t i = 0; i < rows.size(); ++i) ASSERT_EQ(morsels.rows[i], rows[i]) << "row " << i;
    EXPECT_EQ(morsels.rows, ordered.rows);
    ExpectSameRejects(morsels.rejects, rejects);
    ExpectSameRejects(morsels.rejects, ordered.rejects);
    for (size_t i = 0; i < rejects.size(); ++i)
      EXPECT_EQ(morsels.rejects[i].reason, ordered.rejects[i].reason);
    EXPECT_EQ(morsels.stats.rows_read, rows.size());
    EXPECT_EQ(morsels.stats.rows_output, rows.size());
    EXPECT_EQ(morsels.stats.rows_rejected, rejects.size());
    EXPECT_EQ(reader->rejects_summary().total(), rejects.size());
    const std::vector<RejectedRow> first = reader->rejects_summary().FirstRows();
    ASSERT_EQ(first.size(), RejectsSummary::kDefaultFirstRows);
    for (size_t i = 0; i < first.size(); ++i) EXPECT_EQ(first[i].line, rejects[i].line);
  }
}

INSTANTIATE_TEST_SUITE_P(LineBreaksAndMultiLine, CsvMorselTest,
                         ::testing::Values(CsvCase{"\n", false}, CsvCase{"\r\n", false},
                                           CsvCase{"\n", true}, CsvCase{"\r\n", true}),
                         [](const ::testing::TestParamInfo<CsvCase>& info) {
                           return std::string(info.param.newline == "\n" ? "LF" : "CRLF") +
                                  (info.param.multi_line ? "MultiLine" : "");
                         });

TEST(CsvMorselTest, FiltersApplyAndRejectsDoNotDependOnThem) {
  const CsvFile a = MakeCsv("/a.csv", 20000, "\n", false, 4);
  auto fs = std::make_shared<io::MemoryFileSystem>();
  fs->Store(a.path, a.text);
  auto reader = OpenCsv(fs, {a.path}, false,
                        std::vector<ColumnPredicate>{{"id", ColumnPredicate::Op::kGe, {"5000"}},
                                                     {"id", ColumnPredicate::Op::kLt, {"15000"}}});
  ASSERT_NE(reader, nullptr);
  const ReadOutcome read = ReadMorselsShuffled(*reader, 3, 7);
  ASSERT_TRUE(read.status.ok()) << read.status.ToString();
  const std::vector<std::string> want(a.rows.begin() + 5000, a.rows.begin() + 15000);
  EXPECT_EQ(read.rows, want);
  // Rejects do not depend on filters: every malformed row is one.
  ExpectSameRejects(read.rejects, a.rejects);
}

// `rows` rows whose value is not an INT: each one is a reject.
CsvFile MakeAllRejected(const std::string& path, size_t rows) {
  CsvFile f{path, "id,value\n", {}, {}};
  for (size_t i = 0; i < rows; ++i) {
    std::string raw = std::to_string(i) + ",bad" + std::to_string(i);
    f.rows.push_back(std::to_string(i) + " | NULL");
    f.rejects.push_back({path, i + 2, f.text.size(), "value", "", "", raw});
    f.text += raw + "\n";
  }
  return f;
}

std::unique_ptr<csv::CsvReader> OpenAllRejected(std::shared_ptr<io::FileSystem> fs,
                                                const std::string& path) {
  auto options = csv::CsvOptions::FromMap({{"header", "true"}}, kUtc);
  options->range_bytes = 256 << 10;
  auto reader = OpenCsvReader(fs, {path}, *options, *types::ParseSchema("id INT, value INT"));
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  return reader.ok() ? std::move(*reader) : nullptr;
}

const MorselSink kIgnoreRows = [](const vector::Batch&) { return Status::OK(); };

// The first morsel read last: the others' rejects wait, past the budget they are found
// again (a gzip file's too, by reading it again) once it is done, and they arrive in line
// order, each once.
TEST(CsvMorselTest, RejectsOfLaterMorselsWaitForEarlierOnes) {
  const CsvFile a = MakeAllRejected("/d/a.csv", 100000);
  const CsvFile z = MakeAllRejected("/d/b.csv.gz", 30000);
  auto fs = std::make_shared<io::MemoryFileSystem>();
  fs->Store(a.path, a.text);
  fs->Store(z.path, *io::Compress(io::Codec::kGzip, z.text));
  auto reader = OpenAllRejected(fs, "/d");
  ASSERT_NE(reader, nullptr);
  auto sink = std::make_shared<ArrivalSink>();
  reader->set_reject_sink(sink);
  const size_t morsels = *reader->PlanMorsels();
  ASSERT_GT(morsels, 4u);
  for (size_t i = morsels; i-- > 1;) ASSERT_TRUE(reader->ReadMorsel(i, kIgnoreRows).ok());
  EXPECT_TRUE(sink->rows().empty());
  ASSERT_TRUE(reader->ReadMorsel(0, kIgnoreRows).ok());
  ASSERT_TRUE(reader->FinishMorsels().ok());
  std::vector<RejectedRow> want = a.rejects;
  want.insert(want.end(), z.rejects.begin(), z.rejects.end());
  ExpectSameRejects(sink->rows(), want);
  EXPECT_EQ(reader->rejects_summary().total(), want.size());
}

// A read stopped early (a LIMIT): the rows of the morsels that were read report their
// rejects, in order, each once, as many as the summary counts.
TEST(CsvMorselTest, FinishAfterAnEarlyStopSendsWhatWasRead) {
  const CsvFile a = MakeAllRejected("/a.csv", 100000);
  auto fs = std::make_shared<io::MemoryFileSystem>();
  fs->Store(a.path, a.text);
  auto reader = OpenAllRejected(fs, a.path);
  ASSERT_NE(reader, nullptr);
  auto sink = std::make_shared<ArrivalSink>();
  reader->set_reject_sink(sink);
  const size_t morsels = *reader->PlanMorsels();
  ASSERT_GT(morsels, 4u);
  // Morsel 1 is never read; morsel 2 stops after three batches, past the budget of
  // rejects that wait (so they are found again, as far as the read went).
  std::vector<std::string> rows;
  ASSERT_TRUE(reader
                  ->ReadMorsel(0,
                               [&](const vector::Batch& batch) {
                                 for (size_t r = 0; r < batch.num_selected(); ++r)
                                   rows.push_back(FormatRow(batch, batch.selected_row(r)));
                                 return Status::OK();
                               })
                  .ok());
  int batches = 0;
  Status stopped = reader->ReadMorsel(2, [&](const vector::Batch&) {
    return ++batches == 3 ? Status::Cancelled("enough") : Status::OK();
  });
  EXPECT_EQ(stopped.code(), StatusCode::kCancelled);
  ASSERT_TRUE(reader->ReadMorsel(3, kIgnoreRows).ok());
  ASSERT_TRUE(reader->FinishMorsels().ok());
  ASSERT_EQ(rows, std::vector<std::string>(a.rows.begin(), a.rows.begin() + rows.size()));
  const std::vector<RejectedRow> got = sink->rows();
  EXPECT_EQ(got.size(), reader->rejects_summary().total());
  EXPECT_EQ(got.size(), reader->stats().rows_rejected);
  for (size_t i = 0; i < got.size(); ++i) {
    ASSERT_TRUE(got[i].line >= 2 && got[i].line - 2 < a.rejects.size());
    ExpectSameRejects({got[i]}, {a.rejects[got[i].line - 2]});
    if (i > 0) {
      ASSERT_LT(got[i - 1].line, got[i].line);
    }
  }
  // Morsel 0's rows, then a gap (morsel 1), three blocks of morsel 2's rows, a gap (the
  // rest of morsel 2), and morsel 3's rows.
  const size_t m2 = rows.size(), m3 = m2 + 3 * vector::kVectorSize;
  ASSERT_GT(got.size(), m3);
  EXPECT_GT(got[m2].line, got[m2 - 1].line + 1);
  EXPECT_EQ(got[m3 - 1].line, got[m2].line + (m3 - 1 - m2));
  EXPECT_GT(got[m3].line, got[m3 - 1].line + 1);
}

// Parquet: two files of several row groups each, with nested columns; a row group is a
// morsel.
std::vector<std::string> WriteParquet(io::FileSystem& fs, const std::string& path, int64_t first_id,
                                      size_t rows) {
  auto schema = std::make_shared<const types::Schema>(*types::ParseDdlSchema(
      "id BIGINT, s STRUCT<a: INT, b: STRING>, l ARRAY<INT>, m MAP<STRING, BIGINT>"));
  parquet::ParquetWriteOptions options;
  options.row_group_rows = 1500;
  auto writer = parquet::ParquetWriter::Open(fs, path, *schema, options);
  EXPECT_TRUE(writer.ok()) << writer.status().ToString();
  std::vector<std::string> written;
  for (size_t done = 0; done < rows;) {
    const size_t n = std::min<size_t>(vector::kVectorSize, rows - done);
    vector::Batch batch = *vector::Batch::Make(schema);
    for (size_t r = 0; r < n; ++r) {
      const int64_t id = first_id + static_cast<int64_t>(done + r);
      batch.column(0).data<int64_t>()[r] = id;
      vector::Vector& s = batch.column(1);
      s.children()[0].data<int32_t>()[r] = static_cast<int32_t>(id % 1000);
      s.children()[1].data<vector::StringRef>()[r] =
          s.children()[1].heap().Add("text " + std::to_string(id));
      if (id % 11 == 0) s.children()[1].SetNull(r);
      if (id % 13 == 0) s.SetNull(r);
      vector::Vector& l = batch.column(2);
      const uint32_t length = static_cast<uint32_t>(id % 4);
      const uint32_t at = *l.AppendListEntry(r, length);
      for (uint32_t k = 0; k < length; ++k)
        l.children()[0].data<int32_t>()[at + k] = static_cast<int32_t>(id * 10 + k);
      if (id % 17 == 0) l.SetNull(r);
      vector::Vector& m = batch.column(3);
      const uint32_t entries = static_cast<uint32_t>(id % 3);
      const uint32_t mat = *m.AppendListEntry(r, entries);
      for (uint32_t k = 0; k < entries; ++k) {
        m.children()[0].data<vector::StringRef>()[mat + k] =
            m.children()[0].heap().Add("k" + std::to_string(k));
        m.children()[1].data<int64_t>()[mat + k] = id * 100 + k;
      }
    }
    batch.set_num_rows(n);
    for (size_t r = 0; r < n; ++r) written.push_back(FormatRow(batch, r));
    EXPECT_TRUE((*writer)->Write(batch).ok());
    done += n;
  }
  EXPECT_TRUE((*writer)->Finish().ok());
  return written;
}

TEST(ParquetMorselTest, ShuffledRowGroupsOnThreadsGiveTheFilesInOrder) {
  auto fs = std::make_shared<io::MemoryFileSystem>();
  std::vector<std::string> rows = WriteParquet(*fs, "/p/a.parquet", 0, 20000);
  const std::vector<std::string> more = WriteParquet(*fs, "/p/b.parquet", 20000, 9000);
  rows.insert(rows.end(), more.begin(), more.end());
  parquet::ParquetReadOptions options;
  auto reader = OpenParquetReader(fs, {"/p"}, options);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const ReadOutcome ordered = ReadOrdered(**reader);
  ASSERT_TRUE(ordered.status.ok()) << ordered.status.ToString();
  for (unsigned seed : {1u, 2u}) {
    const ReadOutcome morsels = ReadMorselsShuffled(**reader, 4, seed);
    ASSERT_TRUE(morsels.status.ok()) << morsels.status.ToString();
    EXPECT_EQ(morsels.morsels, 14u + 6u);  // row groups of 1,500 rows
    ASSERT_EQ(morsels.rows.size(), rows.size());
    for (size_t i = 0; i < rows.size(); ++i) ASSERT_EQ(morsels.rows[i], rows[i]) << "row " << i;
    EXPECT_EQ(morsels.rows, ordered.rows);
    EXPECT_EQ(morsels.stats.rows_read, rows.size());
    EXPECT_EQ(morsels.stats.rows_output, rows.size());
    EXPECT_TRUE(morsels.rejects.empty());
  }
}

TEST(ParquetMorselTest, FiltersSkipRowGroupsAndRows) {
  auto fs = std::make_shared<io::MemoryFileSystem>();
  const std::vector<std::string> rows = WriteParquet(*fs, "/a.parquet", 0, 20000);
  parquet::ParquetReadOptions options;
  options.filters = {{"id", ColumnPredicate::Op::kGe, {"4000"}},
                     {"id", ColumnPredicate::Op::kLt, {"9100"}}};
  auto reader = OpenParquetReader(fs, {"/a.parquet"}, options);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const ReadOutcome read = ReadMorselsShuffled(**reader, 3, 3);
  ASSERT_TRUE(read.status.ok()) << read.status.ToString();
  EXPECT_EQ(read.morsels, 5u);  // the row groups from [3000, 4500) to [9000, 10500)
  EXPECT_EQ(read.rows, std::vector<std::string>(rows.begin() + 4000, rows.begin() + 9100));
}

}  // namespace
}  // namespace sluice::formats
