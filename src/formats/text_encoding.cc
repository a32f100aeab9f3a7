#include "formats/text_encoding.h"

namespace sluice::formats {

void AppendLatin1AsUtf8(std::string_view latin1, std::string* out) {
  out->reserve(out->size() + latin1.size());
  for (unsigned char c : latin1) {
    if (c < 0x80) {
      out->push_back(static_cast<char>(c));
    } else {
      out->push_back(static_cast<char>(0xC0 | (c >> 6)));
      out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
}

}  // namespace sluice::formats
