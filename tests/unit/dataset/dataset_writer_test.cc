#include "dataset/dataset_writer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <map>

#include "../formats/csv_test_util.h"
#include "dataset/dataset_commit.h"
#include "dataset/table_reader.h"
#include "formats/parquet/parquet_footer.h"
#include "formats/parquet/parquet_reader.h"
#include "io/fault_injecting_file_system.h"
#include "memory/memory_tracker.h"

namespace sluice::formats {
namespace {

// Bytes of all files under the writer's staging folders: what has left memory so far.
int64_t StagedBytes(io::FileSystem& fs) {
  int64_t bytes = 0;
  for (const io::FileInfo& f : *fs.ListRecursive("/")) {
    if (f.path.find(".sluice-staging-") != std::string::npos) bytes += static_cast<int64_t>(f.size);
  }
  return bytes;
}

// Many partitions at once under a small byte budget: the largest buffered row groups are
// written out early, so what waits in memory (measured as the bytes that reach the files
// later) stays within the budget, every file has several row groups, and nothing is lost.
TEST(DatasetWriterTest, BufferedBytesStayWithinTheBudget) {
  constexpr int kRows = 200000;
  constexpr int64_t kBudget = 64 << 10;
  std::string csv;
  for (int i = 0; i < kRows; ++i) {
    csv += std::to_string(i % 8) + ",value_" + std::to_string(i * 7919 % 1000003) + "\n";
  }
  auto fs = csv::FsWith({{"/in.csv", csv}});
  auto reader =
      *OpenCsvReader(fs, {"/in.csv"}, *csv::CsvOptions::FromMap({}, types::TimeZone::Utc()),
                     *types::ParseDdlSchema("day INT, payload STRING"));
  DatasetWriteOptions options;
  options.partition_by = {"day"};
  options.format_options = {{"compression", "none"}};  // file bytes = encoded page bytes
  options.max_buffered_bytes_per_worker = kBudget;
  auto writer = *DatasetWriter::Open(fs, "/out", *reader->schema(), options);
  ASSERT_TRUE(
      ReadTable(
          *reader, [&](size_t, const vector::Batch& b) { return writer->Write(0, b); }, true)
          .ok());
  const int64_t staged = StagedBytes(*fs);
  auto result = writer->Commit();
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->rows, static_cast<uint64_t>(kRows));
  ASSERT_EQ(result->files.size(), 8u);
  int64_t rows = 0, data_bytes = 0;
  for (const std::string& file : result->files) {
    const std::string bytes = *fs->ReadAll("/out/" + file);
    uint32_t footer_length;
    std::memcpy(&footer_length, bytes.data() + bytes.size() - 8, 4);
    data_bytes += static_cast<int64_t>(bytes.size() - footer_length - 8);
    auto footer = parquet::ReadParquetFooter(**fs->OpenRead("/out/" + file));
    ASSERT_TRUE(footer.ok()) << footer.status().ToString();
    EXPECT_GT(footer->row_groups.size(), 2u) << file;
    for (const auto& group : footer->row_groups) {
      // Written out once the buffers passed the budget, by less than a batch (under half of it).
      EXPECT_LE(group.total_byte_size, kBudget + kBudget / 2) << file;
    }
    rows += footer->num_rows;
  }
  EXPECT_EQ(rows, kRows);
  // Whatever was still buffered when the last batch had been written reached the files at
  // Commit: within the budget (the encoded bytes are at most the buffered ones).
  EXPECT_LE(data_bytes - staged, kBudget);
  EXPECT_GT(data_bytes, 20 * kBudget);  // the budget was small for this data
}

// Under a small process memory limit the buffer budget shrinks with it (a sixteenth of the
// limit, at least 1 MiB) although the option allows 128 MiB: row groups are written out
// earlier, what is buffered is charged to the process's tracker while it waits, and the
// charge is given back at Commit.
TEST(DatasetWriterTest, AMemoryLimitShrinksTheBufferBudgetAndBufferedBytesAreCharged) {
  memory::MemoryTracker& process = memory::MemoryTracker::Process();
  const int64_t old_limit = process.limit();
  process.set_limit(16 << 20);
  constexpr int64_t kBudget = 1 << 20;  // 16 MiB / 16
  constexpr int kRows = 400000;
  std::string csv;
  for (int64_t i = 0; i < kRows; ++i) {
    csv += std::to_string(i % 8) + ",value_" + std::to_string(i * 7919 % 1000003) + "\n";
  }
  auto fs = csv::FsWith({{"/in.csv", csv}});
  auto reader =
      *OpenCsvReader(fs, {"/in.csv"}, *csv::CsvOptions::FromMap({}, types::TimeZone::Utc()),
                     *types::ParseDdlSchema("day INT, payload STRING"));
  DatasetWriteOptions options;
  options.partition_by = {"day"};
  options.format_options = {{"compression", "none"}};
  ASSERT_EQ(options.max_buffered_bytes_per_worker, 128LL << 20);
  auto writer = *DatasetWriter::Open(fs, "/out", *reader->schema(), options);
  const int64_t before = process.used();
  int64_t most_charged = 0;
  Status st = ReadTable(
      *reader,
      [&](size_t, const vector::Batch& b) {
        SLUICE_RETURN_NOT_OK(writer->Write(0, b));
        most_charged = std::max(most_charged, process.used() - before);
        return Status::OK();
      },
      true);
  process.set_limit(old_limit);
  ASSERT_TRUE(st.ok()) << st.ToString();
  auto result = writer->Commit();
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->rows, static_cast<uint64_t>(kRows));
  EXPECT_GT(most_charged, kBudget / 2);  // the buffers were counted...
  EXPECT_LT(most_charged, 2 * kBudget);  // ...and held to the limit's budget
  EXPECT_EQ(process.used(), before);     // and given back
  int64_t rows = 0;
  for (const std::string& file : result->files) {
    auto footer = parquet::ReadParquetFooter(**fs->OpenRead("/out/" + file));
    ASSERT_TRUE(footer.ok()) << footer.status().ToString();
    EXPECT_GT(footer->row_groups.size(), 1u) << file;
    for (const auto& group : footer->row_groups)
      EXPECT_LE(group.total_byte_size, kBudget + kBudget / 2) << file;
    rows += footer->num_rows;
  }
  EXPECT_EQ(rows, kRows);
}

// Writes `rows_per_day` rows for each day into `target`, partitioned by day.
Status WriteDays(std::shared_ptr<io::FileSystem> fs, const std::string& target,
                 const std::map<int, int>& rows_per_day, DatasetWriteOptions options) {
  std::string csv;
  for (const auto& [day, rows] : rows_per_day) {
    for (int i = 0; i < rows; ++i) csv += std::to_string(day) + ",v" + std::to_string(i) + "\n";
  }
  auto input = csv::FsWith({{"/in.csv", csv}});
  auto reader =
      *OpenCsvReader(input, {"/in.csv"}, *csv::CsvOptions::FromMap({}, types::TimeZone::Utc()),
                     *types::ParseDdlSchema("day INT, payload STRING"));
  options.partition_by = {"day"};
  SLUICE_ASSIGN_OR_RAISE(auto writer, DatasetWriter::Open(fs, target, *reader->schema(), options));
  SLUICE_RETURN_NOT_OK(ReadTable(
      *reader, [&](size_t, const vector::Batch& b) { return writer->Write(0, b); }, true));
  return writer->Commit().status();
}

// Rows per day in the dataset at `target` (none when it is missing).
std::map<int, int> CountDays(std::shared_ptr<io::FileSystem> fs, const std::string& target) {
  std::map<int, int> days;
  if (!fs->Exists(target)) return days;
  parquet::ParquetReadOptions options;
  auto reader = OpenParquetReader(fs, {target}, options);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  if (!reader.ok()) return days;
  const size_t day_column = *(*reader)->schema()->FindField("day");
  EXPECT_TRUE(ReadTable(
                  **reader,
                  [&](size_t, const vector::Batch& batch) {
                    for (size_t r = 0; r < batch.num_rows(); ++r)
                      ++days[batch.column(day_column).data<int32_t>()[r]];
                    return Status::OK();
                  },
                  true)
                  .ok());
  return days;
}

// Writes the CSV rows `csv` of schema `ddl` to `target` with `options`; the files written.
Result<DatasetWriteResult> WriteCsvRows(std::shared_ptr<io::FileSystem> fs,
                                        const std::string& target, const std::string& ddl,
                                        const std::string& csv, DatasetWriteOptions options) {
  auto input = csv::FsWith({{"/in.csv", csv}});
  auto reader =
      *OpenCsvReader(input, {"/in.csv"}, *csv::CsvOptions::FromMap({}, types::TimeZone::Utc()),
                     *types::ParseDdlSchema(ddl));
  SLUICE_ASSIGN_OR_RAISE(auto writer, DatasetWriter::Open(fs, target, *reader->schema(), options));
  SLUICE_RETURN_NOT_OK(ReadTable(
      *reader, [&](size_t, const vector::Batch& b) { return writer->Write(0, b); }, true));
  return writer->Commit();
}

// Spark's spark.sql.caseSensitive decides how partitionBy names find their columns.
TEST(DatasetWriterTest, PartitionColumnsAreFoundAsCaseSensitivitySays) {
  auto fs = std::make_shared<io::MemoryFileSystem>();
  DatasetWriteOptions options;
  options.partition_by = {"DAY"};
  auto insensitive = WriteCsvRows(fs, "/a", "day INT, v STRING", "5,x\n", options);
  ASSERT_TRUE(insensitive.ok()) << insensitive.status().ToString();
  ASSERT_EQ(insensitive->files.size(), 1u);
  EXPECT_EQ(insensitive->files[0].rfind("day=5/", 0), 0u) << insensitive->files[0];
  options.case_sensitive = true;
  EXPECT_EQ(WriteCsvRows(fs, "/b", "day INT, v STRING", "5,x\n", options).status().message(),
            "partition column 'DAY' is not in the schema (day INT, v STRING)");
  EXPECT_FALSE(fs->Exists("/b"));
  // Two columns differing only in case (a case-sensitive read can give them): each name
  // finds its own column.
  options.partition_by = {"day"};
  auto exact = WriteCsvRows(fs, "/c", "Day INT, day INT, v STRING", "1,2,x\n", options);
  ASSERT_TRUE(exact.ok()) << exact.status().ToString();
  ASSERT_EQ(exact->files.size(), 1u);
  EXPECT_EQ(exact->files[0].rfind("day=2/", 0), 0u) << exact->files[0];
  // One column named twice would nest its folders twice.
  options.case_sensitive = false;
  options.partition_by = {"day", "Day"};
  EXPECT_EQ(WriteCsvRows(fs, "/d", "day INT, v STRING", "5,x\n", options).status().message(),
            "partition column 'day' is named twice in partition_by");
}

// Rows go to their partition's folder whether the values come in runs or interleaved (a
// row equal to the previous one reuses its folder), NULL to the default partition, and
// -0.0 and 0.0, equal values, to the folders their text names, as Spark writes them.
TEST(DatasetWriterTest, EachRowGoesToItsPartitionFolder) {
  auto fs = std::make_shared<io::MemoryFileSystem>();
  DatasetWriteOptions options;
  options.partition_by = {"k", "d"};
  options.format = "csv";
  options.format_options = {{"header", "false"}};
  auto written =
      WriteCsvRows(fs, "/t", "k STRING, d DOUBLE, v INT",
                   "a,1,1\na,1,2\nb,1,3\na,1,4\n,1,5\n,1,6\nb,0.0,7\nb,-0.0,8\n", options);
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  std::map<std::string, std::string> rows;  // folder -> its file's v values
  for (const std::string& f : written->files) {
    const std::string folder = f.substr(0, f.rfind('/'));
    std::string text = *fs->ReadAll("/t/" + f);
    rows[folder] += text;
  }
  std::map<std::string, std::string> expected = {{"k=a/d=1.0", "1\n2\n4\n"},
                                                 {"k=b/d=1.0", "3\n"},
                                                 {"k=__HIVE_DEFAULT_PARTITION__/d=1.0", "5\n6\n"},
                                                 {"k=b/d=0.0", "7\n"},
                                                 {"k=b/d=-0.0", "8\n"}};
  EXPECT_EQ(rows, expected);
}

TEST(DatasetWriterTest, FileExtensionsAreRecognisedInAnyCase) {
  EXPECT_EQ(OutputFileTypeOf("/x/OUT.PARQUET")->format, "parquet");
  EXPECT_EQ(OutputFileTypeOf("out.Csv")->format, "csv");
  EXPECT_EQ(OutputFileTypeOf("out.Csv")->compression, "");
  EXPECT_EQ(OutputFileTypeOf("out.csv.GZ")->compression, "gzip");
  EXPECT_EQ(OutputFileTypeOf("/x/out.CSV.ZST")->compression, "zstd");
  EXPECT_FALSE(OutputFileTypeOf("/x/out"));
  EXPECT_FALSE(OutputFileTypeOf("/x/.parquet"));  // a hidden folder
  EXPECT_FALSE(OutputFileTypeOf("/x/out.gz"));
  // A target with such a name is one file, not a folder of part files.
  auto fs = std::make_shared<io::MemoryFileSystem>();
  auto written = WriteCsvRows(fs, "/OUT.PARQUET", "day INT, v STRING", "5,x\n6,y\n", {});
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  auto info = fs->GetInfo("/OUT.PARQUET");
  ASSERT_TRUE(info.ok());
  EXPECT_FALSE(info->is_directory);
  EXPECT_EQ(fs->ReadAll("/OUT.PARQUET")->substr(0, 4), "PAR1");
}

// A job that dies at any step of its commit (every later file operation fails, as after
// a crash) leaves the target untouched or, once the next writer has recovered it,
// complete; nothing hidden is left beside it.
TEST(DatasetWriterTest, CommitsKilledAtEveryStepAreFinishedByRecovery) {
  struct Case {
    SaveMode mode;
    bool static_overwrite;
    std::map<int, int> complete;
  };
  const std::map<int, int> untouched = {{5, 10}, {6, 10}};
  const std::vector<Case> cases = {
      {SaveMode::kOverwrite, false, {{5, 10}, {6, 3}, {7, 2}}},  // dynamic: day 5 kept
      {SaveMode::kOverwrite, true, {{6, 3}, {7, 2}}},
      {SaveMode::kAppend, false, {{5, 10}, {6, 13}, {7, 2}}},
  };
  for (const Case& c : cases) {
    bool finished_cleanly = false;
    int rolled_forward = 0;
    for (int fail_at = 1; !finished_cleanly && fail_at < 200; ++fail_at) {
      auto base = std::make_shared<io::MemoryFileSystem>();
      ASSERT_TRUE(WriteDays(base, "/data/out", {{5, 10}, {6, 10}}, {}).ok());
      auto faulty = std::make_shared<io::FaultInjectingFileSystem>(base);
      faulty->FailAfter(fail_at);
      DatasetWriteOptions options;
      options.mode = c.mode;
      options.static_partition_overwrite = c.static_overwrite;
      finished_cleanly = WriteDays(faulty, "/data/out", {{6, 3}, {7, 2}}, options).ok();
      const std::map<int, int> before = CountDays(base, "/data/out");
      Status recovered = RecoverDataset(*base, "/data/out", [](int) { return false; });
      ASSERT_TRUE(recovered.ok()) << recovered.ToString();
      const std::map<int, int> after = CountDays(base, "/data/out");
      EXPECT_TRUE(after == untouched || after == c.complete) << "failure at operation " << fail_at;
      if (finished_cleanly) {
        EXPECT_EQ(after, c.complete);
      }
      // A half-moved target that recovery completed: the journal did its work.
      if (before != untouched && before != c.complete && after == c.complete) ++rolled_forward;
      auto entries = *base->ListDir("/data");
      ASSERT_EQ(entries.size(), 1u)
          << "failure at operation " << fail_at << ": " << entries.back().path;
    }
    EXPECT_TRUE(finished_cleanly);
    EXPECT_GT(rolled_forward, 0);
  }
}

}  // namespace
}  // namespace sluice::formats
