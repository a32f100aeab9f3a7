// Parsing of typed values from text with Spark's rules (what CSV reading and string
// casts accept): integers with an optional sign, Java-style doubles, booleans, and UTF-8
// validation, and a fast path for the common fixed-width ISO timestamps. Pure functions:
// thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace sluice::types {

struct ParsedDateTime;

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
// The common fixed-width shapes "yyyy-MM-dd[T| ]HH:mm:ss" with nothing, "Z" or "+HH:MM"
// after: the fields ParseIsoTimestamp would give, without its general scanning (ranges
// are left to ToTimestamp, as after ParseIsoTimestamp). False means "another shape": the
// caller then uses ParseIsoTimestamp, so this never decides that a text is invalid.
bool ParseFixedIsoTimestamp(std::string_view text, ParsedDateTime* out);

}  // namespace sluice::types
