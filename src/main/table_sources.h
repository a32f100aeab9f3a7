// FileTableSource: files read through the format readers as a table (csv.`path`,
// CREATE TEMPORARY VIEW ... USING csv OPTIONS (path ...), warehouse tables). A stored
// table's folder without data files (a new table) has no rows.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "io/file_system.h"
#include "main/read_rejects.h"
#include "plan/table_source.h"

namespace sluice::main {

class FileTableSource : public plan::TableSource {
 public:
  // Opens the files once to learn the schema: the given one, or the files' (inferred for
  // CSV). Parquet files carry their own schema: a given one then names the columns to
  // expect, in its order. `empty_ok`: a folder without data files is an empty table.
  static Result<std::shared_ptr<FileTableSource>> Open(
      std::shared_ptr<io::FileSystem> fs, std::vector<std::string> paths, std::string format,
      std::map<std::string, std::string> options, std::optional<types::Schema> schema,
      const functions::FunctionContext& ctx, bool empty_ok = false,
      std::shared_ptr<ReadRejects> rejects = nullptr);

  const types::Schema& schema() const override { return schema_; }
  std::string description() const override;
  // The filters' simple conjuncts go to the reader (main/scan_pushdown): partitions and
  // Parquet row groups that cannot match are skipped, and rows failing them left out.
  Result<std::unique_ptr<plan::TableScan>> OpenScan(
      const functions::FunctionContext& ctx, const std::vector<size_t>& columns,
      const std::vector<plan::ExprPtr>& filters) const override;
  // Parquet footers' row counts, CSV bytes over a sampled line length (TableReader's).
  std::optional<int64_t> EstimatedRows() const override { return estimated_rows_; }

 private:
  FileTableSource() = default;
  std::shared_ptr<io::FileSystem> fs_;
  std::vector<std::string> paths_;
  std::string format_;
  std::map<std::string, std::string> options_;
  std::optional<types::Schema> given_schema_;  // passed to the CSV reader
  types::Schema schema_;                       // the table's columns
  types::Schema read_schema_;                  // the columns a read gives
  bool empty_ = false;
  int64_t estimated_rows_ = 0;            // found at Open
  std::shared_ptr<ReadRejects> rejects_;  // where a read's rejects go; may be null
};

}  // namespace sluice::main
