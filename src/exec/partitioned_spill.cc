#include "exec/partitioned_spill.h"

#include "vector/vector_ops.h"

namespace sluice::exec {

namespace {

// Rows a partition gathers before they are written as one block: a batch split 32 ways (and
// again one level down) would otherwise make blocks of a few rows each.
constexpr size_t kBlockRows = 256;

}  // namespace

Status PartitionedSpill::Append(const vector::Batch& batch, const std::vector<uint64_t>& hashes) {
  for (size_t i = 0; i < batch.num_selected(); ++i) {
    const size_t r = batch.selected_row(i);
    const size_t p = PartitionOf(hashes[r]);
    if (!pending_[p]) {
      SLUICE_ASSIGN_OR_RAISE(vector::Batch b, vector::Batch::Make(schema_, kBlockRows));
      pending_[p] = std::move(b);
    }
    vector::Batch& block = *pending_[p];
    const size_t at = block.num_rows();
    for (size_t c = 0; c < batch.num_columns(); ++c)
      SLUICE_RETURN_NOT_OK(vector::CopyRow(batch.column(c), r, block.column(c), at));
    block.set_num_rows(at + 1);
    if (at + 1 == kBlockRows) SLUICE_RETURN_NOT_OK(Flush(p));
  }
  return Status::OK();
}

Status PartitionedSpill::Flush(size_t p) {
  if (!pending_[p]) return Status::OK();
  if (!files_[p]) {
    SLUICE_ASSIGN_OR_RAISE(files_[p], SpillFile::Create(dir_, schema_));
  }
  Status written = files_[p]->Append(*pending_[p]);
  pending_[p].reset();
  return written;
}

Status PartitionedSpill::FinishWriting() {
  for (size_t p = 0; p < files_.size(); ++p) {
    SLUICE_RETURN_NOT_OK(Flush(p));
    if (files_[p]) SLUICE_RETURN_NOT_OK(files_[p]->FinishWriting());
  }
  return Status::OK();
}

BatchStore PartitionedSpill::Partition(size_t p) const {
  BatchStore rows;
  const std::shared_ptr<SpillFile>& file = files_[p];
  for (size_t b = 0; file && b < file->block_count(); ++b)
    rows.AddSpilled(file, b, file->block_rows(b));
  return rows;
}

uint64_t PartitionedSpill::bytes() const {
  uint64_t total = 0;
  for (const std::shared_ptr<SpillFile>& f : files_)
    if (f) total += f->bytes();
  return total;
}

}  // namespace sluice::exec
