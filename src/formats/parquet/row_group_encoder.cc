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

Status RowGroupEncoder::WriteRow(const vector::Batch& batch, uint32_t row,
                                 const std::vector<size_t>& columns) {
  for (size_t c = 0; c < columns_.size(); ++c)
    SLUICE_RETURN_NOT_OK(columns_[c].Write(batch.column(columns[c]), row));
  ++rows_;
  return Status::OK();
}

int64_t RowGroupEncoder::buffered_bytes() const {
  int64_t bytes = 0;
  for (const auto& leaf : leaves_) bytes += leaf->buffered_bytes();
  return bytes;
}

Result<RowGroup> RowGroupEncoder::Flush(std::string* out) {
  RowGroup group;
  group.num_rows = rows_;
  group.file_offset = 0;
  int64_t compressed = 0;
  const size_t start = out->size();
  for (const auto& leaf : leaves_) {
    SLUICE_ASSIGN_OR_RAISE(ColumnChunk chunk, leaf->Flush(out->size() - start, out));
    group.total_byte_size += chunk.meta_data->total_uncompressed_size;
    compressed += chunk.meta_data->total_compressed_size;
    group.columns.push_back(std::move(chunk));
  }
  group.total_compressed_size = compressed;
  rows_ = 0;
  return group;
}

}  // namespace sluice::formats::parquet
