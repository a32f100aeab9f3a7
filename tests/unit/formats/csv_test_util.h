// Helpers for CSV tests: read files through CsvReader into rows of text.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "dataset/table_reader.h"
#include "formats/csv/csv_reader.h"
#include "io/memory_file_system.h"
#include "vector/value_formatter.h"

namespace sluice::formats::csv {

struct ReadResult {
  Status status;
  std::string schema;                          // DDL
  std::vector<std::vector<std::string>> rows;  // FormatValue text; "NULL" for nulls
  ReadStats stats;
  std::vector<RejectedRow> rejects;
};

// Reads all of `reader` into `result` (schema, rows as FormatValue text, stats, rejects);
// an unordered read gives the rows in the order the workers hand them over.
inline void ReadAll(TableReader& reader, const types::TimeZone& tz, bool ordered,
                    ReadResult& result) {
  result.schema = reader.schema()->ToDdl();
  auto rejects = std::make_shared<CollectingRejectSink>();
  reader.set_reject_sink(rejects);
  std::mutex mu;  // an unordered read calls the sink on several threads
  result.status = ReadTable(
      reader,
      [&](size_t, const vector::Batch& batch) {
        std::lock_guard lock(mu);
        for (size_t i = 0; i < batch.num_selected(); ++i) {
          const size_t r = batch.selected_row(i);
          std::vector<std::string> row;
          for (size_t c = 0; c < batch.num_columns(); ++c)
            row.push_back(vector::FormatValue(batch.column(c), r, tz));
          result.rows.push_back(std::move(row));
        }
        return Status::OK();
      },
      ordered);
  result.stats = reader.stats();
  result.rejects = rejects->Sorted();
}

inline ReadResult ReadCsv(std::shared_ptr<io::FileSystem> fs, const std::vector<std::string>& paths,
                          const std::map<std::string, std::string>& options,
                          const std::string& schema = "", const std::string& zone = "UTC",
                          bool case_sensitive = false) {
  ReadResult result;
  auto tz = *types::TimeZone::Load(zone);
  auto csv = CsvOptions::FromMap(options, tz);
  if (!csv.ok()) {
    result.status = csv.status();
    return result;
  }
  csv->case_sensitive = case_sensitive;
  std::optional<types::Schema> parsed;
  if (!schema.empty()) parsed = *types::ParseSchema(schema);
  auto reader = OpenCsvReader(fs, paths, *csv, parsed);
  if (!reader.ok()) {
    result.status = reader.status();
    return result;
  }
  ReadAll(**reader, tz, /*ordered=*/true, result);
  return result;
}

inline std::shared_ptr<io::MemoryFileSystem> FsWith(
    const std::map<std::string, std::string>& files) {
  auto fs = std::make_shared<io::MemoryFileSystem>();
  for (const auto& [path, contents] : files) fs->Store(path, contents);
  return fs;
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace sluice::formats::csv
