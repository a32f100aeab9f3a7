#include "main/table_sources.h"

#include "formats/table_reader.h"
#include "vector/vector_ops.h"

namespace sluice::main {

namespace {

// Whether any data file (not a marker or hidden file) lies under the paths.
bool HasDataFiles(io::FileSystem& fs, const std::vector<std::string>& paths) {
  for (const std::string& p : paths) {
    Result<std::vector<io::FileInfo>> files = fs.ListRecursive(p);
    if (!files.ok()) continue;
    for (const io::FileInfo& f : *files) {
      const std::string name = f.path.substr(f.path.find_last_of('/') + 1);
      if (!f.is_directory && !name.empty() && name[0] != '_' && name[0] != '.') return true;
    }
  }
  return false;
}

}  // namespace

Result<std::shared_ptr<FileTableSource>> FileTableSource::Open(
    std::shared_ptr<io::FileSystem> fs, std::vector<std::string> paths, std::string format,
    std::map<std::string, std::string> options, std::optional<types::Schema> schema,
    const functions::FunctionContext& ctx, bool empty_ok, std::shared_ptr<ReadRejects> rejects) {
  auto source = std::shared_ptr<FileTableSource>(new FileTableSource());
  source->rejects_ = std::move(rejects);
  if (empty_ok && schema && !HasDataFiles(*fs, paths)) {
    source->schema_ = *schema;
    source->empty_ = true;
    return source;
  }
  if (format != "parquet") source->given_schema_ = schema;
  SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<formats::TableReader> reader,
                         formats::OpenTableReader(fs, paths, format, options, *ctx.zone,
                                                  source->given_schema_, {}, ctx.case_sensitive));
  source->fs_ = std::move(fs);
  source->paths_ = std::move(paths);
  source->format_ = std::move(format);
  source->options_ = std::move(options);
  source->read_schema_ = *reader->schema();
  source->schema_ = schema ? *schema : source->read_schema_;
  return source;
}

std::string FileTableSource::description() const {
  std::string out = format_.empty() ? "files" : format_;
  for (const std::string& p : paths_) out += " " + p;
  return out;
}

Result<std::vector<vector::Batch>> FileTableSource::Read(const functions::FunctionContext& ctx,
                                                         const std::vector<size_t>& columns) const {
  if (empty_) return std::vector<vector::Batch>{};
  // Columns by name: a stored Parquet table's files may order them differently.
  std::vector<size_t> read_columns;
  std::vector<types::Field> fields;
  for (size_t c : columns) {
    std::optional<size_t> at = read_schema_.FindField(schema_.field(c).name, ctx.case_sensitive);
    if (!at)
      return Status::Invalid(description() + ": the files have no column `" +
                             schema_.field(c).name + "`");
    read_columns.push_back(*at);
    fields.push_back(read_schema_.field(*at));
  }
  auto projected = std::make_shared<const types::Schema>(fields);
  SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<formats::TableReader> reader,
                         formats::OpenTableReader(fs_, paths_, format_, options_, *ctx.zone,
                                                  given_schema_, {}, ctx.case_sensitive));
  if (rejects_ && rejects_->sink()) reader->set_reject_sink(rejects_->sink());
  std::vector<vector::Batch> rows;
  SLUICE_RETURN_NOT_OK(reader->Read(
      [&](size_t, const vector::Batch& batch) -> Status {
        if (ctx.IsCancelled()) return Status::Cancelled("the query was cancelled");
        SLUICE_ASSIGN_OR_RAISE(
            vector::Batch copy,
            vector::Batch::Make(projected, std::max<size_t>(batch.num_selected(), 1)));
        for (size_t i = 0; i < read_columns.size(); ++i)
          for (size_t r = 0; r < batch.num_selected(); ++r)
            SLUICE_RETURN_NOT_OK(vector::CopyRow(batch.column(read_columns[i]),
                                                 batch.selected_row(r), copy.column(i), r));
        copy.set_num_rows(batch.num_selected());
        rows.push_back(std::move(copy));
        return Status::OK();
      },
      /*ordered=*/true));
  if (rejects_ && reader->rejects_summary().total() > 0) rejects_->Add(reader->rejects_summary());
  return rows;
}

}  // namespace sluice::main
