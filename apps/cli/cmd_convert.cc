// `sluice convert IN OUT`: CSV or Parquet in, Parquet or CSV out. OUT ending in .parquet
// or .csv is one file; anything else is a folder of part files (one per worker, as Spark
// writes) with a _SUCCESS marker. Output is staged and renamed into place at the end, so
// a failed or killed convert leaves no partial output at OUT.
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <mutex>

#include "commands.h"
#include "formats/csv/csv_writer.h"
#include "formats/parquet/parquet_writer.h"
#include "progress_bar.h"
#include "read_options.h"

namespace sluice::cli {
namespace {

struct ConvertOptions {
  ReadOptions read;
  std::string out;
  std::string to;  // parquet or csv; default from OUT's extension, else parquet
  std::string compression;
  std::string mode = "error";
  bool normalize_names = false;
};

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

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

// Writes batches to one file; thread-safe through a mutex.
class FileSink {
 public:
  virtual ~FileSink() = default;
  virtual Status Write(const vector::Batch& batch) = 0;
  virtual Status Finish() = 0;
};

class ParquetSink final : public FileSink {
 public:
  explicit ParquetSink(std::unique_ptr<formats::parquet::ParquetWriter> w)
      : writer_(std::move(w)) {}
  Status Write(const vector::Batch& batch) override { return writer_->Write(batch); }
  Status Finish() override { return writer_->Finish().status(); }

 private:
  std::unique_ptr<formats::parquet::ParquetWriter> writer_;
};

class CsvSink final : public FileSink {
 public:
  explicit CsvSink(std::unique_ptr<formats::csv::CsvWriter> w) : writer_(std::move(w)) {}
  Status Write(const vector::Batch& batch) override { return writer_->Write(batch); }
  Status Finish() override { return writer_->Finish(); }

 private:
  std::unique_ptr<formats::csv::CsvWriter> writer_;
};

Result<std::unique_ptr<FileSink>> OpenSink(const ConvertOptions& o, const std::string& path,
                                           const types::Schema& schema,
                                           const types::TimeZone& zone) {
  auto fs = io::LocalFileSystem();
  if (o.to == "parquet") {
    std::map<std::string, std::string> map;
    if (!o.compression.empty()) map["compression"] = o.compression;
    SLUICE_ASSIGN_OR_RAISE(auto options, formats::parquet::ParquetWriteOptions::FromMap(map));
    SLUICE_ASSIGN_OR_RAISE(auto writer,
                           formats::parquet::ParquetWriter::Open(*fs, path, schema, options));
    return std::unique_ptr<FileSink>(std::make_unique<ParquetSink>(std::move(writer)));
  }
  std::map<std::string, std::string> map{{"header", "true"}};
  if (!o.compression.empty()) map["compression"] = o.compression;
  SLUICE_ASSIGN_OR_RAISE(auto options, formats::csv::CsvOptions::FromMap(map, zone));
  SLUICE_ASSIGN_OR_RAISE(auto writer, formats::csv::CsvWriter::Open(*fs, path, schema, options));
  return std::unique_ptr<FileSink>(std::make_unique<CsvSink>(std::move(writer)));
}

int RunConvert(ConvertOptions o) {
  if (o.read.paths.size() < 2)
    return Fail("convert needs an input and an output: sluice convert IN... OUT");
  o.out = o.read.paths.back();
  o.read.paths.pop_back();
  if (o.to.empty())
    o.to = EndsWith(o.out, ".csv") || EndsWith(o.out, ".csv.gz") ? "csv" : "parquet";
  if (o.to != "parquet" && o.to != "csv")
    return Fail("--to must be parquet or csv, found '" + o.to + "'");
  if (o.mode != "error" && o.mode != "overwrite" && o.mode != "ignore") {
    return Fail("--mode must be error, overwrite or ignore (append comes with partitioned output)");
  }
  auto fs = io::LocalFileSystem();
  while (o.out.size() > 1 && o.out.back() == '/') o.out.pop_back();
  if (fs->Exists(o.out)) {
    if (o.mode == "error")
      return Fail("'" + o.out + "' already exists (use --mode overwrite or ignore)");
    if (o.mode == "ignore") return 0;
  }
  auto zone = o.read.SessionTimeZone();
  if (!zone.ok()) return Fail(zone.status().message());
  auto opened = o.read.Open();
  if (!opened.ok()) return Fail(opened.status().message());
  auto& reader = *opened;
  std::vector<types::Field> fields = reader->schema()->fields();
  if (o.normalize_names) {
    for (auto& f : fields) f.name = NormalizeName(f.name);
  }
  const types::Schema schema(std::move(fields));

  const bool single_file =
      EndsWith(o.out, ".parquet") || EndsWith(o.out, ".csv") || EndsWith(o.out, ".csv.gz");
  const std::string staging = o.out + ".sluice-staging-" + std::to_string(getpid());
  Status st = single_file ? Status::OK() : fs->CreateDirs(staging);
  std::mutex mu;
  std::vector<std::unique_ptr<FileSink>> sinks;  // one per worker (or one in all for a single file)
  auto sink_for = [&](size_t worker) -> Result<FileSink*> {
    size_t slot = single_file ? 0 : worker;
    if (slot >= sinks.size()) sinks.resize(slot + 1);
    if (!sinks[slot]) {
      char name[64];
      std::snprintf(name, sizeof(name), "/part-%05zu.%s", slot,
                    o.to == "parquet" ? "parquet" : "csv");
      SLUICE_ASSIGN_OR_RAISE(sinks[slot],
                             OpenSink(o, single_file ? staging : staging + name, schema, *zone));
    }
    return sinks[slot].get();
  };
  ProgressBar progress([&reader] { return reader->bytes_done(); }, reader->total_bytes());
  if (st.ok()) {
    st = reader->Read(
        [&](size_t worker, const vector::Batch& batch) -> Status {
          progress.AddRows(batch.num_selected());
          std::unique_lock lock(mu);
          SLUICE_ASSIGN_OR_RAISE(FileSink * sink, sink_for(worker));
          if (!single_file) lock.unlock();  // each worker owns its part file
          return sink->Write(batch);
        },
        /*ordered=*/single_file);
  }
  progress.Finish();
  if (st.ok() && sinks.empty()) {
    auto sink = sink_for(0);  // no rows: still a valid, empty file with the schema
    st = sink.status();
  }
  for (auto& sink : sinks) {
    if (sink && st.ok()) st = sink->Finish();
  }
  if (st.ok() && !single_file) st = fs->WriteAll(staging + "/_SUCCESS", "");
  if (st.ok() && fs->Exists(o.out)) st = fs->DeleteRecursive(o.out);
  if (st.ok()) st = fs->Rename(staging, o.out);
  if (!st.ok()) {
    (void)fs->DeleteRecursive(staging);
    return Fail(st.message());
  }
  const auto& stats = reader->stats();
  std::printf("wrote %llu rows to %s (%s)\n", static_cast<unsigned long long>(stats.rows_output),
              o.out.c_str(), o.to.c_str());
  if (stats.rows_rejected > 0) {
    std::printf(
        "%llu malformed rows were kept as the read mode says; see `sluice validate` for them\n",
        static_cast<unsigned long long>(stats.rows_rejected));
  }
  return 0;
}

}  // namespace

void AddConvertCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("convert", "Convert CSV or Parquet to Parquet or CSV");
  auto o = std::make_shared<ConvertOptions>();
  o->read.AddTo(cmd);
  cmd->get_option("paths")->description(
      "Input files, folders or globs, then OUT: a .parquet/.csv file, or a folder of part files");
  cmd->add_option("--to", o->to, "parquet or csv (default: by --out's extension, else parquet)");
  cmd->add_option("--compression", o->compression,
                  "snappy (Parquet default), zstd, gzip, lz4_raw, none");
  cmd->add_option("--mode", o->mode, "When --out exists: error (default), overwrite, ignore");
  cmd->add_flag("--normalize-names", o->normalize_names,
                "Column names to lower case with whitespace runs as '_' ('Case Created dttm' -> "
                "case_created_dttm)");
  cmd->callback([o] { ExitCode() = RunConvert(*o); });
}

}  // namespace sluice::cli
