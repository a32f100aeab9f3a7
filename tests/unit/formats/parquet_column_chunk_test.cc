// ColumnChunkReader on pages built by hand: NULLs spread around dense values across
// pages and batches, REQUIRED columns without levels, dictionaries, and uncompressed
// pages read in place.
#include <gtest/gtest.h>

#include <optional>

#include "formats/parquet/column_chunk_reader.h"
#include "formats/parquet/plain_bytes.h"
#include "formats/parquet/rle_bit_packed.h"

namespace sluice::formats::parquet {
namespace {

using types::LogicalType;
using types::TypeId;

struct Column {
  SchemaElement element;
  LeafColumn leaf;
};

Column MakeColumn(PhysicalType physical, Repetition repetition, TypeId type) {
  Column c;
  c.element.name = "c";
  c.element.type = physical;
  c.element.repetition = repetition;
  c.leaf =
      LeafColumn{"c", nullptr, repetition == Repetition::kOptional ? 1 : 0, 0, LogicalType(type)};
  return c;
}

// RLE/bit-packed definition levels with their 4-byte length (page v1 layout).
std::string V1Levels(const std::vector<std::optional<int64_t>>& values) {
  std::vector<uint32_t> levels;
  for (const auto& v : values) levels.push_back(v.has_value());
  std::string encoded = EncodeRleBitPacked(levels.data(), levels.size(), 1);
  std::string out;
  AppendLE<uint32_t>(&out, static_cast<uint32_t>(encoded.size()));
  return out + encoded;
}

std::string Page(PageType type, const std::string& body, int32_t num_values, Encoding encoding,
                 int32_t definition_bytes = 0) {
  PageHeader header;
  header.type = type;
  header.uncompressed_page_size = header.compressed_page_size = static_cast<int32_t>(body.size());
  if (type == PageType::kDataPage) {
    header.data_page_header =
        DataPageHeader{num_values, encoding, Encoding::kRle, Encoding::kRle, std::nullopt};
  } else if (type == PageType::kDataPageV2) {
    header.data_page_header_v2 = DataPageHeaderV2{num_values,       0, num_values, encoding,
                                                  definition_bytes, 0, false,      std::nullopt};
  } else {
    header.dictionary_page_header = DictionaryPageHeader{num_values, Encoding::kPlain, false};
  }
  return SerializePageHeader(header) + body;
}

// Reads `total` rows in batches of `batch` rows and renders them ("NULL" or the value).
std::vector<std::string> ReadAll(const Column& c, std::shared_ptr<const io::ByteBuffer> chunk,
                                 size_t total, size_t batch) {
  auto file = io::MakeBufferFile(chunk, "test");
  ColumnChunkReader reader(*file, 0, chunk->size(), c.leaf, c.leaf.type,
                           CompressionCodec::kUncompressed, "test");
  std::vector<std::string> got;
  auto v = *vector::Vector::Make(c.leaf.type, batch);
  for (size_t done = 0; done < total; done += batch) {
    const size_t n = std::min(batch, total - done);
    v.Reset();
    Status st = reader.Read(n, &v, 0);
    EXPECT_TRUE(st.ok()) << st.ToString();
    if (!st.ok()) break;
    for (size_t i = 0; i < n; ++i) {
      if (v.IsNull(i)) {
        got.push_back("NULL");
      } else if (c.leaf.type.IsStringLike()) {
        got.emplace_back(v.data<vector::StringRef>()[i].view());
      } else if (c.leaf.type.id() == TypeId::kBoolean) {
        got.push_back(std::to_string(v.data<uint8_t>()[i]));
      } else {
        got.push_back(std::to_string(v.data<int64_t>()[i]));
      }
    }
  }
  return got;
}

TEST(ColumnChunkReaderTest, NullsSpreadAroundPlainValuesAcrossPagesAndBatches) {
  Column c = MakeColumn(PhysicalType::kInt64, Repetition::kOptional, TypeId::kBigInt);
  c.leaf.element = &c.element;
  // Leading, trailing and all-NULL stretches, split over two pages.
  std::vector<std::vector<std::optional<int64_t>>> pages = {
      {std::nullopt, std::nullopt, 1, 2, std::nullopt, 3, 4, 5, 6, std::nullopt, 7},
      {std::nullopt, std::nullopt, std::nullopt, std::nullopt, 8, 9, std::nullopt}};
  std::string chunk;
  std::vector<std::string> expected;
  for (const auto& page : pages) {
    std::string body = V1Levels(page);
    for (const auto& v : page) {
      expected.push_back(v ? std::to_string(*v) : "NULL");
      if (v) AppendLE<int64_t>(&body, *v);
    }
    chunk += Page(PageType::kDataPage, body, static_cast<int32_t>(page.size()), Encoding::kPlain);
  }
  auto bytes = io::MakeStringBuffer(chunk);
  for (size_t batch : {1, 2, 3, 5, 18}) {
    EXPECT_EQ(ReadAll(c, bytes, expected.size(), batch), expected) << "batch " << batch;
  }
}

// The chunk is read in windows of about a page: pages of a few bytes to 3 MB (larger than a
// window), and headers whose statistics take 40 KB (more than a header's first read).
TEST(ColumnChunkReaderTest, PagesAndHeadersOfAnySizeAcrossReadWindows) {
  Column c = MakeColumn(PhysicalType::kInt64, Repetition::kRequired, TypeId::kBigInt);
  c.leaf.element = &c.element;
  std::string chunk;
  int64_t next = 0, sum = 0;
  const size_t sizes[] = {3, 140000, 1, 400000, 130000, 5, 131000};
  for (size_t p = 0; p < std::size(sizes); ++p) {
    std::string body;
    for (size_t i = 0; i < sizes[p]; ++i, ++next) {
      AppendLE<int64_t>(&body, next * 7);
      sum += next * 7;
    }
    PageHeader header;
    header.type = PageType::kDataPage;
    header.uncompressed_page_size = header.compressed_page_size = static_cast<int32_t>(body.size());
    header.data_page_header = DataPageHeader{static_cast<int32_t>(sizes[p]), Encoding::kPlain,
                                             Encoding::kRle, Encoding::kRle, std::nullopt};
    if (p % 2 == 1) {
      Statistics long_stats;
      long_stats.min_value = std::string(40000, 'a' + static_cast<char>(p));
      header.data_page_header->statistics = long_stats;
    }
    chunk += SerializePageHeader(header) + body;
  }
  auto bytes = io::MakeStringBuffer(chunk);
  auto file = io::MakeBufferFile(bytes, "t");
  ColumnChunkReader reader(*file, 0, bytes->size(), c.leaf, c.leaf.type,
                           CompressionCodec::kUncompressed, "t");
  auto v = *vector::Vector::Make(c.leaf.type, 2048);
  int64_t read = 0, read_sum = 0;
  while (read < next) {
    const size_t n = static_cast<size_t>(std::min<int64_t>(2048, next - read));
    v.Reset();
    ASSERT_TRUE(reader.Read(n, &v, 0).ok()) << "at row " << read;
    for (size_t i = 0; i < n; ++i) {
      ASSERT_EQ(v.data<int64_t>()[i], (read + static_cast<int64_t>(i)) * 7);
      read_sum += v.data<int64_t>()[i];
    }
    read += static_cast<int64_t>(n);
  }
  EXPECT_EQ(read_sum, sum);
  EXPECT_FALSE(reader.Read(1, &v, 0).ok());  // past the chunk's values
}

TEST(ColumnChunkReaderTest, RequiredPagesWithoutLevels) {
  Column c = MakeColumn(PhysicalType::kInt32, Repetition::kRequired, TypeId::kInt);
  c.leaf.element = &c.element;
  std::string v1, v2;
  for (int32_t v : {5, -6, 7}) AppendLE<int32_t>(&v1, v);
  for (int32_t v : {8, 9}) AppendLE<int32_t>(&v2, v);
  auto chunk = io::MakeStringBuffer(Page(PageType::kDataPage, v1, 3, Encoding::kPlain) +
                                    Page(PageType::kDataPageV2, v2, 2, Encoding::kPlain));
  auto file = io::MakeBufferFile(chunk, "t");
  ColumnChunkReader reader(*file, 0, chunk->size(), c.leaf, c.leaf.type,
                           CompressionCodec::kUncompressed, "t");
  auto v = *vector::Vector::Make(c.leaf.type, 8);
  ASSERT_TRUE(reader.Read(5, &v, 1).ok());
  EXPECT_TRUE(v.validity().AllValid());
  EXPECT_EQ(std::vector<int32_t>(v.data<int32_t>() + 1, v.data<int32_t>() + 6),
            (std::vector<int32_t>{5, -6, 7, 8, 9}));
  EXPECT_FALSE(reader.Read(1, &v, 0).ok());  // the chunk holds no more
}

TEST(ColumnChunkReaderTest, UncompressedStringsAreReadInPlaceAndStayPinned) {
  Column c = MakeColumn(PhysicalType::kByteArray, Repetition::kOptional, TypeId::kString);
  c.leaf.element = &c.element;
  const std::vector<std::optional<std::string>> values = {
      "a string longer than twelve bytes", std::nullopt, "another long string value"};
  // Page v2: definition levels first, outside the (uncompressed) values.
  std::vector<uint32_t> levels{1, 0, 1};
  std::string level_bytes = EncodeRleBitPacked(levels.data(), levels.size(), 1);
  std::string body = level_bytes;
  for (const auto& v : values) {
    if (!v) continue;
    AppendLE<uint32_t>(&body, static_cast<uint32_t>(v->size()));
    body += *v;
  }
  auto chunk = io::MakeStringBuffer(Page(PageType::kDataPageV2, body, 3, Encoding::kPlain,
                                         static_cast<int32_t>(level_bytes.size())));
  const char* begin = chunk->view().data();
  const char* end = begin + chunk->size();
  auto v = *vector::Vector::Make(c.leaf.type, 4);
  {
    auto file = io::MakeBufferFile(chunk, "t");
    ColumnChunkReader reader(*file, 0, chunk->size(), c.leaf, c.leaf.type,
                             CompressionCodec::kSnappy, "t");
    ASSERT_TRUE(reader.Read(3, &v, 0).ok());
  }
  chunk.reset();  // the vector's heap keeps the bytes alive
  EXPECT_EQ(v.data<vector::StringRef>()[0].view(), *values[0]);
  EXPECT_TRUE(v.IsNull(1));
  EXPECT_EQ(v.data<vector::StringRef>()[2].view(), *values[2]);
  // Not copied: the strings point into the chunk's bytes.
  const char* p = v.data<vector::StringRef>()[2].data();
  EXPECT_TRUE(p >= begin && p < end);
}

TEST(ColumnChunkReaderTest, DictionaryStringsWithNulls) {
  Column c = MakeColumn(PhysicalType::kByteArray, Repetition::kOptional, TypeId::kString);
  c.leaf.element = &c.element;
  std::string dictionary;
  for (std::string s : {"zero", "one", "two"}) {
    AppendLE<uint32_t>(&dictionary, static_cast<uint32_t>(s.size()));
    dictionary += s;
  }
  const std::vector<std::optional<int64_t>> rows = {2, std::nullopt, 0, 0, std::nullopt, 1, 2};
  std::vector<uint32_t> indices;
  for (const auto& r : rows)
    if (r) indices.push_back(static_cast<uint32_t>(*r));
  std::string body = V1Levels(rows) + std::string(1, '\x02') +
                     EncodeRleBitPacked(indices.data(), indices.size(), 2);
  auto chunk = io::MakeStringBuffer(
      Page(PageType::kDictionaryPage, dictionary, 3, Encoding::kPlain) +
      Page(PageType::kDataPage, body, static_cast<int32_t>(rows.size()), Encoding::kRleDictionary));
  EXPECT_EQ(ReadAll(c, chunk, rows.size(), 3),
            (std::vector<std::string>{"two", "NULL", "zero", "zero", "NULL", "one", "two"}));
  // An index past the dictionary is named.
  indices[1] = 3;
  body = V1Levels(rows) + std::string(1, '\x02') +
         EncodeRleBitPacked(indices.data(), indices.size(), 2);
  chunk = io::MakeStringBuffer(
      Page(PageType::kDictionaryPage, dictionary, 3, Encoding::kPlain) +
      Page(PageType::kDataPage, body, static_cast<int32_t>(rows.size()), Encoding::kRleDictionary));
  auto file = io::MakeBufferFile(chunk, "t");
  ColumnChunkReader reader(*file, 0, chunk->size(), c.leaf, c.leaf.type,
                           CompressionCodec::kUncompressed, "t");
  auto v = *vector::Vector::Make(c.leaf.type, 8);
  Status st = reader.Read(rows.size(), &v, 0);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("dictionary index 3 is past the dictionary's 3 values"),
            std::string::npos)
      << st.ToString();
}

TEST(ColumnChunkReaderTest, DictionaryPagesGiveDictionaryForm) {
  Column c = MakeColumn(PhysicalType::kByteArray, Repetition::kOptional, TypeId::kString);
  c.leaf.element = &c.element;
  const std::vector<std::string> words = {"first word, longer than twelve", "second", "third"};
  std::string dictionary;
  for (const std::string& s : words) {
    AppendLE<uint32_t>(&dictionary, static_cast<uint32_t>(s.size()));
    dictionary += s;
  }
  const std::vector<std::optional<int64_t>> rows = {2, std::nullopt, 0, 1, 0};
  std::vector<uint32_t> indices;
  for (const auto& r : rows)
    if (r) indices.push_back(static_cast<uint32_t>(*r));
  std::string coded = V1Levels(rows) + std::string(1, '\x02') +
                      EncodeRleBitPacked(indices.data(), indices.size(), 2);
  // A writer may fall back to PLAIN after the dictionary pages.
  const std::vector<std::optional<int64_t>> plain_rows = {1};
  std::string plain = V1Levels(plain_rows);
  AppendLE<uint32_t>(&plain, 5);
  plain += "plain";
  auto chunk =
      io::MakeStringBuffer(Page(PageType::kDictionaryPage, dictionary, 3, Encoding::kPlain) +
                           Page(PageType::kDataPage, coded, static_cast<int32_t>(rows.size()),
                                Encoding::kRleDictionary) +
                           Page(PageType::kDataPage, plain, 1, Encoding::kPlain));
  auto coded_rows = *vector::Vector::Make(c.leaf.type, 8);
  auto tail_rows = *vector::Vector::Make(c.leaf.type, 8);
  {
    auto file = io::MakeBufferFile(chunk, "t");
    ColumnChunkReader reader(*file, 0, chunk->size(), c.leaf, c.leaf.type,
                             CompressionCodec::kUncompressed, "t");
    ASSERT_TRUE(reader.Read(4, &coded_rows, 0).ok());
    ASSERT_TRUE(reader.Read(2, &tail_rows, 0).ok());
  }
  // Read through const references: a non-const access is a write, which drops the codes.
  const vector::Vector& v = coded_rows;
  const vector::Vector& tail = tail_rows;
  chunk.reset();  // the dictionary keeps its page alive
  ASSERT_NE(v.dictionary(), nullptr);
  const vector::DictionaryCodes& d = *v.dictionary();
  ASSERT_EQ(d.codes.size(), 4u);
  EXPECT_EQ(d.codes[0], 2u);
  EXPECT_EQ(d.codes[2], 0u);
  EXPECT_EQ(d.codes[3], 1u);
  EXPECT_TRUE(v.IsNull(1));
  for (size_t i : {0, 2, 3}) {
    EXPECT_EQ(v.data<vector::StringRef>()[i].view(), words[*rows[i]]) << i;
    EXPECT_EQ(d.dictionary.data<vector::StringRef>()[d.codes[i]].view(), words[*rows[i]]) << i;
  }
  // Rows partly from a PLAIN page have no dictionary form, and read right.
  EXPECT_EQ(tail.dictionary(), nullptr);
  EXPECT_EQ(tail.data<vector::StringRef>()[0].view(), words[0]);
  EXPECT_EQ(tail.data<vector::StringRef>()[1].view(), "plain");
}

TEST(ColumnChunkReaderTest, RleBooleansWithNulls) {
  Column c = MakeColumn(PhysicalType::kBoolean, Repetition::kOptional, TypeId::kBoolean);
  c.leaf.element = &c.element;
  const std::vector<std::optional<int64_t>> rows = {1, std::nullopt, 0, 1, 1, std::nullopt, 0};
  std::vector<uint32_t> bits;
  for (const auto& r : rows)
    if (r) bits.push_back(static_cast<uint32_t>(*r));
  std::string encoded = EncodeRleBitPacked(bits.data(), bits.size(), 1);
  std::string body = V1Levels(rows);
  AppendLE<uint32_t>(&body, static_cast<uint32_t>(encoded.size()));
  body += encoded;
  auto chunk = io::MakeStringBuffer(
      Page(PageType::kDataPage, body, static_cast<int32_t>(rows.size()), Encoding::kRle));
  EXPECT_EQ(ReadAll(c, chunk, rows.size(), 4),
            (std::vector<std::string>{"1", "NULL", "0", "1", "1", "NULL", "0"}));
}

}  // namespace
}  // namespace sluice::formats::parquet
