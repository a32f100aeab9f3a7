// Opening a TableReader over files, folders and globs (discovery, then the format's
// reader), and reading all its morsels on the thread pool. The readers themselves
// (formats/table_reader.h) read only the files they are given and own no threads.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "formats/column_predicate.h"
#include "formats/csv/csv_reader.h"
#include "formats/json/json_files_reader.h"
#include "formats/parquet/parquet_reader.h"
#include "formats/table_reader.h"
#include "io/file_system.h"
#include "types/schema.h"
#include "types/time_zone.h"

namespace sluice::formats {

// `format` is "csv", "parquet", "json", or empty to choose by the first file (.parquet in
// any case, or PAR1 leading bytes, means Parquet; .json or .jsonl, perhaps compressed, JSON;
// anything else CSV, and then a Parquet file among the inputs is an error). `options` are the
// format's options; rows failing `filters` are left out (Parquet also skips what statistics rule
// out). `case_sensitive` is Spark's spark.sql.caseSensitive (column names in Parquet files and
// filters). `columns`, when set, are those the caller reads: Parquet reads only them (and the
// filters' columns; the reader's schema is then those, in that order), CSV parses only them
// (csv::CsvOptions::parsed_columns), JSON reads every column.
Result<std::unique_ptr<TableReader>> OpenTableReader(
    std::shared_ptr<io::FileSystem> fs, const std::vector<std::string>& paths,
    const std::string& format, const std::map<std::string, std::string>& options,
    const types::TimeZone& session_time_zone, std::optional<types::Schema> schema,
    std::vector<ColumnPredicate> filters = {}, bool case_sensitive = false,
    std::optional<std::vector<std::string>> columns = std::nullopt);

// One format's reader over the files `paths` list to, as OpenTableReader opens it.
Result<std::unique_ptr<csv::CsvReader>> OpenCsvReader(std::shared_ptr<io::FileSystem> fs,
                                                      const std::vector<std::string>& paths,
                                                      csv::CsvOptions options,
                                                      std::optional<types::Schema> schema);
Result<std::unique_ptr<json::JsonFilesReader>> OpenJsonReader(std::shared_ptr<io::FileSystem> fs,
                                                              const std::vector<std::string>& paths,
                                                              json::JsonReadOptions options,
                                                              std::optional<types::Schema> schema);
Result<std::unique_ptr<parquet::ParquetReader>> OpenParquetReader(
    std::shared_ptr<io::FileSystem> fs, const std::vector<std::string>& paths,
    parquet::ParquetReadOptions options);

// Called from worker threads with a batch that is only valid during the call; return
// Status::Cancelled() to stop reading early (not an error).
using BatchSink = std::function<Status(size_t worker, const vector::Batch& batch)>;

// Reads every morsel of `reader` on the thread pool, then finishes. `ordered` uses one
// thread and keeps file order. A sink returning Status::Cancelled() stops the read without
// error.
Status ReadTable(TableReader& reader, const BatchSink& sink, bool ordered);

}  // namespace sluice::formats
