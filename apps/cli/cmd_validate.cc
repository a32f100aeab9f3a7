// `sluice validate PATH --schema ...`: parses every row and value, and reports what
// would be rejected and why; --rejects DIR writes the rejected rows.
#include <atomic>

#include "commands.h"
#include "dataset/rejects_csv_file.h"
#include "progress_bar.h"
#include "read_options.h"
#include "rejects_report.h"

namespace sluice::cli {
namespace {

struct ValidateOptions {
  ReadOptions read;
  std::string rejects_dir;
  bool quiet = false;
};

int RunValidate(const ValidateOptions& o) {
  auto opened = o.read.Open();
  if (!opened.ok()) return Fail(opened.status().message());
  auto& reader = opened->reader;
  // Rejects stream to the file as they are found; without one only the summary is kept.
  std::shared_ptr<formats::RejectsCsvFile> rejects_file;
  const std::string rejects_path = o.rejects_dir + "/rejects.csv";
  if (!o.rejects_dir.empty()) {
    auto fs = io::LocalFileSystem();
    Status made = fs->CreateDirs(o.rejects_dir);
    if (!made.ok()) return Fail(made.message());
    auto file = formats::RejectsCsvFile::Open(*fs, rejects_path);
    if (!file.ok()) return Fail(file.status().message());
    rejects_file = *file;
    reader->set_reject_sink(rejects_file);
  }
  ProgressBar progress([&reader] { return reader->bytes_done(); }, reader->total_bytes());
  std::atomic<uint64_t> matching{0};
  Status st = formats::ReadTable(*reader, opened->Filtered([&](size_t, const vector::Batch& batch) {
    progress.AddRows(batch.num_selected());
    matching += batch.num_selected();
    return Status::OK();
  }),
                                 /*ordered=*/false);
  progress.Finish();
  if (st.ok() && rejects_file) st = rejects_file->Close();
  if (!st.ok()) return Fail(st.message());
  const auto& stats = reader->stats();
  std::printf("files          %s\n", Thousands(stats.files).c_str());
  std::printf("rows read      %s\n", Thousands(stats.rows_read).c_str());
  if (!o.read.where.empty()) std::printf("rows matching  %s\n", Thousands(matching.load()).c_str());
  std::printf("rows rejected  %s\n", Thousands(stats.rows_rejected).c_str());
  PrintRejectsSummary(stdout, reader->rejects_summary(), !o.quiet);
  if (rejects_file) std::printf("rejects written to %s\n", rejects_path.c_str());
  return stats.rows_rejected == 0 ? 0 : 1;
}

}  // namespace

void AddValidateCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "validate",
      "Parse every row and value; report rows read, rows rejected and why (exit 1 if any)");
  auto o = std::make_shared<ValidateOptions>();
  o->read.AddTo(cmd);
  cmd->add_option(
      "--rejects", o->rejects_dir,
      "Write rejected rows to DIR/rejects.csv (file,line,byte_offset,column,reason,raw)");
  cmd->add_flag("--quiet,-q", o->quiet, "Print only the counts, not the first rejected rows");
  cmd->callback([o] { ExitCode() = RunValidate(*o); });
}

}  // namespace sluice::cli
