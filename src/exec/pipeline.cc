#include "exec/pipeline.h"

#include <algorithm>
#include <atomic>
#include <chrono>

#include "parallel/thread_pool.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

bool ParallelSafe(const plan::Expression& e) {
  switch (e.type) {
    case plan::ExprType::kScalarSubquery:
    case plan::ExprType::kExists:
    case plan::ExprType::kInSubquery:
      return false;
    case plan::ExprType::kCall:
      if (!e.deterministic) return false;
      break;
    default:
      break;
  }
  for (const plan::ExprPtr& c : e.children)
    if (!ParallelSafe(*c)) return false;
  return true;
}

bool TreeParallelSafe(const plan::LogicalOperator& op) {
  if (op.shared_result) return false;  // its cached rows are the executor's
  auto safe = [](const plan::ExprPtr& e) { return !e || ParallelSafe(*e); };
  auto all_safe = [&](const std::vector<plan::ExprPtr>& list) {
    return std::all_of(list.begin(), list.end(), safe);
  };
  auto call_safe = [&](const plan::AggregateCall& a) { return all_safe(a.args) && safe(a.filter); };
  auto keys_safe = [&](const std::vector<plan::SortKey>& keys) {
    return std::all_of(keys.begin(), keys.end(),
                       [&](const plan::SortKey& k) { return safe(k.expr); });
  };
  if (!all_safe(op.expressions) || !safe(op.condition) || !all_safe(op.scan_filters) ||
      !all_safe(op.groups) || !keys_safe(op.sort_keys) ||
      !std::all_of(op.aggregates.begin(), op.aggregates.end(), call_safe))
    return false;
  for (const plan::WindowCall& w : op.windows)
    if (!call_safe(w.aggregate) || !all_safe(w.partition_by) || !keys_safe(w.order_by) ||
        !safe(w.frame_start.offset) || !safe(w.frame_start.bound_value) ||
        !safe(w.frame_end.offset) || !safe(w.frame_end.bound_value))
      return false;
  return std::all_of(op.children.begin(), op.children.end(),
                     [](const plan::OperatorPtr& c) { return TreeParallelSafe(*c); });
}

namespace {

bool PipelineParallelSafe(const Pipeline& p) {
  for (const plan::ExprPtr& f : p.source_filters)
    if (!ParallelSafe(*f)) return false;
  for (const PipelineStep& s : p.steps) {
    const plan::LogicalOperator* step = s.op;
    if (step->condition && !ParallelSafe(*step->condition)) return false;
    for (const plan::ExprPtr& e : step->expressions)
      if (!ParallelSafe(*e)) return false;
  }
  for (const plan::Expression* e : p.sink_expressions)
    if (!ParallelSafe(*e)) return false;
  return true;
}

// What one worker measured for EXPLAIN ANALYZE.
struct WorkerProfile {
  std::vector<uint64_t> step_rows;
  std::vector<double> step_seconds;
  uint64_t source_rows = 0;
  double read_seconds = 0;  // in the source, downstream work included
  double push_seconds = 0;  // downstream of the source
  double sink_seconds = 0;
};

// One worker: its evaluator and local sink state, pushing batches down the chain.
class Worker {
 public:
  Worker(Executor& ex, Pipeline& p, PipelineSink& sink, bool profile)
      : eval_(ex, ex.context()), pipeline_(p), sink_(sink), profiling_(profile) {
    profile_.step_rows.resize(p.steps.size());
    profile_.step_seconds.resize(p.steps.size());
  }

  Status Start() {
    SLUICE_ASSIGN_OR_RAISE(local_, sink_.MakeLocal());
    return Status::OK();
  }

  Status ReadMorsel(size_t morsel) {
    const Clock::time_point start = Clock::now();
    Status status = pipeline_.source->ReadMorsel(morsel, [&](const vector::Batch& batch) {
      SLUICE_RETURN_NOT_OK(eval_.context().CheckCancelled());
      if (pipeline_.source_filters.empty()) return FromSource(batch, morsel);
      // The scan's pushed filters: filtering counts as reading.
      SLUICE_ASSIGN_OR_RAISE(vector::Batch kept, vector::Compact(batch));
      for (const plan::ExprPtr& f : pipeline_.source_filters) {
        SLUICE_ASSIGN_OR_RAISE(kept, FilterBatch(eval_, *f, kept));
        if (kept.num_rows() == 0) return Status::OK();
      }
      return FromSource(kept, morsel);
    });
    if (profiling_) profile_.read_seconds += SecondsSince(start);
    SLUICE_RETURN_NOT_OK(status);
    return sink_.MorselDone(*local_, morsel);
  }

  // Batches a step produces at the end (a right join's unmatched rows), as morsel `morsel`.
  Status PushAbove(size_t level, vector::Batch batch, size_t morsel) {
    if (batch.num_rows() == 0) return Status::OK();
    profile_.step_rows[level] += batch.num_rows();
    if (level + 1 == pipeline_.steps.size()) return ToSink(std::move(batch), morsel);
    return Push(level + 1, batch, morsel);
  }

  std::unique_ptr<SinkLocalState> TakeLocal() { return std::move(local_); }
  const WorkerProfile& profile() const { return profile_; }

 private:
  // A batch the source gives, pushed down the chain (the time downstream of the source).
  Status FromSource(const vector::Batch& batch, size_t morsel) {
    const Clock::time_point start = Clock::now();
    profile_.source_rows += batch.num_selected();
    Status s = Push(0, batch, morsel);
    if (profiling_) profile_.push_seconds += SecondsSince(start);
    return s;
  }

  // Runs step `level` on `in` (the last step's output goes to the sink).
  Status Push(size_t level, const vector::Batch& in, size_t morsel) {
    if (in.selection() != nullptr) {
      SLUICE_ASSIGN_OR_RAISE(vector::Batch compact, vector::Compact(in));
      return Push(level, compact, morsel);
    }
    if (level == pipeline_.steps.size()) {
      SLUICE_ASSIGN_OR_RAISE(vector::Batch copy, vector::Compact(in));
      return ToSink(std::move(copy), morsel);
    }
    PipelineStep& step = pipeline_.steps[level];
    auto emit = [&](vector::Batch out) { return PushAbove(level, std::move(out), morsel); };
    const Clock::time_point start = Clock::now();
    Status s = RunStep(step, in, emit);
    // Inclusive of the steps above and the sink: RunPipeline subtracts those.
    if (profiling_) profile_.step_seconds[level] += SecondsSince(start);
    return s;
  }

  Status RunStep(PipelineStep& s, const vector::Batch& in,
                 const std::function<Status(vector::Batch)>& emit) {
    const plan::LogicalOperator& step = *s.op;
    switch (step.type) {
      case plan::OperatorType::kProject: {
        SLUICE_ASSIGN_OR_RAISE(vector::Batch out, ProjectBatch(eval_, step, in));
        return emit(std::move(out));
      }
      case plan::OperatorType::kFilter: {
        SLUICE_ASSIGN_OR_RAISE(vector::Batch out, FilterBatch(eval_, *step.condition, in));
        return emit(std::move(out));
      }
      case plan::OperatorType::kGenerate:
        return GenerateBatch(eval_, step, in, emit);
      case plan::OperatorType::kJoin:
        return s.join->Probe(eval_, in, emit);
      default:
        return Status::Internal("not a streaming operator");
    }
  }

  Status ToSink(vector::Batch batch, size_t morsel) {
    const Clock::time_point start = Clock::now();
    Status s = sink_.Consume(eval_, *local_, morsel, std::move(batch));
    if (profiling_) profile_.sink_seconds += SecondsSince(start);
    return s;
  }

  ExpressionEvaluator eval_;
  Pipeline& pipeline_;
  PipelineSink& sink_;
  const bool profiling_;
  std::unique_ptr<SinkLocalState> local_;
  WorkerProfile profile_;
};

}  // namespace

Result<BatchStore> RunPipeline(Executor& ex, Pipeline& pipeline, PipelineSink& sink) {
  const size_t morsels = pipeline.source->morsel_count();
  parallel::ThreadPool& pool = parallel::ThreadPool::Default();
  size_t threads = 1;
  if (morsels > 1 && ex.outer_rows().empty() && PipelineParallelSafe(pipeline))
    threads = std::min(pool.size(), morsels);

  std::vector<std::unique_ptr<Worker>> workers;
  for (size_t w = 0; w < threads; ++w)
    workers.push_back(std::make_unique<Worker>(ex, pipeline, sink, ex.profiling()));
  for (std::unique_ptr<Worker>& w : workers) SLUICE_RETURN_NOT_OK(w->Start());
  std::atomic<size_t> next{0};
  Status status;
  {
    // With several threads a task reads one morsel, then queues its worker's next task at
    // the back: pipelines running at once share the threads, and a waiting thread helps.
    parallel::TaskGroup group(pool);
    std::function<Status(size_t)> read = [&](size_t w) -> Status {
      while (!group.failed() && !sink.Satisfied()) {
        const size_t m = next.fetch_add(1);
        if (m >= morsels) break;
        SLUICE_RETURN_NOT_OK(workers[w]->ReadMorsel(m));
        if (threads > 1) {
          group.Submit([&read, w] { return read(w); });
          break;
        }
      }
      return Status::OK();
    };
    if (threads == 1) group.Run([&] { return read(0); });  // on the caller, in morsel order
    for (size_t w = 0; threads > 1 && w < threads; ++w)
      group.Submit([&read, w] { return read(w); });
    status = group.Wait();
  }
  Status finish = pipeline.source->Finish();
  SLUICE_RETURN_NOT_OK(status);
  SLUICE_RETURN_NOT_OK(finish);
  // Joins that mark their right rows: those rows' outcome, down the rest of worker 0's chain.
  for (size_t level = 0; level < pipeline.steps.size(); ++level) {
    if (!pipeline.steps[level].join) continue;
    SLUICE_RETURN_NOT_OK(pipeline.steps[level].join->EmitUnmatchedRight(
        [&](vector::Batch b) { return workers[0]->PushAbove(level, std::move(b), morsels); }));
  }

  const Clock::time_point start = Clock::now();
  for (std::unique_ptr<Worker>& w : workers) SLUICE_RETURN_NOT_OK(sink.Combine(w->TakeLocal()));
  SLUICE_ASSIGN_OR_RAISE(BatchStore out, sink.Finish());

  if (ex.profiling()) {
    // CPU time summed over the workers: each operator's own share.
    WorkerProfile total;
    total.step_rows.resize(pipeline.steps.size());
    total.step_seconds.resize(pipeline.steps.size());
    for (const std::unique_ptr<Worker>& w : workers) {
      const WorkerProfile& p = w->profile();
      for (size_t i = 0; i < pipeline.steps.size(); ++i) {
        total.step_rows[i] += p.step_rows[i];
        total.step_seconds[i] += p.step_seconds[i];
      }
      total.source_rows += p.source_rows;
      total.read_seconds += p.read_seconds - p.push_seconds;
      total.sink_seconds += p.sink_seconds;
    }
    // A step's measured time includes the steps above it and the sink (a call chain).
    for (size_t i = 0; i < pipeline.steps.size(); ++i)
      total.step_seconds[i] -=
          i + 1 < pipeline.steps.size() ? total.step_seconds[i + 1] : total.sink_seconds;
    if (pipeline.source_op)
      ex.RecordProfile(*pipeline.source_op, total.source_rows, total.read_seconds);
    for (size_t i = 0; i < pipeline.steps.size(); ++i)
      ex.RecordProfile(*pipeline.steps[i].op, total.step_rows[i], total.step_seconds[i]);
    if (pipeline.sink_op)
      ex.RecordProfile(*pipeline.sink_op, out.row_count(),
                       total.sink_seconds + SecondsSince(start));
  }
  return out;
}

}  // namespace sluice::exec
