// Table sources of the session: files read through the format readers (csv.`path`,
// CREATE TEMPORARY VIEW ... USING csv OPTIONS (path ...)), and tables whose rows the
// session holds (CREATE TABLE, INSERT).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "io/file_system.h"
#include "plan/table_source.h"

namespace sluice::main {

class FileTableSource : public plan::TableSource {
 public:
  // Opens the files once to learn the schema (the given one, or inferred).
  static Result<std::shared_ptr<FileTableSource>> Open(std::shared_ptr<io::FileSystem> fs,
                                                       std::vector<std::string> paths,
                                                       std::string format,
                                                       std::map<std::string, std::string> options,
                                                       std::optional<types::Schema> schema,
                                                       const functions::FunctionContext& ctx);

  const types::Schema& schema() const override { return schema_; }
  std::string description() const override;
  Result<std::vector<vector::Batch>> Read(const functions::FunctionContext& ctx,
                                          const std::vector<size_t>& columns) const override;

 private:
  FileTableSource() = default;
  std::shared_ptr<io::FileSystem> fs_;
  std::vector<std::string> paths_;
  std::string format_;
  std::map<std::string, std::string> options_;
  types::Schema schema_;
};

class MemoryTableSource : public plan::TableSource {
 public:
  MemoryTableSource(std::string name, types::Schema schema)
      : name_(std::move(name)), schema_(std::move(schema)) {}

  const types::Schema& schema() const override { return schema_; }
  std::string description() const override { return name_; }
  Result<std::vector<vector::Batch>> Read(const functions::FunctionContext& ctx,
                                          const std::vector<size_t>& columns) const override;
  // Appends rows (batches of this table's schema); `overwrite` replaces all rows.
  Status Write(std::vector<vector::Batch> rows, bool overwrite);

 private:
  std::string name_;
  types::Schema schema_;
  mutable std::mutex mutex_;
  std::vector<vector::Batch> rows_;
};

}  // namespace sluice::main
