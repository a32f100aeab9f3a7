// ValidityMask: one bit per row, set when the row is not NULL. An empty mask means
// "all valid", so columns without nulls cost nothing. Not thread-safe for writes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sluice::vector {

class ValidityMask {
 public:
  bool AllValid() const { return words_.empty(); }
  // Rows past the words set so far are valid (masks grow only as rows turn NULL).
  bool IsValid(size_t row) const {
    return (row >> 6) >= words_.size() || (words_[row >> 6] >> (row & 63)) & 1;
  }
  void SetInvalid(size_t row) {
    if (words_.empty()) words_.assign(kWordsFor2048, ~uint64_t{0});
    if ((row >> 6) >= words_.size()) words_.resize((row >> 6) + 1, ~uint64_t{0});
    words_[row >> 6] &= ~(uint64_t{1} << (row & 63));
  }
  void SetValid(size_t row) {
    if (words_.empty()) return;
    if ((row >> 6) >= words_.size()) words_.resize((row >> 6) + 1, ~uint64_t{0});
    words_[row >> 6] |= uint64_t{1} << (row & 63);
  }
  void Set(size_t row, bool valid) { valid ? SetValid(row) : SetInvalid(row); }
  // Rows [row, row + n), n <= 64, take their validity from bits 0..n-1 of `bits`: a word
  // at a time, for decoders that have the bits at hand.
  void SetBits(size_t row, uint64_t bits, size_t n) {
    if (n == 0) return;
    const uint64_t keep = n == 64 ? ~uint64_t{0} : (uint64_t{1} << n) - 1;
    bits &= keep;
    if (words_.empty()) {
      if (bits == keep) return;
      words_.assign(kWordsFor2048, ~uint64_t{0});
    }
    if (((row + n - 1) >> 6) >= words_.size())
      words_.resize(((row + n - 1) >> 6) + 1, ~uint64_t{0});
    const size_t word = row >> 6, shift = row & 63;
    words_[word] = (words_[word] & ~(keep << shift)) | (bits << shift);
    if (shift + n > 64) {  // the rest spills into the next word
      words_[word + 1] = (words_[word + 1] & ~(keep >> (64 - shift))) | (bits >> (64 - shift));
    }
  }
  void Reset() { words_.clear(); }
  size_t CountInvalid(size_t rows) const {
    if (words_.empty()) return 0;
    size_t n = 0;
    for (size_t i = 0; i < rows; ++i) n += !IsValid(i);
    return n;
  }

  size_t memory_bytes() const { return words_.capacity() * sizeof(uint64_t); }

 private:
  static constexpr size_t kWordsFor2048 = 2048 / 64;
  std::vector<uint64_t> words_;
};

}  // namespace sluice::vector
