#include "formats/parquet/row_group_encoder.h"

namespace sluice::formats::parquet {

Result<std::unique_ptr<RowGroupEncoder>> RowGroupEncoder::Make(
    const types::Schema& schema, const ParquetWriteOptions& options,
    std::vector<SchemaElement>* elements) {
  std::unique_ptr<RowGroupEncoder> encoder(new RowGroupEncoder());
  std::vector<SchemaElement> ignored;
  for (const types::Field& f : schema.fields()) {
    SLUICE_ASSIGN_OR_RAISE(
        ColumnShredder column,
        ColumnShredder::Make(f, options, elements ? elements : &ignored, &encoder->leaves_));
    encoder->columns_.push_back(std::move(column));
  }
  return encoder;
}

Status RowGroupEncoder::WriteRows(const vector::Batch& batch, const uint32_t* rows, size_t n,
                                  const std::vector<size_t>& columns) {
  for (size_t c = 0; c < columns_.size(); ++c)
    SLUICE_RETURN_NOT_OK(columns_[c].Write(batch.column(columns[c]), rows, n));
  rows_ += static_cast<int64_t>(n);
  return Status::OK();
}

int64_t RowGroupEncoder::buffered_bytes() const {
  int64_t bytes = 0;
  for (const auto& leaf : leaves_) bytes += leaf->buffered_bytes();
  return bytes;
}

Result<RowGroup> RowGroupEncoder::FinishRowGroup() {
  RowGroup group;
  group.num_rows = rows_;
  group.file_offset = 0;
  heads_.resize(leaves_.size());
  uint64_t offset = 0;
  int64_t compressed = 0;
  for (size_t i = 0; i < leaves_.size(); ++i) {
    SLUICE_ASSIGN_OR_RAISE(ColumnChunk chunk, leaves_[i]->FinishChunk(offset, &heads_[i]));
    offset += static_cast<uint64_t>(chunk.meta_data->total_compressed_size);
    group.total_byte_size += chunk.meta_data->total_uncompressed_size;
    compressed += chunk.meta_data->total_compressed_size;
    group.columns.push_back(std::move(chunk));
  }
  group.total_compressed_size = compressed;
  rows_ = 0;
  return group;
}

Status RowGroupEncoder::WriteTo(const std::function<Status(std::string_view)>& write) {
  for (size_t i = 0; i < leaves_.size(); ++i) {
    SLUICE_RETURN_NOT_OK(write(heads_[i]));
    SLUICE_RETURN_NOT_OK(leaves_[i]->WritePages(write));
  }
  return Status::OK();
}

void RowGroupEncoder::StartRowGroup() {
  for (const auto& leaf : leaves_) leaf->StartChunk();
}

void RowGroupEncoder::Reset() {
  for (const auto& leaf : leaves_) leaf->ForgetDictionaryOverflow();
  rows_ = 0;
}

}  // namespace sluice::formats::parquet
