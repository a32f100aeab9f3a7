#include "formats/table_reader.h"

#include <algorithm>
#include <atomic>
#include <cstring>

#include "formats/csv/csv_reader.h"
#include "formats/parquet/parquet_reader.h"
#include "io/compression.h"
#include "io/path.h"
#include "parallel/thread_pool.h"

namespace sluice::formats {
namespace {

// PAR1, or PARE for a file whose footer is encrypted (the Parquet reader then says so). An
// unreadable file is left to the chosen reader to report.
bool StartsWithParquetMagic(io::FileSystem& fs, const std::string& path) {
  auto file = fs.OpenRead(path);
  if (!file.ok()) return false;
  auto head = (*file)->Read(0, 4);
  return head.ok() && ((*head)->view() == "PAR1" || (*head)->view() == "PARE");
}

// A name that says the file is text: .csv, .tsv or .txt, possibly compressed.
bool HasTextExtension(std::string path) {
  for (const char* codec : {".gz", ".zst", ".lz4"}) {
    if (io::HasExtension(path, codec)) path.resize(path.size() - std::strlen(codec));
  }
  return io::HasExtension(path, ".csv") || io::HasExtension(path, ".tsv") ||
         io::HasExtension(path, ".txt");
}

// Without an explicit format: Parquet when the first file's name ends in .parquet (any
// case), or when it has no text extension and starts with Parquet's magic; else CSV, and then
// a file starting with that magic is an error: Parquet is never read as CSV text unless the caller
// asks for csv explicitly (Spark reads whatever format it is told).
Result<std::string> ChooseFormat(io::FileSystem& fs, const std::vector<std::string>& paths,
                                 const std::map<std::string, std::string>& options) {
  // By the data files as the reader will list them; it reports the cycles.
  ListingOptions listing_options;
  listing_options.warn_about_cycles = false;
  for (const auto& [key, value] : options) {
    std::string k = key;
    std::transform(k.begin(), k.end(), k.begin(), [](unsigned char c) { return std::tolower(c); });
    ApplyListingOption(k, value, &listing_options);
  }
  SLUICE_ASSIGN_OR_RAISE(SourceListing listing, ListSourceFiles(fs, paths, listing_options));
  if (listing.files.empty()) return std::string("csv");
  const std::string& first = listing.files.front().path;
  if (io::HasExtension(first, ".parquet") ||
      (!HasTextExtension(first) && StartsWithParquetMagic(fs, first))) {
    return std::string("parquet");
  }
  for (const SourceFile& file : listing.files) {
    if (io::CodecFromPath(file.path) == io::Codec::kNone && StartsWithParquetMagic(fs, file.path)) {
      return Status::Invalid(
          "'" + file.path +
          "' is a Parquet file (it starts with Parquet's magic bytes), not CSV: read it with "
          "--input-format parquet, or force --input-format csv to read its "
          "bytes as text");
    }
  }
  return std::string("csv");
}

}  // namespace

Status TableReader::RunMorsels(size_t morsels, size_t parallelism,
                               const std::function<Status(size_t, size_t)>& fn) {
  std::atomic<size_t> next{0};
  std::atomic<bool> stop{false};
  return parallel::ThreadPool::Default().RunParallel(parallelism, [&](size_t worker) -> Status {
    while (!stop.load(std::memory_order_relaxed)) {
      const size_t i = next.fetch_add(1, std::memory_order_relaxed);
      if (i >= morsels) break;
      Status st = fn(worker, i);
      if (!st.ok()) {
        stop = true;
        return st;
      }
    }
    return Status::OK();
  });
}

Status TableReader::Read(const BatchSink& sink, bool ordered) {
  SLUICE_ASSIGN_OR_RAISE(size_t morsels, PlanMorsels());
  const size_t workers =
      ordered ? 1 : std::max<size_t>(1, std::min(parallel::ThreadPool::Default().size(), morsels));
  Status st = RunMorsels(morsels, workers, [&](size_t worker, size_t i) {
    return ReadMorsel(i, [&](const vector::Batch& batch) { return sink(worker, batch); });
  });
  Status finished = FinishMorsels();
  // A sink that stops early (a LIMIT) is not a failure.
  if (!st.ok() && st.code() != StatusCode::kCancelled) return st;
  return finished;
}

Result<std::unique_ptr<TableReader>> OpenTableReader(
    std::shared_ptr<io::FileSystem> fs, const std::vector<std::string>& paths,
    const std::string& format, const std::map<std::string, std::string>& options,
    const types::TimeZone& session_time_zone, std::optional<types::Schema> schema,
    std::vector<ColumnPredicate> filters, bool case_sensitive) {
  std::string chosen = format;
  if (chosen.empty()) {
    SLUICE_ASSIGN_OR_RAISE(chosen, ChooseFormat(*fs, paths, options));
  }
  if (chosen == "csv") {
    SLUICE_ASSIGN_OR_RAISE(auto csv, csv::CsvOptions::FromMap(options, session_time_zone));
    csv.filters = std::move(filters);
    csv.case_sensitive = case_sensitive;
    SLUICE_ASSIGN_OR_RAISE(auto reader,
                           csv::CsvReader::Open(fs, paths, std::move(csv), std::move(schema)));
    return std::unique_ptr<TableReader>(std::move(reader));
  }
  if (chosen == "parquet") {
    if (schema)
      return Status::Invalid("Parquet files carry their own schema: --schema applies to CSV only");
    SLUICE_ASSIGN_OR_RAISE(auto parquet_options,
                           parquet::ParquetReadOptions::FromMap(options, session_time_zone));
    parquet_options.filters = std::move(filters);
    parquet_options.case_sensitive = case_sensitive;
    SLUICE_ASSIGN_OR_RAISE(auto reader,
                           parquet::ParquetReader::Open(fs, paths, std::move(parquet_options)));
    return std::unique_ptr<TableReader>(std::move(reader));
  }
  return Status::Invalid("unknown input format '" + format + "': expected csv or parquet");
}

}  // namespace sluice::formats
