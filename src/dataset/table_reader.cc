#include "dataset/table_reader.h"

#include <algorithm>
#include <cstring>

#include "common/text.h"
#include "dataset/pool_task_runner.h"
#include "dataset/source_files.h"
#include "io/compression.h"
#include "io/path.h"

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

// The name without a compression extension.
std::string WithoutCodecExtension(std::string path) {
  for (const char* codec : {".gz", ".zst", ".lz4"}) {
    if (io::HasExtension(path, codec)) path.resize(path.size() - std::strlen(codec));
  }
  return path;
}

// A name that says the file is text: .csv, .tsv or .txt, possibly compressed.
bool HasTextExtension(const std::string& path) {
  const std::string name = WithoutCodecExtension(path);
  return io::HasExtension(name, ".csv") || io::HasExtension(name, ".tsv") ||
         io::HasExtension(name, ".txt");
}

bool HasJsonExtension(const std::string& path) {
  const std::string name = WithoutCodecExtension(path);
  return io::HasExtension(name, ".json") || io::HasExtension(name, ".jsonl");
}

// Without an explicit format: Parquet when the first file's name ends in .parquet (any
// case), or when it has no text extension and starts with Parquet's magic; else CSV, and then
// a file starting with that magic is an error: Parquet is never read as CSV text unless the caller
// asks for csv explicitly (Spark reads whatever format it is told).
Result<std::string> ChooseFormat(io::FileSystem& fs, const std::vector<std::string>& paths,
                                 const std::map<std::string, std::string>& options) {
  // By the data files as the format will be listed below, which reports the cycles.
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
  if (HasJsonExtension(first)) return std::string("json");
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

// The names of `columns` once each. None (count(*)) reads every column, as the Parquet reader
// has no row-count-only read.
std::vector<std::string> ReadColumns(const std::vector<std::string>& columns, bool case_sensitive) {
  std::vector<std::string> out;
  for (const std::string& name : columns) {
    const bool seen = std::any_of(out.begin(), out.end(), [&](const std::string& o) {
      return case_sensitive ? o == name : AsciiLower(o) == AsciiLower(name);
    });
    if (!seen) out.push_back(name);
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<csv::CsvReader>> OpenCsvReader(std::shared_ptr<io::FileSystem> fs,
                                                      const std::vector<std::string>& paths,
                                                      csv::CsvOptions options,
                                                      std::optional<types::Schema> schema) {
  ListingOptions listing_options{options.base_path, options.recursive_file_lookup,
                                 options.path_glob_filter};
  SLUICE_ASSIGN_OR_RAISE(SourceListing listing, ListSourceFiles(*fs, paths, listing_options));
  if (listing.files.empty()) {
    return Status::NotFound("no data files found in " + JoinNames(paths) +
                            " (names starting with '.' or '_' are skipped)");
  }
  return csv::CsvReader::Open(std::move(fs), std::move(listing), std::move(options),
                              std::move(schema), PoolTaskRunner());
}

Result<std::unique_ptr<json::JsonFilesReader>> OpenJsonReader(std::shared_ptr<io::FileSystem> fs,
                                                              const std::vector<std::string>& paths,
                                                              json::JsonReadOptions options,
                                                              std::optional<types::Schema> schema) {
  SLUICE_ASSIGN_OR_RAISE(SourceListing listing, ListSourceFiles(*fs, paths, options.listing));
  if (listing.files.empty()) {
    return Status::NotFound("no data files found in " + JoinNames(paths) +
                            " (names starting with '.' or '_' are skipped)");
  }
  return json::JsonFilesReader::Open(std::move(fs), std::move(listing), std::move(options),
                                     std::move(schema), PoolTaskRunner());
}

Result<std::unique_ptr<parquet::ParquetReader>> OpenParquetReader(
    std::shared_ptr<io::FileSystem> fs, const std::vector<std::string>& paths,
    parquet::ParquetReadOptions options) {
  SLUICE_ASSIGN_OR_RAISE(SourceListing listing, ListSourceFiles(*fs, paths, options.listing));
  return parquet::ParquetReader::Open(std::move(fs), std::move(listing), std::move(options));
}

Status ReadTable(TableReader& reader, const BatchSink& sink, bool ordered) {
  SLUICE_ASSIGN_OR_RAISE(size_t morsels, reader.PlanMorsels());
  TaskRunner& tasks = PoolTaskRunner();
  const size_t workers = ordered ? 1 : std::max<size_t>(1, std::min(tasks.size(), morsels));
  Status st = tasks.Run(morsels, workers, [&](size_t worker, size_t i) {
    return reader.ReadMorsel(i, [&](const vector::Batch& batch) { return sink(worker, batch); });
  });
  Status finished = reader.FinishMorsels();
  // A sink that stops early (a LIMIT) is not a failure.
  if (!st.ok() && st.code() != StatusCode::kCancelled) return st;
  return finished;
}

Result<std::unique_ptr<TableReader>> OpenTableReader(
    std::shared_ptr<io::FileSystem> fs, const std::vector<std::string>& paths,
    const std::string& format, const std::map<std::string, std::string>& options,
    const types::TimeZone& session_time_zone, std::optional<types::Schema> schema,
    std::vector<ColumnPredicate> filters, bool case_sensitive,
    std::optional<std::vector<std::string>> columns) {
  std::string chosen = format;
  if (chosen.empty()) {
    SLUICE_ASSIGN_OR_RAISE(chosen, ChooseFormat(*fs, paths, options));
  }
  if (chosen == "csv") {
    SLUICE_ASSIGN_OR_RAISE(auto csv, csv::CsvOptions::FromMap(options, session_time_zone));
    csv.filters = std::move(filters);
    csv.case_sensitive = case_sensitive;
    csv.parsed_columns = std::move(columns);
    SLUICE_ASSIGN_OR_RAISE(auto reader,
                           OpenCsvReader(fs, paths, std::move(csv), std::move(schema)));
    return std::unique_ptr<TableReader>(std::move(reader));
  }
  if (chosen == "parquet") {
    if (schema)
      return Status::Invalid(
          "Parquet files carry their own schema: --schema applies to CSV and JSON only");
    SLUICE_ASSIGN_OR_RAISE(auto parquet_options,
                           parquet::ParquetReadOptions::FromMap(options, session_time_zone));
    if (columns) {
      for (const ColumnPredicate& p : filters) columns->push_back(p.column);
      parquet_options.columns = ReadColumns(*columns, case_sensitive);
    }
    parquet_options.filters = std::move(filters);
    parquet_options.case_sensitive = case_sensitive;
    SLUICE_ASSIGN_OR_RAISE(auto reader, OpenParquetReader(fs, paths, std::move(parquet_options)));
    return std::unique_ptr<TableReader>(std::move(reader));
  }
  if (chosen == "json") {
    SLUICE_ASSIGN_OR_RAISE(auto json, json::JsonReadOptions::FromMap(options, session_time_zone));
    json.filters = std::move(filters);
    json.case_sensitive = case_sensitive;
    SLUICE_ASSIGN_OR_RAISE(auto reader,
                           OpenJsonReader(fs, paths, std::move(json), std::move(schema)));
    return std::unique_ptr<TableReader>(std::move(reader));
  }
  return Status::Invalid("unknown input format '" + format + "': expected csv, parquet or json");
}

}  // namespace sluice::formats
