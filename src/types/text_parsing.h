// Parsing of typed values from text with Spark's rules (what CSV reading and string
// casts accept): integers with an optional sign, Java-style doubles, booleans, and UTF-8
// validation. Pure functions: thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace sluice::types {

// Decimal integer with optional +/-; false on overflow of [min, max] or any other byte.
bool ParseInteger(std::string_view text, int64_t min, int64_t max, int64_t* out);
// Java's Double.parseDouble: surrounding whitespace, "NaN", "Infinity", "1e5", "1.5d", "1.5f".
bool ParseDouble(std::string_view text, double* out);
// "true"/"false", case-insensitive.
bool ParseBoolean(std::string_view text, bool* out);
// True when `text` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view text);
// Offset of the first byte of the first malformed UTF-8 sequence, or npos.
size_t FindInvalidUtf8(std::string_view text);

}  // namespace sluice::types
