// Character encodings of text inputs: everything is UTF-8 inside Sluice; other
// encodings are converted on the way in with glibc's iconv. The functions are pure
// (thread-safe); a TextDecoder belongs to one stream (not thread-safe).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

namespace sluice::formats {

// kUtf16 and kUtf32 take their byte order from a byte-order mark (big-endian without one).
enum class TextEncoding {
  kUtf8,
  kLatin1,
  kWindows1252,
  kUtf16,
  kUtf16Le,
  kUtf16Be,
  kUtf32,
  kUtf32Le,
  kUtf32Be
};

// Java's charset names and aliases, case-insensitive (what Spark's `encoding` accepts);
// an unsupported name is an error listing the supported ones.
Result<TextEncoding> ParseTextEncoding(std::string_view name);
// Java's canonical name ("UTF-16LE", "windows-1252").
std::string_view TextEncodingName(TextEncoding encoding);

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// How a stream is read: its encoding with a definite byte order, and the length of the
// byte-order mark to skip.
struct ResolvedEncoding {
  TextEncoding encoding;
  size_t bom_size;
};

// A byte-order mark at the start of `start` (its first 4 bytes suffice) decides the
// encoding whatever was declared, as Spark's multiLine parser (univocity) does; without
// one, `declared` applies, UTF-16 and UTF-32 big-endian (Java's rule).
ResolvedEncoding ResolveTextEncoding(TextEncoding declared, std::string_view start);

// Stands for each byte sequence that is invalid in the source encoding: a byte that never
// occurs in UTF-8, so the value holding it fails UTF-8 validation downstream and its row
// is rejected instead of silently altered.
inline constexpr char kInvalidSequenceMarker = '\xFF';

// Why a value read from `encoding` text is refused: invalid text at `byte` of the value
// (as converted to UTF-8).
std::string DescribeInvalidText(TextEncoding encoding, size_t byte);

// Converts one stream, block by block, to UTF-8.
class TextDecoder {
 public:
  // `encoding` has a definite byte order and is not UTF-8 (see ResolveTextEncoding).
  static Result<std::unique_ptr<TextDecoder>> Make(TextEncoding encoding);
  ~TextDecoder();
  TextDecoder(const TextDecoder&) = delete;
  TextDecoder& operator=(const TextDecoder&) = delete;

  // Appends the UTF-8 text of `in` to `out`. A character cut by the end of `in` waits for
  // the next call; at the `final` call its bytes are invalid.
  void Decode(std::string_view in, bool final, std::string* out);

 private:
  TextDecoder(void* handle, size_t unit) : handle_(handle), unit_(unit) {}

  void* handle_;         // iconv_t
  size_t unit_;          // bytes of one code unit: what an invalid sequence skips
  std::string pending_;  // bytes of a character cut by the end of the previous input
};

}  // namespace sluice::formats
