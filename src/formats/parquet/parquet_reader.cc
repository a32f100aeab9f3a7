#include "formats/parquet/parquet_reader.h"

#include <algorithm>

#include "formats/parquet/column_chunk_reader.h"
#include "formats/parquet/nested_column_reader.h"
#include "formats/parquet/parquet_footer.h"
#include "formats/partition_value.h"

namespace sluice::formats::parquet {
namespace {

// Columns are found by name, so a file holding two columns of one name cannot be read
// right; Spark refuses it too.
Status CheckDistinctNames(const types::Schema& schema, bool case_sensitive,
                          const std::string& path) {
  std::string duplicates;
  bool differ_in_case = false;
  for (size_t i = 0; i < schema.size(); ++i) {
    const std::string& name = schema.field(i).name;
    auto first = schema.FindField(name, case_sensitive);
    if (*first == i) continue;
    const std::string& earlier = schema.field(*first).name;
    differ_in_case |= earlier != name;
    if (duplicates.find("`" + earlier + "`") == std::string::npos) {
      duplicates += (duplicates.empty() ? "`" : ", `") + earlier + "`";
    }
  }
  if (duplicates.empty()) return Status::OK();
  return Status::Invalid(
      "'" + path + "': found duplicate column(s) in the data schema: " + duplicates +
      (differ_in_case ? " (names are compared ignoring case; --conf spark.sql.caseSensitive=true "
                        "tells apart names that differ only in case)"
                      : ""));
}

}  // namespace

Result<ParquetReadOptions> ParquetReadOptions::FromMap(
    const std::map<std::string, std::string>& options, const types::TimeZone& session_time_zone) {
  ParquetReadOptions o;
  o.session_time_zone = session_time_zone;
  for (const auto& [key, value] : options) {
    std::string k = key;
    std::transform(k.begin(), k.end(), k.begin(), [](unsigned char c) { return std::tolower(c); });
    if (!ApplyListingOption(k, value, &o.listing)) {
      return Status::Invalid("unknown Parquet read option '" + key +
                             "' (known: basePath, recursiveFileLookup, pathGlobFilter)");
    }
  }
  return o;
}

Result<std::unique_ptr<ParquetReader>> ParquetReader::Open(std::shared_ptr<io::FileSystem> fs,
                                                           SourceListing listing,
                                                           ParquetReadOptions options) {
  std::unique_ptr<ParquetReader> reader(new ParquetReader(std::move(fs), std::move(options)));
  reader->listing_ = std::move(listing);
  if (reader->listing_.files.empty()) return Status::NotFound("no Parquet files found");
  for (const SourceFile& file : reader->listing_.files) {
    SLUICE_ASSIGN_OR_RAISE(auto handle, reader->fs_->OpenRead(file.path));
    SLUICE_ASSIGN_OR_RAISE(FileMetaData metadata, ReadParquetFooter(*handle));
    auto schema = ParquetSchema::Make(metadata);
    if (!schema.ok()) return schema.status().WithContext("'" + file.path + "'");
    SLUICE_RETURN_NOT_OK(
        CheckDistinctNames(schema->schema(), reader->options_.case_sensitive, file.path));
    FilePlan plan{
        &file, std::move(metadata), std::make_unique<ParquetSchema>(std::move(*schema)), {}};
    reader->total_bytes_ += file.size;
    reader->plans_.push_back(std::move(plan));
  }
  // The table schema: the first file's columns, then partition columns it lacks.
  const bool exact = reader->options_.case_sensitive;
  const ParquetSchema& first = *reader->plans_.front().schema;
  std::vector<types::Field> fields = first.schema().fields();
  for (const types::Field& p : reader->listing_.partition_schema.fields()) {
    if (!first.schema().FindField(p.name, exact)) fields.push_back(p);
  }
  SLUICE_ASSIGN_OR_RAISE(RowGroupFilter filter,
                         RowGroupFilter::Make(reader->options_.filters, types::Schema(fields),
                                              reader->options_.session_time_zone, exact));
  if (!reader->options_.columns.empty()) {
    const types::Schema all(fields);
    std::vector<types::Field> chosen;
    for (const std::string& name : reader->options_.columns) {
      auto found = all.FindField(name, exact);
      if (!found) return Status::Invalid("no column '" + name + "' in the Parquet files");
      chosen.push_back(all.field(*found));
    }
    fields = std::move(chosen);
  }
  reader->schema_ = std::make_shared<const types::Schema>(std::move(fields));
  const types::Schema& schema = *reader->schema_;
  for (const ColumnPredicate& p : reader->options_.filters) {
    if (!schema.FindField(p.column, exact))
      return Status::Invalid("filter on '" + p.column + "': the column is not among those read");
  }
  SLUICE_ASSIGN_OR_RAISE(
      reader->row_filter_,
      RowFilter::Make(reader->options_.filters, schema, reader->options_.session_time_zone, exact));
  for (const types::Field& f : schema.fields()) {
    auto p = reader->listing_.partition_schema.FindField(f.name, exact);
    reader->partition_index_.push_back(p ? static_cast<int>(*p) : -1);
  }
  for (size_t fi = 0; fi < reader->plans_.size(); ++fi) {
    FilePlan& plan = reader->plans_[fi];
    for (size_t c = 0; c < schema.size(); ++c) {
      // Unique: CheckDistinctNames refused files whose names collide in this mode.
      auto found = plan.schema->schema().FindField(schema.field(c).name, exact);
      if (!found || reader->partition_index_[c] >= 0) {
        plan.column_field.push_back(-1);
        continue;
      }
      const types::Field& theirs = plan.schema->schema().field(*found);
      if (theirs.type != schema.field(c).type) {
        return Status::Invalid("column '" + schema.field(c).name + "' is " +
                               theirs.type.ToString() + " in '" + plan.source->path + "' but " +
                               schema.field(c).type.ToString() + " in '" +
                               reader->plans_.front().source->path + "'");
      }
      plan.column_field.push_back(static_cast<int>(*found));
    }
    for (size_t g = 0; g < plan.metadata.row_groups.size(); ++g) {
      ++reader->row_groups_total_;
      if (reader->MayMatch(filter, plan, plan.metadata.row_groups[g])) {
        reader->units_.push_back({fi, g});
      } else {
        ++reader->row_groups_skipped_;
      }
    }
  }
  reader->stats_.files = reader->plans_.size();
  return reader;
}

bool ParquetReader::MayMatch(const RowGroupFilter& filter, const FilePlan& plan,
                             const RowGroup& group) const {
  const bool exact = options_.case_sensitive;
  for (size_t i = 0; i < filter.size(); ++i) {
    const std::string& column = filter.predicate(i).column;
    auto partition = listing_.partition_schema.FindField(column, exact);
    if (partition) {
      if (!filter.MayMatchValue(i, plan.source->partition_values[*partition])) return false;
      continue;
    }
    auto field = plan.schema->schema().FindField(column, exact);
    if (!field) {
      // The file lacks the column: every row holds NULL there.
      if (!filter.MayMatchValue(i, std::nullopt)) return false;
      continue;
    }
    auto flat = plan.schema->FlatLeaf(*field);
    if (!flat) continue;  // nested columns carry no usable statistics
    size_t leaf = *flat;
    if (leaf >= group.columns.size() || !group.columns[leaf].meta_data) continue;
    // Without ColumnOrders (older writers) min_value/max_value are in the type's order.
    const auto& orders = plan.metadata.column_orders;
    const bool type_defined_order = orders.empty() || (leaf < orders.size() && orders[leaf]);
    auto stats =
        ChunkStatistics::Of(*plan.schema->leaves()[leaf].element, *group.columns[leaf].meta_data,
                            group.num_rows, type_defined_order);
    if (!filter.MayMatch(i, stats)) return false;
  }
  return true;
}

Result<std::unique_ptr<ColumnChunkReader>> ParquetReader::OpenChunk(const FilePlan& plan,
                                                                    const RowGroup& group,
                                                                    io::RandomAccessFile& file,
                                                                    size_t leaf_index,
                                                                    const std::string& where) {
  const LeafColumn& leaf = plan.schema->leaves()[leaf_index];
  if (leaf_index >= group.columns.size() || !group.columns[leaf_index].meta_data) {
    return Status::ParseError(where + ": no metadata for column '" + leaf.path + "'");
  }
  if (group.columns[leaf_index].encrypted) {
    return Status::NotImplemented(
        where + ": column '" + leaf.path +
        "' is encrypted, and encrypted Parquet columns are not supported");
  }
  const ColumnMetaData& meta = *group.columns[leaf_index].meta_data;
  int64_t start = meta.data_page_offset;
  if (meta.dictionary_page_offset && *meta.dictionary_page_offset > 0 &&
      *meta.dictionary_page_offset < start) {
    start = *meta.dictionary_page_offset;
  }
  if (start < 0 || meta.total_compressed_size < 0 ||
      static_cast<uint64_t>(start) + static_cast<uint64_t>(meta.total_compressed_size) >
          file.size()) {
    return Status::ParseError(
        where + ", column '" + leaf.path + "': chunk at byte " + std::to_string(start) + " of " +
        std::to_string(meta.total_compressed_size) + " bytes lies outside the file");
  }
  const auto size = static_cast<uint64_t>(meta.total_compressed_size);
  file.WillNeed(static_cast<uint64_t>(start), size);
  bytes_done_.fetch_add(size, std::memory_order_relaxed);
  return std::make_unique<ColumnChunkReader>(file, static_cast<uint64_t>(start), size, leaf,
                                             leaf.type, meta.codec,
                                             where + ", column '" + leaf.path + "'");
}

Status ParquetReader::ReadUnit(const Unit& unit, MorselState& state, const MorselSink& sink) {
  vector::Batch* batch = &state.batch;
  const FilePlan& plan = plans_[unit.file];
  const RowGroup& group = plan.metadata.row_groups[unit.row_group];
  const std::string where =
      "'" + plan.source->path + "', row group " + std::to_string(unit.row_group);
  if (group.num_rows < 0) return Status::ParseError(where + ": negative row count");
  SLUICE_ASSIGN_OR_RAISE(auto file, fs_->OpenRead(plan.source->path));
  const types::Schema& schema = *schema_;
  std::vector<std::unique_ptr<ColumnChunkReader>> readers(schema.size());
  std::vector<std::unique_ptr<NestedColumnReader>> nested(schema.size());
  for (size_t c = 0; c < schema.size(); ++c) {
    if (plan.column_field[c] < 0) continue;
    const auto field = static_cast<size_t>(plan.column_field[c]);
    if (auto flat = plan.schema->FlatLeaf(field)) {
      SLUICE_ASSIGN_OR_RAISE(readers[c], OpenChunk(plan, group, *file, *flat, where));
      continue;
    }
    const SchemaNode& node = plan.schema->fields()[field];
    std::vector<std::unique_ptr<ColumnChunkReader>> leaves;
    for (size_t l = node.first_leaf; l < node.end_leaf; ++l) {
      SLUICE_ASSIGN_OR_RAISE(auto leaf, OpenChunk(plan, group, *file, l, where));
      leaves.push_back(std::move(leaf));
    }
    nested[c] = std::make_unique<NestedColumnReader>(
        *plan.schema, node, std::move(leaves), where + ", column '" + schema.field(c).name + "'");
  }
  for (int64_t done = 0; done < group.num_rows;) {
    size_t take = static_cast<size_t>(
        std::min<int64_t>(static_cast<int64_t>(batch->capacity()), group.num_rows - done));
    batch->Reset();
    batch->set_num_rows(take);
    for (size_t c = 0; c < schema.size(); ++c) {
      vector::Vector& v = batch->column(c);
      if (readers[c]) {
        SLUICE_RETURN_NOT_OK(readers[c]->Read(take, &v, 0));
      } else if (nested[c]) {
        SLUICE_RETURN_NOT_OK(nested[c]->Read(take, &v));
      } else if (partition_index_[c] >= 0) {
        const auto& raw = plan.source->partition_values[static_cast<size_t>(partition_index_[c])];
        SLUICE_RETURN_NOT_OK(
            FillPartitionColumn(schema.field(c).name, raw, options_.session_time_zone, take, &v)
                .WithContext(where));
      } else {
        for (size_t r = 0; r < take; ++r) v.SetNull(r);
      }
    }
    done += static_cast<int64_t>(take);
    if (filter_rows()) row_filter_.Apply(batch);
    state.stats.rows_read += take;
    if (batch->num_selected() == 0) continue;
    state.stats.rows_output += batch->num_selected();
    SLUICE_RETURN_NOT_OK(sink(*batch));
  }
  return Status::OK();
}

uint64_t ParquetReader::EstimatedRows() const {
  uint64_t rows = 0;
  for (const FilePlan& plan : plans_)
    rows += static_cast<uint64_t>(std::max<int64_t>(plan.metadata.num_rows, 0));
  return rows;
}

Result<size_t> ParquetReader::PlanMorsels() {
  scratch_.Clear();
  return units_.size();
}

Status ParquetReader::ReadMorsel(size_t i, const MorselSink& sink) {
  std::unique_ptr<MorselState> state = scratch_.Take();
  if (!state) {
    SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, vector::Batch::Make(schema_));
    state.reset(new MorselState{std::move(batch), {}});
  }
  Status st = ReadUnit(units_[i], *state, sink);
  scratch_.Give(std::move(state));
  return st;
}

Status ParquetReader::FinishMorsels() {
  stats_ = ReadStats{plans_.size(), 0, 0, 0};
  for (const auto& state : scratch_.idle()) {
    stats_.rows_read += state->stats.rows_read;
    stats_.rows_output += state->stats.rows_output;
  }
  scratch_.Clear();
  return Status::OK();
}

}  // namespace sluice::formats::parquet
