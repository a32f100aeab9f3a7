#include "exec/executor.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>

#include "exec/grace_join.h"
#include "exec/pipeline.h"
#include "memory/memory_tracker.h"
#include "parallel/thread_pool.h"
#include "plan/outer_references.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

using plan::OperatorType;

Executor::Executor(const functions::FunctionContext& ctx, int64_t memory_limit,
                   std::shared_ptr<io::FileSystem> temp_fs, std::string temp_parent)
    : ctx_(ctx),
      temp_(std::make_shared<TempDirectory>(
          temp_fs ? std::move(temp_fs) : io::LocalFileSystem(),
          temp_parent.empty() ? TempDirectory::SystemDefault() : std::move(temp_parent))),
      memory_("query", memory_limit, &memory::MemoryTracker::Process(),
              memory::ParentLink::kRoomOnly) {}

Result<BatchStore> Executor::Run(const plan::LogicalOperator& op) {
  // Inside a correlated subquery (run once per outer row), the parts that do not read the
  // outer row run once; each run gets its own copy of their rows. So does a shared CTE.
  if (RunsCached(op)) {
    SLUICE_ASSIGN_OR_RAISE(const BatchList* rows, RunCached(op));
    BatchList copy;
    for (const vector::Batch& b : *rows) {
      SLUICE_ASSIGN_OR_RAISE(vector::Batch c, vector::Compact(b));
      copy.push_back(std::move(c));
    }
    return BatchStore(std::move(copy));
  }
  if (!profile_enabled_) return RunOperator(op);
  // An operator's own time is its elapsed time minus its children's elapsed time.
  double children_before = 0;
  for (const plan::OperatorPtr& c : op.children) children_before += profile_[c.get()].elapsed;
  const auto start = std::chrono::steady_clock::now();
  Result<BatchStore> out = RunOperator(op);
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double children_after = 0;
  for (const plan::OperatorPtr& c : op.children) children_after += profile_[c.get()].elapsed;
  OperatorProfile& p = profile_[&op];
  p.elapsed += elapsed;
  if (!p.measured) {
    p.seconds += elapsed - (children_after - children_before);
    if (out.ok()) p.rows += out->row_count();
  }
  return out;
}

void Executor::RecordProfile(const plan::LogicalOperator& op, uint64_t rows, double seconds) {
  OperatorProfile& p = profile_[&op];
  p.measured = true;
  p.rows += rows;
  p.seconds += seconds;
}

void Executor::RecordSpill(const plan::LogicalOperator& op, uint64_t bytes) {
  if (profile_enabled_) profile_[&op].spilled += bytes;
}

namespace {

// How an operator's holder is named in a memory error.
std::string MemoryHolderName(const plan::LogicalOperator& op) {
  switch (op.type) {
    case OperatorType::kAggregate:
      return "hash aggregate";
    case OperatorType::kDistinct:
      return "distinct";
    case OperatorType::kJoin:
      return "hash join";
    case OperatorType::kSort:
      return op.limit >= 0 ? "top-N sort" : "sort";
    case OperatorType::kWindow:
      return "window";
    case OperatorType::kSetOperation:
      return "set operation";
    default:
      return "collected rows";
  }
}

}  // namespace

memory::MemoryTracker& Executor::OperatorMemory(const plan::LogicalOperator& op) {
  std::lock_guard lock(operator_memory_mu_);
  std::unique_ptr<memory::MemoryTracker>& tracker = operator_memory_[&op];
  if (!tracker)
    tracker = std::make_unique<memory::MemoryTracker>(MemoryHolderName(op),
                                                      memory::MemoryTracker::kUnlimited, &memory_);
  return *tracker;
}

bool Executor::RunsCached(const plan::LogicalOperator& op) {
  return op.shared_result || (!outer_rows_.empty() && !DependsOnOuterRow(op));
}

bool Executor::DependsOnOuterRow(const plan::LogicalOperator& op) {
  auto it = depends_on_outer_row_.find(&op);
  if (it == depends_on_outer_row_.end())
    it = depends_on_outer_row_.emplace(&op, plan::DependsOnOuterRow(op)).first;
  return it->second;
}

std::string Executor::ProfileOf(const plan::LogicalOperator& op) const {
  auto it = profile_.find(&op);
  if (it == profile_.end()) return "";
  char text[96];
  std::snprintf(text, sizeof(text), "rows=%llu time=%.3f ms",
                static_cast<unsigned long long>(it->second.rows), it->second.seconds * 1000);
  std::string out = text;
  auto memory = operator_memory_.find(&op);
  if (memory != operator_memory_.end() && memory->second->peak() > 0)
    out += " peak=" + memory::FormatBytes(memory->second->peak());
  if (it->second.spilled > 0)
    out += " spilled=" + memory::FormatBytes(static_cast<int64_t>(it->second.spilled));
  return out;
}

namespace {

// Operators a pipeline runs as its source or its steps.
bool IsPipelineOperator(OperatorType type) {
  switch (type) {
    case OperatorType::kScan:
    case OperatorType::kValues:
    case OperatorType::kRange:
    case OperatorType::kProject:
    case OperatorType::kFilter:
    case OperatorType::kGenerate:
    case OperatorType::kJoin:
      return true;
    default:
      return false;
  }
}

}  // namespace

Result<BatchStore> Executor::RunOperator(const plan::LogicalOperator& op) {
  SLUICE_RETURN_NOT_OK(ctx_.CheckCancelled());
  if (IsPipelineOperator(op.type)) {
    std::unique_ptr<PipelineSink> sink = MakeCollectSink(*this, op);
    return RunPipelineFrom(op, *sink, nullptr);
  }
  switch (op.type) {
    case OperatorType::kAggregate: {
      SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<PipelineSink> sink,
                             MakeAggregateSink(*this, op, op, OperatorMemory(op)));
      return RunPipelineFrom(*op.children[0], *sink, &op);
    }
    case OperatorType::kLimit: {
      // Over a pipeline, only the morsels that hold the first rows are read.
      const plan::LogicalOperator& input = *op.children[0];
      if (op.limit < 0 || RunsCached(input) || !IsPipelineOperator(input.type)) break;
      const int64_t needed = op.offset > INT64_MAX - op.limit ? INT64_MAX : op.limit + op.offset;
      std::unique_ptr<PipelineSink> sink = MakeCollectSink(*this, input, needed);
      const auto start = std::chrono::steady_clock::now();
      SLUICE_ASSIGN_OR_RAISE(BatchStore rows, RunPipelineFrom(input, *sink, nullptr));
      // The pipeline's time is its input's, not the limit's own.
      if (profile_enabled_)
        profile_[&input].elapsed +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      return RunLimit(*this, op, std::move(rows));
    }
    case OperatorType::kDistinct: {
      // Grouping by every column.
      plan::LogicalOperator aggregate;
      aggregate.type = OperatorType::kAggregate;
      aggregate.output = op.output;
      for (size_t c = 0; c < op.output.size(); ++c)
        aggregate.groups.push_back(plan::MakeColumn(c, op.output[c].type, op.output[c].name));
      SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<PipelineSink> sink,
                             MakeAggregateSink(*this, aggregate, op, OperatorMemory(op)));
      return RunPipelineFrom(*op.children[0], *sink, &op);
    }
    default:
      break;
  }
  std::vector<const plan::LogicalOperator*> children;
  for (const plan::OperatorPtr& child : op.children) children.push_back(child.get());
  std::vector<BatchStore> inputs(children.size());
  SLUICE_RETURN_NOT_OK(RunInputs(children, op, [&](size_t i, BatchStore rows) {
    inputs[i] = std::move(rows);
    return Status::OK();
  }));
  // A scan stops early when cancelled, so check again once the inputs are in.
  SLUICE_RETURN_NOT_OK(ctx_.CheckCancelled());
  // On the driving thread too, an exception (std::bad_alloc) fails the query.
  Result<BatchStore> out = Status::Internal("no result");
  SLUICE_RETURN_NOT_OK(parallel::RunCatching([&] {
    out = RunBlocking(op, std::move(inputs));
    return Status::OK();
  }));
  return out;
}

Result<BatchStore> Executor::RunBlocking(const plan::LogicalOperator& op,
                                         std::vector<BatchStore> inputs) {
  switch (op.type) {
    case OperatorType::kWindow:
      return RunWindow(*this, op, std::move(inputs[0]));
    case OperatorType::kSort:
      return RunSort(*this, op, std::move(inputs[0]));
    case OperatorType::kLimit:
      return RunLimit(*this, op, std::move(inputs[0]));
    case OperatorType::kSetOperation:
      return RunSetOperation(*this, op, std::move(inputs[0]), std::move(inputs[1]));
    default:
      return Status::Internal("unknown operator");
  }
}

namespace {

// A pipeline operator with an input: a step, not a source.
bool IsStreaming(const plan::LogicalOperator& op) {
  return IsPipelineOperator(op.type) && !op.children.empty();
}

void AddExpressions(const std::vector<plan::ExprPtr>& from,
                    std::vector<const plan::Expression*>& to) {
  for (const plan::ExprPtr& e : from)
    if (e) to.push_back(e.get());
}

}  // namespace

Result<BatchStore> Executor::RunPipelineFrom(const plan::LogicalOperator& top, PipelineSink& sink,
                                             const plan::LogicalOperator* sink_op) {
  Pipeline pipeline;
  pipeline.sink_op = sink_op;
  if (sink_op) {
    AddExpressions(sink_op->groups, pipeline.sink_expressions);
    for (const plan::AggregateCall& call : sink_op->aggregates) {
      AddExpressions(call.args, pipeline.sink_expressions);
      AddExpressions({call.filter}, pipeline.sink_expressions);
    }
  }
  // Down the streaming operators to the source; an operator answered from the cache (or a
  // sink's input that is) ends the chain as rows in memory.
  const plan::LogicalOperator* source = &top;
  const bool top_is_input = sink_op != nullptr;
  // What the pipeline depends on: each join's right side (hashed into the table the left
  // rows probe), then the source when it is another operator's rows.
  std::vector<const plan::LogicalOperator*> inputs;
  while (IsStreaming(*source) && !((source != &top || top_is_input) && RunsCached(*source))) {
    if (source->type == OperatorType::kJoin) inputs.push_back(source->children[1].get());
    pipeline.steps.push_back(PipelineStep{source, nullptr});
    source = source->children[0].get();
  }
  std::reverse(pipeline.steps.begin(), pipeline.steps.end());
  const bool cached = (source != &top || top_is_input) && RunsCached(*source);
  const bool source_is_scan =
      !cached && (source->type == OperatorType::kScan || source->type == OperatorType::kValues ||
                  source->type == OperatorType::kRange);
  if (!source_is_scan) inputs.push_back(source);
  // The join steps, in the order of `inputs`. A join whose right rows do not fit runs as a
  // grace join (its right rows kept in `grace_right`): the pipeline is cut there.
  std::vector<PipelineStep*> joins;
  std::vector<const plan::LogicalOperator*> join_ops;
  for (auto step = pipeline.steps.rbegin(); step != pipeline.steps.rend(); ++step)
    if (step->op->type == OperatorType::kJoin) {
      joins.push_back(&*step);
      join_ops.push_back(step->op);
    }
  std::vector<std::optional<BatchStore>> grace_right(joins.size());
  SLUICE_RETURN_NOT_OK(RunInputs(inputs, top, [&](size_t i, BatchStore rows) -> Status {
    if (i == joins.size()) {
      pipeline.source = MakeBatchStoreScan(std::move(rows));
      return Status::OK();
    }
    const plan::LogicalOperator& join = *joins[i]->op;
    if (NeedsGraceJoin(join, rows, OperatorMemory(join))) {
      grace_right[i] = std::move(rows);
      return Status::OK();
    }
    ExpressionEvaluator eval(*this, ctx_);
    SLUICE_ASSIGN_OR_RAISE(BatchList right, rows.TakeAll());
    SLUICE_ASSIGN_OR_RAISE(
        joins[i]->join, JoinHashTable::Build(eval, join, std::move(right), OperatorMemory(join)));
    return Status::OK();
  }));
  if (source_is_scan) {
    pipeline.source_op = source;
    if (source->type == OperatorType::kScan) {
      pipeline.source_filters = source->scan_filters;
      SLUICE_ASSIGN_OR_RAISE(pipeline.source, source->source->OpenScan(ctx_, source->scan_columns,
                                                                       source->scan_filters));
    } else if (source->type == OperatorType::kRange) {
      SLUICE_ASSIGN_OR_RAISE(pipeline.source, MakeRangeScan(*source));
    } else {
      SLUICE_ASSIGN_OR_RAISE(
          BatchList rows,
          Rebatch(std::make_shared<const types::Schema>(source->output), *source->rows));
      pipeline.source = MakeBatchStoreScan(BatchStore(std::move(rows)));
    }
  }
  // Each grace join (a join step left without a table) takes the rows of the steps below it,
  // collected, as its left input, and its rows are the source of the steps above it.
  for (;;) {
    const auto at = std::find_if(pipeline.steps.begin(), pipeline.steps.end(), [](auto& s) {
      return s.op->type == OperatorType::kJoin && !s.join;
    });
    if (at == pipeline.steps.end()) break;
    const plan::LogicalOperator& join = *at->op;
    const size_t i = std::find(join_ops.begin(), join_ops.end(), &join) - join_ops.begin();
    Pipeline below;
    below.source = std::move(pipeline.source);
    below.source_filters = std::move(pipeline.source_filters);
    below.source_op = pipeline.source_op;
    below.steps.assign(std::make_move_iterator(pipeline.steps.begin()),
                       std::make_move_iterator(at));
    pipeline.steps.erase(pipeline.steps.begin(), at + 1);
    std::unique_ptr<PipelineSink> collect = MakeCollectSink(*this, *join.children[0]);
    SLUICE_ASSIGN_OR_RAISE(BatchStore left, RunPipeline(*this, below, *collect));
    // Under a LIMIT with only Projects above, it may stop once it made the rows needed.
    const bool keeps_rows = !sink_op && std::all_of(pipeline.steps.begin(), pipeline.steps.end(),
                                                    [](const PipelineStep& s) {
                                                      return s.op->type == OperatorType::kProject;
                                                    });
    SLUICE_ASSIGN_OR_RAISE(BatchStore joined,
                           RunGraceJoin(*this, join, std::move(left), std::move(*grace_right[i]),
                                        keeps_rows ? sink.RowLimit() : -1));
    // Nothing above it: its rows are the result.
    if (pipeline.steps.empty() && !sink_op) return joined;
    pipeline.source = MakeBatchStoreScan(std::move(joined));
    pipeline.source_filters.clear();
    pipeline.source_op = nullptr;
  }
  return RunPipeline(*this, pipeline, sink);
}

Status Executor::RunInputs(const std::vector<const plan::LogicalOperator*>& inputs,
                           const plan::LogicalOperator& tree,
                           const std::function<Status(size_t, BatchStore)>& use) {
  auto run = [&](size_t i) -> Status {
    SLUICE_ASSIGN_OR_RAISE(BatchStore rows, Run(*inputs[i]));
    return use(i, std::move(rows));
  };
  // Inside a correlated subquery the outer-row stack is this thread's; EXPLAIN ANALYZE
  // times an operator as its elapsed time minus its inputs'.
  if (inputs.size() < 2 || !outer_rows_.empty() || profile_enabled_ || !TreeParallelSafe(tree)) {
    for (size_t i = 0; i < inputs.size(); ++i) SLUICE_RETURN_NOT_OK(run(i));
    return Status::OK();
  }
  parallel::TaskGroup group(parallel::ThreadPool::Default());
  for (size_t i = 1; i < inputs.size(); ++i) group.Submit([&run, i] { return run(i); });
  group.Run([&] { return run(0); });
  return group.Wait();
}

Result<const BatchList*> Executor::RunCached(const plan::LogicalOperator& op) {
  auto it = cache_.find(&op);
  if (it != cache_.end()) return &it->second;
  SLUICE_ASSIGN_OR_RAISE(BatchStore store, RunOperator(op));
  SLUICE_ASSIGN_OR_RAISE(BatchList rows, store.TakeAll());
  return &cache_.emplace(&op, std::move(rows)).first->second;
}

size_t MemoryBytes(const vector::Batch& batch) {
  size_t bytes = 0;
  for (size_t c = 0; c < batch.num_columns(); ++c) bytes += batch.column(c).memory_bytes();
  return bytes;
}

size_t MemoryBytes(const BatchList& batches) {
  size_t bytes = 0;
  for (const vector::Batch& b : batches) bytes += MemoryBytes(b);
  return bytes;
}

size_t CountRows(const BatchList& batches) {
  size_t n = 0;
  for (const vector::Batch& b : batches) n += b.num_rows();
  return n;
}

Result<BatchList> Rebatch(const std::shared_ptr<const types::Schema>& schema,
                          const BatchList& batches) {
  BatchList out;
  std::optional<vector::Batch> current;
  for (const vector::Batch& b : batches) {
    for (size_t r = 0; r < b.num_selected(); ++r) {
      if (!current || current->num_rows() == vector::kVectorSize) {
        if (current) out.push_back(std::move(*current));
        SLUICE_ASSIGN_OR_RAISE(vector::Batch next, vector::Batch::Make(schema));
        current = std::move(next);
      }
      const size_t at = current->num_rows();
      for (size_t c = 0; c < schema->size(); ++c)
        SLUICE_RETURN_NOT_OK(
            vector::CopyRow(b.column(c), b.selected_row(r), current->column(c), at));
      current->set_num_rows(at + 1);
    }
  }
  if (current && current->num_rows() > 0) out.push_back(std::move(*current));
  return out;
}

}  // namespace sluice::exec
