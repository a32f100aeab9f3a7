// TableReader: what every file format's reader offers the layers above (the dataset layer,
// the query engine): a schema, the input split into morsels (a CSV byte range, a Parquet
// row group) that the caller's threads read, counts, progress, and the rows it rejects,
// streamed to a RejectSink in file and line order and summarised (bounded memory whatever
// their number). dataset/table_reader.h opens one over files and drives its morsels.
// Open, PlanMorsels and FinishMorsels are single-threaded; ReadMorsel is thread-safe for
// distinct morsels; a reader runs one read (PlanMorsels..FinishMorsels) at a time.
#pragma once

#include <functional>
#include <memory>

#include "formats/ordered_rejects.h"
#include "formats/reject_sink.h"
#include "formats/rejects_summary.h"
#include "types/schema.h"
#include "vector/batch.h"

namespace sluice::formats {

struct ReadStats {
  uint64_t files = 0;
  uint64_t rows_read = 0;      // data rows in the input
  uint64_t rows_output = 0;    // rows handed to the sink
  uint64_t rows_rejected = 0;  // malformed rows (also in the output under PERMISSIVE)
};

// A morsel's batches, on the thread reading it; valid during the call only.
using MorselSink = std::function<Status(const vector::Batch& batch)>;

class TableReader {
 public:
  virtual ~TableReader() = default;
  virtual const std::shared_ptr<const types::Schema>& schema() const = 0;

  // A read in morsels: PlanMorsels once, then ReadMorsel for each morsel on any threads
  // (each at most once), then FinishMorsels. The morsels' rows, in morsel order, are the
  // input's rows in file order. Filters given at open time apply.
  // Starts a read: the number of morsels.
  virtual Result<size_t> PlanMorsels() = 0;
  // Hands morsel `i`'s rows to `sink` in order, on the calling thread; an error from the
  // sink stops the morsel with that error.
  virtual Status ReadMorsel(size_t i, const MorselSink& sink) = 0;
  // Once every morsel was read, or the read stopped early: sets stats() and
  // rejects_summary(), and sends the rejects still waiting for earlier morsels (a
  // morsel's rejects reach the sink once every earlier morsel is done).
  virtual Status FinishMorsels() = 0;

  // Counts of the last read, once finished.
  virtual const ReadStats& stats() const = 0;
  virtual uint64_t total_bytes() const = 0;
  virtual uint64_t bytes_done() const = 0;
  // A guess of the rows a read gives, without reading them (the optimizer's join order);
  // filters given at open time are not counted in.
  virtual uint64_t EstimatedRows() const = 0;

  // Where a read sends rejected rows, in file and line order; set before it starts.
  // Without a sink only the summary is kept.
  void set_reject_sink(std::shared_ptr<RejectSink> sink) { reject_sink_ = std::move(sink); }
  // How many of the first rejects the summary keeps (RejectsSummary::kDefaultFirstRows).
  void set_summary_rows(size_t n) { summary_rows_ = n; }
  // Counts and the first rejects of the last read.
  const RejectsSummary& rejects_summary() const { return rejects_summary_; }
  // Whether rows failing the filters are left out (the default), or the filters only skip
  // what cannot match (partitions, row groups): a SQL scan filters rows itself, vectorized.
  void set_filter_rows(bool on) { filter_rows_ = on; }

 protected:
  bool filter_rows() const { return filter_rows_; }
  RejectSink* reject_sink() const { return reject_sink_.get(); }
  size_t summary_rows() const { return summary_rows_; }
  void set_rejects_summary(RejectsSummary summary) { rejects_summary_ = std::move(summary); }
  // FinishMorsels of a text reader (CSV, JSON): `stats` and the rejects summary from its
  // per-thread states (each with `stats` and `rejects`, in `scratch`, which is cleared),
  // then the rejects still waiting in `ordered` (null without a sink) sent on.
  template <typename ScratchPool>
  Status FinishTextMorsels(size_t files, ScratchPool& scratch, OrderedRejects* ordered,
                           ReadStats& stats) {
    Status st = ordered != nullptr ? ordered->Finish() : Status::OK();
    stats = ReadStats{files, 0, 0, 0};
    RejectsSummary summary(summary_rows());
    for (auto& state : scratch.idle()) {
      stats.rows_read += state->stats.rows_read;
      stats.rows_output += state->stats.rows_output;
      stats.rows_rejected += state->stats.rows_rejected;
      summary.Merge(std::move(state->rejects->summary()));
    }
    scratch.Clear();
    set_rejects_summary(std::move(summary));
    SLUICE_RETURN_NOT_OK(st);
    return reject_sink() != nullptr ? reject_sink()->Flush() : Status::OK();
  }

 private:
  std::shared_ptr<RejectSink> reject_sink_;
  size_t summary_rows_ = RejectsSummary::kDefaultFirstRows;
  RejectsSummary rejects_summary_;
  bool filter_rows_ = true;
};

}  // namespace sluice::formats
