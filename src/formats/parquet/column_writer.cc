#include "formats/parquet/column_writer.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <type_traits>

#include "formats/parquet/parquet_codec.h"
#include "formats/parquet/plain_bytes.h"
#include "formats/parquet/rle_bit_packed.h"
#include "types/decimal.h"

namespace sluice::formats::parquet {

using types::TypeId;

namespace {

// After this many values a column chunk whose values are mostly distinct gives up its
// dictionary: hashing every value would cost much and save little.
constexpr size_t kDictionaryProbeValues = 16384;
// Level entries per page at most: bounds the levels a reader decodes at once, and lets pages
// of narrow values (dictionary indices of a few bits) grow to where snappy compresses well.
constexpr size_t kMaxPageEntries = 1 << 17;

// Levels as a page v1 holds them: a 4-byte length, then the RLE/bit-packed hybrid.
void AppendLevels(const std::vector<uint32_t>& levels, int max_level, std::string* body) {
  std::string encoded = EncodeRleBitPacked(levels.data(), levels.size(), BitWidth(max_level));
  AppendLE<uint32_t>(body, static_cast<uint32_t>(encoded.size()));
  body->append(encoded);
}

}  // namespace

ColumnWriter::ColumnWriter(types::LogicalType type, SchemaElement element,
                           std::vector<std::string> path, int max_definition_level,
                           int max_repetition_level, const ParquetWriteOptions& options)
    : type_(std::move(type)),
      element_(std::move(element)),
      path_(std::move(path)),
      max_def_(max_definition_level),
      max_rep_(max_repetition_level),
      options_(options),
      codec_(*ToIoCodec(options.codec)),
      dictionary_(FixedValueWidth(element_)) {
  std::string name;
  for (const std::string& part : path_) name += (name.empty() ? "" : ".") + part;
  file_stats_.name = name;
  StartChunk();
}

int64_t ColumnWriter::buffered_bytes() const {
  return static_cast<int64_t>(pages_bytes_ + plain_.size() + dictionary_.bytes().size() +
                              (indices_.size() + defs_.size() + reps_.size()) * sizeof(uint32_t));
}

void ColumnWriter::StartChunk() {
  pages_.clear();
  pages_bytes_ = 0;
  pages_uncompressed_ = 0;
  chunk_entries_ = 0;
  dictionary_encoded_pages_ = false;
  dictionary_.Clear();
  probe_values_ = 0;
  fall_back_ = false;
  // A column whose dictionary overflowed once stays PLAIN in this file: its values are
  // too diverse to pay for hashing them again in every row group.
  use_dictionary_ =
      options_.dictionary && element_.type != PhysicalType::kBoolean && !dictionary_overflowed_;
  chunk_nulls_ = 0;
  chunk_min_.reset();
  chunk_max_.reset();
}

bool ColumnWriter::PageFull() const {
  const size_t index_bytes = (indices_.size() * std::bit_width(dictionary_.size()) + 7) / 8;
  return defs_.size() >= kMaxPageEntries ||
         plain_.size() + index_bytes >= static_cast<size_t>(options_.page_bytes);
}

Status ColumnWriter::StartEntry(int repetition_level) {
  if (repetition_level != 0) return Status::OK();  // pages and fall-backs wait for a record start
  if (fall_back_) SLUICE_RETURN_NOT_OK(FallBackToPlain());
  return PageFull() ? FlushPage() : Status::OK();
}

Status ColumnWriter::AppendNull(int definition_level, int repetition_level) {
  SLUICE_RETURN_NOT_OK(StartEntry(repetition_level));
  defs_.push_back(static_cast<uint32_t>(definition_level));
  if (max_rep_ > 0) reps_.push_back(static_cast<uint32_t>(repetition_level));
  ++chunk_nulls_;
  return Status::OK();
}

Status ColumnWriter::AppendValue(const vector::Vector& v, size_t row, int repetition_level) {
  SLUICE_RETURN_NOT_OK(StartEntry(repetition_level));
  defs_.push_back(static_cast<uint32_t>(max_def_));
  if (max_rep_ > 0) reps_.push_back(static_cast<uint32_t>(repetition_level));
  ++page_values_;
  if (!use_dictionary_) {
    const size_t start = plain_.size();
    EncodePlain(v, row, &plain_);
    UpdateStats(std::string_view(plain_).substr(start));
    return Status::OK();
  }
  scratch_.clear();
  EncodePlain(v, row, &scratch_);
  UpdateStats(scratch_);
  indices_.push_back(dictionary_.Insert(StatBytes(scratch_)));
  CheckDictionary();
  return Status::OK();
}

void ColumnWriter::CheckDictionary() {
  ++probe_values_;
  if (static_cast<int64_t>(dictionary_.bytes().size()) > options_.dictionary_bytes ||
      (probe_values_ == kDictionaryProbeValues && dictionary_.size() * 2 > probe_values_)) {
    fall_back_ = true;
  }
}

Status ColumnWriter::NullInRequiredColumn() const {
  return Status::Invalid("NULL in column '" + file_stats_.name + "', which is NOT NULL");
}

Status ColumnWriter::AppendColumn(const vector::Vector& v, const uint32_t* rows, size_t n) {
  switch (*element_.type) {
    case PhysicalType::kInt32:
      switch (type_.id()) {
        case TypeId::kTinyInt:
          return AppendNumbers<int8_t, int32_t>(v, rows, n);
        case TypeId::kSmallInt:
          return AppendNumbers<int16_t, int32_t>(v, rows, n);
        case TypeId::kDecimal:  // up to 18 digits in an int64
          return AppendNumbers<int64_t, int32_t>(v, rows, n);
        default:
          return AppendNumbers<int32_t, int32_t>(v, rows, n);
      }
    case PhysicalType::kInt64:
      return AppendNumbers<int64_t, int64_t>(v, rows, n);
    case PhysicalType::kFloat:
      return AppendNumbers<float, float>(v, rows, n);
    case PhysicalType::kDouble:
      return AppendNumbers<double, double>(v, rows, n);
    case PhysicalType::kByteArray:
      return AppendValues<std::string_view>(
          v, rows, n,
          [data = v.data<vector::StringRef>()](size_t row) { return data[row].view(); });
    default:
      break;
  }
  // Booleans and wide decimals: value by value.
  for (size_t i = 0; i < n; ++i) {
    const size_t row = rows ? rows[i] : i;
    if (!v.IsNull(row)) {
      SLUICE_RETURN_NOT_OK(AppendValue(v, row, 0));
    } else if (max_def_ == 0) {
      return NullInRequiredColumn();
    } else {
      SLUICE_RETURN_NOT_OK(AppendNull(0, 0));
    }
  }
  return Status::OK();
}

namespace {

// A value's bytes: a number's PLAIN bytes, a string's own (no length prefix).
template <typename T>
std::string_view BytesOf(const T& value) {
  return {reinterpret_cast<const char*>(&value), sizeof(T)};
}
std::string_view BytesOf(const std::string_view& value) { return value; }

// Unsigned bytewise order; most strings differ in their first byte, decided without memcmp.
bool ValueLess(std::string_view a, std::string_view b) {
  if (!a.empty() && !b.empty() && a[0] != b[0])
    return static_cast<uint8_t>(a[0]) < static_cast<uint8_t>(b[0]);
  return a < b;
}
template <typename T>
bool ValueLess(T a, T b) {
  return a < b;
}

}  // namespace

template <typename S, typename P>
Status ColumnWriter::AppendNumbers(const vector::Vector& v, const uint32_t* rows, size_t n) {
  return AppendValues<P>(v, rows, n,
                         [data = v.data<S>()](size_t row) { return static_cast<P>(data[row]); });
}

template <typename T, typename Get>
Status ColumnWriter::AppendValues(const vector::Vector& v, const uint32_t* rows, size_t n,
                                  Get get) {
  const bool all_valid = v.validity().AllValid();
  // The call's extremes; a string's view points into `v`, valid for the call.
  T min{}, max{};
  bool seen = false;
  for (size_t i = 0; i < n; ++i) {
    const size_t row = rows ? rows[i] : i;
    if (fall_back_ || PageFull()) SLUICE_RETURN_NOT_OK(StartEntry(0));
    if (!all_valid && v.IsNull(row)) {
      if (max_def_ == 0) return NullInRequiredColumn();
      defs_.push_back(0);
      ++chunk_nulls_;
      continue;
    }
    defs_.push_back(static_cast<uint32_t>(max_def_));
    ++page_values_;
    const T value = get(row);
    bool nan = false;  // NaN is no min or max
    if constexpr (std::is_floating_point_v<T>) nan = std::isnan(value);
    if (!seen && !nan) {
      min = max = value;
      seen = true;
    } else if (!nan && ValueLess(value, min)) {
      min = value;
    } else if (!nan && ValueLess(max, value)) {
      max = value;
    }
    if (use_dictionary_) {
      indices_.push_back(dictionary_.Insert(BytesOf(value)));
      CheckDictionary();
      continue;
    }
    if constexpr (std::is_same_v<T, std::string_view>)
      AppendLE<uint32_t>(&plain_, static_cast<uint32_t>(value.size()));
    plain_.append(BytesOf(value));
  }
  if (seen) MergeStats(BytesOf(min), BytesOf(max));
  return Status::OK();
}

Status ColumnWriter::FallBackToPlain() {
  fall_back_ = false;
  dictionary_overflowed_ = true;
  if (dictionary_encoded_pages_) {
    // Earlier pages need the dictionary: close this page with it, go on PLAIN.
    SLUICE_RETURN_NOT_OK(FlushPage());
  } else {
    // Nothing written with the dictionary yet: rebuild this page's values as PLAIN.
    for (uint32_t index : indices_) plain_.append(dictionary_.entry(index));
    indices_.clear();
    dictionary_.Clear();
  }
  use_dictionary_ = false;
  return Status::OK();
}

Status ColumnWriter::FlushPage() {
  if (defs_.empty()) return Status::OK();
  std::string body;
  if (max_rep_ > 0) AppendLevels(reps_, max_rep_, &body);
  if (max_def_ > 0) AppendLevels(defs_, max_def_, &body);
  Encoding encoding = Encoding::kPlain;
  if (use_dictionary_ && page_values_ > 0) {
    encoding = Encoding::kRleDictionary;
    const int width = BitWidth(dictionary_.size() - 1);
    body.push_back(static_cast<char>(width));
    body += EncodeRleBitPacked(indices_.data(), indices_.size(), width);
    dictionary_encoded_pages_ = true;
  } else if (element_.type == PhysicalType::kBoolean) {
    std::string bits((page_values_ + 7) / 8, '\0');
    for (size_t i = 0; i < page_values_; ++i) {
      if (plain_[i]) bits[i / 8] = static_cast<char>(bits[i / 8] | (1 << (i % 8)));
    }
    body += bits;
  } else {
    body += plain_;
  }
  PageHeader header;
  header.type = PageType::kDataPage;
  header.data_page_header = DataPageHeader{static_cast<int32_t>(defs_.size()), encoding,
                                           Encoding::kRle, Encoding::kRle, std::nullopt};
  SLUICE_ASSIGN_OR_RAISE(std::string compressed, io::Compress(codec_, body));
  // Codecs leave room for the worst case (snappy: a sixth more): pages stay a row group.
  if (compressed.capacity() - compressed.size() > compressed.size() / 16)
    compressed.shrink_to_fit();
  header.uncompressed_page_size = static_cast<int32_t>(body.size());
  header.compressed_page_size = static_cast<int32_t>(compressed.size());
  std::string h = SerializePageHeader(header);
  pages_uncompressed_ += static_cast<int64_t>(h.size() + body.size());
  pages_bytes_ += static_cast<int64_t>(h.size() + compressed.size());
  pages_.push_back(std::move(h));
  pages_.push_back(std::move(compressed));
  chunk_entries_ += static_cast<int64_t>(defs_.size());
  defs_.clear();
  reps_.clear();
  plain_.clear();
  indices_.clear();
  page_values_ = 0;
  return Status::OK();
}

Result<ColumnChunk> ColumnWriter::FinishChunk(uint64_t offset, std::string* head) {
  SLUICE_RETURN_NOT_OK(FlushPage());
  ColumnChunk chunk;
  ColumnMetaData& meta = chunk.meta_data.emplace();
  meta.type = *element_.type;
  meta.path_in_schema = path_;
  meta.codec = options_.codec;
  meta.num_values = chunk_entries_;
  head->clear();
  int64_t uncompressed = pages_uncompressed_;
  meta.encodings = {Encoding::kPlain, Encoding::kRle};
  if (dictionary_encoded_pages_) {
    meta.encodings.push_back(Encoding::kRleDictionary);
    meta.dictionary_page_offset = static_cast<int64_t>(offset);
    PageHeader header;
    header.type = PageType::kDictionaryPage;
    header.dictionary_page_header = DictionaryPageHeader{static_cast<int32_t>(dictionary_.size()),
                                                         Encoding::kPlain, std::nullopt};
    SLUICE_ASSIGN_OR_RAISE(std::string compressed, io::Compress(codec_, dictionary_.bytes()));
    header.uncompressed_page_size = static_cast<int32_t>(dictionary_.bytes().size());
    header.compressed_page_size = static_cast<int32_t>(compressed.size());
    std::string h = SerializePageHeader(header);
    uncompressed += static_cast<int64_t>(h.size() + dictionary_.bytes().size());
    head->append(h);
    head->append(compressed);
  }
  meta.data_page_offset = static_cast<int64_t>(offset + head->size());
  meta.total_compressed_size = static_cast<int64_t>(head->size()) + pages_bytes_;
  meta.total_uncompressed_size = uncompressed;
  Statistics stats;  // built aside: GCC 12 at -O1 misreads assignments into the optional
  stats.null_count = chunk_nulls_;
  stats.min_value = chunk_min_;
  stats.max_value = chunk_max_;
  meta.statistics = std::move(stats);
  chunk.file_offset = meta.dictionary_page_offset.value_or(meta.data_page_offset);
  return chunk;
}

Status ColumnWriter::WritePages(const std::function<Status(std::string_view)>& write) {
  for (std::string& page : pages_) {
    SLUICE_RETURN_NOT_OK(write(page));
    std::string().swap(page);
  }
  return Status::OK();
}

void ColumnWriter::ForgetDictionaryOverflow() {
  dictionary_overflowed_ = false;
  StartChunk();
}

void ColumnWriter::MergeFileStats(const ColumnChunk& chunk) {
  const Statistics& stats = *chunk.meta_data->statistics;
  file_stats_.null_count += stats.null_count.value_or(0);
  const auto& min = stats.min_value;
  const auto& max = stats.max_value;
  if (min && max) {
    if (!file_stats_.min || Less(*min, *file_stats_.min)) file_stats_.min = min;
    if (!file_stats_.max || Less(*file_stats_.max, *max)) file_stats_.max = max;
  }
}

void ColumnWriter::EncodePlain(const vector::Vector& v, size_t row, std::string* out) const {
  switch (type_.id()) {
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
      const bool wide = type_.precision() > types::LogicalType::kMaxInt64DecimalPrecision;
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
std::string_view ColumnWriter::StatBytes(std::string_view plain) const {
  return element_.type == PhysicalType::kByteArray ? plain.substr(4) : plain;
}

// The column's sort order (signed numbers, unsigned bytes, decimals by value).
bool ColumnWriter::Less(std::string_view a, std::string_view b) const {
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
      // Big-endian two's complement: with the sign bit flipped, bytewise order is numeric.
      const auto x = static_cast<uint8_t>(a[0] ^ 0x80), y = static_cast<uint8_t>(b[0] ^ 0x80);
      return x != y ? x < y : a.substr(1) < b.substr(1);
    }
    default:
      return a < b;  // unsigned bytewise for BYTE_ARRAY
  }
}

void ColumnWriter::UpdateStats(std::string_view plain) {
  std::string_view value = StatBytes(plain);
  if (element_.type == PhysicalType::kFloat || element_.type == PhysicalType::kDouble) {
    double d = element_.type == PhysicalType::kFloat ? LoadLE<float>(value.data())
                                                     : LoadLE<double>(value.data());
    if (std::isnan(d)) return;  // NaN takes no part in min and max
  }
  MergeStats(value, value);
}

void ColumnWriter::MergeStats(std::string_view min, std::string_view max) {
  if (!chunk_min_ || Less(min, *chunk_min_)) chunk_min_ = std::string(min);
  if (!chunk_max_ || Less(*chunk_max_, max)) chunk_max_ = std::string(max);
}

}  // namespace sluice::formats::parquet
