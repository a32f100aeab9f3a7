// Character encodings of text inputs: everything is UTF-8 inside Sluice; other
// encodings are converted on the way in. Pure functions: thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace sluice::formats {

// ISO-8859-1 bytes to UTF-8 (every byte is a code point), appended to `out`.
void AppendLatin1AsUtf8(std::string_view latin1, std::string* out);

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

}  // namespace sluice::formats
