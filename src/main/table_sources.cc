#include "main/table_sources.h"

#include "dataset/table_reader.h"
#include "main/scan_pushdown.h"
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
  // A JSON schema is inferred once (as Spark resolves the relation): scans read with it.
  if (source->format_ == "json" && !source->given_schema_)
    source->given_schema_ = source->read_schema_;
  source->estimated_rows_ = static_cast<int64_t>(reader->EstimatedRows());
  source->schema_ = schema ? *schema : source->read_schema_;
  return source;
}

std::string FileTableSource::description() const {
  std::string out = format_.empty() ? "files" : format_;
  for (const std::string& p : paths_) out += " " + p;
  return out;
}

namespace {

// The reader's morsels (CSV byte ranges, Parquet row groups), read on the executor's
// threads; each batch is cut down to the scan's columns.
class FileScan : public plan::TableScan {
 public:
  FileScan(std::unique_ptr<formats::TableReader> reader, size_t morsels,
           std::vector<size_t> read_columns, std::shared_ptr<const types::Schema> projected,
           const functions::FunctionContext& ctx, std::shared_ptr<ReadRejects> rejects)
      : reader_(std::move(reader)),
        morsels_(morsels),
        read_columns_(std::move(read_columns)),
        projected_(std::move(projected)),
        ctx_(ctx),
        rejects_(std::move(rejects)) {}

  size_t morsel_count() const override { return morsels_; }

  Status ReadMorsel(size_t i, const plan::BatchConsumer& consume) override {
    return reader_->ReadMorsel(i, [&](const vector::Batch& batch) -> Status {
      if (ctx_.IsCancelled()) return Status::Cancelled("the query was cancelled");
      // The reader's batch holds its columns and is reused: pass the chosen ones on shared (the
      // reader starts its next batch in new storage, vector::Vector::Reset), or gather the
      // selected rows.
      const size_t n = batch.num_selected();
      std::vector<uint32_t> rows;
      if (batch.selection() != nullptr) {
        rows.resize(n);
        for (size_t r = 0; r < n; ++r) rows[r] = static_cast<uint32_t>(batch.selected_row(r));
      }
      std::vector<vector::Vector> columns;
      for (size_t c : read_columns_) {
        if (batch.selection() == nullptr) {
          columns.push_back(batch.column(c).Share());
        } else {
          SLUICE_ASSIGN_OR_RAISE(vector::Vector v, vector::Gather(batch.column(c), rows));
          columns.push_back(std::move(v));
        }
      }
      return consume(vector::Batch::FromColumns(projected_, std::move(columns), n));
    });
  }

  Status Finish() override {
    if (!reader_) return Status::OK();
    Status st = reader_->FinishMorsels();
    if (rejects_ && reader_->rejects_summary().total() > 0)
      rejects_->Add(reader_->rejects_summary());
    return st;
  }

 private:
  std::unique_ptr<formats::TableReader> reader_;  // null: an empty table
  const size_t morsels_;
  std::vector<size_t> read_columns_;
  std::shared_ptr<const types::Schema> projected_;
  const functions::FunctionContext& ctx_;
  std::shared_ptr<ReadRejects> rejects_;
};

}  // namespace

Result<std::unique_ptr<plan::TableScan>> FileTableSource::OpenScan(
    const functions::FunctionContext& ctx, const std::vector<size_t>& columns,
    const std::vector<plan::ExprPtr>& filters) const {
  // Columns by name: a stored Parquet table's files may order them differently.
  std::vector<std::string> names;
  std::vector<types::Field> fields;
  for (size_t c : columns) {
    const types::Field& field = schema_.field(c);
    names.push_back(field.name);
    if (empty_) {
      fields.push_back(field);
      continue;
    }
    std::optional<size_t> at = read_schema_.FindField(field.name, ctx.case_sensitive);
    if (!at)
      return Status::Invalid(description() + ": the files have no column `" + field.name + "`");
    fields.push_back(read_schema_.field(*at));
  }
  auto projected = std::make_shared<const types::Schema>(fields);
  std::unique_ptr<formats::TableReader> reader;
  std::vector<size_t> read_columns;
  size_t morsels = 0;
  if (!empty_) {
    std::optional<std::vector<std::string>> parsed;
    // CSV prunes unless spark.sql.csv.parser.columnPruning.enabled is off; JSON reads all.
    if (format_ == "parquet" || ctx.csv_column_pruning) parsed = names;
    SLUICE_ASSIGN_OR_RAISE(
        reader, formats::OpenTableReader(fs_, paths_, format_, options_, *ctx.zone, given_schema_,
                                         PushdownPredicates(filters, fields, *ctx.zone),
                                         ctx.case_sensitive, std::move(parsed)));
    if (rejects_ && rejects_->sink()) reader->set_reject_sink(rejects_->sink());
    reader->set_filter_rows(false);  // the scan step evaluates them, vectorized
    SLUICE_ASSIGN_OR_RAISE(morsels, reader->PlanMorsels());
    // The reader's schema: every column, or (Parquet) those read.
    for (const std::string& name : names)
      read_columns.push_back(*reader->schema()->FindField(name, ctx.case_sensitive));
  }
  return std::unique_ptr<plan::TableScan>(
      new FileScan(std::move(reader), morsels, std::move(read_columns), projected, ctx, rejects_));
}

}  // namespace sluice::main
