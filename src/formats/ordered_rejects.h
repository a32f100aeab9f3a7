// OrderedRejects: passes the rejects of morsels read in any order, on any threads, to a
// RejectSink in morsel order, so in file and line order. The rejects of the first morsel
// not yet done go straight through; a later morsel's wait in memory until every earlier
// morsel is done, up to a budget per morsel. Past it a morsel keeps only where its
// rejects stopped being kept, and the reader finds the rest again (Replay) once the
// morsel's turn comes: memory stays bounded by the morsels in flight whatever the number
// of rejects, and only a morsel with that many rejects is read twice.
// MorselRejectSink is the RejectSink one morsel's reader writes to.
// Thread-safe (one lock; the sink and Replay are called under it, which keeps the order).
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

#include "formats/reject_sink.h"

namespace sluice::formats {

class OrderedRejects {
 public:
  // Sends to `sink` morsel `i`'s rejects from `from` (a reject the morsel found) on, in
  // order, as far as the morsel was read.
  using Replay = std::function<Status(size_t i, const RejectedRow& from, RejectSink& sink)>;
  static constexpr size_t kBudgetBytes = 1 << 20;

  OrderedRejects(RejectSink* sink, size_t morsels, Replay replay,
                 size_t budget_bytes = kBudgetBytes)
      : sink_(sink), replay_(std::move(replay)), budget_bytes_(budget_bytes), morsels_(morsels) {}

  // Rejects of morsel `i`, in line order.
  Status Add(size_t i, std::span<const RejectedRow> rows);
  // Morsel `i` was read, or stopped: the rejects waiting for it move on.
  Status Done(size_t i);
  // After the read: sends what still waits (morsels after one that was never read).
  Status Finish();

 private:
  struct Morsel {
    std::vector<RejectedRow> rows;            // waiting for earlier morsels
    size_t bytes = 0;                         // about what `rows` hold
    std::optional<RejectedRow> dropped_from;  // the first reject not kept: Replay finds the rest
    bool done = false;
  };
  // Sends what the head morsel holds, then moves on while the head is done.
  Status Advance();

  RejectSink* const sink_;
  const Replay replay_;
  const size_t budget_bytes_;
  std::mutex mu_;
  size_t head_ = 0;              // first morsel not done; guarded by mu_
  std::vector<Morsel> morsels_;  // guarded by mu_
};

// The sink one morsel's rejects are written to; `set_morsel` before each morsel.
class MorselRejectSink final : public RejectSink {
 public:
  explicit MorselRejectSink(OrderedRejects* to) : to_(to) {}
  void set_morsel(size_t i) { morsel_ = i; }
  Status Add(std::span<const RejectedRow> rows) override { return to_->Add(morsel_, rows); }

 private:
  OrderedRejects* to_;
  size_t morsel_ = 0;
};

}  // namespace sluice::formats
