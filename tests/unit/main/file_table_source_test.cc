// FileTableSource scans as the executor runs them: the morsels of a scan of some columns,
// read on several threads at once in a shuffled order and concatenated by morsel index,
// are the rows of the files as written here, those columns only; rejects reach the
// session's sink in line order and its summary once the scan finishes; a cancelled query
// stops a morsel.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <numeric>
#include <random>
#include <thread>

#include "formats/parquet/parquet_writer.h"
#include "io/memory_file_system.h"
#include "main/table_sources.h"
#include "vector/value_formatter.h"

namespace sluice::main {
namespace {

const types::TimeZone kUtc = types::TimeZone::Utc();

functions::FunctionContext Context(const std::atomic<bool>* cancelled = nullptr) {
  functions::FunctionContext ctx;
  ctx.zone = &kUtc;
  ctx.cancelled = cancelled;
  return ctx;
}

// Reads every morsel of `scan` on four threads at once, in a shuffled order.
Result<std::vector<std::string>> ReadShuffled(plan::TableScan& scan) {
  const size_t morsels = scan.morsel_count();
  std::vector<size_t> order(morsels);
  std::iota(order.begin(), order.end(), 0);
  std::mt19937 rng(5);
  std::shuffle(order.begin(), order.end(), rng);
  std::vector<std::vector<std::string>> per_morsel(morsels);
  std::atomic<size_t> next{0};
  std::mutex mu;
  Status failed;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (size_t k; (k = next.fetch_add(1)) < morsels;) {
        const size_t i = order[k];
        Status st = scan.ReadMorsel(i, [&](const vector::Batch& batch) {
          for (size_t s = 0; s < batch.num_selected(); ++s) {
            const size_t r = batch.selected_row(s);
            std::string row;
            for (size_t c = 0; c < batch.num_columns(); ++c) {
              row += c > 0 ? " | " : "";
              row += batch.column(c).IsNull(r) ? "NULL"
                                               : vector::FormatValue(batch.column(c), r, kUtc);
            }
            per_morsel[i].push_back(std::move(row));
          }
          return Status::OK();
        });
        std::lock_guard lock(mu);
        if (!st.ok() && failed.ok()) failed = st;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  SLUICE_RETURN_NOT_OK(failed);
  SLUICE_RETURN_NOT_OK(scan.Finish());
  std::vector<std::string> rows;
  for (auto& m : per_morsel) rows.insert(rows.end(), m.begin(), m.end());
  return rows;
}

class RecordingSink final : public formats::RejectSink {
 public:
  Status Add(std::span<const formats::RejectedRow> rows) override {
    std::lock_guard lock(mu_);
    for (const formats::RejectedRow& row : rows) lines_.push_back(row.line);
    return Status::OK();
  }
  std::vector<uint64_t> lines() {
    std::lock_guard lock(mu_);
    return lines_;
  }

 private:
  std::mutex mu_;
  std::vector<uint64_t> lines_;
};

TEST(FileTableSourceTest, CsvScanMorselsReadInParallelGiveTheFileRows) {
  // ~6 MB: several byte ranges; every 1000th row's amount is not a number.
  std::string text = "id,name,amount\n";
  std::vector<std::string> want;  // amount | id
  std::vector<uint64_t> reject_lines;
  for (int i = 0; i < 250000; ++i) {
    const bool bad = i % 1000 == 999;
    text += std::to_string(i) + ",\"name " + std::to_string(i % 977) + ", quoted\"," +
            (bad ? "n/a" : std::to_string(i * 7)) + "\n";
    want.push_back((bad ? "NULL" : std::to_string(i * 7)) + " | " + std::to_string(i));
    if (bad) reject_lines.push_back(static_cast<uint64_t>(i) + 2);
  }
  auto fs = std::make_shared<io::MemoryFileSystem>();
  fs->Store("/t/data.csv", text);
  auto rejects = std::make_shared<ReadRejects>();
  auto sink = std::make_shared<RecordingSink>();
  rejects->set_sink(sink);
  const functions::FunctionContext ctx = Context();
  auto source = FileTableSource::Open(fs, {"/t"}, "csv", {{"header", "true"}},
                                      *types::ParseSchema("id INT, name STRING, amount BIGINT"),
                                      ctx, false, rejects);
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  auto scan = (*source)->OpenScan(ctx, {2, 0}, {});
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();
  EXPECT_GT((*scan)->morsel_count(), 2u);
  auto rows = ReadShuffled(**scan);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) ASSERT_EQ((*rows)[i], want[i]) << "row " << i;
  EXPECT_EQ(sink->lines(), reject_lines);
  EXPECT_EQ(rejects->Take().total(), reject_lines.size());
}

TEST(FileTableSourceTest, JsonScanReadsRangesInParallelWithTheSchemaInferredAtOpen) {
  // ~5 MB of JSON lines: several byte ranges; every 1000th line is not JSON.
  auto lines = [](bool amounts_as_text) {
    std::string text;
    for (int i = 0; i < 100000; ++i) {
      const std::string amount = std::to_string(i * 7);
      text += i % 1000 == 999
                  ? "{\"id\": " + std::to_string(i) + ", oops}\n"
                  : "{\"id\":" + std::to_string(i) + ",\"name\":\"n\\\"" + std::to_string(i % 977) +
                        "\",\"amount\":" + (amounts_as_text ? "\"" + amount + "\"" : amount) +
                        "}\n";
    }
    return text;
  };
  auto fs = std::make_shared<io::MemoryFileSystem>();
  fs->Store("/j/data.json", lines(false));
  auto rejects = std::make_shared<ReadRejects>();
  auto sink = std::make_shared<RecordingSink>();
  rejects->set_sink(sink);
  const functions::FunctionContext ctx = Context();
  auto source = FileTableSource::Open(fs, {"/j"}, "json", {}, std::nullopt, ctx, false, rejects);
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  EXPECT_EQ((*source)->schema().ToDdl(),
            "_corrupt_record STRING, amount BIGINT, id BIGINT, name STRING");
  // The files change after the relation was resolved: the scan keeps its schema (the
  // amounts, now strings, do not fit BIGINT), as Spark keeps the schema it inferred.
  fs->Store("/j/data.json", lines(true));
  auto scan = (*source)->OpenScan(ctx, {2, 1, 3}, {});
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();
  EXPECT_GT((*scan)->morsel_count(), 2u);
  auto rows = ReadShuffled(**scan);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 100000u);
  std::vector<uint64_t> reject_lines;
  for (int i = 0; i < 100000; ++i) {
    const bool bad = i % 1000 == 999;
    const std::string want =
        bad ? "NULL | NULL | NULL" : std::to_string(i) + " | NULL | n\"" + std::to_string(i % 977);
    ASSERT_EQ((*rows)[i], want) << "row " << i;
    reject_lines.push_back(static_cast<uint64_t>(i) + 1);
  }
  EXPECT_EQ(sink->lines(), reject_lines);
}

TEST(FileTableSourceTest, ParquetScanMorselsAreRowGroups) {
  auto fs = std::make_shared<io::MemoryFileSystem>();
  auto schema = std::make_shared<const types::Schema>(*types::ParseDdlSchema("k BIGINT, v STRING"));
  formats::parquet::ParquetWriteOptions options;
  options.row_group_rows = 1000;
  auto writer = formats::parquet::ParquetWriter::Open(*fs, "/p.parquet", *schema, options);
  ASSERT_TRUE(writer.ok());
  std::vector<std::string> want;  // v | k
  for (int64_t first = 0; first < 5000; first += 1000) {
    vector::Batch batch = *vector::Batch::Make(schema);
    for (size_t r = 0; r < 1000; ++r) {
      const int64_t k = first + static_cast<int64_t>(r);
      batch.column(0).data<int64_t>()[r] = k;
      batch.column(1).data<vector::StringRef>()[r] =
          batch.column(1).heap().Add("v" + std::to_string(k));
      want.push_back("v" + std::to_string(k) + " | " + std::to_string(k));
    }
    batch.set_num_rows(1000);
    ASSERT_TRUE((*writer)->Write(batch).ok());
  }
  ASSERT_TRUE((*writer)->Finish().ok());
  const functions::FunctionContext ctx = Context();
  auto source = FileTableSource::Open(fs, {"/p.parquet"}, "parquet", {}, std::nullopt, ctx);
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  auto scan = (*source)->OpenScan(ctx, {1, 0}, {});
  ASSERT_TRUE(scan.ok());
  EXPECT_EQ((*scan)->morsel_count(), 5u);
  auto rows = ReadShuffled(**scan);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, want);
}

TEST(FileTableSourceTest, ACancelledQueryStopsTheMorsel) {
  auto fs = std::make_shared<io::MemoryFileSystem>();
  fs->Store("/a.csv", "x\n1\n2\n");
  std::atomic<bool> cancelled{true};
  const functions::FunctionContext ctx = Context(&cancelled);
  auto source = FileTableSource::Open(fs, {"/a.csv"}, "csv", {{"header", "true"}},
                                      *types::ParseSchema("x INT"), ctx);
  ASSERT_TRUE(source.ok());
  auto scan = (*source)->OpenScan(ctx, {0}, {});
  ASSERT_TRUE(scan.ok());
  ASSERT_EQ((*scan)->morsel_count(), 1u);
  bool called = false;
  Status st = (*scan)->ReadMorsel(0, [&](const vector::Batch&) {
    called = true;
    return Status::OK();
  });
  EXPECT_EQ(st.code(), StatusCode::kCancelled);
  EXPECT_FALSE(called);
  EXPECT_TRUE((*scan)->Finish().ok());
}

}  // namespace
}  // namespace sluice::main
