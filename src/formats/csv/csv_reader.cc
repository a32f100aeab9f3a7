#include "formats/csv/csv_reader.h"

#include <strings.h>

#include <algorithm>
#include <mutex>
#include <optional>

#include "common/hash.h"
#include "common/logging.h"
#include "common/text.h"
#include "formats/csv/schema_inference.h"

namespace sluice::formats::csv {
namespace {

bool SameName(const std::string& a, const std::string& b, bool case_sensitive) {
  if (case_sensitive) return a == b;
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// Spark's header clean-up: empty names become _c<i>, repeated names (in the session's
// case sensitivity) get their index.
std::vector<std::string> NormalizeHeader(const std::vector<std::string>& raw, bool case_sensitive) {
  std::vector<std::string> names;
  for (size_t i = 0; i < raw.size(); ++i) {
    std::string name = raw[i].empty() ? "_c" + std::to_string(i) : raw[i];
    size_t same = std::count_if(raw.begin(), raw.end(), [&](const std::string& o) {
      return SameName(o, raw[i], case_sensitive);
    });
    if (same > 1 && !raw[i].empty()) name += std::to_string(i);
    names.push_back(name);
  }
  return names;
}

constexpr uint64_t kMinRangeBytes = 1 << 20;
constexpr uint64_t kMaxRangeBytes = 16 << 20;

}  // namespace

// The line each unit of a mapped file starts at, for reject line numbers while the read
// runs: the sum of the line counts of the file's earlier units, known once they are read,
// counted over their bytes when a reject needs them sooner (units are mostly read in
// order, so that is usually the few still being read). Thread-safe.
class UnitLines {
 public:
  UnitLines(io::FileSystem& fs, const std::vector<CsvUnit>& units,
            const std::vector<CsvFilePlan>& plans, char line_sep)
      : fs_(fs),
        units_(units),
        plans_(plans),
        line_sep_(line_sep),
        lines_(units.size(), kUnknown),
        before_(units.size(), kUnknown) {
    for (size_t u = 0; u < units.size(); ++u) {
      if (u == 0 || units[u - 1].file != units[u].file)
        before_[u] = plans[units[u].file].header_lines;
    }
  }

  // A unit's line count, once read.
  void SetLines(size_t unit, uint64_t lines) {
    std::lock_guard lock(mu_);
    lines_[unit] = lines;
  }

  // Lines of the unit's file before its first byte (header included).
  Result<uint64_t> LinesBefore(size_t unit) {
    std::lock_guard lock(mu_);
    size_t k = unit;
    while (before_[k] == kUnknown) --k;  // a file's first unit is always known
    for (; k < unit; ++k) {
      if (lines_[k] == kUnknown) {
        const CsvUnit& u = units_[k];
        SLUICE_ASSIGN_OR_RAISE(auto data, ReadRange(fs_, plans_[u.file], u.range));
        lines_[k] = CountLineBreaks(data->view(), 0, data->size(), line_sep_);
        // As the unit's reader does: what was read is given back, not left resident.
        data->DropCache(0, data->size());
      }
      before_[k + 1] = before_[k] + lines_[k];
    }
    return before_[unit];
  }

 private:
  static constexpr uint64_t kUnknown = UINT64_MAX;
  io::FileSystem& fs_;
  const std::vector<CsvUnit>& units_;
  const std::vector<CsvFilePlan>& plans_;
  const char line_sep_;
  std::mutex mu_;
  std::vector<uint64_t> lines_;   // per unit; guarded by mu_
  std::vector<uint64_t> before_;  // per unit; guarded by mu_
};

struct CsvReader::MorselState {
  LexedRows lexed;
  std::unique_ptr<CsvBatchDecoder> decoder;
  std::optional<vector::Batch> batch;
  std::optional<MorselRejectSink> ordered_sink;  // with a reject sink: the morsel's place
  std::optional<RejectBuffer> rejects;
  ReadStats stats;
};

CsvReader::CsvReader(std::shared_ptr<io::FileSystem> fs, CsvOptions options, TaskRunner& tasks)
    : fs_(std::move(fs)), options_(std::move(options)), lexer_(options_), tasks_(&tasks) {}

CsvReader::~CsvReader() = default;

Result<std::unique_ptr<CsvReader>> CsvReader::Open(std::shared_ptr<io::FileSystem> fs,
                                                   SourceListing listing, CsvOptions options,
                                                   std::optional<types::Schema> schema,
                                                   TaskRunner& tasks) {
  std::unique_ptr<CsvReader> reader(new CsvReader(std::move(fs), std::move(options), tasks));
  reader->listing_ = std::move(listing);
  SLUICE_RETURN_NOT_OK(reader->PlanFiles());
  SLUICE_RETURN_NOT_OK(reader->ResolveSchema(std::move(schema)));
  for (CsvFilePlan& plan : reader->plans_) SLUICE_RETURN_NOT_OK(reader->MapFields(&plan));
  SLUICE_ASSIGN_OR_RAISE(
      reader->row_filter_,
      RowFilter::Make(reader->options_.filters, *reader->layout_.schema,
                      reader->options_.session_time_zone, reader->options_.case_sensitive));
  reader->SkipPrunedPartitions();
  return reader;
}

void CsvReader::SkipPrunedPartitions() {
  const BoundPredicates& predicates = row_filter_.predicates();
  const types::Schema& schema = *layout_.schema;
  std::vector<bool> pruned(plans_.size(), false);
  for (size_t f = 0; f < plans_.size(); ++f) {
    for (size_t i = 0; i < predicates.size() && !pruned[f]; ++i) {
      const types::Field& field = schema.field(predicates.field(i));
      auto partition = listing_.partition_schema.FindField(field.name, options_.case_sensitive);
      if (!partition) continue;
      pruned[f] = !PartitionValueMayMatch(predicates, i, field,
                                          plans_[f].source->partition_values[*partition],
                                          options_.session_time_zone);
    }
    if (pruned[f]) total_bytes_ -= plans_[f].source->size;
  }
  std::erase_if(units_, [&](const CsvUnit& u) { return pruned[u.file]; });
}

Status CsvReader::PlanFiles() {
  // Files are planned on every worker (each maps its file, reads the header and finds its
  // ranges' row boundaries), then added in listing order. Each plan lets go of the file's
  // bytes once its units are cut: thousands of files are not all in memory at once.
  const size_t files = listing_.files.size();
  std::vector<std::optional<CsvFilePlan>> plans(files);
  std::vector<FileUnits> units(files);
  std::vector<Status> errors(files);
  const Status st = tasks_->Run(files, std::min(tasks_->size(), files), [&](size_t, size_t f) {
    const SourceFile& file = listing_.files[f];
    auto plan = PlanCsvFile(*fs_, file, lexer_);
    if (plan.ok()) {
      if (options_.header) plan->header = NormalizeHeader(plan->header, options_.case_sensitive);
      auto cut = CutUnits(*plan);
      plan->data.reset();
      if (cut.ok()) {
        plans[f].emplace(std::move(*plan));
        units[f] = std::move(*cut);
        return Status::OK();
      }
      errors[f] = cut.status();
    } else {
      errors[f] = plan.status().WithContext("reading '" + file.path + "'");
    }
    return errors[f];
  });
  // Files are handed out in order, so every file before a failed one was planned: the first
  // error is the one a plan file by file would meet.
  for (const Status& e : errors)
    if (!e.ok()) return e;
  SLUICE_RETURN_NOT_OK(st);
  for (size_t f = 0; f < files; ++f) {
    plans_.push_back(std::move(*plans[f]));
    total_bytes_ += plans_.back().source->size;
    estimated_rows_ += units[f].estimated_rows;
    for (const ByteRange& r : units[f].ranges) units_.push_back({f, r});
  }
  stats_.files = plans_.size();
  return Status::OK();
}

Result<CsvReader::FileUnits> CsvReader::CutUnits(const CsvFilePlan& plan) const {
  FileUnits out;
  if (plan.streamed) {
    out.ranges.push_back({0, 0});
    out.estimated_rows = plan.source->size / 100;
    return out;
  }
  const std::string_view file = plan.data->view();
  out.estimated_rows = EstimateRows(file.substr(std::min<uint64_t>(plan.data_start, file.size())));
  uint64_t target = options_.range_bytes != 0
                        ? options_.range_bytes
                        : std::clamp<uint64_t>(file.size() / (tasks_->size() * 8 + 1),
                                               kMinRangeBytes, kMaxRangeBytes);
  SLUICE_ASSIGN_OR_RAISE(out.ranges,
                         SplitIntoRowRanges(file, plan.data_start, target, options_, *tasks_));
  return out;
}

Result<types::Schema> CsvReader::InferSchema(const std::vector<std::string>& names) {
  const size_t workers = std::min(tasks_->size(), units_.size());
  std::vector<std::vector<types::LogicalType>> per_worker(
      workers, std::vector<types::LogicalType>(names.size()));
  // Each file's fields are matched to the names by header (or by position without one).
  std::vector<std::vector<int>> field_to_name(plans_.size());
  for (size_t f = 0; f < plans_.size(); ++f) {
    for (size_t i = 0; i < plans_[f].header.size(); ++i) {
      int found = -1;
      for (size_t k = 0; k < names.size() && options_.header; ++k) {
        if (SameName(plans_[f].header[i], names[k], options_.case_sensitive))
          found = static_cast<int>(k);
      }
      if (!options_.header && i < names.size()) found = static_cast<int>(i);
      field_to_name[f].push_back(found);
    }
  }
  const uint64_t threshold =
      static_cast<uint64_t>(options_.sampling_ratio * static_cast<double>(UINT64_MAX));
  std::vector<LexedRows> lexed(workers);
  SLUICE_RETURN_NOT_OK(tasks_->Run(units_.size(), workers, [&](size_t worker, size_t u) {
    std::vector<types::LogicalType>& types = per_worker[worker];
    std::string local_scratch;
    const CsvUnit& unit = units_[u];
    return ForEachRowBlock(
        *fs_, plans_[unit.file], unit, lexer_, vector::kVectorSize, &lexed[worker],
        [&](const RowBlock& block) {
          const LexedRows& rows = *block.rows;
          const auto& mapping = field_to_name[unit.file];
          for (size_t r = 0; r < rows.num_rows(); ++r) {
            uint64_t row_id = block.bytes_offset + rows.row_begin[r];
            if (options_.sampling_ratio < 1.0 && HashInt(row_id ^ (unit.file << 48)) > threshold)
              continue;
            for (size_t i = 0; i < rows.num_fields(r) && i < mapping.size(); ++i) {
              if (mapping[i] < 0) continue;
              const FieldSpan& span = rows.field(r, i);
              std::string_view text =
                  block.bytes.substr(rows.row_begin[r] + span.begin, span.end - span.begin);
              if (span.flags & FieldSpan::kNeedsUnescape) {
                lexer_.Unescape(text, &local_scratch);
                text = local_scratch;
              }
              if ((text.empty() && !(span.flags & FieldSpan::kQuoted)) ||
                  text == options_.null_value)
                continue;
              auto& t = types[static_cast<size_t>(mapping[i])];
              if (t.id() == types::TypeId::kString) continue;  // nothing is wider
              t = MergeInferredTypes(t, InferValueType(text, options_));
            }
          }
          return Status::OK();
        });
  }));
  std::vector<types::Field> fields;
  for (size_t k = 0; k < names.size(); ++k) {
    types::LogicalType t;
    for (const auto& w : per_worker) t = MergeInferredTypes(t, w[k]);
    if (t.id() == types::TypeId::kNull) t = types::TypeId::kString;
    fields.push_back({names[k], t, true});
  }
  return types::Schema(std::move(fields));
}

Status CsvReader::ResolveSchema(std::optional<types::Schema> user_schema) {
  const types::Schema& partitions = listing_.partition_schema;
  std::vector<std::string> names;
  for (const CsvFilePlan& plan : plans_) {
    if (!plan.header.empty()) {
      names = plan.header;
      break;
    }
  }
  types::Schema data;
  if (user_schema) {
    data = std::move(*user_schema);
  } else if (options_.infer_schema) {
    SLUICE_ASSIGN_OR_RAISE(data, InferSchema(names));
  } else {
    std::vector<types::Field> fields;
    for (const std::string& n : names) fields.push_back({n, types::TypeId::kString, true});
    data = types::Schema(std::move(fields));
  }
  // Partition columns the data also holds keep one column (checked against the path);
  // an inferred type widens to take the folder values too.
  std::vector<types::Field> fields = data.fields();
  for (const types::Field& p : partitions.fields()) {
    auto existing = data.FindField(p.name, options_.case_sensitive);
    if (!existing) {
      fields.push_back(p);
    } else if (!user_schema) {
      fields[*existing].type = MergeInferredTypes(fields[*existing].type, p.type);
    }
  }
  if (!options_.rescued_data_column.empty() &&
      !data.FindField(options_.rescued_data_column, options_.case_sensitive)) {
    fields.insert(fields.begin() + static_cast<long>(data.size()),
                  types::Field{options_.rescued_data_column, types::TypeId::kString, true});
  }
  auto schema = std::make_shared<const types::Schema>(std::move(fields));
  layout_ = CsvColumnLayout{};
  layout_.schema = schema;
  for (size_t c = 0; c < schema->size(); ++c) {
    const types::Field& field = schema->field(c);
    auto decoder = ColumnDecoder::Make(field, options_);
    if (!decoder.ok()) return decoder.status();
    layout_.decoders.push_back(*decoder);
    auto p = partitions.FindField(field.name, options_.case_sensitive);
    layout_.partition_index.push_back(p ? static_cast<int>(*p) : -1);
    if (field.name == options_.column_name_of_corrupt_record && user_schema) {
      if (field.type.id() != types::TypeId::kString) {
        return Status::Invalid("the corrupt record column '" + field.name +
                               "' must be STRING, found " + field.type.ToString());
      }
      layout_.corrupt_record_column = static_cast<int>(c);
    }
    if (!options_.rescued_data_column.empty() && field.name == options_.rescued_data_column) {
      layout_.rescued_data_column = static_cast<int>(c);
    }
  }
  layout_.parsed.assign(schema->size(), true);
  if (options_.parsed_columns && layout_.corrupt_record_column < 0 &&
      layout_.rescued_data_column < 0) {
    std::vector<std::string> names = *options_.parsed_columns;
    for (const ColumnPredicate& p : options_.filters) names.push_back(p.column);
    for (size_t c = 0; c < schema->size(); ++c) {
      layout_.parsed[c] = std::any_of(names.begin(), names.end(), [&](const std::string& name) {
        return SameName(name, schema->field(c).name, options_.case_sensitive);
      });
    }
  }
  return Status::OK();
}

Status CsvReader::MapFields(CsvFilePlan* plan) {
  const types::Schema& schema = *layout_.schema;
  // The columns a file can hold, in schema order.
  std::vector<int> data_columns;
  for (size_t c = 0; c < schema.size(); ++c) {
    int ci = static_cast<int>(c);
    if (ci == layout_.corrupt_record_column || ci == layout_.rescued_data_column) continue;
    bool partition_only =
        layout_.partition_index[c] >= 0 &&
        std::none_of(plan->header.begin(), plan->header.end(), [&](const std::string& h) {
          return SameName(h, schema.field(c).name, options_.case_sensitive);
        });
    if (!partition_only) data_columns.push_back(ci);
  }
  plan->field_to_column.assign(plan->header.size(), -1);
  if (!options_.header) {
    // Without a header, fields are columns by position; the expected count is the schema's.
    plan->header.clear();
    plan->field_to_column.clear();
    for (size_t i = 0; i < data_columns.size(); ++i) {
      plan->header.push_back(schema.field(static_cast<size_t>(data_columns[i])).name);
      plan->field_to_column.push_back(data_columns[i]);
    }
    return Status::OK();
  }
  // A file without a single row (empty, or only a BOM or blank lines) has no header to
  // match: it reads as zero rows, as in Spark.
  if (plan->header.empty()) return Status::OK();
  std::vector<bool> mapped(schema.size(), false);
  size_t matches = 0;
  for (size_t i = 0; i < plan->header.size(); ++i) {
    for (int c : data_columns) {
      if (!mapped[static_cast<size_t>(c)] &&
          SameName(plan->header[i], schema.field(static_cast<size_t>(c)).name,
                   options_.case_sensitive)) {
        plan->field_to_column[i] = c;
        mapped[static_cast<size_t>(c)] = true;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0 && options_.enforce_schema && plan->header.size() == data_columns.size()) {
    // Spark's enforceSchema: a header that names nothing in the schema is ignored.
    Log(LogLevel::kWarning, "'" + plan->source->path + "': header (" + JoinNames(plan->header) +
                                ") matches no schema column; applying the schema by position");
    for (size_t i = 0; i < data_columns.size(); ++i) plan->field_to_column[i] = data_columns[i];
    return Status::OK();
  }
  if (!options_.enforce_schema) {
    for (int c : data_columns) {
      if (!mapped[static_cast<size_t>(c)] && layout_.partition_index[static_cast<size_t>(c)] < 0) {
        return Status::Invalid("'" + plan->source->path + "': the header lacks column '" +
                               schema.field(static_cast<size_t>(c)).name +
                               "' of the schema (header: " + JoinNames(plan->header) + ")");
      }
    }
  }
  return Status::OK();
}

void CsvReader::FillReject(const RowBlock& block, const std::vector<RowProblem>& problems,
                           size_t begin, size_t end, uint64_t lines_before,
                           RejectedRow* reject) const {
  const LexedRows& rows = *block.rows;
  const RowProblem& first = problems[begin];
  reject->file = block.plan->source->path;
  reject->byte_offset = block.bytes_offset + rows.row_begin[first.row];
  reject->line = lines_before + rows.row_line[first.row] + 1;
  if (first.column >= 0) {
    reject->column = layout_.schema->field(static_cast<size_t>(first.column)).name;
  } else {
    reject->column.clear();
  }
  reject->category = first.category;
  reject->reason = first.reason;
  for (size_t i = begin + 1; i < end; ++i) {
    reject->reason += "; ";
    if (problems[i].column >= 0) {
      reject->reason += "column '";
      reject->reason += layout_.schema->field(static_cast<size_t>(problems[i].column)).name;
      reject->reason += "': ";
    }
    reject->reason += problems[i].reason;
  }
  constexpr size_t kMaxRaw = 1 << 20;
  reject->raw.assign(block.bytes.substr(
      rows.row_begin[first.row],
      std::min<uint64_t>(kMaxRaw, rows.row_end[first.row] - rows.row_begin[first.row])));
}

uint64_t CsvReader::EstimateRows(std::string_view data) const {
  constexpr uint64_t kSampleBytes = 64 << 10;
  const char sep = options_.line_sep == '\0' ? '\n' : options_.line_sep;
  const std::string_view sample = data.substr(0, kSampleBytes);
  const uint64_t lines = std::count(sample.begin(), sample.end(), sep) +
                         (!sample.empty() && sample.back() != sep ? 1 : 0);
  return sample.empty() ? 0 : data.size() * lines / sample.size();
}

Result<size_t> CsvReader::PlanMorsels() {
  scratch_.Clear();
  unit_lines_ = std::make_unique<UnitLines>(*fs_, units_, plans_, options_.line_sep);
  rejects_until_.assign(units_.size(), 0);
  ordered_rejects_.reset();
  if (reject_sink() != nullptr) {
    ordered_rejects_ = std::make_unique<OrderedRejects>(
        reject_sink(), units_.size(),
        [this](size_t u, const RejectedRow& from, RejectSink& sink) -> Status {
          SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<MorselState> state, TakeMorselState());
          RejectBuffer rejects(&sink, 0);
          Status st = ReadUnit(u, *state, rejects, nullptr, &from);
          scratch_.Give(std::move(state));
          return st;
        });
  }
  return units_.size();
}

Result<std::unique_ptr<CsvReader::MorselState>> CsvReader::TakeMorselState() {
  if (std::unique_ptr<MorselState> idle = scratch_.Take()) return idle;
  auto state = std::make_unique<MorselState>();
  state->decoder = std::make_unique<CsvBatchDecoder>(layout_, lexer_);
  SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, vector::Batch::Make(layout_.schema));
  state->batch.emplace(std::move(batch));
  RejectSink* sink = nullptr;
  if (ordered_rejects_) sink = &state->ordered_sink.emplace(ordered_rejects_.get());
  state->rejects.emplace(sink, summary_rows());
  return state;
}

Status CsvReader::ReadMorsel(size_t i, const MorselSink& sink) {
  SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<MorselState> state, TakeMorselState());
  if (state->ordered_sink) state->ordered_sink->set_morsel(i);
  Status st = ReadUnit(i, *state, *state->rejects, &sink, nullptr);
  scratch_.Give(std::move(state));
  // Later morsels' rejects wait for this one, however it ended.
  Status done = ordered_rejects_ ? ordered_rejects_->Done(i) : Status::OK();
  return st.ok() ? done : st;
}

Status CsvReader::ReadUnit(size_t u, MorselState& state, RejectBuffer& rejects,
                           const MorselSink* sink, const RejectedRow* replay_from) {
  CsvUnit unit = units_[u];
  std::optional<uint64_t> unit_lines_before;  // asked for once, at the unit's first reject
  uint64_t rejects_from = 0;
  if (replay_from) {
    rejects_from = replay_from->byte_offset;
    if (!plans_[unit.file].streamed) {
      unit.range.begin = replay_from->byte_offset;
      unit_lines_before = replay_from->line - 1;
    }
  }
  Status s = ForEachRowBlock(
      *fs_, plans_[unit.file], unit, lexer_, vector::kVectorSize, &state.lexed,
      [&](const RowBlock& block) -> Status {
        vector::Batch& batch = *state.batch;
        SLUICE_RETURN_NOT_OK(state.decoder->Decode(block, &batch));
        const auto& problems = state.decoder->problems();
        const LexedRows& rows = *block.rows;
        if (!replay_from) state.stats.rows_read += rows.num_rows();
        std::unique_ptr<vector::SelectionVector> selection;
        if (!problems.empty()) {
          if (options_.mode == ParseMode::kDropMalformed)
            selection = std::make_unique<vector::SelectionVector>();
          if (!block.absolute_lines && !unit_lines_before) {
            SLUICE_ASSIGN_OR_RAISE(unit_lines_before, unit_lines_->LinesBefore(u));
          }
          const uint64_t lines_before = block.absolute_lines ? 0 : *unit_lines_before;
          size_t p = 0;
          for (uint32_t r = 0; r < rows.num_rows(); ++r) {
            size_t begin = p;
            while (p < problems.size() && problems[p].row == r) ++p;
            if (begin == p) {
              if (selection) selection->Append(r);
              continue;
            }
            const uint64_t offset = block.bytes_offset + rows.row_begin[r];
            if (replay_from && (offset < rejects_from || offset >= rejects_until_[u])) continue;
            RejectedRow& reject = rejects.Next();
            FillReject(block, problems, begin, p, lines_before, &reject);
            if (replay_from) continue;
            ++state.stats.rows_rejected;
            if (options_.mode == ParseMode::kFailFast) {
              return Status::ParseError("malformed row (mode FAILFAST) at " +
                                        DescribeRejectedRow(reject));
            }
          }
          SLUICE_RETURN_NOT_OK(rejects.Flush());
        }
        if (replay_from) return Status::OK();
        // What a replay of this unit's rejects may find: the rows whose rejects were counted.
        rejects_until_[u] = block.bytes_offset + rows.row_end.back();
        if (selection) batch.set_selection(std::move(selection));
        if (filter_rows()) row_filter_.Apply(&batch);
        bytes_done_.fetch_add(rows.row_end.back() - rows.row_begin.front(),
                              std::memory_order_relaxed);
        if (batch.num_selected() == 0) return Status::OK();
        state.stats.rows_output += batch.num_selected();
        return (*sink)(batch);
      });
  // A unit stopped early spans more lines than it read: they are counted when needed.
  if (s.ok() && !replay_from) unit_lines_->SetLines(u, state.lexed.lines);
  return s;
}

Status CsvReader::FinishMorsels() {
  return FinishTextMorsels(plans_.size(), scratch_, ordered_rejects_.get(), stats_);
}

}  // namespace sluice::formats::csv
