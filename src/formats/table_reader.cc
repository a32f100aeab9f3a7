#include "formats/table_reader.h"

#include "formats/csv/csv_reader.h"
#include "formats/parquet/parquet_reader.h"

namespace sluice::formats {

Result<std::unique_ptr<TableReader>> OpenTableReader(
    std::shared_ptr<io::FileSystem> fs, const std::vector<std::string>& paths,
    const std::string& format, const std::map<std::string, std::string>& options,
    const types::TimeZone& session_time_zone, std::optional<types::Schema> schema,
    std::vector<ColumnPredicate> filters, bool case_sensitive) {
  std::string chosen = format;
  if (chosen.empty()) {
    // By the first data file's name, as listed (hidden and marker files skipped).
    SLUICE_ASSIGN_OR_RAISE(SourceListing listing, ListSourceFiles(*fs, paths, ListingOptions{}));
    const std::string first = listing.files.empty() ? "" : listing.files.front().path;
    chosen = first.size() >= 8 && first.compare(first.size() - 8, 8, ".parquet") == 0 ? "parquet"
                                                                                      : "csv";
  }
  if (chosen == "csv") {
    SLUICE_ASSIGN_OR_RAISE(auto csv, csv::CsvOptions::FromMap(options, session_time_zone));
    csv.filters = std::move(filters);
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
