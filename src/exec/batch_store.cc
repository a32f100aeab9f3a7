#include "exec/batch_store.h"

#include <algorithm>

#include "exec/executor.h"

namespace sluice::exec {

BatchStore::BatchStore(BatchList batches) {
  for (vector::Batch& b : batches) Add(std::move(b));
}

size_t BatchStore::memory_bytes() const {
  size_t bytes = 0;
  for (const Entry& e : entries_)
    if (e.batch) bytes += MemoryBytes(*e.batch);
  return bytes;
}

vector::Batch ShareBatch(const vector::Batch& batch) {
  std::vector<vector::Vector> columns;
  columns.reserve(batch.num_columns());
  for (size_t c = 0; c < batch.num_columns(); ++c) columns.push_back(batch.column(c).Share());
  vector::Batch out =
      vector::Batch::FromColumns(batch.schema_ptr(), std::move(columns), batch.num_rows());
  if (batch.selection() != nullptr)
    out.set_selection(std::make_unique<vector::SelectionVector>(*batch.selection()));
  return out;
}

Result<vector::Batch> BatchStore::Read(size_t i) const {
  const Entry& e = entries_[i];
  if (e.batch) return ShareBatch(*e.batch);
  return e.file->Read(e.block);
}

Result<vector::Batch> BatchStore::Take(size_t i) {
  Entry& e = entries_[i];
  if (e.batch) {
    vector::Batch b = std::move(*e.batch);
    e.batch.reset();
    return b;
  }
  Result<vector::Batch> b = e.file->Read(e.block);
  e.file.reset();
  return b;
}

BatchStore BatchStore::Share() const {
  BatchStore out;
  out.entries_.reserve(entries_.size());
  for (const Entry& e : entries_)
    out.entries_.push_back(
        Entry{e.batch ? std::optional(ShareBatch(*e.batch)) : std::nullopt, e.file, e.block});
  out.rows_ = rows_;
  out.spilled_ = spilled_;
  return out;
}

Result<BatchList> BatchStore::TakeAll() {
  BatchList out;
  out.reserve(entries_.size());
  for (Entry& e : entries_) {
    if (e.batch) {
      out.push_back(std::move(*e.batch));
    } else {
      SLUICE_ASSIGN_OR_RAISE(vector::Batch b, e.file->Read(e.block));
      out.push_back(std::move(b));
    }
  }
  *this = BatchStore();
  return out;
}

void BatchStore::Add(vector::Batch batch) {
  rows_ += batch.num_selected();
  entries_.push_back(Entry{std::move(batch), nullptr, 0});
}

void BatchStore::AddSpilled(std::shared_ptr<const SpillFile> file, size_t block, uint64_t rows) {
  rows_ += rows;
  spilled_ = true;
  entries_.push_back(Entry{std::nullopt, std::move(file), block});
}

void BatchStore::Append(BatchStore other) {
  rows_ += other.rows_;
  spilled_ = spilled_ || other.spilled_;
  if (entries_.empty()) {
    entries_ = std::move(other.entries_);
    return;
  }
  entries_.insert(entries_.end(), std::make_move_iterator(other.entries_.begin()),
                  std::make_move_iterator(other.entries_.end()));
}

int64_t SpillBudget(const memory::MemoryTracker& op) {
  const memory::MemoryTracker* query = op.parent() != nullptr ? op.parent() : &op;
  const int64_t room = std::max<int64_t>(query->limit() - query->used(), 0);
  return op.used() + room / 4;
}

Status RowSpiller::Add(vector::Batch batch, BatchStore& to) {
  if (!file_) {
    const size_t bytes = bytes_ + MemoryBytes(batch);
    if (held_.TryHold(bytes, budget_)) {
      bytes_ = bytes;
      to.Add(std::move(batch));
      return Status::OK();
    }
    SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<SpillFile> file,
                           SpillFile::Create(dir_, batch.schema_ptr()));
    file_ = std::move(file);
  }
  SLUICE_RETURN_NOT_OK(file_->Append(batch));
  to.AddSpilled(file_, file_->block_count() - 1, batch.num_selected());
  return Status::OK();
}

Status RowSpiller::Finish() { return file_ ? file_->FinishWriting() : Status::OK(); }

}  // namespace sluice::exec
