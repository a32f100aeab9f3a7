#include "formats/text_encoding.h"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <initializer_list>

namespace sluice::formats {
namespace {

struct EncodingInfo {
  TextEncoding encoding;
  std::string_view name;   // Java's canonical name
  const char* iconv_name;  // glibc's; nullptr: resolved to a byte order first
  size_t unit;             // bytes per code unit
  std::initializer_list<std::string_view> aliases;  // Java's, lower case
};

// The table's names are Java's (java.nio.charset), as Spark passes `encoding` to Java.
const EncodingInfo kEncodings[] = {
    {TextEncoding::kUtf8, "UTF-8", "UTF-8", 1, {"utf8", "unicode-1-1-utf-8"}},
    {TextEncoding::kLatin1,
     "ISO-8859-1",
     "ISO-8859-1",
     1,
     {"iso8859-1", "iso_8859-1", "iso8859_1", "iso_8859_1", "8859_1", "iso-ir-100",
      "iso_8859-1:1987", "latin1", "latin-1", "l1", "ibm819", "ibm-819", "cp819", "819",
      "csisolatin1"}},
    {TextEncoding::kWindows1252,
     "windows-1252",
     "CP1252",
     1,
     {"cp1252", "cp5348", "ibm1252", "ibm-1252"}},
    {TextEncoding::kUtf16, "UTF-16", nullptr, 2, {"utf_16", "utf16", "unicode", "unicodebig"}},
    {TextEncoding::kUtf16Le,
     "UTF-16LE",
     "UTF-16LE",
     2,
     {"utf_16le", "x-utf-16le", "unicodelittleunmarked"}},
    {TextEncoding::kUtf16Be,
     "UTF-16BE",
     "UTF-16BE",
     2,
     {"utf_16be", "x-utf-16be", "iso-10646-ucs-2", "unicodebigunmarked"}},
    {TextEncoding::kUtf32, "UTF-32", nullptr, 4, {"utf_32", "utf32"}},
    {TextEncoding::kUtf32Le, "UTF-32LE", "UTF-32LE", 4, {"utf_32le", "x-utf-32le"}},
    {TextEncoding::kUtf32Be, "UTF-32BE", "UTF-32BE", 4, {"utf_32be", "x-utf-32be"}},
};

const EncodingInfo& Info(TextEncoding encoding) {
  for (const EncodingInfo& info : kEncodings) {
    if (info.encoding == encoding) return info;
  }
  SLUICE_CHECK(false);
  return kEncodings[0];
}

bool SameIgnoringCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

}  // namespace

Result<TextEncoding> ParseTextEncoding(std::string_view name) {
  std::string supported;
  for (const EncodingInfo& info : kEncodings) {
    if (SameIgnoringCase(name, info.name)) return info.encoding;
    for (std::string_view alias : info.aliases) {
      if (SameIgnoringCase(name, alias)) return info.encoding;
    }
    supported += (supported.empty() ? "" : ", ") + std::string(info.name);
  }
  return Status::Invalid("unsupported encoding '" + std::string(name) + "' (supported: " +
                         supported + ", and their Java aliases such as cp1252, latin1)");
}

std::string_view TextEncodingName(TextEncoding encoding) { return Info(encoding).name; }

ResolvedEncoding ResolveTextEncoding(TextEncoding declared, std::string_view start) {
  // UTF-32LE's mark begins with UTF-16LE's: test the longer marks first.
  static constexpr std::pair<std::string_view, TextEncoding> kMarks[] = {
      {{"\x00\x00\xFE\xFF", 4}, TextEncoding::kUtf32Be},
      {{"\xFF\xFE\x00\x00", 4}, TextEncoding::kUtf32Le},
      {kUtf8Bom, TextEncoding::kUtf8},
      {"\xFE\xFF", TextEncoding::kUtf16Be},
      {"\xFF\xFE", TextEncoding::kUtf16Le},
  };
  for (const auto& [mark, encoding] : kMarks) {
    if (start.substr(0, mark.size()) == mark) return {encoding, mark.size()};
  }
  if (declared == TextEncoding::kUtf16) return {TextEncoding::kUtf16Be, 0};
  if (declared == TextEncoding::kUtf32) return {TextEncoding::kUtf32Be, 0};
  return {declared, 0};
}

std::string DescribeInvalidText(TextEncoding encoding, size_t byte) {
  if (encoding == TextEncoding::kUtf8) {
    return "invalid UTF-8 at byte " + std::to_string(byte) + " of the value";
  }
  return "bytes that are not valid " + std::string(TextEncodingName(encoding)) + " at byte " +
         std::to_string(byte) + " of the value (converted to UTF-8)";
}

Result<std::unique_ptr<TextDecoder>> TextDecoder::Make(TextEncoding encoding) {
  const EncodingInfo& info = Info(encoding);
  SLUICE_CHECK(info.iconv_name != nullptr && encoding != TextEncoding::kUtf8);
  iconv_t handle = iconv_open("UTF-8", info.iconv_name);
  if (handle == reinterpret_cast<iconv_t>(-1)) {
    return Status::IOError("cannot convert " + std::string(info.name) +
                           " text: the C library's iconv lacks it");
  }
  return std::unique_ptr<TextDecoder>(new TextDecoder(handle, info.unit));
}

TextDecoder::~TextDecoder() { iconv_close(static_cast<iconv_t>(handle_)); }

void TextDecoder::Decode(std::string_view in, bool final, std::string* out) {
  std::string joined;
  if (!pending_.empty()) {
    joined = pending_;
    joined.append(in);
    pending_.clear();
    in = joined;
  }
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  size_t used = out->size();
  // Room for typical text (mostly ASCII); a code unit can take 3 bytes of UTF-8, which
  // the E2BIG branch grows to.
  out->resize(used + src_left * 3 / (2 * unit_) + 16);
  while (src_left > 0) {
    char* dst = out->data() + used;
    size_t dst_left = out->size() - used;
    size_t converted = iconv(static_cast<iconv_t>(handle_), &src, &src_left, &dst, &dst_left);
    int error = errno;
    used = static_cast<size_t>(dst - out->data());
    if (converted != static_cast<size_t>(-1)) break;
    if (error == E2BIG || dst_left == 0) {
      out->resize(out->size() + src_left * 3 / unit_ + 16);
      continue;
    }
    if (error == EINVAL && !final) {
      pending_.assign(src, src_left);
      break;
    }
    // An invalid sequence, or a character cut by the end of the input.
    (*out)[used++] = kInvalidSequenceMarker;
    size_t skip = std::min(unit_, src_left);
    src += skip;
    src_left -= skip;
  }
  out->resize(used);
}

}  // namespace sluice::formats
