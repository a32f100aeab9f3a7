// CsvWriter: writes Batches as CSV that the reader reads back to the same values: header,
// quoting and escaping as Spark writes them, Spark's default date/timestamp formats, a
// configurable null value, and optional gzip/zstd compression. One writer per file; not
// thread-safe.
#pragma once

#include <memory>
#include <string>

#include "formats/csv/csv_options.h"
#include "io/compression.h"
#include "io/file_system.h"
#include "vector/batch.h"

namespace sluice::formats::csv {

// Appends one field, quoted when needed (or always when force_quote).
void AppendCsvField(std::string* out, std::string_view value, const CsvOptions& options,
                    bool force_quote);

class CsvWriter {
 public:
  // Compression comes from options.compression ("none", "gzip", "zstd").
  static Result<std::unique_ptr<CsvWriter>> Open(io::FileSystem& fs, const std::string& path,
                                                 const types::Schema& schema,
                                                 const CsvOptions& options);
  // Writes into an already open stream (standard output, say); writes the header now.
  static Result<std::unique_ptr<CsvWriter>> Make(std::unique_ptr<io::OutputStream> out,
                                                 const types::Schema& schema,
                                                 const CsvOptions& options);
  // Writes the batch's selected rows, at most `max_rows` of them.
  Status Write(const vector::Batch& batch, size_t max_rows = SIZE_MAX);
  // Writes `rows` of the batch, taking the file's columns from `columns` of the batch.
  Status WriteRows(const vector::Batch& batch, const std::vector<uint32_t>& rows,
                   const std::vector<size_t>& columns);
  Status Finish();
  uint64_t rows_written() const { return rows_; }

 private:
  CsvWriter(std::unique_ptr<io::OutputStream> out, types::Schema schema, CsvOptions options);
  void AppendValue(const vector::Vector& v, size_t row);

  std::unique_ptr<io::OutputStream> out_;
  types::Schema schema_;
  CsvOptions options_;
  types::DateTimeFormat date_format_;
  types::DateTimeFormat timestamp_format_;
  types::DateTimeFormat timestamp_ntz_format_;
  std::string buffer_;
  uint64_t rows_ = 0;
};

}  // namespace sluice::formats::csv
