#include "dataset/parallel_parquet_writer.h"

#include <gtest/gtest.h>

#include <random>

#include "../formats/csv_test_util.h"
#include "dataset/dataset_commit.h"
#include "dataset/dataset_writer.h"
#include "dataset/table_reader.h"
#include "formats/parquet/parquet_footer.h"
#include "formats/parquet/parquet_reader.h"
#include "io/fault_injecting_file_system.h"
#include "types/decimal.h"

namespace sluice::formats::parquet {
namespace {

// Batches hold an unwritten column first, so the writer's column mapping is exercised.
constexpr const char* kBatchDdl =
    "skip INT, id BIGINT, name STRING, score DOUBLE, flag BOOLEAN, amount DECIMAL(38,2), "
    "day DATE";
const std::vector<size_t> kFileColumns = {1, 2, 3, 4, 5, 6};

// The oracle: what row `i` of the input holds, built by hand.
bool NameIsNull(int64_t i) { return i % 11 == 0; }
std::string Name(int64_t i) {
  // Every third name is longer than a StringRef holds inline.
  return "n" + std::to_string(i) + (i % 3 == 0 ? "-a-name-that-lives-on-the-heap" : "");
}
types::Int128 Amount(int64_t i) { return (types::Int128{i} * 1000003 - 5) * 1000000007; }

types::Schema FileSchema() {
  auto full = *types::ParseDdlSchema(kBatchDdl);
  std::vector<types::Field> fields;
  for (size_t c : kFileColumns) fields.push_back(full.field(c));
  return types::Schema(std::move(fields));
}

// Many small batches of random sizes (like many small morsels), each with rows left out by a
// selection as a filter would; writes what is selected and returns how many rows that is.
int64_t WriteInput(
    int64_t input_rows, uint32_t seed,
    const std::function<Status(const vector::Batch&, const std::vector<uint32_t>&)>& write,
    std::vector<int64_t>* written_ids) {
  auto schema = std::make_shared<const types::Schema>(*types::ParseDdlSchema(kBatchDdl));
  auto batch = *vector::Batch::Make(schema);
  std::mt19937 rng(seed);
  int64_t next = 0;
  while (next < input_rows) {
    batch.Reset();
    const auto n = static_cast<size_t>(
        std::min<int64_t>(input_rows - next, 1 + static_cast<int64_t>(rng() % 2048)));
    std::vector<uint32_t> rows;
    for (size_t r = 0; r < n; ++r, ++next) {
      batch.column(0).data<int32_t>()[r] = -1;
      batch.column(1).data<int64_t>()[r] = next;
      if (NameIsNull(next)) {
        batch.column(2).SetNull(r);
      } else {
        batch.column(2).data<vector::StringRef>()[r] = batch.column(2).heap().Add(Name(next));
      }
      batch.column(3).data<double>()[r] = static_cast<double>(next) * 0.5;
      batch.column(4).data<uint8_t>()[r] = next % 2;
      batch.column(5).data<types::Int128>()[r] = Amount(next);
      if (next % 7 == 3) {
        batch.column(6).SetNull(r);
      } else {
        batch.column(6).data<int32_t>()[r] = static_cast<int32_t>(next % 40000);
      }
      if (next % 13 != 5) {  // filtered out
        rows.push_back(static_cast<uint32_t>(r));
        written_ids->push_back(next);
      }
    }
    batch.set_num_rows(n);
    Status st = write(batch, rows);
    if (!st.ok()) return -1;
  }
  return static_cast<int64_t>(written_ids->size());
}

// Checks that the file at `path` holds exactly the rows `ids`, in order.
void ExpectRows(std::shared_ptr<io::FileSystem> fs, const std::string& path,
                const std::vector<int64_t>& ids) {
  ParquetReadOptions options;
  auto reader = OpenParquetReader(fs, {path}, options);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  size_t at = 0;
  Status st = ReadTable(
      **reader,
      [&](size_t, const vector::Batch& b) {
        for (size_t i = 0; i < b.num_selected(); ++i, ++at) {
          const size_t r = b.selected_row(i);
          if (at >= ids.size()) return Status::Invalid("more rows than written");
          const int64_t id = ids[at];
          EXPECT_EQ(b.column(0).data<int64_t>()[r], id);
          EXPECT_EQ(b.column(1).IsNull(r), NameIsNull(id)) << id;
          if (!NameIsNull(id)) {
            EXPECT_EQ(b.column(1).data<vector::StringRef>()[r].view(), Name(id));
          }
          EXPECT_EQ(b.column(2).data<double>()[r], static_cast<double>(id) * 0.5);
          EXPECT_EQ(b.column(3).data<uint8_t>()[r] != 0, id % 2 == 1);
          EXPECT_TRUE(b.column(4).data<types::Int128>()[r] == Amount(id)) << id;
          EXPECT_EQ(b.column(5).IsNull(r), id % 7 == 3) << id;
          if (id % 7 != 3) {
            EXPECT_EQ(b.column(5).data<int32_t>()[r], id % 40000);
          }
          if (::testing::Test::HasFailure())
            return Status::Invalid("mismatch at row " + std::to_string(at));
        }
        return Status::OK();
      },
      true);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(at, ids.size());
}

struct Written {
  Status status;
  std::string bytes;
  std::vector<int64_t> ids;
};

Written WriteParallel(std::shared_ptr<io::FileSystem> fs, parallel::ThreadPool& pool,
                      ParquetWriteOptions options, int64_t input_rows, size_t max_in_flight = 0,
                      memory::MemoryTracker* tracker = &memory::MemoryTracker::Process()) {
  Written out;
  auto writer = ParallelParquetWriter::Open(*fs, "/out.parquet", FileSchema(), options, pool,
                                            tracker, max_in_flight);
  if (!writer.ok()) {
    out.status = writer.status();
    return out;
  }
  WriteInput(
      input_rows, 42,
      [&](const vector::Batch& b, const std::vector<uint32_t>& rows) {
        out.status = (*writer)->WriteRows(b, rows, kFileColumns);
        return out.status;
      },
      &out.ids);
  if (out.status.ok()) out.status = (*writer)->Finish().status();
  if (out.status.ok()) out.bytes = *fs->ReadAll("/out.parquet");
  return out;
}

// The rows come back in input order for every pool size and row group size; row groups
// are cut every `row_group_rows` rows, so the file is the same whatever the thread count.
TEST(ParallelParquetWriterTest, RowsKeepInputOrderForEveryPoolAndRowGroupSize) {
  constexpr int64_t kInputRows = 60000;
  for (int64_t group_rows : {int64_t{7}, int64_t{1000}, int64_t{4096}, int64_t{1} << 20}) {
    std::string first_bytes;
    for (size_t threads : {1, 2, 4, 7}) {
      for (size_t in_flight : {size_t{0}, size_t{2}}) {
        SCOPED_TRACE("row group rows " + std::to_string(group_rows) + ", threads " +
                     std::to_string(threads) + ", in flight " + std::to_string(in_flight));
        parallel::ThreadPool pool(threads);
        auto fs = std::make_shared<io::MemoryFileSystem>();
        ParquetWriteOptions options;
        options.row_group_rows = group_rows;
        const int64_t input = group_rows == 7 ? 3000 : kInputRows;  // keep 7-row groups few
        Written w = WriteParallel(fs, pool, options, input, in_flight);
        ASSERT_TRUE(w.status.ok()) << w.status.ToString();
        ExpectRows(fs, "/out.parquet", w.ids);
        auto footer = ReadParquetFooter(**fs->OpenRead("/out.parquet"));
        ASSERT_TRUE(footer.ok());
        const auto total = static_cast<int64_t>(w.ids.size());
        ASSERT_EQ(static_cast<int64_t>(footer->row_groups.size()),
                  (total + group_rows - 1) / group_rows);
        for (size_t g = 0; g < footer->row_groups.size(); ++g) {
          EXPECT_EQ(footer->row_groups[g].num_rows,
                    std::min(group_rows, total - static_cast<int64_t>(g) * group_rows));
        }
        if (first_bytes.empty()) first_bytes = w.bytes;
        EXPECT_TRUE(w.bytes == first_bytes) << "the file depends on the thread count";
      }
    }
  }
}

// Row groups of several slices each (64K rows a slice) encode on several threads at once,
// one slice at a time per row group: still input order and the same file for any pool.
TEST(ParallelParquetWriterTest, RowGroupsOfManySlicesKeepInputOrder) {
  std::string first_bytes;
  for (size_t threads : {1, 3}) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    parallel::ThreadPool pool(threads);
    auto fs = std::make_shared<io::MemoryFileSystem>();
    ParquetWriteOptions options;
    options.row_group_rows = 150000;
    Written w = WriteParallel(fs, pool, options, 500000);
    ASSERT_TRUE(w.status.ok()) << w.status.ToString();
    ExpectRows(fs, "/out.parquet", w.ids);
    auto footer = ReadParquetFooter(**fs->OpenRead("/out.parquet"));
    ASSERT_TRUE(footer.ok());
    EXPECT_EQ(footer->row_groups.size(), (w.ids.size() + 149999) / 150000);
    if (first_bytes.empty()) first_bytes = w.bytes;
    EXPECT_TRUE(w.bytes == first_bytes) << "the file depends on the thread count";
  }
}

// Cut by bytes (after the call that passes the budget): still the same file for any pool.
TEST(ParallelParquetWriterTest, RowGroupsCutByBytesAreDeterministic) {
  std::string first_bytes;
  for (size_t threads : {1, 3}) {
    parallel::ThreadPool pool(threads);
    auto fs = std::make_shared<io::MemoryFileSystem>();
    ParquetWriteOptions options;
    options.row_group_bytes = 256 << 10;
    Written w = WriteParallel(fs, pool, options, 50000);
    ASSERT_TRUE(w.status.ok()) << w.status.ToString();
    ExpectRows(fs, "/out.parquet", w.ids);
    auto footer = ReadParquetFooter(**fs->OpenRead("/out.parquet"));
    EXPECT_GT(footer->row_groups.size(), 4u);
    if (first_bytes.empty()) first_bytes = w.bytes;
    EXPECT_TRUE(w.bytes == first_bytes);
  }
}

// Row groups are charged to the tracker until written; under a limit the writer waits for
// earlier row groups instead of failing, and a limit below one row group is a clean error.
TEST(ParallelParquetWriterTest, MemoryStaysWithinTheTrackerLimit) {
  parallel::ThreadPool pool(4);
  ParquetWriteOptions options;
  options.row_group_rows = 2000;
  {
    memory::MemoryTracker unlimited("unlimited");
    auto fs = std::make_shared<io::MemoryFileSystem>();
    Written w = WriteParallel(fs, pool, options, 40000, 16, &unlimited);
    ASSERT_TRUE(w.status.ok()) << w.status.ToString();
    EXPECT_GT(unlimited.peak(), 0);
    EXPECT_EQ(unlimited.used(), 0);
  }
  // About two row groups: the writer must wait (16 could be in flight otherwise).
  memory::MemoryTracker tracker("writer", 2 * 2000 * 120);
  auto fs = std::make_shared<io::MemoryFileSystem>();
  Written w = WriteParallel(fs, pool, options, 40000, 16, &tracker);
  ASSERT_TRUE(w.status.ok()) << w.status.ToString();
  ExpectRows(fs, "/out.parquet", w.ids);
  EXPECT_LE(tracker.peak(), tracker.limit());
  EXPECT_GT(tracker.peak(), tracker.limit() / 4);
  EXPECT_EQ(tracker.used(), 0);

  memory::MemoryTracker tiny("tiny", 10000);
  Written failed =
      WriteParallel(std::make_shared<io::MemoryFileSystem>(), pool, options, 40000, 0, &tiny);
  EXPECT_EQ(failed.status.code(), StatusCode::kOutOfMemory) << failed.status.ToString();
  EXPECT_EQ(tiny.used(), 0);
}

// Rows stream to their row group's encoder in slices: a row group whose raw rows are
// several times the tracker's limit is written, because only slices and the row group's
// encoded pages are held (a writer that buffered the row group whole ran out of memory).
TEST(ParallelParquetWriterTest, RowGroupsLargerThanTheMemoryLimitStream) {
  constexpr int64_t kRows = 1 << 20;
  constexpr const char* kLabels[] = {"click", "view", "a-label-longer-than-inline-strings"};
  auto schema = std::make_shared<const types::Schema>(*types::ParseDdlSchema("k INT, s STRING"));
  const int64_t raw_bytes = kRows * (4 + 16);  // not counting the heap's strings
  memory::MemoryTracker tracker("writer", raw_bytes / 3);
  parallel::ThreadPool pool(2);
  auto fs = std::make_shared<io::MemoryFileSystem>();
  ParquetWriteOptions options;
  options.row_group_rows = kRows;
  options.row_group_bytes = int64_t{1} << 40;
  auto writer =
      ParallelParquetWriter::Open(*fs, "/out.parquet", *schema, options, pool, &tracker, 1);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  auto batch = *vector::Batch::Make(schema, 4096);
  std::vector<uint32_t> rows(4096);
  for (uint32_t r = 0; r < rows.size(); ++r) rows[r] = r;
  for (int64_t next = 0; next < kRows;) {
    batch.Reset();
    for (uint32_t r = 0; r < rows.size(); ++r, ++next) {
      batch.column(0).data<int32_t>()[r] = static_cast<int32_t>(next % 100);
      batch.column(1).data<vector::StringRef>()[r] = batch.column(1).heap().Add(kLabels[next % 3]);
    }
    batch.set_num_rows(rows.size());
    Status st = (*writer)->WriteRows(batch, rows, {0, 1});
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  auto finished = (*writer)->Finish();
  ASSERT_TRUE(finished.ok()) << finished.status().ToString();
  EXPECT_LE(tracker.peak(), tracker.limit());
  EXPECT_EQ(tracker.used(), 0);

  auto footer = ReadParquetFooter(**fs->OpenRead("/out.parquet"));
  ASSERT_TRUE(footer.ok());
  ASSERT_EQ(footer->row_groups.size(), 1u);
  EXPECT_EQ(footer->row_groups[0].num_rows, kRows);
  auto reader = OpenParquetReader(fs, {"/out.parquet"}, ParquetReadOptions{});
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  int64_t at = 0;
  Status st = ReadTable(
      **reader,
      [&](size_t, const vector::Batch& b) {
        for (size_t i = 0; i < b.num_selected(); ++i, ++at) {
          const size_t r = b.selected_row(i);
          if (b.column(0).data<int32_t>()[r] != at % 100 ||
              b.column(1).data<vector::StringRef>()[r].view() != kLabels[at % 3]) {
            return Status::Invalid("wrong value at row " + std::to_string(at));
          }
        }
        return Status::OK();
      },
      true);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(at, kRows);
}

// A write that fails on one of the pool's threads fails the write cleanly (no hang, every
// charge released), for failures at every point of the file.
TEST(ParallelParquetWriterTest, WriteFailuresOnAnyThreadFailTheWrite) {
  parallel::ThreadPool pool(3);
  ParquetWriteOptions options;
  options.row_group_rows = 3000;
  int failures = 0;
  bool succeeded = false;
  for (int fail_at = 1; !succeeded && fail_at < 300; ++fail_at) {
    auto faulty =
        std::make_shared<io::FaultInjectingFileSystem>(std::make_shared<io::MemoryFileSystem>());
    faulty->FailAfter(fail_at);
    memory::MemoryTracker tracker("writer");
    Written w = WriteParallel(faulty, pool, options, 12000, 0, &tracker);
    EXPECT_EQ(tracker.used(), 0);
    if (!w.status.ok()) {
      ++failures;
    } else {
      succeeded = true;
      ExpectRows(faulty, "/out.parquet", w.ids);  // a write reported done is complete
    }
  }
  EXPECT_TRUE(succeeded);
  EXPECT_GT(failures, 20);  // every append of every row group could fail
}

// Through the DatasetWriter: a failed read (FAILFAST on the last row) or a failed write
// leaves no target and nothing staged.
TEST(ParallelParquetWriterTest, FailedSingleFileWritesLeaveNothing) {
  std::string csv;
  for (int i = 0; i < 30000; ++i) csv += std::to_string(i) + ",v" + std::to_string(i) + "\n";
  csv += "oops,x\n";
  for (int fail_at : {0, 3, 6}) {
    auto base = csv::FsWith({{"/in.csv", csv}});
    std::shared_ptr<io::FileSystem> fs = base;
    if (fail_at > 0) {
      auto faulty = std::make_shared<io::FaultInjectingFileSystem>(base);
      faulty->FailAfter(fail_at);
      fs = faulty;
    }
    auto csv_options = csv::CsvOptions::FromMap(
        {{"mode", fail_at == 0 ? "FAILFAST" : "DROPMALFORMED"}}, types::TimeZone::Utc());
    ASSERT_TRUE(csv_options.ok()) << csv_options.status().ToString();
    auto opened =
        OpenCsvReader(base, {"/in.csv"}, *csv_options, *types::ParseDdlSchema("id INT, v STRING"));
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    auto& reader = *opened;
    DatasetWriteOptions options;
    options.format_options = {{"rowGroupRows", "1000"}};
    auto writer = DatasetWriter::Open(fs, "/out.parquet", *reader->schema(), options);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    Status st = ReadTable(
        *reader, [&](size_t worker, const vector::Batch& b) { return (*writer)->Write(worker, b); },
        true);
    if (st.ok()) st = (*writer)->Commit().status();
    EXPECT_FALSE(st.ok()) << "failure at " << fail_at;
    (*writer)->Abort();
    EXPECT_FALSE(base->Exists("/out.parquet")) << "failure at " << fail_at;
    // A write that failed because the file system did leaves its staging file to the next
    // writer's recovery (the dead job's files are removed then).
    ASSERT_TRUE(RecoverDataset(*base, "/out.parquet", [](int) { return false; }).ok());
    auto listed = base->ListRecursive("/");
    ASSERT_TRUE(listed.ok()) << listed.status().ToString();
    for (const io::FileInfo& f : *listed) {
      EXPECT_EQ(f.path.find("out.parquet"), std::string::npos)
          << f.path << ", failure at " << fail_at;
    }
  }
}

}  // namespace
}  // namespace sluice::formats::parquet
