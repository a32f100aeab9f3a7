#include "main/table_sources.h"

#include "formats/table_reader.h"
#include "vector/vector_ops.h"

namespace sluice::main {

namespace {

// The given columns of a batch's live rows, as a new batch.
Result<vector::Batch> CopyColumns(const vector::Batch& b,
                                  const std::shared_ptr<const types::Schema>& projected,
                                  const std::vector<size_t>& columns) {
  SLUICE_ASSIGN_OR_RAISE(vector::Batch copy,
                         vector::Batch::Make(projected, std::max<size_t>(b.num_selected(), 1)));
  for (size_t i = 0; i < columns.size(); ++i)
    for (size_t r = 0; r < b.num_selected(); ++r)
      SLUICE_RETURN_NOT_OK(
          vector::CopyRow(b.column(columns[i]), b.selected_row(r), copy.column(i), r));
  copy.set_num_rows(b.num_selected());
  return copy;
}

std::shared_ptr<const types::Schema> ProjectSchema(const types::Schema& schema,
                                                   const std::vector<size_t>& columns) {
  std::vector<types::Field> fields;
  for (size_t c : columns) fields.push_back(schema.field(c));
  return std::make_shared<const types::Schema>(fields);
}

}  // namespace

Result<std::shared_ptr<FileTableSource>> FileTableSource::Open(
    std::shared_ptr<io::FileSystem> fs, std::vector<std::string> paths, std::string format,
    std::map<std::string, std::string> options, std::optional<types::Schema> schema,
    const functions::FunctionContext& ctx) {
  SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<formats::TableReader> reader,
                         formats::OpenTableReader(fs, paths, format, options, *ctx.zone, schema, {},
                                                  ctx.case_sensitive));
  auto source = std::shared_ptr<FileTableSource>(new FileTableSource());
  source->fs_ = std::move(fs);
  source->paths_ = std::move(paths);
  source->format_ = std::move(format);
  source->options_ = std::move(options);
  source->schema_ = *reader->schema();
  return source;
}

std::string FileTableSource::description() const {
  std::string out = format_.empty() ? "files" : format_;
  for (const std::string& p : paths_) out += " " + p;
  return out;
}

Result<std::vector<vector::Batch>> FileTableSource::Read(const functions::FunctionContext& ctx,
                                                         const std::vector<size_t>& columns) const {
  // Parquet files carry their schema (the reader refuses another); CSV is read with the one
  // resolved at Open, so that inference runs once and a view's columns stay put.
  const bool own_schema = format_ == "parquet";
  SLUICE_ASSIGN_OR_RAISE(
      std::unique_ptr<formats::TableReader> reader,
      formats::OpenTableReader(fs_, paths_, format_, options_, *ctx.zone,
                               own_schema ? std::nullopt : std::optional(schema_), {},
                               ctx.case_sensitive));
  if (!(*reader->schema() == schema_))
    return Status::Invalid("the schema of " + description() +
                           " changed since the query was planned: " + reader->schema()->ToDdl() +
                           " instead of " + schema_.ToDdl());
  auto projected = ProjectSchema(schema_, columns);
  std::vector<vector::Batch> rows;
  SLUICE_RETURN_NOT_OK(reader->Read(
      [&](size_t, const vector::Batch& batch) -> Status {
        SLUICE_ASSIGN_OR_RAISE(vector::Batch copy, CopyColumns(batch, projected, columns));
        rows.push_back(std::move(copy));
        return Status::OK();
      },
      /*ordered=*/true));
  return rows;
}

Result<std::vector<vector::Batch>> MemoryTableSource::Read(
    const functions::FunctionContext&, const std::vector<size_t>& columns) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto projected = ProjectSchema(schema_, columns);
  std::vector<vector::Batch> out;
  for (const vector::Batch& b : rows_) {
    SLUICE_ASSIGN_OR_RAISE(vector::Batch copy, CopyColumns(b, projected, columns));
    out.push_back(std::move(copy));
  }
  return out;
}

Status MemoryTableSource::Write(std::vector<vector::Batch> rows, bool overwrite) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (overwrite) rows_.clear();
  for (vector::Batch& b : rows) rows_.push_back(std::move(b));
  return Status::OK();
}

}  // namespace sluice::main
