#include "exec/partitioned_rows.h"

#include <algorithm>

#include "exec/gather_rows.h"

namespace sluice::exec {

Status PartitionedRows::Append(const vector::Batch& batch, const std::vector<uint64_t>& hashes) {
  const size_t rows = batch.num_rows();
  // The rows in partition order (a counting sort on the hash's top bits).
  counts_.assign(parts_.size() + 1, 0);
  for (size_t r = 0; r < rows; ++r) ++counts_[(hashes[r] >> (64 - bits_)) + 1];
  for (size_t p = 1; p <= parts_.size(); ++p) counts_[p] += counts_[p - 1];
  std::vector<uint64_t> order(rows);
  {
    std::vector<uint32_t> next(counts_.begin(), counts_.end() - 1);
    for (size_t r = 0; r < rows; ++r) order[next[hashes[r] >> (64 - bits_)]++] = r;
  }
  std::vector<ColumnGatherer> gatherers;
  for (size_t c = 0; c < batch.num_columns(); ++c) {
    const vector::Vector& column = batch.column(c);
    gatherers.emplace_back(std::vector<const vector::Vector*>{&column}, column.type());
  }
  for (size_t p = 0; p < parts_.size(); ++p) {
    for (size_t i = counts_[p]; i < counts_[p + 1];) {
      BatchList& part = parts_[p];
      if (part.empty() || part.back().num_rows() == vector::kVectorSize) {
        SLUICE_ASSIGN_OR_RAISE(vector::Batch b, vector::Batch::Make(schema_));
        part.push_back(std::move(b));
      }
      vector::Batch& to = part.back();
      const size_t at = to.num_rows();
      const size_t n = std::min<size_t>(counts_[p + 1] - i, vector::kVectorSize - at);
      const size_t before = at == 0 ? 0 : MemoryBytes(to);
      for (size_t c = 0; c < batch.num_columns(); ++c)
        SLUICE_RETURN_NOT_OK(gatherers[c].Gather(&order[i], n, to.column(c), at));
      bytes_ += MemoryBytes(to) - before;
      to.set_num_rows(at + n);
      for (size_t j = i; j < i + n; ++j) hashes_[p].push_back(hashes[order[j]]);
      bytes_ += n * sizeof(uint64_t);
      i += n;
    }
  }
  return Status::OK();
}

void PartitionedRows::Clear(size_t p) {
  BatchList().swap(parts_[p]);
  std::vector<uint64_t>().swap(hashes_[p]);
}

}  // namespace sluice::exec
