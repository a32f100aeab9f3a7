// StringRef: a 16-byte string view (length, 4-byte prefix, then either the rest of a
// short string inline or a pointer to the bytes), as in Umbra, DuckDB and Velox.
// Strings of up to 12 bytes need no heap; comparisons start on the prefix.
// A plain value: thread-safe to copy. The bytes it points to must outlive it.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace sluice::vector {

class StringRef {
 public:
  static constexpr uint32_t kInlineBytes = 12;

  StringRef() : size_(0), prefix_{}, ptr_(nullptr) {}
  StringRef(const char* data, uint32_t size) : size_(size) {
    if (size <= kInlineBytes) {
      std::memset(prefix_, 0, sizeof(prefix_) + sizeof(inlined_));
      if (size > 0) std::memcpy(prefix_, data, size);
    } else {
      std::memcpy(prefix_, data, sizeof(prefix_));
      ptr_ = data;
    }
  }
  explicit StringRef(std::string_view s) : StringRef(s.data(), static_cast<uint32_t>(s.size())) {}

  uint32_t size() const { return size_; }
  bool IsInlined() const { return size_ <= kInlineBytes; }
  const char* data() const { return IsInlined() ? prefix_ : ptr_; }
  std::string_view view() const { return {data(), size_}; }

  bool operator==(const StringRef& other) const {
    if (std::memcmp(this, &other, 8) != 0) return false;  // size and prefix at once
    return std::memcmp(data(), other.data(), size_) == 0;
  }

 private:
  uint32_t size_;
  char prefix_[4];
  union {
    char inlined_[8];
    const char* ptr_;
  };
};

static_assert(sizeof(StringRef) == 16);

}  // namespace sluice::vector
