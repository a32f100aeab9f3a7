#include "formats/parquet/parquet_writer.h"

#include <algorithm>

#include "formats/parquet/parquet_codec.h"

namespace sluice::formats::parquet {

ParquetWriter::ParquetWriter(std::unique_ptr<io::WritableFile> file, types::Schema schema,
                             ParquetWriteOptions options)
    : file_(std::move(file)), schema_(std::move(schema)), options_(options) {}

ParquetWriter::~ParquetWriter() = default;

Result<std::unique_ptr<ParquetWriter>> ParquetWriter::Open(io::FileSystem& fs,
                                                           const std::string& path,
                                                           const types::Schema& schema,
                                                           ParquetWriteOptions options) {
  std::vector<SchemaElement> elements;
  SchemaElement root;
  root.name = "spark_schema";
  root.num_children = static_cast<int32_t>(schema.size());
  elements.push_back(root);
  SLUICE_RETURN_NOT_OK(ToIoCodec(options.codec).status());
  // The writer owns the options its columns refer to, so it exists before them.
  std::unique_ptr<ParquetWriter> writer(new ParquetWriter(nullptr, schema, options));
  SLUICE_ASSIGN_OR_RAISE(writer->encoder_,
                         RowGroupEncoder::Make(schema, writer->options_, &elements));
  SLUICE_ASSIGN_OR_RAISE(writer->file_, fs.OpenWrite(path));
  writer->metadata_.version = 1;
  writer->metadata_.schema = std::move(elements);
  writer->metadata_.created_by = std::string("sluice version ") + SLUICE_VERSION;
  writer->metadata_.column_orders.assign(writer->encoder_->leaves().size(), true);
  SLUICE_RETURN_NOT_OK(writer->Append(std::string_view("PAR1")));
  return writer;
}

Status ParquetWriter::Append(std::string_view bytes) {
  SLUICE_RETURN_NOT_OK(file_->Append(bytes));
  offset_ += bytes.size();
  return Status::OK();
}

Status ParquetWriter::Write(const vector::Batch& batch) {
  std::vector<uint32_t> rows(batch.num_selected());
  for (size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<uint32_t>(batch.selected_row(i));
  std::vector<size_t> columns(batch.num_columns());
  for (size_t c = 0; c < columns.size(); ++c) columns[c] = c;
  return WriteRows(batch, rows, columns);
}

Status ParquetWriter::WriteRows(const vector::Batch& batch, const std::vector<uint32_t>& rows,
                                const std::vector<size_t>& columns) {
  if (columns.size() != schema_.size()) {
    return Status::Invalid("writing " + std::to_string(columns.size()) + " columns to a file of " +
                           std::to_string(schema_.size()));
  }
  for (size_t i = 0; i < rows.size();) {
    const size_t take = std::min<size_t>(
        rows.size() - i, static_cast<size_t>(options_.row_group_rows - encoder_->num_rows()));
    SLUICE_RETURN_NOT_OK(encoder_->WriteRows(batch, rows.data() + i, take, columns));
    i += take;
    if (encoder_->num_rows() >= options_.row_group_rows) SLUICE_RETURN_NOT_OK(FlushRowGroup());
  }
  if (buffered_bytes() >= options_.row_group_bytes) SLUICE_RETURN_NOT_OK(FlushRowGroup());
  return Status::OK();
}

int64_t ParquetWriter::buffered_bytes() const { return encoder_->buffered_bytes(); }

Status ParquetWriter::FlushRowGroup() {
  if (encoder_->num_rows() == 0) return Status::OK();
  SLUICE_ASSIGN_OR_RAISE(RowGroup group, encoder_->FinishRowGroup());
  Status st = AppendEncoded(std::move(group), *encoder_);
  encoder_->StartRowGroup();
  return st;
}

Status ParquetWriter::AppendRowGroup(RowGroup group, RowGroupEncoder& encoder) {
  SLUICE_RETURN_NOT_OK(FlushRowGroup());
  return AppendEncoded(std::move(group), encoder);
}

Status ParquetWriter::AppendEncoded(RowGroup group, RowGroupEncoder& encoder) {
  const auto shift = static_cast<int64_t>(offset_);
  group.file_offset = *group.file_offset + shift;
  group.ordinal = static_cast<int16_t>(metadata_.row_groups.size());
  const auto& leaves = encoder_->leaves();
  if (group.columns.size() != leaves.size())
    return Status::Invalid("appending a row group of another schema");
  for (size_t i = 0; i < group.columns.size(); ++i) {
    ColumnChunk& chunk = group.columns[i];
    chunk.file_offset += shift;
    chunk.meta_data->data_page_offset += shift;
    if (chunk.meta_data->dictionary_page_offset) *chunk.meta_data->dictionary_page_offset += shift;
    leaves[i]->MergeFileStats(chunk);
  }
  SLUICE_RETURN_NOT_OK(encoder.WriteTo([this](std::string_view bytes) { return Append(bytes); }));
  metadata_.num_rows += group.num_rows;
  metadata_.row_groups.push_back(std::move(group));
  return Status::OK();
}

Result<ParquetFileStats> ParquetWriter::Finish() {
  if (finished_) return Status::Invalid("ParquetWriter::Finish called twice");
  finished_ = true;
  SLUICE_RETURN_NOT_OK(FlushRowGroup());
  std::string footer = SerializeFileMetaData(metadata_);
  auto length = static_cast<uint32_t>(footer.size());
  SLUICE_RETURN_NOT_OK(Append(footer));
  SLUICE_RETURN_NOT_OK(Append(std::string_view(reinterpret_cast<const char*>(&length), 4)));
  SLUICE_RETURN_NOT_OK(Append(std::string_view("PAR1")));
  SLUICE_RETURN_NOT_OK(file_->Sync());
  SLUICE_RETURN_NOT_OK(file_->Close());
  ParquetFileStats stats;
  stats.num_rows = metadata_.num_rows;
  stats.file_size = offset_;
  for (const auto& leaf : encoder_->leaves()) stats.columns.push_back(leaf->file_stats());
  return stats;
}

}  // namespace sluice::formats::parquet
