#include "dataset/parallel_parquet_writer.h"

#include <algorithm>
#include <cstring>

namespace sluice::formats::parquet {
namespace {

// Slice buffers start small so that small files stay small, and double up to a slice.
constexpr size_t kFirstCapacity = 16 * 1024;
// Slices are large enough that a task costs nothing next to encoding them, and small enough
// that the raw rows in flight are a few MiB per thread, not a row group per thread.
constexpr size_t kSliceRows = 32 * 1024;
constexpr int64_t kSliceBytes = 2 << 20;

template <int kWidth>
void CopyValues(const uint8_t* in, const std::vector<uint32_t>& rows, size_t begin, size_t end,
                uint8_t* out) {
  for (size_t i = begin; i < end; ++i, out += kWidth)
    std::memcpy(out, in + size_t{rows[i]} * kWidth, kWidth);
}

// Copies rows[begin, end) of `src` to `dst` from row `at` on. Strings that are not inline
// are copied into dst's heap: src is reused after the call, and pointing into its buffers
// instead would touch again input pages that the reader has given back.
void CopyRows(const vector::Vector& src, const std::vector<uint32_t>& rows, size_t begin,
              size_t end, int width, vector::Vector* dst, size_t at) {
  const auto* in = src.data<uint8_t>();
  auto* out = dst->data<uint8_t>() + at * static_cast<size_t>(width);
  switch (width) {
    case 1:
      CopyValues<1>(in, rows, begin, end, out);
      break;
    case 2:
      CopyValues<2>(in, rows, begin, end, out);
      break;
    case 4:
      CopyValues<4>(in, rows, begin, end, out);
      break;
    case 8:
      CopyValues<8>(in, rows, begin, end, out);
      break;
    default:
      CopyValues<16>(in, rows, begin, end, out);
      break;
  }
  if (!src.validity().AllValid()) {
    for (size_t i = begin; i < end; ++i) {
      if (src.IsNull(rows[i])) dst->SetNull(at + (i - begin));
    }
  }
  if (src.type().IsStringLike()) {
    auto* strings = dst->data<vector::StringRef>() + at;
    for (size_t i = begin; i < end; ++i, ++strings) {
      if (!strings->IsInlined() && !src.IsNull(rows[i]))
        *strings = dst->heap().Add(strings->view());
    }
  }
}

}  // namespace

bool ParallelParquetWriter::Supports(const types::Schema& schema) {
  return std::all_of(schema.fields().begin(), schema.fields().end(), [](const types::Field& f) {
    return !f.type.IsNested() && f.type.FixedWidth() > 0;
  });
}

ParallelParquetWriter::ParallelParquetWriter(std::unique_ptr<ParquetWriter> file,
                                             parallel::ThreadPool& pool,
                                             memory::MemoryTracker* tracker, size_t max_in_flight)
    : file_(std::move(file)),
      pool_(pool),
      tracker_(tracker),
      max_in_flight_(max_in_flight),
      schema_(std::make_shared<const types::Schema>(file_->schema())),
      slice_rows_(static_cast<size_t>(
          std::min<int64_t>(file_->options().row_group_rows, static_cast<int64_t>(kSliceRows)))) {
  for (size_t c = 0; c < schema_->size(); ++c) {
    identity_columns_.push_back(c);
    widths_.push_back(schema_->field(c).type.FixedWidth());
  }
}

ParallelParquetWriter::~ParallelParquetWriter() {
  if (current_group_) {
    // Abandoned before Finish: what is in flight is dropped, not written.
    {
      std::lock_guard lock(mu_);
      if (error_.ok()) error_ = Status::Cancelled("the Parquet write was abandoned");
    }
    slice_rows_filled_ = 0;
    (void)SealGroup();
  }
  pool_.HelpUntil([this] {
    std::lock_guard lock(mu_);
    return groups_in_flight_ == 0;
  });
}

Result<std::unique_ptr<ParallelParquetWriter>> ParallelParquetWriter::Open(
    io::FileSystem& fs, const std::string& path, const types::Schema& schema,
    ParquetWriteOptions options, parallel::ThreadPool& pool, memory::MemoryTracker* tracker,
    size_t max_in_flight) {
  if (!Supports(schema)) return Status::Invalid("ParallelParquetWriter: nested columns");
  SLUICE_ASSIGN_OR_RAISE(auto file, ParquetWriter::Open(fs, path, schema, options));
  if (max_in_flight == 0) max_in_flight = std::max<size_t>(2, pool.size());
  return std::unique_ptr<ParallelParquetWriter>(new ParallelParquetWriter(
      std::move(file), pool, tracker, std::max<size_t>(1, max_in_flight)));
}

Status ParallelParquetWriter::FirstError() {
  std::lock_guard lock(mu_);
  return error_;
}

int64_t ParallelParquetWriter::SliceBytes() const {
  int64_t bytes = 0;
  for (size_t c = 0; c < widths_.size(); ++c) {
    bytes += static_cast<int64_t>(slice_rows_filled_) * widths_[c] +
             static_cast<int64_t>(slice_->column(c).heap().allocated_bytes());
  }
  return bytes;
}

Status ParallelParquetWriter::StartGroup() {
  pool_.HelpUntil([this] {
    std::lock_guard lock(mu_);
    return groups_in_flight_ < max_in_flight_ || !error_.ok();
  });
  std::lock_guard lock(mu_);
  SLUICE_RETURN_NOT_OK(error_);
  ++groups_in_flight_;
  current_group_ = std::make_shared<Group>();
  current_group_->seq = next_seq_++;
  group_rows_ = 0;
  group_bytes_ = 0;
  return Status::OK();
}

Status ParallelParquetWriter::StartSlice() {
  {
    std::lock_guard lock(mu_);
    if (!free_.empty()) {
      slice_ = std::move(free_.back());
      free_.pop_back();
    }
  }
  if (!slice_) {
    SLUICE_ASSIGN_OR_RAISE(vector::Batch batch,
                           vector::Batch::Make(schema_, std::min(slice_rows_, kFirstCapacity)));
    slice_ = std::make_unique<vector::Batch>(std::move(batch));
  }
  slice_rows_filled_ = 0;
  return Status::OK();
}

Status ParallelParquetWriter::WriteRows(const vector::Batch& batch,
                                        const std::vector<uint32_t>& rows,
                                        const std::vector<size_t>& columns) {
  if (columns.size() != schema_->size()) {
    return Status::Invalid("writing " + std::to_string(columns.size()) + " columns to a file of " +
                           std::to_string(schema_->size()));
  }
  SLUICE_RETURN_NOT_OK(FirstError());
  const auto group_limit = static_cast<size_t>(file_->options().row_group_rows);
  for (size_t i = 0; i < rows.size();) {
    if (!current_group_) SLUICE_RETURN_NOT_OK(StartGroup());
    if (!slice_) SLUICE_RETURN_NOT_OK(StartSlice());
    const size_t take =
        std::min({rows.size() - i, group_limit - group_rows_, slice_rows_ - slice_rows_filled_});
    const size_t capacity = slice_->column(0).capacity();
    if (slice_rows_filled_ + take > capacity) {
      const size_t grown = std::min(std::max(slice_rows_filled_ + take, capacity * 2), slice_rows_);
      for (size_t c = 0; c < columns.size(); ++c)
        SLUICE_RETURN_NOT_OK(slice_->column(c).Reserve(grown));
    }
    for (size_t c = 0; c < columns.size(); ++c) {
      CopyRows(batch.column(columns[c]), rows, i, i + take, widths_[c], &slice_->column(c),
               slice_rows_filled_);
    }
    slice_rows_filled_ += take;
    group_rows_ += take;
    i += take;
    if (group_rows_ == group_limit) {
      SLUICE_RETURN_NOT_OK(SealGroup());
    } else if (slice_rows_filled_ == slice_rows_) {
      SLUICE_RETURN_NOT_OK(HandOver());
    }
  }
  if (!slice_) return Status::OK();
  const int64_t slice_bytes = SliceBytes();
  if (group_bytes_ + slice_bytes >= file_->options().row_group_bytes) return SealGroup();
  if (slice_bytes >= kSliceBytes) return HandOver();
  return Status::OK();
}

Status ParallelParquetWriter::HandOver() {
  slice_->set_num_rows(slice_rows_filled_);
  const int64_t bytes = SliceBytes();
  // Reserved until encoded, twice: room for what encoding it adds to the row group's
  // encoder (dictionary, levels, the page being built), which is then charged instead.
  const int64_t reserved = 2 * bytes;
  while (true) {
    int64_t seen;
    {
      std::lock_guard lock(mu_);
      SLUICE_RETURN_NOT_OK(error_);
      if (slices_in_flight_ < 2 * max_in_flight_) {
        Status st = tracker_->Reserve(reserved);
        if (st.ok()) {
          ++slices_in_flight_;
          current_group_->slices.push_back(Slice{std::move(slice_), reserved});
          Schedule(current_group_);
          break;
        }
        if (slices_in_flight_ == 0 && groups_in_flight_ == 1) {
          error_ = st.WithContext("writing a Parquet row group");  // nothing else frees room
          return error_;
        }
      }
      seen = progress_;
    }
    pool_.HelpUntil([&] {
      std::lock_guard lock(mu_);
      return progress_ != seen || !error_.ok();
    });
  }
  group_bytes_ += bytes;
  slice_rows_filled_ = 0;
  return Status::OK();
}

Status ParallelParquetWriter::SealGroup() {
  Status st = slice_rows_filled_ > 0 ? HandOver() : Status::OK();
  // Sealed even when the hand-over failed, so that its strand finishes (or drops) it.
  std::lock_guard lock(mu_);
  current_group_->sealed = true;
  Schedule(current_group_);
  current_group_.reset();
  return st;
}

void ParallelParquetWriter::Schedule(const std::shared_ptr<Group>& group) {
  if (group->running) return;
  group->running = true;
  pool_.Submit([this, group] { Drain(group); });
}

void ParallelParquetWriter::Recharge(Group& group, int64_t given_up) {
  const int64_t bytes = group.encoder ? group.encoder->buffered_bytes() : 0;
  // One net change, so that room given up by a slice is not taken by another in between.
  // Encoded bytes are already allocated: counted, not refused (slices make room).
  const int64_t delta = bytes - group.charged - given_up;
  if (delta > 0) tracker_->Charge(delta);
  if (delta < 0) tracker_->Release(-delta);
  group.charged = bytes;
}

Status ParallelParquetWriter::EncodeSlice(Group& group, const vector::Batch& rows) {
  if (!group.encoder) {
    SLUICE_ASSIGN_OR_RAISE(group.encoder,
                           RowGroupEncoder::Make(*schema_, file_->options(), nullptr));
  }
  return group.encoder->WriteRows(rows, nullptr, rows.num_rows(), identity_columns_);
}

void ParallelParquetWriter::Drain(std::shared_ptr<Group> group) {
  // Only this task touches the group's encoder, status and charge until it is appended.
  std::unique_lock lock(mu_);
  while (!group->slices.empty()) {
    Slice slice = std::move(group->slices.front());
    group->slices.pop_front();
    const bool encode = group->status.ok() && error_.ok();  // after an error only dropped
    if (encode && !group->encoder && !free_encoders_.empty()) {
      group->encoder = std::move(free_encoders_.back());
      free_encoders_.pop_back();
    }
    lock.unlock();
    // A pool task must give its error to the writer (an exception would be lost).
    if (encode)
      group->status = parallel::RunCatching([&] { return EncodeSlice(*group, *slice.rows); });
    slice.rows->Reset();
    Recharge(*group, slice.charged);
    lock.lock();
    if (!group->status.ok() && error_.ok()) error_ = group->status;
    free_.push_back(std::move(slice.rows));
    --slices_in_flight_;
    ++progress_;
  }
  if (!group->sealed) {
    group->running = false;  // the caller's next slice schedules it again
    return;
  }
  lock.unlock();
  if (group->status.ok() && group->encoder) {
    auto finished = group->encoder->FinishRowGroup();
    if (finished.ok()) {
      group->group = std::move(*finished);
    } else {
      group->status = finished.status();
    }
    Recharge(*group, 0);
  }
  Append(std::move(group));
}

void ParallelParquetWriter::Append(std::shared_ptr<Group> group) {
  std::unique_lock lock(mu_);
  ready_.emplace(group->seq, std::move(group));
  if (appending_) return;  // the appending task will take this one in its turn
  appending_ = true;
  for (auto it = ready_.find(next_append_); it != ready_.end(); it = ready_.find(next_append_)) {
    std::shared_ptr<Group> next = std::move(it->second);
    ready_.erase(it);
    ++next_append_;
    if (!next->status.ok() && error_.ok()) error_ = next->status;
    const bool reuse = next->status.ok() && next->encoder;
    const bool write = error_.ok() && reuse;  // after an error row groups are only dropped
    lock.unlock();
    Status st =
        write ? file_->AppendRowGroup(std::move(next->group), *next->encoder) : Status::OK();
    if (reuse) next->encoder->Reset();
    tracker_->Release(next->charged);
    lock.lock();
    if (!st.ok() && error_.ok()) error_ = st;
    if (reuse) free_encoders_.push_back(std::move(next->encoder));
    --groups_in_flight_;
    ++progress_;
  }
  appending_ = false;
}

Result<ParquetFileStats> ParallelParquetWriter::Finish() {
  if (current_group_) SLUICE_RETURN_NOT_OK(SealGroup());
  pool_.HelpUntil([this] {
    std::lock_guard lock(mu_);
    return groups_in_flight_ == 0;
  });
  SLUICE_RETURN_NOT_OK(FirstError());
  return file_->Finish();
}

}  // namespace sluice::formats::parquet
