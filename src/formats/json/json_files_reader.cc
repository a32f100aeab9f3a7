#include "formats/json/json_files_reader.h"

#include <algorithm>
#include <mutex>

#include "common/hash.h"
#include "common/text.h"
#include "formats/json/json_record_decoder.h"
#include "formats/json/json_records.h"
#include "formats/partition_value.h"
#include "functions/json_schema_inference.h"

namespace sluice::formats::json {

using simdjson::dom::element;
using simdjson::dom::element_type;
using types::LogicalType;
using types::TypeId;

namespace {

constexpr uint64_t kMinRangeBytes = 1 << 20;
constexpr uint64_t kMaxRangeBytes = 16 << 20;
constexpr uint64_t kWholeFile = UINT64_MAX;
constexpr size_t kMaxRawBytes = 1 << 20;
constexpr size_t kRejectBlock = 1024;

// Whether merging `e`'s inferred type into `t` certainly leaves `t` as it is, checked
// without building the type: most records of a file have the shape inference has already
// seen, and building each one's type costs more than parsing it. False when unsure.
bool FitsInferredType(element e, const LogicalType& t, const functions::JsonInferOptions& o) {
  const element_type k = e.type();
  if (k == element_type::NULL_VALUE || t.id() == TypeId::kString) return true;
  switch (k) {
    case element_type::BOOL:
      return !o.primitives_as_string && t.id() == TypeId::kBoolean;
    case element_type::UINT64:
      if (uint64_t(e) > uint64_t{INT64_MAX}) return false;
      [[fallthrough]];
    case element_type::INT64:
      return !o.primitives_as_string && (t.id() == TypeId::kBigInt || t.id() == TypeId::kDouble);
    case element_type::DOUBLE:
      return !o.primitives_as_string && !o.prefers_decimal && t.id() == TypeId::kDouble;
    case element_type::ARRAY:
      if (t.id() != TypeId::kArray) return false;
      for (element child : simdjson::dom::array(e))
        if (!FitsInferredType(child, t.children()[0].type, o)) return false;
      return true;
    case element_type::OBJECT: {
      if (t.id() != TypeId::kStruct) return false;
      const std::vector<types::Field>& fields = t.children();
      for (auto field : simdjson::dom::object(e)) {
        auto it = std::find_if(fields.begin(), fields.end(),
                               [&](const types::Field& f) { return f.name == field.key; });
        if (it == fields.end() || !FitsInferredType(field.value, it->type, o)) return false;
      }
      return true;
    }
    default:
      return false;  // a string into anything but STRING
  }
}

uint64_t BomLength(std::string_view text) { return text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0; }

}  // namespace

// The line each byte range of a mapped file starts at, for reject line numbers while the
// read runs: the sum of the line breaks of the file's earlier ranges, known once they are
// read, counted when a reject needs them sooner. Thread-safe.
class RangeLines {
 public:
  explicit RangeLines(size_t units) : lines_(units, kUnknown), before_(units, kUnknown) {}

  void SetFirst(size_t unit) { before_[unit] = 0; }
  void SetLines(size_t unit, uint64_t lines) {
    std::lock_guard lock(mu_);
    lines_[unit] = lines;
  }
  // `count(k)`: the line breaks of unit k, counted over its bytes.
  template <typename Count>
  uint64_t LinesBefore(size_t unit, const Count& count) {
    std::lock_guard lock(mu_);
    size_t k = unit;
    while (before_[k] == kUnknown) --k;  // a file's first unit is always known
    for (; k < unit; ++k) {
      if (lines_[k] == kUnknown) lines_[k] = count(k);
      before_[k + 1] = before_[k] + lines_[k];
    }
    return before_[unit];
  }

 private:
  static constexpr uint64_t kUnknown = UINT64_MAX;
  std::mutex mu_;
  std::vector<uint64_t> lines_;   // guarded by mu_
  std::vector<uint64_t> before_;  // guarded by mu_
};

struct JsonFilesReader::MorselState {
  std::unique_ptr<JsonRecordDecoder> decoder;
  std::optional<vector::Batch> batch;
  std::vector<uint32_t> dropped;  // rows of the batch left out (DROPMALFORMED)
  std::optional<MorselRejectSink> ordered_sink;
  std::optional<RejectBuffer> rejects;
  ReadStats stats;
};

JsonFilesReader::JsonFilesReader(std::shared_ptr<io::FileSystem> fs, SourceListing listing,
                                 JsonReadOptions options)
    : fs_(std::move(fs)), listing_(std::move(listing)), options_(std::move(options)) {}

JsonFilesReader::~JsonFilesReader() = default;

Result<std::unique_ptr<JsonFilesReader>> JsonFilesReader::Open(std::shared_ptr<io::FileSystem> fs,
                                                               SourceListing listing,
                                                               JsonReadOptions options,
                                                               std::optional<types::Schema> schema,
                                                               TaskRunner& tasks) {
  std::unique_ptr<JsonFilesReader> reader(
      new JsonFilesReader(std::move(fs), std::move(listing), std::move(options)));
  SLUICE_RETURN_NOT_OK(reader->PlanFiles(tasks));
  SLUICE_RETURN_NOT_OK(reader->ResolveSchema(std::move(schema), tasks));
  SLUICE_ASSIGN_OR_RAISE(
      reader->row_filter_,
      RowFilter::Make(reader->options_.filters, *reader->schema_,
                      reader->options_.session_time_zone, reader->options_.case_sensitive));
  return reader;
}

Status JsonFilesReader::PlanFiles(TaskRunner& tasks) {
  for (const SourceFile& source : listing_.files) {
    File file{&source, io::CodecFromPath(source.path), nullptr, 0};
    if (file.codec == io::Codec::kNone) {
      auto opened = fs_->OpenRead(source.path);
      if (!opened.ok()) return opened.status().WithContext("reading '" + source.path + "'");
      auto mapped = (*opened)->Map();
      if (mapped.ok()) {
        file.data = std::move(*mapped);
        file.data_start = BomLength(file.data->view());
      }
    }
    const size_t f = files_.size();
    total_bytes_ += source.size;
    if (!file.data) {
      units_.push_back({f, 0, kWholeFile});
    } else if (options_.multi_line) {
      units_.push_back({f, file.data_start, file.data->size()});
    } else {
      const uint64_t size = file.data->size();
      const uint64_t target =
          options_.range_bytes != 0
              ? options_.range_bytes
              : std::clamp<uint64_t>(size / (tasks.size() * 8 + 1), kMinRangeBytes, kMaxRangeBytes);
      std::vector<uint64_t> starts = SplitAtLines(file.data->view(), file.data_start, target);
      for (size_t i = 0; i < starts.size(); ++i)
        units_.push_back({f, starts[i], i + 1 < starts.size() ? starts[i + 1] : size});
    }
    files_.push_back(std::move(file));
  }
  stats_.files = files_.size();
  return Status::OK();
}

Result<std::shared_ptr<const io::ByteBuffer>> JsonFilesReader::TextOf(const File& file) const {
  if (file.data) return file.data;
  SLUICE_ASSIGN_OR_RAISE(std::string bytes, fs_->ReadAll(file.source->path));
  if (file.codec != io::Codec::kNone) {
    auto text = io::Decompress(file.codec, bytes);
    if (!text.ok()) return text.status().WithContext("decompressing '" + file.source->path + "'");
    bytes = std::move(*text);
  }
  return io::MakeStringBuffer(std::move(bytes));
}

Result<LogicalType> JsonFilesReader::InferDataType(TaskRunner& tasks) {
  const size_t workers = std::max<size_t>(1, std::min(tasks.size(), units_.size()));
  std::vector<LogicalType> per_worker(workers, LogicalType(TypeId::kNull));
  std::vector<simdjson::dom::parser> parsers(workers);
  const bool sampled = options_.sampling_ratio < 1;
  const uint64_t threshold =
      sampled ? static_cast<uint64_t>(options_.sampling_ratio * 0x1p64) : UINT64_MAX;
  const LogicalType corrupt = LogicalType::Struct(
      {{options_.column_name_of_corrupt_record, LogicalType(TypeId::kString), true}});
  functions::JsonLeniency leniency = options_.leniency;
  leniency.exact_numbers = options_.infer.prefers_decimal;
  SLUICE_RETURN_NOT_OK(tasks.Run(units_.size(), workers, [&](size_t worker, size_t u) -> Status {
    const Unit& unit = units_[u];
    const File& file = files_[unit.file];
    SLUICE_ASSIGN_OR_RAISE(auto text, TextOf(file));
    const uint64_t begin = unit.end == kWholeFile ? BomLength(text->view()) : unit.begin;
    LogicalType& type = per_worker[worker];
    return ForEachJsonRecord(
        text->view(), begin, unit.end, options_.multi_line, [&](const JsonRecord& r) -> Status {
          if (sampled &&
              CombineHashes(HashString(file.source->path), HashInt(r.offset)) > threshold)
            return Status::OK();
          std::optional<element> doc = functions::ParseJson(parsers[worker], r.text, leniency);
          // A top-level array's objects are rows; anything else is no record.
          bool ok =
              doc && (doc->type() == element_type::OBJECT || doc->type() == element_type::ARRAY);
          if (ok && doc->type() == element_type::ARRAY) {
            for (element e : simdjson::dom::array(*doc)) ok &= e.type() == element_type::OBJECT;
          }
          if (ok && FitsInferredType(
                        *doc, doc->type() == element_type::ARRAY ? LogicalType::Array(type) : type,
                        options_.infer))
            return Status::OK();
          if (ok) {
            LogicalType t = functions::InferJsonValueType(*doc, options_.infer);
            if (t.id() == TypeId::kArray) t = t.children()[0].type;
            type = functions::MergeJsonTypes(type, t);
            return Status::OK();
          }
          switch (options_.mode) {
            case ParseMode::kPermissive:
              type = functions::MergeJsonTypes(type, corrupt);
              return Status::OK();
            case ParseMode::kDropMalformed:
              return Status::OK();
            case ParseMode::kFailFast:
              break;
          }
          return Status::ParseError(
              "malformed JSON record (mode FAILFAST) while inferring the schema, in '" +
              file.source->path + "' at byte " + std::to_string(r.offset) + ": " +
              std::string(r.text.substr(0, 200)));
        });
  }));
  LogicalType merged(TypeId::kNull);
  for (const LogicalType& t : per_worker) merged = functions::MergeJsonTypes(merged, t);
  return functions::CanonicalJsonType(merged);
}

Status JsonFilesReader::ResolveSchema(std::optional<types::Schema> user_schema, TaskRunner& tasks) {
  std::vector<types::Field> fields;
  if (user_schema) {
    fields = user_schema->fields();
  } else {
    SLUICE_ASSIGN_OR_RAISE(LogicalType inferred, InferDataType(tasks));
    if (inferred.id() == TypeId::kStruct) fields = inferred.children();
    for (size_t i = 1; i < fields.size() && !options_.case_sensitive; ++i) {
      // Sorted by name, upper case first: names equal but for case need not be neighbours.
      for (size_t k = 0; k < i; ++k) {
        if (types::SameColumnName(fields[k].name, fields[i].name, false))
          return Status::Invalid(
              "[COLUMN_ALREADY_EXISTS] The column `" + AsciiLower(fields[i].name) +
              "` already exists in the JSON records of " + listing_.files.front().path +
              ". Choose another name or rename the existing column.");
      }
    }
    if (fields.empty() && listing_.partition_schema.size() == 0)
      return Status::Invalid(
          "[UNABLE_TO_INFER_SCHEMA] Unable to infer schema for JSON: the files hold no JSON "
          "objects. It must be specified manually.");
  }
  // Partition columns: a type the schema declares wins; the others go last.
  const types::Schema& partitions = listing_.partition_schema;
  partition_of_.assign(fields.size(), -1);
  for (size_t p = 0; p < partitions.size(); ++p) {
    const types::Field& pf = partitions.field(p);
    auto it = std::find_if(fields.begin(), fields.end(), [&](const types::Field& f) {
      return types::SameColumnName(f.name, pf.name, options_.case_sensitive);
    });
    if (it != fields.end()) {
      partition_of_[it - fields.begin()] = static_cast<int>(p);
    } else {
      fields.push_back(pf);
      partition_of_.push_back(static_cast<int>(p));
    }
  }
  for (size_t c = 0; c < fields.size(); ++c) {
    if (partition_of_[c] >= 0) continue;
    if (fields[c].name == options_.column_name_of_corrupt_record) {
      if (fields[c].type.id() != TypeId::kString)
        return Status::Invalid("[INVALID_CORRUPT_RECORD_TYPE] The column `" + fields[c].name +
                               "` for corrupt records must have the nullable STRING type, but "
                               "got " +
                               fields[c].type.ToString() + ".");
      corrupt_column_ = static_cast<int>(c);
      continue;
    }
    read_columns_.push_back(c);
  }
  schema_ = std::make_shared<const types::Schema>(std::move(fields));
  return Status::OK();
}

uint64_t JsonFilesReader::EstimatedRows() const {
  constexpr uint64_t kSampleBytes = 64 << 10;
  uint64_t rows = 0;
  for (const File& file : files_) {
    if (!file.data || options_.multi_line) {
      rows += file.data ? 1 : file.source->size / 200;
      continue;
    }
    const std::string_view sample = file.data->view().substr(0, kSampleBytes);
    const uint64_t lines = CountLines(sample, 0, sample.size()) + 1;
    rows += sample.empty() ? 0 : file.data->size() * lines / sample.size();
  }
  return rows;
}

Result<size_t> JsonFilesReader::PlanMorsels() {
  scratch_.Clear();
  range_lines_ = std::make_unique<RangeLines>(units_.size());
  for (size_t u = 0; u < units_.size(); ++u)
    if (u == 0 || units_[u - 1].file != units_[u].file) range_lines_->SetFirst(u);
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

Result<std::unique_ptr<JsonFilesReader::MorselState>> JsonFilesReader::TakeMorselState() {
  if (std::unique_ptr<MorselState> idle = scratch_.Take()) return idle;
  auto state = std::make_unique<MorselState>();
  state->decoder = std::make_unique<JsonRecordDecoder>(*schema_, read_columns_, options_);
  SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, vector::Batch::Make(schema_));
  state->batch.emplace(std::move(batch));
  RejectSink* sink = nullptr;
  if (ordered_rejects_) sink = &state->ordered_sink.emplace(ordered_rejects_.get());
  state->rejects.emplace(sink, summary_rows());
  return state;
}

Status JsonFilesReader::ReadMorsel(size_t i, const MorselSink& sink) {
  SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<MorselState> state, TakeMorselState());
  if (state->ordered_sink) state->ordered_sink->set_morsel(i);
  Status st = ReadUnit(i, *state, *state->rejects, &sink, nullptr);
  scratch_.Give(std::move(state));
  // Later morsels' rejects wait for this one, however it ended.
  Status done = ordered_rejects_ ? ordered_rejects_->Done(i) : Status::OK();
  return st.ok() ? done : st;
}

Status JsonFilesReader::ReadUnit(size_t u, MorselState& state, RejectBuffer& rejects,
                                 const MorselSink* sink, const RejectedRow* replay_from) {
  const Unit& unit = units_[u];
  const File& file = files_[unit.file];
  SLUICE_ASSIGN_OR_RAISE(std::shared_ptr<const io::ByteBuffer> data, TextOf(file));
  const std::string_view text = data->view();
  const bool whole = unit.end == kWholeFile;
  const uint64_t begin = whole ? BomLength(text) : unit.begin;
  const uint64_t end = whole ? text.size() : unit.end;
  if (!whole) data->WillNeed(begin, end - begin);
  std::optional<uint64_t> lines_before;  // asked for at the unit's first reject
  if (whole) lines_before = 0;
  vector::Batch& batch = *state.batch;
  JsonRecordDecoder& decoder = *state.decoder;
  batch.Reset();
  state.dropped.clear();
  size_t pending_rejects = 0;  // sent on every kRejectBlock, not held for the whole unit

  // Hands the batch's rows on: partition values, dropped rows, filters, the sink.
  auto flush = [&]() -> Status {
    const size_t rows = batch.num_rows();
    if (rows == 0) return rejects.Flush();
    for (size_t c = 0; c < partition_of_.size(); ++c) {
      if (partition_of_[c] < 0) continue;
      const size_t p = static_cast<size_t>(partition_of_[c]);
      SLUICE_RETURN_NOT_OK(FillPartitionColumn(listing_.partition_schema.field(p).name,
                                               file.source->partition_values[p],
                                               options_.session_time_zone, rows, &batch.column(c)));
    }
    if (!state.dropped.empty()) {
      auto selection = std::make_unique<vector::SelectionVector>();
      size_t d = 0;
      for (uint32_t r = 0; r < rows; ++r) {
        if (d < state.dropped.size() && state.dropped[d] == r)
          ++d;
        else
          selection->Append(r);
      }
      batch.set_selection(std::move(selection));
    }
    if (filter_rows()) row_filter_.Apply(&batch);
    Status st = Status::OK();
    if (batch.num_selected() > 0) {
      state.stats.rows_output += batch.num_selected();
      st = (*sink)(batch);
    }
    batch.Reset();
    state.dropped.clear();
    SLUICE_RETURN_NOT_OK(st);
    return rejects.Flush();
  };
  // A row for the next record's object; the batch is handed on first when full.
  auto next_row = [&]() -> Result<size_t> {
    if (batch.num_rows() == batch.capacity() && sink) SLUICE_RETURN_NOT_OK(flush());
    if (batch.num_rows() == batch.capacity()) batch.Reset();  // a replay keeps no rows
    const size_t row = batch.num_rows();
    batch.set_num_rows(row + 1);
    if (corrupt_column_ >= 0) batch.column(corrupt_column_).SetNull(row);
    return row;
  };
  // A record (or one of its objects, at `row`; nullopt when it gave none) that is malformed.
  auto reject = [&](const JsonRecord& r, std::optional<size_t> row,
                    const RecordProblem& problem) -> Status {
    if (replay_from ? r.offset < replay_from->byte_offset || r.offset >= rejects_until_[u] : false)
      return Status::OK();
    if (!lines_before) {
      lines_before = range_lines_->LinesBefore(
          u, [&](size_t k) { return CountLines(text, units_[k].begin, units_[k].end); });
    }
    RejectedRow& out = rejects.Next();
    out.file = file.source->path;
    out.line = *lines_before + r.line + 1;
    out.byte_offset = r.offset;
    out.column = problem.column;
    out.category = problem.column.empty() ? "malformed record" : "unparsable value";
    out.reason = problem.reason;
    out.raw.assign(r.text.substr(0, kMaxRawBytes));
    if (++pending_rejects % kRejectBlock == 0) SLUICE_RETURN_NOT_OK(rejects.Flush());
    if (replay_from) return Status::OK();
    rejects_until_[u] = r.offset + 1;  // what a replay of this unit's rejects may find
    ++state.stats.rows_rejected;
    if (options_.mode == ParseMode::kFailFast)
      return Status::ParseError("malformed JSON record (mode FAILFAST) at " +
                                DescribeRejectedRow(out));
    if (!row) {
      if (options_.mode == ParseMode::kDropMalformed) return Status::OK();
      SLUICE_ASSIGN_OR_RAISE(size_t at, next_row());
      row = at;
      decoder.SetNullRow(batch, *row);
    }
    if (options_.mode == ParseMode::kDropMalformed) {
      state.dropped.push_back(static_cast<uint32_t>(*row));
    } else if (corrupt_column_ >= 0) {
      vector::Vector& column = batch.column(corrupt_column_);
      column.validity().SetValid(*row);
      column.data<vector::StringRef>()[*row] = column.heap().Add(r.text);
    }
    return Status::OK();
  };
  // Objects of a record into rows.
  auto read_object = [&](const JsonRecord& r, simdjson::dom::object o) -> Status {
    SLUICE_ASSIGN_OR_RAISE(size_t row, next_row());
    RecordProblem problem;
    SLUICE_ASSIGN_OR_RAISE(bool read, decoder.ReadObject(o, batch, row, &problem));
    if (read) return Status::OK();
    return reject(r, row, problem);
  };

  Status st =
      ForEachJsonRecord(text, begin, end, options_.multi_line, [&](const JsonRecord& r) -> Status {
        if (!replay_from) ++state.stats.rows_read;
        std::optional<element> doc = decoder.Parse(r.text);
        if (!doc) return reject(r, std::nullopt, {"", "not valid JSON"});
        if (doc->type() == element_type::OBJECT) return read_object(r, simdjson::dom::object(*doc));
        if (doc->type() != element_type::ARRAY)
          return reject(r, std::nullopt,
                        {"", "expected a JSON object, found " + JsonKindName(*doc)});
        // An array's objects are rows (Spark's rule); an element that is not an object
        // makes the rest of the record malformed.
        for (element e : simdjson::dom::array(*doc)) {
          if (e.type() != element_type::OBJECT)
            return reject(r, std::nullopt,
                          {"", "expected an array of JSON objects, found " + JsonKindName(e)});
          SLUICE_RETURN_NOT_OK(read_object(r, simdjson::dom::object(e)));
        }
        return Status::OK();
      });
  if (replay_from) return st.ok() ? rejects.Flush() : st;
  if (st.ok()) st = flush();
  if (st.ok() && !whole) range_lines_->SetLines(u, CountLines(text, begin, end));
  bytes_done_.fetch_add(whole ? file.source->size : end - begin, std::memory_order_relaxed);
  if (!whole) data->DropCache(begin, end - begin);
  return st;
}

Status JsonFilesReader::FinishMorsels() {
  return FinishTextMorsels(files_.size(), scratch_, ordered_rejects_.get(), stats_);
}

}  // namespace sluice::formats::json
