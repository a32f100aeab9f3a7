// `sluice validate PATH --schema ...`: parses every row and value, and reports what
// would be rejected and why; --rejects DIR writes the rejected rows.
#include <map>

#include "commands.h"
#include "formats/rejected_row.h"
#include "progress_bar.h"
#include "read_options.h"

namespace sluice::cli {
namespace {

struct ValidateOptions {
  ReadOptions read;
  std::string rejects_dir;
  bool quiet = false;
};

std::string Thousands(uint64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

int RunValidate(const ValidateOptions& o) {
  auto opened = o.read.Open();
  if (!opened.ok()) return Fail(opened.status().message());
  auto& reader = *opened;
  ProgressBar progress([&reader] { return reader->bytes_done(); }, reader->total_bytes());
  Status st = reader->Read(
      [&](size_t, const vector::Batch& batch) {
        progress.AddRows(batch.num_selected());
        return Status::OK();
      },
      /*ordered=*/false);
  progress.Finish();
  if (!st.ok()) return Fail(st.message());
  const auto& stats = reader->stats();
  std::printf("files          %s\n", Thousands(stats.files).c_str());
  std::printf("rows read      %s\n", Thousands(stats.rows_read).c_str());
  if (!o.read.where.empty())
    std::printf("rows matching  %s\n", Thousands(stats.rows_output).c_str());
  std::printf("rows rejected  %s\n", Thousands(stats.rows_rejected).c_str());
  std::map<std::string, uint64_t> reasons;
  for (const formats::RejectedRow& r : reader->rejects()) {
    reasons[r.category + (r.column.empty() ? "" : " (column " + r.column + ")")]++;
  }
  for (const auto& [reason, count] : reasons)
    std::printf("  %-40s %s\n", reason.c_str(), Thousands(count).c_str());
  if (!o.quiet) {
    size_t shown = 0;
    for (const formats::RejectedRow& r : reader->rejects()) {
      if (shown++ == 5) {
        std::printf("  ... (%s more)\n", Thousands(reader->rejects().size() - 5).c_str());
        break;
      }
      std::printf("  %s\n", formats::DescribeRejectedRow(r).c_str());
    }
  }
  if (!o.rejects_dir.empty()) {
    auto fs = io::LocalFileSystem();
    Status made = fs->CreateDirs(o.rejects_dir);
    std::string path = o.rejects_dir + "/rejects.csv";
    if (made.ok()) made = formats::WriteRejectsCsv(*fs, path, reader->rejects());
    if (!made.ok()) return Fail(made.message());
    std::printf("rejects written to %s\n", path.c_str());
  }
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
