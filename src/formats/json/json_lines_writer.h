// JsonLinesWriter: writes Batches as JSON lines as Spark's JSON writer does: one object per
// row, fields in column order, NULL fields left out (ignoreNullFields), values as to_json
// writes them (functions/json_writer.h: dates yyyy-MM-dd, timestamps with the zone offset,
// or the dateFormat / timestampFormat options), optional gzip/zstd compression. One writer
// per file; not thread-safe.
#pragma once

#include <memory>
#include <string>

#include "formats/json/json_read_options.h"
#include "io/compression.h"
#include "io/file_system.h"
#include "vector/batch.h"

namespace sluice::formats::json {

class JsonLinesWriter {
 public:
  // Compression comes from options.compression ("none", "gzip", "zstd").
  static Result<std::unique_ptr<JsonLinesWriter>> Open(io::FileSystem& fs, const std::string& path,
                                                       const types::Schema& schema,
                                                       const JsonReadOptions& options);
  // Writes `rows` of the batch, taking the file's columns from `columns` of the batch.
  Status WriteRows(const vector::Batch& batch, const std::vector<uint32_t>& rows,
                   const std::vector<size_t>& columns);
  Status Finish();

 private:
  JsonLinesWriter(std::unique_ptr<io::OutputStream> out, types::Schema schema,
                  JsonReadOptions options);

  std::unique_ptr<io::OutputStream> out_;
  types::Schema schema_;
  JsonReadOptions options_;
  std::vector<std::string> keys_;  // each column's quoted name and colon
  std::string buffer_;
};

}  // namespace sluice::formats::json
