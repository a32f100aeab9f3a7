#include "formats/parquet/parquet_writer.h"

#include <cmath>
#include <cstring>
#include <unordered_map>

#include "formats/parquet/dictionary_builder.h"
#include "formats/parquet/parquet_codec.h"
#include "formats/parquet/plain_bytes.h"
#include "formats/parquet/rle_bit_packed.h"
#include "types/decimal.h"
#include "types/text_parsing.h"

namespace sluice::formats::parquet {

using types::TypeId;
using Kind = LogicalTypeAnnotation::Kind;

namespace {

// Bytes a FIXED_LEN_BYTE_ARRAY needs for `precision` digits: the fewest whose signed
// range holds 10^precision - 1 (as Spark sizes it: 9 bytes for 19..21 digits, 16 for 38).
int DecimalBytes(int precision) {
  const types::Int128 largest = types::PowerOfTen(precision) - 1;
  for (int bytes = 1; bytes < 16; ++bytes) {
    if (largest < (types::Int128{1} << (8 * bytes - 1))) return bytes;
  }
  return 16;
}

template <typename T>
void AppendLE(std::string* out, T v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof(T));
}

}  // namespace

Result<ParquetWriteOptions> ParquetWriteOptions::FromMap(
    const std::map<std::string, std::string>& options) {
  ParquetWriteOptions o;
  auto positive = [](const std::string& key, const std::string& value) -> Result<int64_t> {
    int64_t v = 0;
    if (!types::ParseInteger(value, 1, INT64_MAX, &v)) {
      return Status::Invalid("option '" + key + "': expected a positive number, found '" + value +
                             "'");
    }
    return v;
  };
  for (const auto& [key, value] : options) {
    if (key == "compression" || key == "codec") {
      SLUICE_ASSIGN_OR_RAISE(o.codec, CompressionCodecFromName(value));
    } else if (key == "parquet.block.size") {
      SLUICE_ASSIGN_OR_RAISE(o.row_group_bytes, positive(key, value));
    } else if (key == "rowGroupRows") {
      SLUICE_ASSIGN_OR_RAISE(o.row_group_rows, positive(key, value));
    } else if (key == "parquet.page.size") {
      SLUICE_ASSIGN_OR_RAISE(o.page_bytes, positive(key, value));
    } else if (key == "parquet.dictionary.page.size") {
      SLUICE_ASSIGN_OR_RAISE(o.dictionary_bytes, positive(key, value));
    } else if (key == "parquet.enable.dictionary") {
      o.dictionary = value == "true";
    } else {
      return Status::Invalid(
          "unknown Parquet write option '" + key +
          "' (known: compression, parquet.block.size, rowGroupRows, parquet.page.size, "
          "parquet.dictionary.page.size, parquet.enable.dictionary)");
    }
  }
  return o;
}

Result<SchemaElement> ParquetElementFor(const types::Field& field) {
  SchemaElement e;
  e.name = field.name;
  e.repetition = field.nullable ? Repetition::kOptional : Repetition::kRequired;
  const types::LogicalType& t = field.type;
  auto integer = [&](int bits) {
    e.logical_type.kind = Kind::kInteger;
    e.logical_type.bit_width = static_cast<int8_t>(bits);
    e.logical_type.is_signed = true;
    e.converted_type = bits == 8 ? ConvertedType::kInt8 : ConvertedType::kInt16;
  };
  switch (t.id()) {
    case TypeId::kBoolean:
      e.type = PhysicalType::kBoolean;
      break;
    case TypeId::kTinyInt:
      e.type = PhysicalType::kInt32;
      integer(8);
      break;
    case TypeId::kSmallInt:
      e.type = PhysicalType::kInt32;
      integer(16);
      break;
    case TypeId::kInt:
      e.type = PhysicalType::kInt32;
      break;
    case TypeId::kBigInt:
      e.type = PhysicalType::kInt64;
      break;
    case TypeId::kFloat:
      e.type = PhysicalType::kFloat;
      break;
    case TypeId::kDouble:
      e.type = PhysicalType::kDouble;
      break;
    case TypeId::kDecimal:
      e.type = t.precision() <= 9    ? PhysicalType::kInt32
               : t.precision() <= 18 ? PhysicalType::kInt64
                                     : PhysicalType::kFixedLenByteArray;
      if (e.type == PhysicalType::kFixedLenByteArray) e.type_length = DecimalBytes(t.precision());
      e.converted_type = ConvertedType::kDecimal;
      e.scale = t.scale();
      e.precision = t.precision();
      e.logical_type.kind = Kind::kDecimal;
      e.logical_type.scale = t.scale();
      e.logical_type.precision = t.precision();
      break;
    case TypeId::kString:
      e.type = PhysicalType::kByteArray;
      e.converted_type = ConvertedType::kUtf8;
      e.logical_type.kind = Kind::kString;
      break;
    case TypeId::kBinary:
      e.type = PhysicalType::kByteArray;
      break;
    case TypeId::kDate:
      e.type = PhysicalType::kInt32;
      e.converted_type = ConvertedType::kDate;
      e.logical_type.kind = Kind::kDate;
      break;
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
      e.type = PhysicalType::kInt64;
      e.logical_type.kind = Kind::kTimestamp;
      e.logical_type.unit = TimeUnit::kMicros;
      e.logical_type.adjusted_to_utc = t.id() == TypeId::kTimestamp;
      if (t.id() == TypeId::kTimestamp) e.converted_type = ConvertedType::kTimestampMicros;
      break;
    default:
      return Status::NotImplemented("column '" + field.name + "': writing " + t.ToString() +
                                    " to Parquet is not supported yet");
  }
  return e;
}

namespace {

// After this many values a column chunk whose values are mostly distinct gives up its dictionary.
constexpr size_t kDictionaryProbeValues = 16384;

// Bytes of each PLAIN value of a fixed-width physical type; 0 for BYTE_ARRAY.
size_t FixedWidth(const SchemaElement& e) {
  switch (*e.type) {
    case PhysicalType::kInt32:
    case PhysicalType::kFloat:
      return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble:
      return 8;
    case PhysicalType::kFixedLenByteArray:
      return static_cast<size_t>(e.type_length.value_or(0));
    default:
      return 0;
  }
}

}  // namespace

// Buffers one column of the current row group and encodes it into pages.
class ParquetWriter::ColumnWriter {
 public:
  ColumnWriter(const types::Field& field, SchemaElement element, const ParquetWriteOptions& options)
      : field_(field),
        element_(std::move(element)),
        options_(options),
        dictionary_(FixedWidth(element_)) {
    use_dictionary_ = options.dictionary && element_.type != PhysicalType::kBoolean;
    file_stats_.name = field.name;
  }

  const SchemaElement& element() const { return element_; }
  const ParquetColumnStats& file_stats() const { return file_stats_; }
  int64_t buffered_bytes() const {
    return static_cast<int64_t>(plain_.size() + dictionary_.bytes().size() +
                                indices_.size() * sizeof(uint32_t));
  }

  void Append(const vector::Vector& v, size_t row) {
    if (v.IsNull(row)) {
      defs_.push_back(0);
      ++chunk_nulls_;
      return;
    }
    defs_.push_back(1);
    if (!use_dictionary_) {
      size_t start = plain_.size();
      EncodePlain(v, row, &plain_);
      UpdateStats(std::string_view(plain_.data() + start, plain_.size() - start));
      return;
    }
    scratch_.clear();
    EncodePlain(v, row, &scratch_);
    UpdateStats(scratch_);
    indices_.push_back(dictionary_.Insert(scratch_));
    // Past the size limit, or mostly distinct values early on (a dictionary would cost
    // hashing every value and save little): PLAIN.
    if (static_cast<int64_t>(dictionary_.bytes().size()) > options_.dictionary_bytes ||
        (indices_.size() == kDictionaryProbeValues && dictionary_.size() * 2 > indices_.size())) {
      FallBackToPlain();
    }
  }

  // Too many distinct values: this chunk is written PLAIN; the values so far are
  // rebuilt from the dictionary.
  void FallBackToPlain() {
    for (uint32_t index : indices_) plain_.append(dictionary_.entry(index));
    use_dictionary_ = false;
    dictionary_overflowed_ = true;
    dictionary_.Clear();
    indices_.clear();
  }

  // Writes the buffered pages into `out`, whose first byte lies at file offset `offset`.
  Result<ColumnChunk> Flush(uint64_t offset, std::string* out) {
    SLUICE_ASSIGN_OR_RAISE(io::Codec codec, ToIoCodec(options_.codec));
    ColumnChunk chunk;
    ColumnMetaData& meta = chunk.meta_data.emplace();
    meta.type = *element_.type;
    meta.path_in_schema = {element_.name};
    meta.codec = options_.codec;
    meta.num_values = static_cast<int64_t>(defs_.size());
    const size_t start = out->size();
    int64_t uncompressed_total = 0;
    auto write_page = [&](PageHeader header, const std::string& body) -> Status {
      SLUICE_ASSIGN_OR_RAISE(std::string compressed, io::Compress(codec, body));
      header.uncompressed_page_size = static_cast<int32_t>(body.size());
      header.compressed_page_size = static_cast<int32_t>(compressed.size());
      std::string h = SerializePageHeader(header);
      uncompressed_total += static_cast<int64_t>(h.size() + body.size());
      out->append(h);
      out->append(compressed);
      return Status::OK();
    };
    const bool dictionary = use_dictionary_ && dictionary_.size() > 0;
    if (dictionary) {
      meta.dictionary_page_offset = static_cast<int64_t>(offset + out->size() - start);
      PageHeader h;
      h.type = PageType::kDictionaryPage;
      h.dictionary_page_header = DictionaryPageHeader{static_cast<int32_t>(dictionary_.size()),
                                                      Encoding::kPlain, std::nullopt};
      SLUICE_RETURN_NOT_OK(write_page(h, dictionary_.bytes()));
      meta.encodings = {Encoding::kPlain, Encoding::kRle, Encoding::kRleDictionary};
    } else {
      meta.encodings = {Encoding::kPlain, Encoding::kRle};
    }
    meta.data_page_offset = static_cast<int64_t>(offset + out->size() - start);
    // Pages of about page_bytes each, cut at row boundaries.
    const size_t rows = defs_.size();
    size_t row = 0, value = 0, plain_pos = 0;
    // Dictionary pages hold ~1-3 bytes of index per value; PLAIN pages their values.
    const size_t avg = dictionary  ? 2
                       : rows == 0 ? 1
                                   : std::max<size_t>(1, plain_.size() / std::max<size_t>(1, rows));
    const size_t rows_per_page =
        std::max<size_t>(1, static_cast<size_t>(options_.page_bytes) / avg);
    do {
      size_t end = std::min(rows, row + rows_per_page);
      std::string body;
      const bool optional = element_.repetition == Repetition::kOptional;
      size_t values_in_page = 0;
      for (size_t r = row; r < end; ++r) values_in_page += defs_[r];
      if (optional) {
        std::vector<uint32_t> levels(defs_.begin() + static_cast<long>(row),
                                     defs_.begin() + static_cast<long>(end));
        std::string encoded = EncodeRleBitPacked(levels.data(), levels.size(), 1);
        AppendLE<uint32_t>(&body, static_cast<uint32_t>(encoded.size()));
        body += encoded;
      }
      Encoding encoding = Encoding::kPlain;
      if (dictionary) {
        encoding = Encoding::kRleDictionary;
        int width = BitWidth(dictionary_.size() - 1);
        body.push_back(static_cast<char>(width));
        body += EncodeRleBitPacked(indices_.data() + value, values_in_page, width);
      } else if (element_.type == PhysicalType::kBoolean) {
        std::string bits((values_in_page + 7) / 8, '\0');
        for (size_t i = 0; i < values_in_page; ++i) {
          if (plain_[plain_pos + i]) bits[i / 8] = static_cast<char>(bits[i / 8] | (1 << (i % 8)));
        }
        body += bits;
        plain_pos += values_in_page;
      } else {
        size_t page_start = plain_pos;
        for (size_t i = 0; i < values_in_page; ++i) plain_pos += PlainValueSize(plain_pos);
        body.append(plain_, page_start, plain_pos - page_start);
      }
      value += values_in_page;
      PageHeader h;
      h.type = PageType::kDataPage;
      h.data_page_header = DataPageHeader{static_cast<int32_t>(end - row), encoding, Encoding::kRle,
                                          Encoding::kRle, std::nullopt};
      SLUICE_RETURN_NOT_OK(write_page(h, body));
      row = end;
    } while (row < rows);
    meta.total_compressed_size = static_cast<int64_t>(out->size() - start);
    meta.total_uncompressed_size = uncompressed_total;
    Statistics& stats = meta.statistics.emplace();
    stats.null_count = chunk_nulls_;
    if (chunk_min_) {
      stats.min_value = *chunk_min_;
      stats.max_value = *chunk_max_;
    }
    chunk.file_offset = meta.dictionary_page_offset.value_or(meta.data_page_offset);
    // The file's statistics take in the chunk's.
    file_stats_.null_count += chunk_nulls_;
    if (chunk_min_) {
      if (!file_stats_.min || Less(*chunk_min_, *file_stats_.min)) file_stats_.min = chunk_min_;
      if (!file_stats_.max || Less(*file_stats_.max, *chunk_max_)) file_stats_.max = chunk_max_;
    }
    Reset();
    return chunk;
  }

 private:
  void Reset() {
    defs_.clear();
    plain_.clear();
    indices_.clear();
    dictionary_.Clear();
    // A column whose dictionary overflowed once stays PLAIN in this file: its values are
    // too diverse to pay for hashing them again in every row group.
    use_dictionary_ =
        options_.dictionary && element_.type != PhysicalType::kBoolean && !dictionary_overflowed_;
    chunk_nulls_ = 0;
    chunk_min_.reset();
    chunk_max_.reset();
  }

  size_t PlainValueSize(size_t pos) const {
    switch (*element_.type) {
      case PhysicalType::kInt32:
      case PhysicalType::kFloat:
        return 4;
      case PhysicalType::kInt64:
      case PhysicalType::kDouble:
        return 8;
      case PhysicalType::kFixedLenByteArray:
        return static_cast<size_t>(*element_.type_length);
      case PhysicalType::kByteArray: {
        uint32_t length;
        std::memcpy(&length, plain_.data() + pos, 4);
        return 4 + length;
      }
      default:
        return 1;
    }
  }

  void EncodePlain(const vector::Vector& v, size_t row, std::string* out) const {
    switch (field_.type.id()) {
      case TypeId::kBoolean:
        out->push_back(static_cast<char>(v.data<uint8_t>()[row] ? 1 : 0));
        break;
      case TypeId::kTinyInt:
        AppendLE<int32_t>(out, v.data<int8_t>()[row]);
        break;
      case TypeId::kSmallInt:
        AppendLE<int32_t>(out, v.data<int16_t>()[row]);
        break;
      case TypeId::kInt:
      case TypeId::kDate:
        AppendLE<int32_t>(out, v.data<int32_t>()[row]);
        break;
      case TypeId::kBigInt:
      case TypeId::kTimestamp:
      case TypeId::kTimestampNtz:
        AppendLE<int64_t>(out, v.data<int64_t>()[row]);
        break;
      case TypeId::kFloat:
        AppendLE<float>(out, v.data<float>()[row]);
        break;
      case TypeId::kDouble:
        AppendLE<double>(out, v.data<double>()[row]);
        break;
      case TypeId::kDecimal: {
        const bool wide = field_.type.precision() > types::LogicalType::kMaxInt64DecimalPrecision;
        types::Int128 unscaled = wide ? v.data<types::Int128>()[row] : v.data<int64_t>()[row];
        if (element_.type == PhysicalType::kInt32) {
          AppendLE<int32_t>(out, static_cast<int32_t>(unscaled));
        } else if (element_.type == PhysicalType::kInt64) {
          AppendLE<int64_t>(out, static_cast<int64_t>(unscaled));
        } else {
          for (int b = *element_.type_length - 1; b >= 0; --b) {
            out->push_back(static_cast<char>(static_cast<uint8_t>(unscaled >> (8 * b))));
          }
        }
        break;
      }
      case TypeId::kString:
      case TypeId::kBinary: {
        std::string_view s = v.data<vector::StringRef>()[row].view();
        AppendLE<uint32_t>(out, static_cast<uint32_t>(s.size()));
        out->append(s);
        break;
      }
      default:
        break;  // ParquetElementFor refused the rest
    }
  }

  // Statistics hold values without the BYTE_ARRAY length prefix.
  std::string_view StatBytes(std::string_view plain) const {
    return element_.type == PhysicalType::kByteArray ? plain.substr(4) : plain;
  }

  // The column's sort order (signed numbers, unsigned bytes, decimals by value).
  bool Less(std::string_view a, std::string_view b) const {
    switch (*element_.type) {
      case PhysicalType::kBoolean:
        return a[0] < b[0];
      case PhysicalType::kInt32:
        return LoadLE<int32_t>(a.data()) < LoadLE<int32_t>(b.data());
      case PhysicalType::kInt64:
        return LoadLE<int64_t>(a.data()) < LoadLE<int64_t>(b.data());
      case PhysicalType::kFloat:
        return LoadLE<float>(a.data()) < LoadLE<float>(b.data());
      case PhysicalType::kDouble:
        return LoadLE<double>(a.data()) < LoadLE<double>(b.data());
      case PhysicalType::kFixedLenByteArray: {
        // Big-endian two's complement: flipping the sign bit makes bytewise order numeric.
        std::string x(a), y(b);
        x[0] = static_cast<char>(x[0] ^ 0x80);
        y[0] = static_cast<char>(y[0] ^ 0x80);
        return x < y;
      }
      default:
        return a < b;  // unsigned bytewise for BYTE_ARRAY
    }
  }

  void UpdateStats(std::string_view plain) {
    std::string_view value = StatBytes(plain);
    if (element_.type == PhysicalType::kFloat || element_.type == PhysicalType::kDouble) {
      double d = element_.type == PhysicalType::kFloat ? LoadLE<float>(value.data())
                                                       : LoadLE<double>(value.data());
      if (std::isnan(d)) return;  // NaN takes no part in min and max
    }
    if (!chunk_min_ || Less(value, *chunk_min_)) chunk_min_ = std::string(value);
    if (!chunk_max_ || Less(*chunk_max_, value)) chunk_max_ = std::string(value);
  }

  types::Field field_;
  SchemaElement element_;
  const ParquetWriteOptions& options_;
  std::vector<uint8_t> defs_;
  std::string plain_;
  bool use_dictionary_;
  DictionaryBuilder dictionary_;
  bool dictionary_overflowed_ = false;
  std::string scratch_;
  std::vector<uint32_t> indices_;
  int64_t chunk_nulls_ = 0;
  std::optional<std::string> chunk_min_, chunk_max_;
  ParquetColumnStats file_stats_;
};

ParquetWriter::ParquetWriter(std::unique_ptr<io::WritableFile> file, types::Schema schema,
                             ParquetWriteOptions options)
    : file_(std::move(file)), schema_(std::move(schema)), options_(options) {}

ParquetWriter::~ParquetWriter() = default;

Result<std::unique_ptr<ParquetWriter>> ParquetWriter::Open(io::FileSystem& fs,
                                                           const std::string& path,
                                                           const types::Schema& schema,
                                                           ParquetWriteOptions options) {
  std::vector<SchemaElement> elements;
  SchemaElement root;
  root.name = "spark_schema";
  root.num_children = static_cast<int32_t>(schema.size());
  elements.push_back(root);
  for (const types::Field& f : schema.fields()) {
    SLUICE_ASSIGN_OR_RAISE(SchemaElement e, ParquetElementFor(f));
    elements.push_back(std::move(e));
  }
  SLUICE_RETURN_NOT_OK(ToIoCodec(options.codec).status());
  SLUICE_ASSIGN_OR_RAISE(auto file, fs.OpenWrite(path));
  std::unique_ptr<ParquetWriter> writer(new ParquetWriter(std::move(file), schema, options));
  for (size_t c = 0; c < schema.size(); ++c) {
    writer->columns_.push_back(
        std::make_unique<ColumnWriter>(schema.field(c), elements[c + 1], writer->options_));
  }
  writer->metadata_.version = 1;
  writer->metadata_.schema = std::move(elements);
  writer->metadata_.created_by = std::string("sluice version ") + SLUICE_VERSION;
  writer->metadata_.column_orders.assign(schema.size(), true);
  SLUICE_RETURN_NOT_OK(writer->Append(std::string_view("PAR1")));
  return writer;
}

Status ParquetWriter::Append(std::string_view bytes) {
  SLUICE_RETURN_NOT_OK(file_->Append(bytes));
  offset_ += bytes.size();
  return Status::OK();
}

Status ParquetWriter::Write(const vector::Batch& batch) {
  std::vector<uint32_t> rows(batch.num_selected());
  for (size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<uint32_t>(batch.selected_row(i));
  std::vector<size_t> columns(batch.num_columns());
  for (size_t c = 0; c < columns.size(); ++c) columns[c] = c;
  return WriteRows(batch, rows, columns);
}

Status ParquetWriter::WriteRows(const vector::Batch& batch, const std::vector<uint32_t>& rows,
                                const std::vector<size_t>& columns) {
  if (columns.size() != columns_.size()) {
    return Status::Invalid("writing " + std::to_string(columns.size()) + " columns to a file of " +
                           std::to_string(columns_.size()));
  }
  for (uint32_t row : rows) {
    for (size_t c = 0; c < columns_.size(); ++c) {
      const vector::Vector& v = batch.column(columns[c]);
      if (!schema_.field(c).nullable && v.IsNull(row)) {
        return Status::Invalid("NULL in column '" + schema_.field(c).name + "', which is NOT NULL");
      }
      columns_[c]->Append(v, row);
    }
    ++buffered_rows_;
    if (buffered_rows_ >= options_.row_group_rows) SLUICE_RETURN_NOT_OK(FlushRowGroup());
  }
  int64_t bytes = 0;
  for (const auto& c : columns_) bytes += c->buffered_bytes();
  if (bytes >= options_.row_group_bytes) SLUICE_RETURN_NOT_OK(FlushRowGroup());
  return Status::OK();
}

Status ParquetWriter::FlushRowGroup() {
  if (buffered_rows_ == 0) return Status::OK();
  RowGroup group;
  group.num_rows = buffered_rows_;
  group.file_offset = static_cast<int64_t>(offset_);
  group.ordinal = static_cast<int16_t>(metadata_.row_groups.size());
  int64_t compressed = 0;
  for (const auto& column : columns_) {
    std::string bytes;
    SLUICE_ASSIGN_OR_RAISE(ColumnChunk chunk, column->Flush(offset_, &bytes));
    SLUICE_RETURN_NOT_OK(Append(bytes));
    group.total_byte_size += chunk.meta_data->total_uncompressed_size;
    compressed += chunk.meta_data->total_compressed_size;
    group.columns.push_back(std::move(chunk));
  }
  group.total_compressed_size = compressed;
  metadata_.num_rows += buffered_rows_;
  metadata_.row_groups.push_back(std::move(group));
  buffered_rows_ = 0;
  return Status::OK();
}

Result<ParquetFileStats> ParquetWriter::Finish() {
  if (finished_) return Status::Invalid("ParquetWriter::Finish called twice");
  finished_ = true;
  SLUICE_RETURN_NOT_OK(FlushRowGroup());
  std::string footer = SerializeFileMetaData(metadata_);
  auto length = static_cast<uint32_t>(footer.size());
  SLUICE_RETURN_NOT_OK(Append(footer));
  SLUICE_RETURN_NOT_OK(Append(std::string_view(reinterpret_cast<const char*>(&length), 4)));
  SLUICE_RETURN_NOT_OK(Append(std::string_view("PAR1")));
  SLUICE_RETURN_NOT_OK(file_->Sync());
  SLUICE_RETURN_NOT_OK(file_->Close());
  ParquetFileStats stats;
  stats.num_rows = metadata_.num_rows;
  stats.file_size = offset_;
  for (const auto& c : columns_) stats.columns.push_back(c->file_stats());
  return stats;
}

}  // namespace sluice::formats::parquet
