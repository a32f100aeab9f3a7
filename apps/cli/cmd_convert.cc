// `sluice convert IN... OUT`: CSV or Parquet in, Parquet or CSV out, through the
// DatasetWriter (staged, then moved into place; a folder of part files with _SUCCESS, or
// one file when OUT has a file extension; Hive partitions with --partition-by).
#include <cctype>

#include "commands.h"
#include "dataset/dataset_writer.h"
#include "progress_bar.h"
#include "read_options.h"

namespace sluice::cli {
namespace {

struct ConvertOptions {
  ReadOptions read;
  std::string to;  // parquet or csv; default from OUT's extension, else parquet
  std::string compression;
  std::string mode = "error";
  std::vector<std::string> partition_by;
  std::vector<std::string> write_options;  // key=value
  std::string partition_overwrite_mode = "dynamic";
  bool normalize_names = false;
};

// "Case Created dttm" -> "case_created_dttm": lower case, whitespace runs to '_'.
std::string NormalizeName(const std::string& name) {
  std::string out;
  bool in_space = false;
  for (unsigned char c : name) {
    if (std::isspace(c)) {
      in_space = true;
      continue;
    }
    if (in_space && !out.empty()) out += '_';
    in_space = false;
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

int RunConvert(ConvertOptions o) {
  if (o.read.paths.size() < 2)
    return Fail("convert needs an input and an output: sluice convert IN... OUT");
  const std::string out = o.read.paths.back();
  o.read.paths.pop_back();
  formats::DatasetWriteOptions write;
  const auto named = formats::OutputFileTypeOf(out);
  write.format = !o.to.empty() ? o.to : named ? named->format : "parquet";
  // A CSV file named .gz or .zst is compressed so: readers decompress it by that name.
  if (named && named->format == write.format && !named->compression.empty()) {
    write.format_options["compression"] = named->compression;
  }
  if (!o.compression.empty()) write.format_options["compression"] = o.compression;
  for (const std::string& option : o.write_options) {
    auto kv = SplitKeyValue(option, "-O");
    if (!kv.ok()) return Fail(kv.status().message());
    write.format_options[kv->first] = kv->second;
  }
  write.partition_by = o.partition_by;
  auto mode = formats::SaveModeFromName(o.mode);
  if (!mode.ok()) return Fail(mode.status().message());
  write.mode = *mode;
  if (o.partition_overwrite_mode != "dynamic" && o.partition_overwrite_mode != "static") {
    return Fail("--partition-overwrite-mode must be dynamic or static");
  }
  write.static_partition_overwrite = o.partition_overwrite_mode == "static";
  auto session = o.read.Session();
  if (!session.ok()) return Fail(session.status().message());
  write.session_time_zone = session->time_zone;
  write.case_sensitive = session->case_sensitive;

  auto opened = o.read.Open();
  if (!opened.ok()) return Fail(opened.status().message());
  auto& reader = opened->reader;
  std::vector<types::Field> fields = reader->schema()->fields();
  if (o.normalize_names) {
    for (auto& f : fields) f.name = NormalizeName(f.name);
  }
  auto writer = formats::DatasetWriter::Open(io::LocalFileSystem(), out,
                                             types::Schema(std::move(fields)), write);
  if (!writer.ok()) return Fail(writer.status().message());
  if ((*writer)->skipped()) {
    std::printf("'%s' exists; nothing written (mode ignore)\n", out.c_str());
    return 0;
  }
  // One output file keeps the input's order (a Parquet file's row groups are still encoded
  // on every core); a folder is written by every worker at once.
  const bool ordered = write.partition_by.empty() && named;
  ProgressBar progress([&reader] { return reader->bytes_done(); }, reader->total_bytes());
  Status st =
      formats::ReadTable(*reader, opened->Filtered([&](size_t worker, const vector::Batch& batch) {
        progress.AddRows(batch.num_selected());
        return (*writer)->Write(worker, batch);
      }),
                         ordered);
  progress.Finish();
  if (!st.ok()) {
    (*writer)->Abort();
    return Fail(st.message());
  }
  auto result = (*writer)->Commit();
  if (!result.ok()) {
    (*writer)->Abort();
    return Fail(result.status().message());
  }
  std::printf("wrote %llu rows to %s (%s, %zu file%s)\n",
              static_cast<unsigned long long>(result->rows), out.c_str(), write.format.c_str(),
              result->files.size(), result->files.size() == 1 ? "" : "s");
  if (reader->stats().rows_rejected > 0) {
    std::printf(
        "%llu malformed rows were handled as the read mode says; `sluice validate` lists them\n",
        static_cast<unsigned long long>(reader->stats().rows_rejected));
  }
  return 0;
}

}  // namespace

void AddConvertCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "convert", "Convert CSV or Parquet to Parquet or CSV, optionally Hive-partitioned");
  auto o = std::make_shared<ConvertOptions>();
  o->read.AddTo(cmd);
  cmd->get_option("paths")->description(
      "Input files, folders or globs, then OUT: a .parquet/.csv file, or a folder of part files");
  cmd->add_option("--to", o->to, "parquet or csv (default: by OUT's extension, else parquet)");
  cmd->add_option("--compression", o->compression,
                  "snappy (Parquet default), zstd, gzip, lz4_raw, brotli, none");
  cmd->add_option(
      "-O,--write-option", o->write_options,
      "Writer option key=value (Parquet: parquet.block.size, rowGroupRows, parquet.page.size, "
      "parquet.enable.dictionary; CSV: sep, quote, nullValue, ...); repeatable");
  cmd->add_option("--mode", o->mode, "When OUT exists: error (default), append, overwrite, ignore");
  cmd->add_option("--partition-by", o->partition_by,
                  "Columns to partition by, as col=value/ folders")
      ->delimiter(',');
  cmd->add_option(
      "--partition-overwrite-mode", o->partition_overwrite_mode,
      "dynamic (default: overwrite replaces only the partitions written) or static (all)");
  cmd->add_flag("--normalize-names", o->normalize_names,
                "Column names to lower case with whitespace runs as '_' ('Case Created dttm' -> "
                "case_created_dttm)");
  cmd->callback([o] { ExitCode() = RunConvert(*o); });
}

}  // namespace sluice::cli
