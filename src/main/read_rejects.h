// ReadRejects: what the reads of one connection rejected (malformed CSV rows): streamed to
// the session's sink (`--rejects DIR`) as they are found and counted in a bounded summary
// that the shell and `sluice sql` report on stderr after each statement.
// Thread-safe: reads on several threads may report at once.
#pragma once

#include <memory>
#include <mutex>

#include "formats/reject_sink.h"
#include "formats/rejects_summary.h"

namespace sluice::main {

class ReadRejects {
 public:
  void set_sink(std::shared_ptr<formats::RejectSink> sink) { sink_ = std::move(sink); }
  const std::shared_ptr<formats::RejectSink>& sink() const { return sink_; }

  void Add(formats::RejectsSummary summary) {
    std::lock_guard<std::mutex> lock(mu_);
    summary_.Merge(std::move(summary));
  }
  // The rejects since the last call.
  formats::RejectsSummary Take() {
    std::lock_guard<std::mutex> lock(mu_);
    formats::RejectsSummary out = std::move(summary_);
    summary_ = formats::RejectsSummary();
    return out;
  }

 private:
  std::shared_ptr<formats::RejectSink> sink_;
  std::mutex mu_;
  formats::RejectsSummary summary_;
};

}  // namespace sluice::main
