#include "io/compression.h"

#include <gtest/gtest.h>

#include "io/memory_file_system.h"

namespace sluice::io {
namespace {

std::string SampleText(size_t n) {
  std::string s;
  uint64_t x = 12345;
  while (s.size() < n) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    s += "row," + std::to_string(x % 1000) + ",event_" + std::to_string((x >> 20) % 7) + "\n";
  }
  s.resize(n);
  return s;
}

class CodecTest : public ::testing::TestWithParam<Codec> {};

TEST_P(CodecTest, BlockRoundTrip) {
  for (size_t size : {size_t{0}, size_t{1}, size_t{1000}, size_t{3} << 20}) {
    std::string input = SampleText(size);
    auto compressed = Compress(GetParam(), input);
    ASSERT_TRUE(compressed.ok()) << compressed.status().ToString();
    auto back = Decompress(GetParam(), *compressed, input.size());
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, input) << CodecName(GetParam()) << " size " << size;
    if (size > 1000 && GetParam() != Codec::kNone) {
      EXPECT_LT(compressed->size(), input.size() / 2);
    }
  }
}

TEST_P(CodecTest, CorruptInputIsAnErrorNotACrash) {
  if (GetParam() == Codec::kNone) return;
  std::string input = SampleText(100000);
  std::string compressed = *Compress(GetParam(), input);
  for (size_t cut : {compressed.size() / 2, size_t{3}}) {
    auto r = Decompress(GetParam(), compressed.substr(0, cut), input.size());
    EXPECT_TRUE(!r.ok() || *r != input) << CodecName(GetParam());
  }
  std::string flipped = compressed;
  for (size_t i = 0; i < flipped.size(); i += 7) flipped[i] = static_cast<char>(flipped[i] ^ 0x5A);
  auto r = Decompress(GetParam(), flipped, input.size());
  EXPECT_TRUE(!r.ok() || *r != input);
}

TEST(BrotliTest, KnownBytesAndSizesOtherThanStated) {
  // RFC 7932 by hand: window 16, an uncompressed meta-block of 5 bytes, the empty last one.
  const std::string hello("\x40\x00\x10hello\x03", 9);
  EXPECT_EQ(*Decompress(Codec::kBrotli, hello, 5), "hello");
  EXPECT_EQ(*Decompress(Codec::kBrotli, hello), "hello");  // size unknown
  auto more = Decompress(Codec::kBrotli, hello, 3);
  ASSERT_FALSE(more.ok());
  EXPECT_EQ(more.status().message(), "brotli: the data holds more than the expected 3 bytes");
  EXPECT_EQ(Decompress(Codec::kBrotli, hello, 9)->size(), 5u);  // fewer: the caller checks
  // A corrupt size is not allocated up front.
  EXPECT_EQ(*Decompress(Codec::kBrotli, hello, size_t{1} << 50), "hello");
  const std::string big(1 << 20, 'z');
  EXPECT_EQ(*Decompress(Codec::kBrotli, *Compress(Codec::kBrotli, big), big.size()), big);
  EXPECT_EQ(*Decompress(Codec::kBrotli, *Compress(Codec::kBrotli, big)), big);
  EXPECT_EQ(Decompress(Codec::kBrotli, hello + "x", 5).status().message(),
            "brotli: 1 bytes after the end of the data");
  EXPECT_EQ(Decompress(Codec::kBrotli, hello.substr(0, 6), 5).status().message(),
            "brotli: truncated data");
}

INSTANTIATE_TEST_SUITE_P(AllCodecs, CodecTest,
                         ::testing::Values(Codec::kNone, Codec::kGzip, Codec::kZstd, Codec::kSnappy,
                                           Codec::kLz4Frame, Codec::kLz4Raw, Codec::kBrotli),
                         [](const auto& info) { return std::string(CodecName(info.param)); });

std::string ReadStream(MemoryFileSystem& fs, Codec codec, const std::string& path) {
  auto stream = OpenDecompressingStream(codec, std::move(*fs.OpenRead(path)));
  EXPECT_TRUE(stream.ok());
  std::string out;
  char buf[4096];
  while (true) {
    auto n = (*stream)->Read(buf, sizeof(buf));
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    if (!n.ok() || *n == 0) break;
    out.append(buf, *n);
  }
  return out;
}

TEST(StreamTest, CompressedFilesRoundTripThroughStreams) {
  MemoryFileSystem fs;
  std::string input = SampleText(5 << 20);
  for (Codec codec : {Codec::kNone, Codec::kGzip, Codec::kZstd}) {
    std::string path = std::string("/f.") + CodecName(codec);
    auto out = OpenCompressingStream(codec, std::move(*fs.OpenWrite(path)));
    ASSERT_TRUE(out.ok());
    for (size_t i = 0; i < input.size(); i += 100000)
      ASSERT_TRUE((*out)->Write(input.substr(i, 100000)).ok());
    ASSERT_TRUE((*out)->Finish().ok());
    EXPECT_EQ(ReadStream(fs, codec, path), input) << CodecName(codec);
  }
}

TEST(StreamTest, ConcatenatedGzipMembersAndTruncation) {
  MemoryFileSystem fs;
  std::string a = *Compress(Codec::kGzip, "first,1\n");
  std::string b = *Compress(Codec::kGzip, "second,2\n");
  fs.Store("/two.gz", a + b);
  EXPECT_EQ(ReadStream(fs, Codec::kGzip, "/two.gz"), "first,1\nsecond,2\n");
  fs.Store("/cut.gz", (a + b).substr(0, a.size() + b.size() / 2));
  auto stream = OpenDecompressingStream(Codec::kGzip, std::move(*fs.OpenRead("/cut.gz")));
  char buf[4096];
  Status st;
  while (true) {
    auto n = (*stream)->Read(buf, sizeof(buf));
    if (!n.ok()) {
      st = n.status();
      break;
    }
    if (*n == 0) break;
  }
  EXPECT_EQ(st.code(), StatusCode::kParseError);
  EXPECT_NE(st.message().find("/cut.gz"), std::string::npos);
}

TEST(CodecNamesTest, FromNameAndPath) {
  EXPECT_EQ(*CodecFromName("snappy"), Codec::kSnappy);
  EXPECT_EQ(*CodecFromName("brotli"), Codec::kBrotli);
  EXPECT_FALSE(CodecFromName("lzo").ok());
  EXPECT_EQ(CodecFromPath("x/billing.csv.gz"), Codec::kGzip);
  EXPECT_EQ(CodecFromPath("x.zst"), Codec::kZstd);
  EXPECT_EQ(CodecFromPath("x.csv"), Codec::kNone);
}

}  // namespace
}  // namespace sluice::io
