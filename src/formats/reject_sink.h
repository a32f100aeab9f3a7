// RejectSink: where a reader streams the rows it rejects while it reads, so that memory
// stays bounded whatever their number. Sinks are thread-safe: readers call Add from the
// threads reading, one call per block of rows, in file and line order (OrderedRejects).
// CollectingRejectSink keeps every row (tests); dataset/rejects_csv_file.h writes them to
// a file. RejectBuffer is a reading thread's side: reused rows, the summary, one Add per
// block.
#pragma once

#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "common/status.h"
#include "formats/rejected_row.h"
#include "formats/rejects_summary.h"

namespace sluice::formats {

class RejectSink {
 public:
  virtual ~RejectSink() = default;
  // `rows` are valid only during the call (readers reuse them). An error stops the read.
  virtual Status Add(std::span<const RejectedRow> rows) = 0;
  // Called by the reader at the end of a read, so that what is buffered is written and
  // its errors surface from Read.
  virtual Status Flush() { return Status::OK(); }
};

// Keeps every reject; for tests that check rejects exactly.
class CollectingRejectSink final : public RejectSink {
 public:
  Status Add(std::span<const RejectedRow> rows) override;
  // All rows so far, by file and line (the order of an ordered read).
  std::vector<RejectedRow> Sorted() const;

 private:
  mutable std::mutex mu_;
  std::vector<RejectedRow> rows_;  // guarded by mu_
};

// One worker's rejects on their way out: rows are reused from block to block (no
// allocation per reject once warm), counted into the worker's summary, and handed to the
// sink (if any) once per block. Not thread-safe: one per worker.
class RejectBuffer {
 public:
  RejectBuffer(RejectSink* sink, size_t summary_rows) : sink_(sink), summary_(summary_rows) {}
  // A row to fill in (every field: it may hold an earlier reject's values).
  RejectedRow& Next();
  // Counts the rows filled since the last Flush and sends them to the sink.
  Status Flush();
  RejectsSummary& summary() { return summary_; }

 private:
  static constexpr size_t kMaxKeptRawBytes = 64 << 10;
  RejectSink* sink_;
  RejectsSummary summary_;
  std::vector<RejectedRow> rows_;
  size_t used_ = 0;
};

}  // namespace sluice::formats
