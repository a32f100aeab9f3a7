#include "dataset/dataset_writer.h"

#include <list>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "dataset/dataset_commit.h"
#include "dataset/parallel_parquet_writer.h"
#include "formats/csv/csv_writer.h"
#include "formats/json/json_lines_writer.h"
#include "formats/parquet/parquet_writer.h"
#include "formats/partition_value.h"
#include "io/path.h"
#include "memory/memory_tracker.h"
#include "vector/value_formatter.h"
#include "vector/vector_ops.h"

namespace sluice::formats {

using io::BaseName;
using io::ParentOf;

Result<SaveMode> SaveModeFromName(const std::string& name) {
  if (name == "error" || name == "errorifexists" || name == "default") return SaveMode::kError;
  if (name == "append") return SaveMode::kAppend;
  if (name == "overwrite") return SaveMode::kOverwrite;
  if (name == "ignore") return SaveMode::kIgnore;
  return Status::Invalid("unknown save mode '" + name +
                         "': expected error, append, overwrite or ignore");
}

// One open output file of either format.
class DatasetWriter::FileSink {
 public:
  virtual ~FileSink() = default;
  virtual Status WriteRows(const vector::Batch& batch, const std::vector<uint32_t>& rows,
                           const std::vector<size_t>& columns) = 0;
  virtual Status Finish() = 0;
  // Bytes held in memory for the file, and writing them out early (Parquet row groups).
  virtual int64_t buffered_bytes() const { return 0; }
  virtual Status FlushBuffered() { return Status::OK(); }
};

namespace {

class ParquetFileSink final : public DatasetWriter::FileSink {
 public:
  explicit ParquetFileSink(std::unique_ptr<parquet::ParquetWriter> w) : writer_(std::move(w)) {}
  Status WriteRows(const vector::Batch& b, const std::vector<uint32_t>& rows,
                   const std::vector<size_t>& cols) override {
    return writer_->WriteRows(b, rows, cols);
  }
  Status Finish() override { return writer_->Finish().status(); }
  int64_t buffered_bytes() const override { return writer_->buffered_bytes(); }
  Status FlushBuffered() override { return writer_->FlushRowGroup(); }

 private:
  std::unique_ptr<parquet::ParquetWriter> writer_;
};

// The single-file target: row groups encoded on every core, written in input order.
class ParallelParquetFileSink final : public DatasetWriter::FileSink {
 public:
  explicit ParallelParquetFileSink(std::unique_ptr<parquet::ParallelParquetWriter> w)
      : writer_(std::move(w)) {}
  Status WriteRows(const vector::Batch& b, const std::vector<uint32_t>& rows,
                   const std::vector<size_t>& cols) override {
    return writer_->WriteRows(b, rows, cols);
  }
  Status Finish() override { return writer_->Finish().status(); }

 private:
  std::unique_ptr<parquet::ParallelParquetWriter> writer_;
};

class CsvFileSink final : public DatasetWriter::FileSink {
 public:
  explicit CsvFileSink(std::unique_ptr<csv::CsvWriter> w) : writer_(std::move(w)) {}
  Status WriteRows(const vector::Batch& b, const std::vector<uint32_t>& rows,
                   const std::vector<size_t>& cols) override {
    return writer_->WriteRows(b, rows, cols);
  }
  Status Finish() override { return writer_->Finish(); }

 private:
  std::unique_ptr<csv::CsvWriter> writer_;
};

class JsonFileSink final : public DatasetWriter::FileSink {
 public:
  explicit JsonFileSink(std::unique_ptr<json::JsonLinesWriter> w) : writer_(std::move(w)) {}
  Status WriteRows(const vector::Batch& b, const std::vector<uint32_t>& rows,
                   const std::vector<size_t>& cols) override {
    return writer_->WriteRows(b, rows, cols);
  }
  Status Finish() override { return writer_->Finish(); }

 private:
  std::unique_ptr<json::JsonLinesWriter> writer_;
};

}  // namespace

std::optional<OutputFileType> OutputFileTypeOf(const std::string& path) {
  const std::pair<std::string_view, OutputFileType> types[] = {{".parquet", {"parquet", ""}},
                                                               {".csv", {"csv", ""}},
                                                               {".csv.gz", {"csv", "gzip"}},
                                                               {".csv.zst", {"csv", "zstd"}}};
  const std::string name = BaseName(path);
  for (const auto& [extension, type] : types) {
    // A name that is only the extension is a hidden folder, not a file of that type.
    if (name.size() > extension.size() && io::HasExtension(name, extension)) return type;
  }
  return std::nullopt;
}

struct DatasetWriter::OpenFile {
  std::unique_ptr<FileSink> sink;
  std::list<std::string>::iterator lru;
};

struct DatasetWriter::WorkerState {
  // The buffered bytes are charged to the process's tracker (so queries see the room they
  // take); the files go first, then the charge.
  ~WorkerState() {
    files.clear();
    Uncharge();
  }
  void Uncharge() { memory::MemoryTracker::Process().Release(std::exchange(charged, 0)); }
  int64_t charged = 0;
  std::unordered_map<std::string, OpenFile> files;
  std::list<std::string> lru;  // most recently used first
  size_t next_file = 0;
  std::vector<std::string> written;
};

DatasetWriter::DatasetWriter(std::shared_ptr<io::FileSystem> fs, std::string target,
                             DatasetWriteOptions options)
    : fs_(std::move(fs)), target_(std::move(target)), options_(std::move(options)) {}

DatasetWriter::~DatasetWriter() {
  if (!done_) Abort();
}

Result<std::unique_ptr<DatasetWriter>> DatasetWriter::Open(std::shared_ptr<io::FileSystem> fs,
                                                           std::string target,
                                                           const types::Schema& schema,
                                                           DatasetWriteOptions options) {
  while (target.size() > 1 && target.back() == '/') target.pop_back();
  if (options.format != "parquet" && options.format != "csv" && options.format != "json") {
    return Status::Invalid("unknown output format '" + options.format +
                           "': expected parquet, csv or json");
  }
  // Finish what killed jobs left half done before looking at the target.
  SLUICE_RETURN_NOT_OK(RecoverDataset(*fs, target));
  std::unique_ptr<DatasetWriter> w(new DatasetWriter(std::move(fs), target, std::move(options)));
  w->single_file_ = w->options_.partition_by.empty() && OutputFileTypeOf(target).has_value();
  w->target_existed_ = w->fs_->Exists(target);
  if (w->target_existed_ && w->options_.mode == SaveMode::kError) {
    return Status::AlreadyExists(
        "'" + target + "' already exists (save mode error; use append, overwrite or ignore)");
  }
  if (w->single_file_ && w->target_existed_ && w->options_.mode == SaveMode::kAppend) {
    return Status::Invalid("cannot append to the single file '" + target +
                           "': write to a folder instead");
  }
  if (w->target_existed_ && w->options_.mode == SaveMode::kIgnore) {
    w->skipped_ = true;
    w->done_ = true;
    return w;
  }
  std::vector<types::Field> data;
  for (const std::string& name : w->options_.partition_by) {
    auto found = schema.FindField(name, w->options_.case_sensitive);
    if (!found)
      return Status::Invalid("partition column '" + name + "' is not in the schema (" +
                             schema.ToDdl() + ")");
    if (schema.field(*found).type.IsNested())
      return Status::Invalid("cannot partition by nested column '" + name + "'");
    if (std::find(w->partition_columns_.begin(), w->partition_columns_.end(), *found) !=
        w->partition_columns_.end()) {
      return Status::Invalid("partition column '" + schema.field(*found).name +
                             "' is named twice in partition_by");
    }
    w->partition_columns_.push_back(*found);
  }
  for (size_t c = 0; c < schema.size(); ++c) {
    if (std::find(w->partition_columns_.begin(), w->partition_columns_.end(), c) !=
        w->partition_columns_.end())
      continue;
    data.push_back(schema.field(c));
    w->data_columns_.push_back(c);
  }
  if (schema.size() == 0) {
    // Spark refuses it too; an empty input file without a schema gives one.
    return Status::Invalid("cannot write a table without columns (an empty input needs --schema)");
  }
  if (data.empty())
    return Status::Invalid("every column is a partition column: data files would be empty");
  w->data_schema_ = types::Schema(std::move(data));
  w->job_id_ = NewJobId();
  // Hidden from readers of the parent folder (a leading '.'), beside the target.
  w->staging_ = ParentOf(target) + "/." + BaseName(target) + ".sluice-staging-" + w->job_id_;
  SLUICE_RETURN_NOT_OK(w->fs_->CreateDirs(w->single_file_ ? ParentOf(w->staging_) : w->staging_));
  return w;
}

std::string DatasetWriter::PartitionDir(const vector::Batch& batch, size_t row) const {
  std::string dir;
  for (size_t i = 0; i < partition_columns_.size(); ++i) {
    const vector::Vector& v = batch.column(partition_columns_[i]);
    std::string value =
        v.IsNull(row)
            ? kHiveDefaultPartition
            : EscapePartitionValue(vector::FormatValue(v, row, options_.session_time_zone));
    if (value.empty())
      value = kHiveDefaultPartition;  // Spark writes empty strings as the default partition too
    if (!dir.empty()) dir += '/';
    dir += EscapePartitionValue(batch.schema().field(partition_columns_[i]).name) + "=" + value;
  }
  return dir;
}

bool DatasetWriter::SamePartition(const vector::Batch& batch, size_t a, size_t b) const {
  for (size_t c : partition_columns_) {
    const vector::Vector& v = batch.column(c);
    if (v.is_constant()) continue;
    // Equal floating-point values can print differently (-0.0 and 0.0).
    const types::TypeId id = v.type().id();
    if (id == types::TypeId::kFloat || id == types::TypeId::kDouble ||
        !vector::ValuesEqual(v, a, v, b))
      return false;
  }
  return true;
}

Result<DatasetWriter::FileSink*> DatasetWriter::SinkFor(WorkerState& state, size_t worker,
                                                        const std::string& partition_dir) {
  auto it = state.files.find(partition_dir);
  if (it != state.files.end()) {
    state.lru.splice(state.lru.begin(), state.lru, it->second.lru);
    return it->second.sink.get();
  }
  if (state.files.size() >= options_.max_open_files_per_worker) {
    // Too many partitions open at once: finish the least recently used file.
    const std::string victim = state.lru.back();
    SLUICE_RETURN_NOT_OK(state.files[victim].sink->Finish());
    state.files.erase(victim);
    state.lru.pop_back();
  }
  std::string relative;
  if (single_file_) {
    relative = "";
  } else {
    char name[96];
    const char* ext = options_.format.c_str();  // parquet, csv or json
    std::snprintf(name, sizeof(name), "part-%05zu-%05zu-%s.%s", worker, state.next_file++,
                  job_id_.c_str(), ext);
    relative = partition_dir.empty() ? name : partition_dir + "/" + name;
    SLUICE_RETURN_NOT_OK(fs_->CreateDirs(ParentOf(staging_ + "/" + relative)));
  }
  const std::string path = single_file_ ? staging_ : staging_ + "/" + relative;
  std::unique_ptr<FileSink> sink;
  if (options_.format == "parquet") {
    SLUICE_ASSIGN_OR_RAISE(auto po, parquet::ParquetWriteOptions::FromMap(options_.format_options));
    if (single_file_ && parquet::ParallelParquetWriter::Supports(data_schema_)) {
      SLUICE_ASSIGN_OR_RAISE(
          auto writer, parquet::ParallelParquetWriter::Open(*fs_, path, data_schema_, po,
                                                            parallel::ThreadPool::Default(),
                                                            &memory::MemoryTracker::Process()));
      sink = std::make_unique<ParallelParquetFileSink>(std::move(writer));
    } else {
      SLUICE_ASSIGN_OR_RAISE(auto writer,
                             parquet::ParquetWriter::Open(*fs_, path, data_schema_, po));
      sink = std::make_unique<ParquetFileSink>(std::move(writer));
    }
  } else if (options_.format == "json") {
    SLUICE_ASSIGN_OR_RAISE(auto jo, json::JsonReadOptions::FromMap(options_.format_options,
                                                                   options_.session_time_zone));
    SLUICE_ASSIGN_OR_RAISE(auto writer, json::JsonLinesWriter::Open(*fs_, path, data_schema_, jo));
    sink = std::make_unique<JsonFileSink>(std::move(writer));
  } else {
    std::map<std::string, std::string> csv_options{{"header", "true"}};
    for (const auto& [k, v] : options_.format_options) csv_options[k] = v;
    SLUICE_ASSIGN_OR_RAISE(auto co,
                           csv::CsvOptions::FromMap(csv_options, options_.session_time_zone));
    if (co.encoding != TextEncoding::kUtf8) {
      return Status::NotImplemented("CSV files are written in UTF-8 only (option 'encoding' is " +
                                    std::string(TextEncodingName(co.encoding)) + ")");
    }
    SLUICE_ASSIGN_OR_RAISE(auto writer, csv::CsvWriter::Open(*fs_, path, data_schema_, co));
    sink = std::make_unique<CsvFileSink>(std::move(writer));
  }
  state.lru.push_front(partition_dir);
  state.written.push_back(relative);
  auto& file = state.files[partition_dir];
  file.sink = std::move(sink);
  file.lru = state.lru.begin();
  return file.sink.get();
}

Status DatasetWriter::Write(size_t worker, const vector::Batch& batch) {
  if (skipped_) return Status::OK();
  if (done_) return Status::Invalid("DatasetWriter: write after commit");
  std::unique_lock lock(mu_);
  if (single_file_) worker = 0;  // one file: every worker writes through it, in turn
  auto& slot = workers_[worker];
  if (!slot) slot = std::make_unique<WorkerState>();
  WorkerState& state = *slot;
  rows_ += batch.num_selected();
  if (!single_file_) lock.unlock();
  // Group the rows by partition folder, keeping their order.
  std::vector<std::pair<std::string, std::vector<uint32_t>>> groups;
  std::unordered_map<std::string, size_t> group_of;
  // A row whose partition values equal the previous row's goes to its folder without
  // formatting them again (a static partition's constant, data sorted by partition).
  size_t group = 0;
  for (size_t i = 0; i < batch.num_selected(); ++i) {
    auto row = static_cast<uint32_t>(batch.selected_row(i));
    if (i == 0 || !SamePartition(batch, batch.selected_row(i - 1), row)) {
      std::string dir = partition_columns_.empty() ? std::string() : PartitionDir(batch, row);
      auto [it, inserted] = group_of.try_emplace(dir, groups.size());
      if (inserted) groups.emplace_back(dir, std::vector<uint32_t>());
      group = it->second;
    }
    groups[group].second.push_back(row);
  }
  for (const auto& [dir, rows] : groups) {
    SLUICE_ASSIGN_OR_RAISE(FileSink * sink, SinkFor(state, worker, dir));
    SLUICE_RETURN_NOT_OK(sink->WriteRows(batch, rows, data_columns_));
  }
  return KeepWithinBudget(state);
}

int64_t DatasetWriter::BufferBudget() const {
  // Under a small memory limit, smaller row groups rather than buffers past the limit.
  constexpr int64_t kMinBudget = 1 << 20;
  return std::min(options_.max_buffered_bytes_per_worker,
                  std::max(kMinBudget, memory::MemoryTracker::Process().limit() / 16));
}

Status DatasetWriter::KeepWithinBudget(WorkerState& state) {
  const int64_t budget = BufferBudget();
  while (true) {
    int64_t total = 0, largest_bytes = 0;
    FileSink* largest = nullptr;
    for (auto& [dir, file] : state.files) {
      const int64_t bytes = file.sink->buffered_bytes();
      total += bytes;
      if (bytes > largest_bytes) {
        largest_bytes = bytes;
        largest = file.sink.get();
      }
    }
    if (total <= budget || !largest) {
      memory::MemoryTracker& process = memory::MemoryTracker::Process();
      if (total > state.charged) process.Charge(total - state.charged);
      if (total < state.charged) process.Release(state.charged - total);
      state.charged = total;
      return Status::OK();
    }
    SLUICE_RETURN_NOT_OK(largest->FlushBuffered());
  }
}

Status DatasetWriter::MoveIntoPlace() {
  if (!target_existed_) return fs_->Rename(staging_, target_);  // one rename: atomic
  CommitPlan plan;
  plan.target = target_;
  plan.staging = staging_;
  plan.trash = ParentOf(target_) + "/." + BaseName(target_) + ".sluice-trash-" + job_id_;
  plan.replace_whole =
      single_file_ || (options_.mode == SaveMode::kOverwrite &&
                       (partition_columns_.empty() || options_.static_partition_overwrite));
  if (!plan.replace_whole && options_.mode == SaveMode::kOverwrite) {
    // Dynamic partition overwrite: the partitions written replace theirs, no others.
    SLUICE_ASSIGN_OR_RAISE(auto files, fs_->ListRecursive(staging_));
    for (const io::FileInfo& f : files) {
      const std::string dir = ParentOf(f.path.substr(staging_.size() + 1));
      if (dir != "." && std::find(plan.replaced_dirs.begin(), plan.replaced_dirs.end(), dir) ==
                            plan.replaced_dirs.end()) {
        plan.replaced_dirs.push_back(dir);
      }
    }
  }
  committing_ = true;
  return CommitDataset(*fs_, plan, job_id_);
}

Result<DatasetWriteResult> DatasetWriter::Commit() {
  DatasetWriteResult result;
  if (skipped_) {
    result.skipped = true;
    return result;
  }
  if (done_) return Status::Invalid("DatasetWriter: commit twice");
  if (workers_.empty()) {
    // No rows: still one (empty) file, so the schema is recorded.
    workers_[0] = std::make_unique<WorkerState>();
    SLUICE_RETURN_NOT_OK(SinkFor(*workers_[0], 0, "").status());
  }
  for (auto& [worker, state] : workers_) {
    for (auto& [dir, file] : state->files) SLUICE_RETURN_NOT_OK(file.sink->Finish());
    state->files.clear();
    state->Uncharge();
    for (const std::string& f : state->written) result.files.push_back(f);
  }
  if (!single_file_) SLUICE_RETURN_NOT_OK(fs_->WriteAll(staging_ + "/_SUCCESS", ""));
  SLUICE_RETURN_NOT_OK(MoveIntoPlace());
  done_ = true;
  result.rows = rows_;
  return result;
}

void DatasetWriter::Abort() {
  workers_.clear();
  // Once the commit has begun its journal owns the staging: the next writer finishes it.
  if (!staging_.empty() && !committing_) (void)fs_->DeleteRecursive(staging_);
  done_ = true;
}

}  // namespace sluice::formats
