// Bytes and their spellings: md5, sha/sha1, sha2, crc32 (OpenSSL's libcrypto and zlib),
// base64/unbase64, hex/unhex, to_binary, encode/decode with a charset (glibc's iconv), the
// Oracle-style decode(expr, search, result, ...), and uuid().
#include <iconv.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <random>

#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "functions/string_arguments.h"
#include "functions/type_coercion.h"
#include "vector/vector_ops.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;
using vector::Vector;
using Args = std::vector<const Vector*>;
using SV = std::string_view;

namespace {

constexpr char kUpperHex[] = "0123456789ABCDEF";
constexpr char kLowerHex[] = "0123456789abcdef";
constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Hex(SV bytes, const char* digits) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

// OpenSSL frees a thread's state when the thread ends, through a key that its exit handler
// deletes. Its handler is registered at its first use, after the process-wide thread pool,
// so it runs before the pool joins its workers, and their state would leak (LeakSanitizer
// says so). Without the handler, the workers free their state as they end, and the
// process's end frees the rest.
void InitOpenSsl() {
  static const bool initialized = OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, nullptr) == 1;
  static_cast<void>(initialized);
}

std::optional<std::string> Digest(const EVP_MD* md, SV bytes) {
  InitOpenSsl();
  unsigned char buffer[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), buffer, &size, md, nullptr) != 1) return std::nullopt;
  return Hex(SV(reinterpret_cast<const char*>(buffer), size), kLowerHex);
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Spark's Unhex: an odd length reads as if it had a leading 0; nullopt on a non-hex digit.
std::optional<std::string> Unhex(SV s) {
  std::string out;
  size_t i = 0;
  if (s.size() % 2 == 1) {
    const int v = HexValue(s[0]);
    if (v < 0) return std::nullopt;
    out += static_cast<char>(v);
    i = 1;
  }
  for (; i < s.size(); i += 2) {
    const int hi = HexValue(s[i]), lo = HexValue(s[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

std::string Base64(SV bytes) {
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t v = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out += kBase64[(v >> k) & 63];
  }
  if (i < bytes.size()) {
    uint32_t v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kBase64[(v >> 18) & 63];
    out += kBase64[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kBase64[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

// Commons Codec's lenient decoding (unbase64): characters outside the alphabet are skipped,
// decoding stops at padding, and a trailing partial group yields its whole bytes.
std::string Unbase64(SV s) {
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (char c : s) {
    if (c == '=') break;
    const int v = Base64Value(c);
    if (v < 0) continue;
    bits = (bits << 6) | static_cast<uint32_t>(v);
    if (++count == 4) {
      out += static_cast<char>(bits >> 16);
      out += static_cast<char>(bits >> 8);
      out += static_cast<char>(bits);
      bits = 0;
      count = 0;
    }
  }
  if (count == 2) out += static_cast<char>(bits >> 4);
  if (count == 3) {
    out += static_cast<char>(bits >> 10);
    out += static_cast<char>(bits >> 2);
  }
  return out;
}

// to_binary's check: white space is ignored, padding ends the text, and the groups must be
// complete (a final group of 2 or 3 characters padded to 4 or not at all).
bool IsStrictBase64(SV s) {
  size_t chars = 0, pad = 0;
  for (char c : s) {
    if (c == '=') {
      ++pad;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (pad > 0) return false;
    } else {
      if (pad > 0 || Base64Value(c) < 0 || c == '-' || c == '_') return false;
      ++chars;
    }
  }
  if (chars % 4 == 1) return false;
  if (pad == 0) return true;
  return (chars % 4 == 2 && pad == 2) || (chars % 4 == 3 && pad == 1);
}

std::string Lower(SV s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsUtf8Name(const std::string& charset) { return charset == "utf-8" || charset == "utf8"; }

// Converts between a charset and UTF-8 with iconv; a character the target cannot hold
// becomes '?' (or U+FFFD when decoding), as Java's String conversions do.
Result<std::string> Convert(SV in, const std::string& from, const std::string& to, bool decoding,
                            const char* fn) {
  iconv_t cd = iconv_open(to.c_str(), from.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1))
    return Status::Invalid(
        "[INVALID_PARAMETER_VALUE.CHARSET] The value of parameter(s) "
        "`charset` in `" +
        std::string(fn) +
        "` is invalid: expects a "
        "supported charset, but got " +
        (decoding ? from : to) + ".");
  std::string out;
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  char buffer[4096];
  while (true) {
    char* dst = buffer;
    size_t dst_left = sizeof(buffer);
    const size_t rc = iconv(cd, src_left > 0 ? &src : nullptr, &src_left, &dst, &dst_left);
    out.append(buffer, sizeof(buffer) - dst_left);
    if (rc != static_cast<size_t>(-1)) {
      if (src_left == 0) break;
      continue;
    }
    if (errno == E2BIG) continue;
    // An invalid or unmappable sequence: replace one byte (decoding) or character.
    if (decoding) {
      out += "\xEF\xBF\xBD";
      ++src;
      --src_left;
    } else {
      size_t skip = 1;
      while (skip < src_left && (static_cast<unsigned char>(src[skip]) & 0xC0) == 0x80) ++skip;
      src += skip;
      src_left -= skip;
      char q[] = "?";
      char* qp = q;
      size_t q_left = 1;
      char* qd = buffer;
      size_t qd_left = sizeof(buffer);
      if (iconv(cd, &qp, &q_left, &qd, &qd_left) != static_cast<size_t>(-1))
        out.append(buffer, sizeof(buffer) - qd_left);
    }
    if (src_left == 0) break;
  }
  iconv_close(cd);
  return out;
}

// encode(str, charset) / decode(bin, charset).
Result<BoundScalar> BindCharset(bool encode, const std::vector<BindArgument>& args) {
  const char* fn = encode ? "encode" : "decode";
  SLUICE_RETURN_NOT_OK(CheckArgCount(fn, args.size(), 2, 2));
  BoundScalar bound;
  SLUICE_ASSIGN_OR_RAISE(
      bound.argument_types,
      CoerceAll(fn, args, {encode ? Accept::kString : Accept::kBinary, Accept::kString}));
  bound.return_type = encode ? TypeId::kBinary : TypeId::kString;
  bound.kernel = [encode, fn](const FunctionContext&, const Args& in, size_t rows, Vector& out) {
    return MapRows<SV, SV>(in, rows, out, [&](SV s, SV charset) -> Result<std::string> {
      const std::string name = Lower(charset);
      if (IsUtf8Name(name) && !encode) return Convert(s, "UTF-8", "UTF-8", true, fn);
      if (IsUtf8Name(name)) return std::string(s);
      if (encode) return Convert(s, "UTF-8", name, false, fn);
      return Convert(s, name, "UTF-8", true, fn);
    });
  };
  return bound;
}

// decode(expr, search, result [, search, result] ... [, default]): the first search equal
// to expr (NULL matches NULL) picks its result.
Result<BoundScalar> BindCaseDecode(const std::vector<BindArgument>& args) {
  std::optional<LogicalType> key = args[0].type;
  std::vector<LogicalType> results;
  for (size_t i = 1; i < args.size(); ++i) {
    const bool is_search = i % 2 == 1 && i + 1 < args.size();
    if (is_search) {
      key = ComparisonType(*key, args[i].type);
      if (!key)
        return Status::Invalid(
            "[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve \"decode\": "
            "the searches must have the type of the expression.");
    } else {
      results.push_back(args[i].type);
    }
  }
  std::optional<LogicalType> result = WiderType(results);
  if (!result)
    return Status::Invalid(
        "[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve \"decode\": the "
        "results must all have the same type.");
  if (result->id() == TypeId::kNull) result = LogicalType(TypeId::kString);
  BoundScalar bound;
  for (size_t i = 0; i < args.size(); ++i) {
    const bool is_key = i == 0 || (i % 2 == 1 && i + 1 < args.size());
    bound.argument_types.push_back(is_key ? *key : *result);
  }
  bound.return_type = *result;
  bound.kernel = [](const FunctionContext&, const Args& in, size_t rows, Vector& out) -> Status {
    const bool has_default = in.size() % 2 == 0;
    for (size_t r = 0; r < rows; ++r) {
      size_t chosen = has_default ? in.size() - 1 : 0;
      for (size_t i = 1; i + 1 < in.size(); i += 2) {
        const bool a_null = in[0]->IsNull(r), b_null = in[i]->IsNull(r);
        if ((a_null && b_null) ||
            (!a_null && !b_null && vector::ValuesEqual(*in[0], r, *in[i], r))) {
          chosen = i + 1;
          break;
        }
      }
      if (chosen == 0 || in[chosen]->IsNull(r))
        out.SetNull(r);
      else
        SLUICE_RETURN_NOT_OK(vector::CopyRow(*in[chosen], r, out, r));
    }
    return Status::OK();
  };
  return bound;
}

Result<BoundScalar> BindDecode(const FunctionContext&, const std::vector<BindArgument>& args) {
  if (args.size() < 2) return CheckArgCount("decode", args.size(), 2, 2);
  if (args.size() == 2) return BindCharset(false, args);
  return BindCaseDecode(args);
}

Status InvalidConversion(SV s, const char* format) {
  return Status::Invalid("[CONVERSION_INVALID_INPUT] The value '" + std::string(s) +
                         "' in the format '" + format +
                         "' cannot be converted to \"BINARY\". Correct the value as per the "
                         "syntax, or change its format. Use `try_to_binary` to tolerate "
                         "malformed input and return NULL instead.");
}

// to_binary(str[, fmt]): fmt a constant 'hex' (default), 'utf-8', 'utf8' or 'base64';
// try_to_binary gives NULL for a malformed string instead of an error.
Result<BoundScalar> BindToBinary(bool try_mode, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount(try_mode ? "try_to_binary" : "to_binary", args.size(), 1, 2));
  BoundScalar bound;
  SLUICE_ASSIGN_OR_RAISE(LogicalType source, Coerce("to_binary", 0, args[0].type, Accept::kString));
  bound.argument_types = {source};
  bound.return_type = TypeId::kBinary;
  std::string format = "hex";
  if (args.size() == 2) {
    bound.argument_types.push_back(args[1].type);
    if (args[1].constant == nullptr)
      return Status::Invalid(
          "[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT] Cannot resolve \"to_binary\": the input fmt "
          "should be a foldable \"STRING\" expression; however, got a column.");
    if (IsNullConstant(args[1])) {
      bound.kernel = [](const FunctionContext&, const Args&, size_t rows, Vector& out) {
        for (size_t r = 0; r < rows; ++r) out.SetNull(r);
        return Status::OK();
      };
      return bound;
    }
    const auto value = ConstantString(args[1]);
    format = value ? Lower(*value) : std::string();
    if (format != "hex" && format != "utf-8" && format != "utf8" && format != "base64")
      return Status::Invalid(
          "[DATATYPE_MISMATCH.INVALID_ARG_VALUE] Cannot resolve \"to_binary\": the input fmt "
          "should be one of 'hex', 'utf-8', 'utf8', or 'base64', but got '" +
          (value ? format : std::string("a non-string value")) + "'.");
  }
  bound.kernel = [format, try_mode](const FunctionContext&, const Args& in, size_t rows,
                                    Vector& out) {
    return MapRows<SV>({in[0]}, rows, out, [&](SV s) -> Result<std::optional<std::string>> {
      std::optional<std::string> bytes;
      if (format == "hex")
        bytes = Unhex(s);
      else if (format == "base64" && IsStrictBase64(s))
        bytes = Unbase64(s);
      else if (format != "base64")
        bytes = std::string(s);
      if (!bytes && !try_mode) return InvalidConversion(s, format == "hex" ? "HEX" : "BASE64");
      return bytes;
    });
  };
  return bound;
}

// hex(BIGINT) spells the two's complement without leading zeros; strings and binary their
// bytes (other atomic types their text: hex(true) is hex('true')).
Result<BoundScalar> BindHex(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount("hex", args.size(), 1, 1));
  // TypeCollection(BIGINT, BINARY, STRING): numbers as BIGINT, other atomic types as text.
  const bool number = args[0].type.IsNumeric();
  BoundScalar bound;
  SLUICE_ASSIGN_OR_RAISE(LogicalType t, number ? Result<LogicalType>(LogicalType(TypeId::kBigInt))
                                               : Coerce("hex", 0, args[0].type, Accept::kString));
  bound.argument_types = {t};
  bound.return_type = TypeId::kString;
  bound.kernel = [number](const FunctionContext&, const Args& in, size_t rows, Vector& out) {
    if (number)
      return MapRows<int64_t>(in, rows, out, [](int64_t v) {
        std::string o;
        auto u = static_cast<uint64_t>(v);
        do {
          o += kUpperHex[u & 15];
          u >>= 4;
        } while (u != 0);
        std::reverse(o.begin(), o.end());
        return o;
      });
    return MapRows<SV>(in, rows, out, [](SV s) { return Hex(s, kUpperHex); });
  };
  return bound;
}

Result<BoundScalar> BindSha2(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount("sha2", args.size(), 2, 2));
  BoundScalar bound;
  SLUICE_ASSIGN_OR_RAISE(bound.argument_types,
                         CoerceAll("sha2", args, {Accept::kBinary, Accept::kInt}));
  bound.return_type = TypeId::kString;
  bound.kernel = [](const FunctionContext&, const Args& in, size_t rows, Vector& out) {
    return MapRows<SV, int32_t>(in, rows, out,
                                [](SV s, int32_t bits) -> std::optional<std::string> {
                                  switch (bits) {
                                    case 0:
                                    case 256:
                                      return Digest(EVP_sha256(), s);
                                    case 224:
                                      return Digest(EVP_sha224(), s);
                                    case 384:
                                      return Digest(EVP_sha384(), s);
                                    case 512:
                                      return Digest(EVP_sha512(), s);
                                    default:
                                      return std::nullopt;
                                  }
                                });
  };
  return bound;
}

}  // namespace

void RegisterStringEncodingFunctions(FunctionRegistry& r) {
  const auto kBinary = Accept::kBinary;
  r.Add(SimpleFunction("md5",
                       "md5(expr) - Returns an MD5 128-bit checksum as a hex string of "
                       "`expr`.",
                       {kBinary}, 1, TypeId::kString,
                       StringKernel1([](SV s) { return Digest(EVP_md5(), s); })));
  r.Add(SimpleFunction("sha1",
                       "sha1(expr) - Returns a sha1 hash value as a hex string of the "
                       "`expr`.",
                       {kBinary}, 1, TypeId::kString,
                       StringKernel1([](SV s) { return Digest(EVP_sha1(), s); })));
  r.AddAlias("sha", "sha1");
  r.Add(ScalarFunction{"sha2",
                       "sha2(expr, bitLength) - Returns a checksum of SHA-2 family as a hex "
                       "string of `expr`. SHA-224, SHA-256, SHA-384, and SHA-512 are supported. "
                       "Bit length of 0 is equivalent to 256.",
                       BindSha2});
  r.Add(SimpleFunction("crc32",
                       "crc32(expr) - Returns a cyclic redundancy check value of the "
                       "`expr` as a bigint.",
                       {kBinary}, 1, TypeId::kBigInt, StringKernel1([](SV s) {
                         return static_cast<int64_t>(crc32(0L,
                                                           reinterpret_cast<const Bytef*>(s.data()),
                                                           static_cast<uInt>(s.size())));
                       })));
  r.Add(SimpleFunction("base64",
                       "base64(bin) - Converts the argument from a binary `bin` to a "
                       "base 64 string.",
                       {kBinary}, 1, TypeId::kString, StringKernel1(Base64)));
  r.Add(SimpleFunction("unbase64",
                       "unbase64(str) - Converts the argument from a base 64 string "
                       "`str` to a binary.",
                       {Accept::kString}, 1, TypeId::kBinary, StringKernel1(Unbase64)));
  r.Add(ScalarFunction{"hex", "hex(expr) - Converts `expr` to hexadecimal.", BindHex});
  r.Add(SimpleFunction("unhex", "unhex(expr) - Converts hexadecimal `expr` to binary.",
                       {Accept::kString}, 1, TypeId::kBinary, StringKernel1(Unhex)));
  r.Add(ScalarFunction{"to_binary",
                       "to_binary(str[, fmt]) - Converts the input `str` to a binary value based "
                       "on the supplied `fmt`. `fmt` can be a case-insensitive string literal of "
                       "\"hex\", \"utf-8\", \"utf8\", or \"base64\".",
                       [](const FunctionContext&, const std::vector<BindArgument>& a) {
                         return BindToBinary(false, a);
                       }});
  r.Add(ScalarFunction{"try_to_binary",
                       "try_to_binary(str[, fmt]) - This is a special version of `to_binary` that "
                       "performs the same operation, but returns a NULL value instead of raising "
                       "an error if the conversion cannot be performed.",
                       [](const FunctionContext&, const std::vector<BindArgument>& a) {
                         return BindToBinary(true, a);
                       }});
  r.Add(ScalarFunction{"encode",
                       "encode(str, charset) - Encodes the first argument using the second "
                       "argument character set.",
                       [](const FunctionContext&, const std::vector<BindArgument>& a) {
                         return BindCharset(true, a);
                       }});
  r.Add(ScalarFunction{"decode",
                       "decode(bin, charset) - Decodes the first argument using the second "
                       "argument character set. decode(expr, search, result [, search, result ] "
                       "... [, default]) - Compares expr to each search value in order.",
                       BindDecode});
  r.Add(ScalarFunction{
      "uuid", "uuid() - Returns an universally unique identifier (UUID) string.",
      [](const FunctionContext&, const std::vector<BindArgument>& args) -> Result<BoundScalar> {
        SLUICE_RETURN_NOT_OK(CheckArgCount("uuid", args.size(), 0, 0));
        BoundScalar bound;
        bound.return_type = TypeId::kString;
        bound.deterministic = false;
        bound.kernel = [](const FunctionContext&, const Args&, size_t rows, Vector& out) {
          std::random_device seed;
          std::mt19937_64 random((static_cast<uint64_t>(seed()) << 32) ^ seed());
          for (size_t r = 0; r < rows; ++r) {
            uint64_t hi = random(), lo = random();
            hi = (hi & ~0xF000ULL) | 0x4000ULL;        // version 4
            lo = (lo & ~(3ULL << 62)) | (2ULL << 62);  // IETF variant
            char text[37];
            snprintf(text, sizeof(text), "%08llx-%04llx-%04llx-%04llx-%012llx",
                     static_cast<unsigned long long>(hi >> 32),
                     static_cast<unsigned long long>((hi >> 16) & 0xFFFF),
                     static_cast<unsigned long long>(hi & 0xFFFF),
                     static_cast<unsigned long long>(lo >> 48),
                     static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
            Set(out, r, std::string_view(text, 36));
          }
          return Status::OK();
        };
        return bound;
      }});
}

}  // namespace sluice::functions
