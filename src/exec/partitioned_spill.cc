#include "exec/partitioned_spill.h"

#include "vector/selection_vector.h"

namespace sluice::exec {

Status PartitionedSpill::Append(const vector::Batch& batch, const std::vector<uint64_t>& hashes) {
  rows_.resize(files_.size());
  for (std::vector<uint32_t>& rows : rows_) rows.clear();
  for (size_t i = 0; i < batch.num_selected(); ++i) {
    const size_t r = batch.selected_row(i);
    rows_[PartitionOf(hashes[r])].push_back(static_cast<uint32_t>(r));
  }
  for (size_t p = 0; p < files_.size(); ++p) {
    if (rows_[p].empty()) continue;
    if (!files_[p]) {
      SLUICE_ASSIGN_OR_RAISE(files_[p], SpillFile::Create(dir_, schema_));
    }
    std::vector<vector::Vector> columns;
    for (size_t c = 0; c < batch.num_columns(); ++c) columns.push_back(batch.column(c).Share());
    vector::Batch part = vector::Batch::FromColumns(schema_, std::move(columns), batch.num_rows());
    auto selection = std::make_unique<vector::SelectionVector>();
    for (uint32_t r : rows_[p]) selection->Append(r);
    part.set_selection(std::move(selection));
    SLUICE_RETURN_NOT_OK(files_[p]->Append(part));
  }
  return Status::OK();
}

Status PartitionedSpill::FinishWriting() {
  for (std::unique_ptr<SpillFile>& f : files_)
    if (f) SLUICE_RETURN_NOT_OK(f->FinishWriting());
  return Status::OK();
}

uint64_t PartitionedSpill::bytes() const {
  uint64_t total = 0;
  for (const std::unique_ptr<SpillFile>& f : files_)
    if (f) total += f->bytes();
  return total;
}

}  // namespace sluice::exec
