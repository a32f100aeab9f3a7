#include "formats/parquet/parallel_parquet_writer.h"

#include <algorithm>
#include <cstring>

namespace sluice::formats::parquet {
namespace {

// Buffers start small so that small files stay small, and double up to a row group.
constexpr size_t kFirstCapacity = 16 * 1024;

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
      schema_(std::make_shared<const types::Schema>(file_->schema())) {
  for (size_t c = 0; c < schema_->size(); ++c) {
    identity_columns_.push_back(c);
    widths_.push_back(schema_->field(c).type.FixedWidth());
  }
}

ParallelParquetWriter::~ParallelParquetWriter() {
  pool_.HelpUntil([this] {
    std::lock_guard lock(mu_);
    return in_flight_ == 0;
  });
}

Result<std::unique_ptr<ParallelParquetWriter>> ParallelParquetWriter::Open(
    io::FileSystem& fs, const std::string& path, const types::Schema& schema,
    ParquetWriteOptions options, parallel::ThreadPool& pool, memory::MemoryTracker* tracker,
    size_t max_in_flight) {
  if (!Supports(schema)) return Status::Invalid("ParallelParquetWriter: nested columns");
  SLUICE_ASSIGN_OR_RAISE(auto file, ParquetWriter::Open(fs, path, schema, options));
  if (max_in_flight == 0) max_in_flight = pool.size() + 1;
  return std::unique_ptr<ParallelParquetWriter>(new ParallelParquetWriter(
      std::move(file), pool, tracker, std::max<size_t>(1, max_in_flight)));
}

Status ParallelParquetWriter::FirstError() {
  std::lock_guard lock(mu_);
  return error_;
}

int64_t ParallelParquetWriter::BufferBytes() const {
  int64_t bytes = 0;
  for (size_t c = 0; c < widths_.size(); ++c) {
    bytes += static_cast<int64_t>(current_rows_) * widths_[c] +
             static_cast<int64_t>(current_->column(c).heap().allocated_bytes());
  }
  return bytes;
}

Status ParallelParquetWriter::StartBuffer() {
  pool_.HelpUntil([this] {
    std::lock_guard lock(mu_);
    return in_flight_ < max_in_flight_ || !error_.ok();
  });
  {
    std::lock_guard lock(mu_);
    SLUICE_RETURN_NOT_OK(error_);
    if (!free_.empty()) {
      current_ = std::move(free_.back());
      free_.pop_back();
    }
  }
  if (!current_) {
    const auto capacity = static_cast<size_t>(
        std::min<int64_t>(file_->options().row_group_rows, static_cast<int64_t>(kFirstCapacity)));
    SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, vector::Batch::Make(schema_, capacity));
    current_ = std::make_unique<vector::Batch>(std::move(batch));
  }
  current_rows_ = 0;
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
  const auto group_rows = static_cast<size_t>(file_->options().row_group_rows);
  for (size_t i = 0; i < rows.size();) {
    if (!current_) SLUICE_RETURN_NOT_OK(StartBuffer());
    const size_t take = std::min(rows.size() - i, group_rows - current_rows_);
    const size_t capacity = current_->column(0).capacity();
    if (current_rows_ + take > capacity) {
      const size_t grown = std::min(std::max(current_rows_ + take, capacity * 2), group_rows);
      for (size_t c = 0; c < columns.size(); ++c)
        SLUICE_RETURN_NOT_OK(current_->column(c).Reserve(grown));
    }
    for (size_t c = 0; c < columns.size(); ++c) {
      CopyRows(batch.column(columns[c]), rows, i, i + take, widths_[c], &current_->column(c),
               current_rows_);
    }
    current_rows_ += take;
    i += take;
    if (current_rows_ == group_rows) SLUICE_RETURN_NOT_OK(Seal());
  }
  if (current_ && BufferBytes() >= file_->options().row_group_bytes) return Seal();
  return Status::OK();
}

Status ParallelParquetWriter::Seal() {
  current_->set_num_rows(current_rows_);
  // Charged until written: the rows now, then their encoded chunks (no larger, as a rule).
  const int64_t charged = BufferBytes();
  while (true) {
    Status st = tracker_->Reserve(charged);
    if (st.ok()) break;
    size_t waiting_for;
    {
      std::lock_guard lock(mu_);
      if (in_flight_ == 0) return st.WithContext("writing a Parquet row group");
      waiting_for = in_flight_;
    }
    pool_.HelpUntil([&] {
      std::lock_guard lock(mu_);
      return in_flight_ < waiting_for;
    });
  }
  {
    std::lock_guard lock(mu_);
    ++in_flight_;
  }
  // std::function needs a copyable callable: the task owns the buffer through a raw pointer.
  vector::Batch* rows = current_.release();
  const int64_t seq = next_seq_++;
  pool_.Submit(
      [this, rows, seq, charged] { Encode(std::unique_ptr<vector::Batch>(rows), seq, charged); });
  current_rows_ = 0;
  return Status::OK();
}

void ParallelParquetWriter::Encode(std::unique_ptr<vector::Batch> rows, int64_t seq,
                                   int64_t charged) {
  Encoded encoded;
  encoded.charged = charged;
  {
    std::lock_guard lock(mu_);
    if (!free_encoders_.empty()) {
      encoded.encoder = std::move(free_encoders_.back());
      free_encoders_.pop_back();
    }
  }
  encoded.status = [&]() -> Status {
    if (!encoded.encoder) {
      SLUICE_ASSIGN_OR_RAISE(encoded.encoder,
                             RowGroupEncoder::Make(*schema_, file_->options(), nullptr));
    }
    const auto n = static_cast<uint32_t>(rows->num_rows());
    for (uint32_t r = 0; r < n; ++r)
      SLUICE_RETURN_NOT_OK(encoded.encoder->WriteRow(*rows, r, identity_columns_));
    SLUICE_ASSIGN_OR_RAISE(encoded.group, encoded.encoder->FinishRowGroup());
    return Status::OK();
  }();
  rows->Reset();
  std::unique_lock lock(mu_);
  free_.push_back(std::move(rows));
  ready_.emplace(seq, std::move(encoded));
  if (appending_) return;  // the appending task will take this one in its turn
  appending_ = true;
  for (auto it = ready_.find(next_append_); it != ready_.end(); it = ready_.find(next_append_)) {
    Encoded next = std::move(it->second);
    ready_.erase(it);
    ++next_append_;
    if (!next.status.ok() && error_.ok()) error_ = next.status;
    const bool write = error_.ok();  // after an error row groups are only dropped
    lock.unlock();
    Status st =
        write ? file_->AppendRowGroup(std::move(next.group), next.encoder->pieces()) : Status::OK();
    if (next.status.ok()) next.encoder->Reset();
    tracker_->Release(next.charged);
    lock.lock();
    if (!st.ok() && error_.ok()) error_ = st;
    if (next.status.ok()) free_encoders_.push_back(std::move(next.encoder));
    --in_flight_;
  }
  appending_ = false;
}

Result<ParquetFileStats> ParallelParquetWriter::Finish() {
  if (current_ && current_rows_ > 0) SLUICE_RETURN_NOT_OK(Seal());
  pool_.HelpUntil([this] {
    std::lock_guard lock(mu_);
    return in_flight_ == 0;
  });
  SLUICE_RETURN_NOT_OK(FirstError());
  return file_->Finish();
}

}  // namespace sluice::formats::parquet
