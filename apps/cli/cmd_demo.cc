// `sluice demo`: the main job on embedded defaults. Generates a landing zone of flyer
// events (a few rows malformed on purpose), reads it back with the flyer schema in the
// America/Toronto session time zone, and prints what arrived and what was quarantined.
#include <algorithm>
#include <map>
#include <mutex>

#include "commands.h"
#include "dataset/rejects_csv_file.h"
#include "dataset/table_reader.h"
#include "flyer_generator.h"
#include "formats/csv/csv_reader.h"
#include "types/datetime_format.h"

namespace sluice::cli {
namespace {

constexpr size_t kRejectsShown = 10;
constexpr const char* kFlyerSchema =
    "timestamp TIMESTAMP, user_id STRING, event STRING, flyer_id INT, merchant_id INT";

struct DemoOptions {
  std::string dir = "sample";
  uint64_t rows = 200000;
};

int RunDemo(const DemoOptions& o) {
  auto fs = io::LocalFileSystem();
  const std::string landing = o.dir + "/landing/flyer";
  Status st = fs->DeleteRecursive(landing);
  FlyerGeneratorOptions gen;
  gen.rows = o.rows;
  gen.days = 3;
  gen.files = 2;
  gen.bad_rows = 4;
  if (st.ok()) st = GenerateFlyerEvents(*fs, landing, gen);
  if (!st.ok()) return Fail(st.message());
  std::printf(
      "generated %llu flyer events in %s (3 days x 2 files, 4 rows malformed on purpose)\n\n",
      static_cast<unsigned long long>(o.rows), landing.c_str());

  auto zone = *types::TimeZone::Load("America/Toronto");
  // DROPMALFORMED: good rows go on, malformed ones only to the quarantine.
  std::map<std::string, std::string> option_map{{"header", "true"}, {"mode", "DROPMALFORMED"}};
  auto options = formats::csv::CsvOptions::FromMap(option_map, zone);
  auto reader =
      formats::OpenCsvReader(fs, {landing}, *options, *types::ParseDdlSchema(kFlyerSchema));
  if (!reader.ok()) return Fail(reader.status().message());
  std::printf("schema: %s\n\n", (*reader)->schema()->ToDdl().c_str());
  // Quarantined rows stream to their file while the read runs.
  const std::string rejects = o.dir + "/rejects";
  st = fs->CreateDirs(rejects);
  if (!st.ok()) return Fail(st.message());
  auto rejects_file = formats::RejectsCsvFile::Open(*fs, rejects + "/rejects.csv");
  if (!rejects_file.ok()) return Fail(rejects_file.status().message());
  (*reader)->set_reject_sink(*rejects_file);
  (*reader)->set_summary_rows(kRejectsShown);

  std::mutex mu;
  std::map<std::string, uint64_t> events, dates;
  int64_t min_ts = INT64_MAX, max_ts = INT64_MIN;
  const types::Schema& schema = *(*reader)->schema();
  const size_t ts_col = *schema.FindField("timestamp"), event_col = *schema.FindField("event");
  const size_t date_col = *schema.FindField("date");
  st = formats::ReadTable(
      **reader,
      [&](size_t, const vector::Batch& batch) {
        std::map<std::string, uint64_t> local_events, local_dates;
        int64_t lo = INT64_MAX, hi = INT64_MIN;
        for (size_t i = 0; i < batch.num_selected(); ++i) {
          const size_t r = batch.selected_row(i);
          const auto& ts = batch.column(ts_col);
          if (!ts.IsNull(r)) {
            lo = std::min(lo, ts.data<int64_t>()[r]);
            hi = std::max(hi, ts.data<int64_t>()[r]);
          }
          const auto& ev = batch.column(event_col);
          local_events[ev.IsNull(r) ? "NULL"
                                    : std::string(ev.data<vector::StringRef>()[r].view())]++;
          local_dates[types::FormatDate(batch.column(date_col).data<int32_t>()[r])]++;
        }
        std::lock_guard lock(mu);
        for (auto& [k, v] : local_events) events[k] += v;
        for (auto& [k, v] : local_dates) dates[k] += v;
        min_ts = std::min(min_ts, lo);
        max_ts = std::max(max_ts, hi);
        return Status::OK();
      },
      /*ordered=*/false);
  if (st.ok()) st = (*rejects_file)->Close();
  if (!st.ok()) return Fail(st.message());
  const auto& stats = (*reader)->stats();
  std::printf("files %llu, rows read %llu, rows rejected %llu\n",
              static_cast<unsigned long long>(stats.files),
              static_cast<unsigned long long>(stats.rows_read),
              static_cast<unsigned long long>(stats.rows_rejected));
  std::printf("event time range (America/Toronto): %s .. %s\n\n",
              types::FormatLocalTimestamp(zone.UtcToLocal(min_ts)).c_str(),
              types::FormatLocalTimestamp(zone.UtcToLocal(max_ts)).c_str());
  std::printf("%-22s %10s\n", "event", "rows");
  for (const auto& [k, v] : events)
    std::printf("%-22s %10llu\n", k.c_str(), static_cast<unsigned long long>(v));
  std::printf("\n%-22s %10s\n", "date (partition)", "rows");
  for (const auto& [k, v] : dates)
    std::printf("%-22s %10llu\n", k.c_str(), static_cast<unsigned long long>(v));
  const formats::RejectsSummary& summary = (*reader)->rejects_summary();
  std::printf("\nquarantined rows (%s/rejects.csv):\n", rejects.c_str());
  for (const auto& r : summary.FirstRows())
    std::printf("  %s\n", formats::DescribeRejectedRow(r).c_str());
  if (summary.total() > kRejectsShown)
    std::printf("  ... (%llu more)\n",
                static_cast<unsigned long long>(summary.total() - kRejectsShown));
  return 0;
}

}  // namespace

void AddDemoCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "demo", "Generate a sample flyer landing zone and read it back with a summary");
  auto o = std::make_shared<DemoOptions>();
  cmd->add_option("--dir", o->dir, "Where to write the sample (default ./sample)");
  cmd->add_option("--rows", o->rows, "Events to generate (default 200000)");
  cmd->callback([o] { ExitCode() = RunDemo(*o); });
}

}  // namespace sluice::cli
