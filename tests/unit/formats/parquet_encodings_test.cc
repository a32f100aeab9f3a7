#include <gtest/gtest.h>

#include <random>

#include "formats/parquet/column_chunk_reader.h"
#include "formats/parquet/delta_encoding.h"
#include "formats/parquet/parquet_codec.h"
#include "formats/parquet/rle_bit_packed.h"

namespace sluice::formats::parquet {
namespace {

TEST(RleBitPackedTest, RoundTripsEveryWidthAndRunShape) {
  std::mt19937 rng(7);
  for (int width = 0; width <= 32; ++width) {
    const uint64_t max = width == 0 ? 0 : (width == 32 ? 0xFFFFFFFFULL : (1ULL << width) - 1);
    std::vector<uint32_t> values;
    // Mixed stretches: long runs, short runs, noise, in odd-sized pieces.
    for (int piece = 0; piece < 40; ++piece) {
      uint32_t v = static_cast<uint32_t>(rng() & max);
      int length = 1 + static_cast<int>(rng() % 30);
      for (int k = 0; k < length; ++k)
        values.push_back(piece % 3 == 0 ? static_cast<uint32_t>(rng() & max) : v);
    }
    std::string encoded = EncodeRleBitPacked(values.data(), values.size(), width);
    std::vector<uint32_t> decoded(values.size());
    RleBitPackedDecoder decoder(encoded, width);
    ASSERT_TRUE(decoder.Get(decoded.data(), decoded.size()).ok()) << width;
    ASSERT_EQ(decoded, values) << "width " << width;
    if (width > 8) continue;
    // Levels and booleans decode into bytes, in pieces that end anywhere in a run.
    std::vector<uint8_t> bytes(values.size());
    RleBitPackedDecoder byte_decoder(encoded, width);
    for (size_t done = 0, piece = 1; done < bytes.size(); done += piece, piece = piece % 13 + 1) {
      piece = std::min(piece, bytes.size() - done);
      ASSERT_TRUE(byte_decoder.Get(bytes.data() + done, piece).ok()) << width;
    }
    ASSERT_EQ(std::vector<uint32_t>(bytes.begin(), bytes.end()), values) << "width " << width;
  }
}

TEST(RleBitPackedTest, KnownBytesAndCorruptInput) {
  // The example of Encodings.md: 0..7 at bit width 3 as one bit-packed group.
  std::vector<uint32_t> values{0, 1, 2, 3, 4, 5, 6, 7};
  EXPECT_EQ(EncodeRleBitPacked(values.data(), 8, 3), std::string("\x03\x88\xC6\xFA", 4));
  std::vector<uint32_t> ones(100, 1);
  EXPECT_EQ(EncodeRleBitPacked(ones.data(), 100, 1),
            std::string("\xC8\x01\x01", 3));  // RLE: 100 x 1
  std::vector<uint32_t> out(10);
  RleBitPackedDecoder empty("", 3);
  EXPECT_FALSE(empty.Get(out.data(), 1).ok());
  const std::string run_without_value("\x08", 1);  // an RLE run of 4, its value missing
  RleBitPackedDecoder short_run(run_without_value, 8);
  EXPECT_FALSE(short_run.Get(out.data(), 4).ok());
  const std::string endless_header(11, '\xFF');
  RleBitPackedDecoder endless(endless_header, 1);
  EXPECT_FALSE(endless.Get(out.data(), 1).ok());
  EXPECT_EQ(BitWidth(0), 0);
  EXPECT_EQ(BitWidth(1), 1);
  EXPECT_EQ(BitWidth(255), 8);
}

TEST(RleBitPackedTest, DeprecatedBitPackedLevels) {
  // Encodings.md's BIT_PACKED example: 0..7 at width 3, most significant bit first.
  std::vector<uint32_t> out(8);
  size_t consumed = 0;
  ASSERT_TRUE(
      DecodeBitPackedLevels(std::string("\x05\x39\x77", 3), 3, 8, out.data(), &consumed).ok());
  EXPECT_EQ(out, (std::vector<uint32_t>{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(consumed, 3u);
  // Fewer bytes than the values need: an error that says how many were needed.
  Status st = DecodeBitPackedLevels(std::string("\x05", 1), 3, 8, out.data(), &consumed);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("need 3 bytes"), std::string::npos) << st.ToString();
}

TEST(RleBitPackedTest, PageWithBitPackedDefinitionLevels) {
  // An old-style v1 page: definition levels BIT_PACKED (no length prefix), then PLAIN.
  SchemaElement element;
  element.name = "c";
  element.type = PhysicalType::kInt32;
  element.repetition = Repetition::kOptional;
  LeafColumn leaf{"c", &element, 1, 0, types::LogicalType(types::TypeId::kInt)};
  std::string body("\xB7", 1);  // levels 1,0,1,1,0,1,1,1
  for (int32_t v : {10, 20, 30, 40, 50, 60}) body.append(reinterpret_cast<const char*>(&v), 4);
  PageHeader header;
  header.type = PageType::kDataPage;
  header.uncompressed_page_size = header.compressed_page_size = static_cast<int32_t>(body.size());
  header.data_page_header =
      DataPageHeader{8, Encoding::kPlain, Encoding::kBitPacked, Encoding::kBitPacked, std::nullopt};
  auto chunk = io::MakeStringBuffer(SerializePageHeader(header) + body);
  auto file = io::MakeBufferFile(chunk, "test");
  ColumnChunkReader reader(*file, 0, chunk->size(), leaf, leaf.type,
                           CompressionCodec::kUncompressed, "test");
  auto v = *vector::Vector::Make(leaf.type, 8);
  ASSERT_TRUE(reader.Read(8, &v, 0).ok());
  std::vector<std::string> got;
  for (size_t i = 0; i < 8; ++i)
    got.push_back(v.IsNull(i) ? "NULL" : std::to_string(v.data<int32_t>()[i]));
  EXPECT_EQ(got, (std::vector<std::string>{"10", "NULL", "20", "30", "NULL", "40", "50", "60"}));
}

std::string Uleb(uint64_t v) {
  std::string out;
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
  return out;
}

TEST(DeltaEncodingTest, DecodesTheSpecExample) {
  // Encodings.md: 1, 2, 3, 4, 5 -> deltas 1, min delta 1, bit width 0.
  std::string data = Uleb(128) + Uleb(4) + Uleb(5) + Uleb(2) /* zigzag(1) */ +
                     Uleb(2) /* min delta 1 */ + std::string(4, '\0');
  size_t consumed = 0;
  auto values = DecodeDeltaBinaryPacked(data, 5, &consumed);
  ASSERT_TRUE(values.ok()) << values.status().ToString();
  EXPECT_EQ(*values, (std::vector<int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(consumed, data.size());
  // More values than the page holds, and a bad block shape, are errors.
  EXPECT_FALSE(DecodeDeltaBinaryPacked(data, 4, &consumed).ok());
  EXPECT_FALSE(DecodeDeltaBinaryPacked(Uleb(100) + Uleb(4) + Uleb(1) + Uleb(0), 1, &consumed).ok());
  EXPECT_FALSE(DecodeDeltaBinaryPacked(data.substr(0, 6), 5, &consumed).ok());
}

TEST(DeltaEncodingTest, BitPackedDeltasOfNarrowAndWideWidths) {
  for (int width : {5, 17, 60, 64}) {
    // One block of 128 deltas in 4 miniblocks of 32, packed least significant bit first.
    const uint64_t mask = width == 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1;
    std::vector<uint64_t> deltas(128);
    for (size_t k = 0; k < 128; ++k) deltas[k] = (k * 0x9E3779B97F4A7C15ULL) & mask;
    std::string packed(128 * static_cast<size_t>(width) / 8, '\0');
    for (size_t k = 0; k < 128; ++k) {
      for (int b = 0; b < width; ++b) {
        const size_t at = k * static_cast<size_t>(width) + static_cast<size_t>(b);
        if ((deltas[k] >> b) & 1) packed[at / 8] = static_cast<char>(packed[at / 8] | 1 << at % 8);
      }
    }
    const std::string data = Uleb(128) + Uleb(4) + Uleb(129) + Uleb(14) /* zigzag(7) */ +
                             Uleb(5) /* min delta zigzag(-3) */ +
                             std::string(4, static_cast<char>(width)) + packed;
    std::vector<int64_t> expected{7};
    uint64_t v = 7;
    for (uint64_t d : deltas) expected.push_back(static_cast<int64_t>(v += d - 3));  // wraps
    size_t consumed = 0;
    auto values = DecodeDeltaBinaryPacked(data, 129, &consumed);
    ASSERT_TRUE(values.ok()) << values.status().ToString();
    EXPECT_EQ(*values, expected) << "width " << width;
    EXPECT_EQ(consumed, data.size());
  }
}

TEST(DeltaEncodingTest, ByteArraysToPlain) {
  // DELTA_LENGTH_BYTE_ARRAY of "ab", "", "cde": lengths 2, 0, 3 (deltas -2, 3; min -2).
  std::string lengths = Uleb(128) + Uleb(4) + Uleb(3) + Uleb(4) /* zigzag(2) */ +
                        Uleb(3) /* zigzag(-2) */ + std::string("\x03\x00\x00\x00", 4) + "\x28" +
                        std::string(11, '\0');
  // Miniblock 0 (32 values at width 3: 12 bytes) holds delta - min = 0, 5: bits 000 101.
  std::string plain;
  ASSERT_TRUE(DeltaToPlain(Encoding::kDeltaLengthByteArray, PhysicalType::kByteArray,
                           lengths + "abcde", 3, &plain)
                  .ok());
  EXPECT_EQ(plain, std::string("\x02\x00\x00\x00"
                               "ab"
                               "\x00\x00\x00\x00"
                               "\x03\x00\x00\x00"
                               "cde",
                               17));
  EXPECT_FALSE(DeltaToPlain(Encoding::kDeltaLengthByteArray, PhysicalType::kByteArray,
                            lengths + "ab", 3, &plain)
                   .ok());
  EXPECT_FALSE(
      DeltaToPlain(Encoding::kDeltaBinaryPacked, PhysicalType::kDouble, lengths, 3, &plain).ok());
}

}  // namespace
}  // namespace sluice::formats::parquet

namespace sluice::formats::parquet {
namespace {

std::string BigEndian32(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}

TEST(ParquetCodecTest, ImplausiblePageSizesAreRefusedBeforeAllocating) {
  const std::string page = *io::Compress(io::Codec::kSnappy, std::string(100, 'a'));
  auto huge = DecompressPage(CompressionCodec::kSnappy, page, size_t{1} << 30);
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.status().message().find("more than SNAPPY can expand to"), std::string::npos)
      << huge.status().ToString();
  // Within reach of the codec, but not what the data says.
  auto other = DecompressPage(CompressionCodec::kSnappy, page, 1000);
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.status().message().find("holds 100 bytes, expected 1000"), std::string::npos)
      << other.status().ToString();
  EXPECT_EQ((*DecompressPage(CompressionCodec::kSnappy, page, 100))->view(), std::string(100, 'a'));
}

TEST(ParquetCodecTest, BrotliPagesAndTheirLimits) {
  const std::string page(1 << 20, 'b');
  const std::string brotli = *io::Compress(io::Codec::kBrotli, page);
  EXPECT_EQ((*DecompressPage(CompressionCodec::kBrotli, brotli, page.size()))->view(), page);
  auto wrong = DecompressPage(CompressionCodec::kBrotli, brotli, page.size() + 1);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().message(), "decompressed to 1048576 bytes, the header says 1048577");
  auto huge = DecompressPage(CompressionCodec::kBrotli, "abc", size_t{1} << 33);
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.status().message().find("more than BROTLI can expand to"), std::string::npos)
      << huge.status().ToString();
  EXPECT_EQ(*CompressionCodecFromName("BROTLI"), CompressionCodec::kBrotli);
}

TEST(ParquetCodecTest, AnEmptyPageBodyIsEmptyWhateverTheCodec) {
  // A v2 data page of only NULLs has levels and no values: writers leave the rest empty.
  for (auto codec :
       {CompressionCodec::kSnappy, CompressionCodec::kGzip, CompressionCodec::kZstd,
        CompressionCodec::kLz4, CompressionCodec::kLz4Raw, CompressionCodec::kBrotli}) {
    auto out = DecompressPage(codec, "", 0);
    ASSERT_TRUE(out.ok()) << CodecName(codec) << ": " << out.status().ToString();
    EXPECT_EQ((*out)->view(), "");
  }
  // No bytes cannot hold a value: still corrupt.
  auto corrupt = DecompressPage(CompressionCodec::kSnappy, "", 10);
  ASSERT_FALSE(corrupt.ok());
  EXPECT_EQ(corrupt.status().message(),
            "the page holds no compressed bytes but claims 10 uncompressed");
}

TEST(ParquetCodecTest, Lz4InEveryFramingWritersUse) {
  const std::string page(10000, 'q');
  const std::string first = page.substr(0, 6000), second = page.substr(6000);
  std::string a = *io::Compress(io::Codec::kLz4Raw, first),
              b = *io::Compress(io::Codec::kLz4Raw, second);
  std::string hadoop = BigEndian32(6000) + BigEndian32(static_cast<uint32_t>(a.size())) + a +
                       BigEndian32(4000) + BigEndian32(static_cast<uint32_t>(b.size())) + b;
  EXPECT_EQ((*DecompressPage(CompressionCodec::kLz4, hadoop, page.size()))->view(), page);
  EXPECT_EQ((*DecompressPage(CompressionCodec::kLz4, *io::Compress(io::Codec::kLz4Frame, page),
                             page.size()))
                ->view(),
            page);
  EXPECT_EQ((*DecompressPage(CompressionCodec::kLz4, *io::Compress(io::Codec::kLz4Raw, page),
                             page.size()))
                ->view(),
            page);
  EXPECT_EQ((*DecompressPage(CompressionCodec::kLz4Raw, *io::Compress(io::Codec::kLz4Raw, page),
                             page.size()))
                ->view(),
            page);
  auto wrong_size =
      DecompressPage(CompressionCodec::kSnappy, *io::Compress(io::Codec::kSnappy, page), 5);
  ASSERT_FALSE(wrong_size.ok());
  EXPECT_NE(wrong_size.status().message().find("expected 5"), std::string::npos);
  EXPECT_FALSE(DecompressPage(CompressionCodec::kLzo, "x", 1).ok());
}

}  // namespace
}  // namespace sluice::formats::parquet
