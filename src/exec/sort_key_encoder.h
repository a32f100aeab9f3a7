// Normalized sort keys: each row's sort keys encoded into one fixed-width entry of bytes
// that compares with memcmp in the keys' order, so a sort compares bytes instead of
// switching on types per comparison. Per key: a NULL byte (NULLs first or last), then the
// value big-endian with the sign flipped (floats: every bit flipped when negative, -0.0 as
// 0.0, every NaN as one value above +inf), inverted when descending. A string keeps its
// first kStringPrefix bytes zero-padded and its length (saturated), so only two longer
// strings sharing those bytes need their full strings compared. Nested types, and keys past
// the entry's budget, are compared with vector::CompareValues. An entry ends with the row's
// reference big-endian, so equal keys keep input order even under an unstable sort.
// Read-only once made: threads may encode, sort and compare disjoint entries at once.
#pragma once

#include <cstdint>
#include <vector>

#include "vector/vector.h"

namespace sluice::exec {

struct SortOrder {
  bool descending = false;
  bool nulls_first = true;
};

class SortKeyEncoder {
 public:
  static constexpr size_t kStringPrefix = 12;

  // keys[k][b]: key k's values for batch b (the vectors must outlive the encoder). A row's
  // reference is (b << 32) | row.
  SortKeyEncoder(std::vector<SortOrder> orders,
                 std::vector<std::vector<const vector::Vector*>> keys);

  // Bytes per entry (a multiple of 8).
  size_t width() const { return width_; }
  // Writes the entries of rows [0, rows) of batch `batch` to out, width() bytes apart; with
  // `row_ids`, entry i is of row row_ids[i] instead.
  void Encode(uint32_t batch, size_t rows, uint8_t* out, const uint32_t* row_ids = nullptr) const;
  uint64_t Ref(const uint8_t* entry) const;

  // <0, 0, >0 on keys [from, to) of two entries.
  int CompareKeys(const uint8_t* a, const uint8_t* b, size_t from, size_t to) const;
  // Keys, then references.
  bool Less(const uint8_t* a, const uint8_t* b) const;

  // Sorts entries [first, last) of `data` (by Less); only the first `keep` must be in place.
  void Sort(uint8_t* data, size_t first, size_t last, size_t keep) const;
  // Merges the sorted entries [first, middle) and [middle, last) of `data`.
  void Merge(uint8_t* data, size_t first, size_t middle, size_t last) const;

 private:
  struct Key {
    SortOrder order;
    size_t offset = 0, width = 0;  // its NULL byte and value bytes; width 0: not encoded
    bool is_string = false;
  };
  // Entries compare by memcmp over [begin, end), then (tie_key >= 0) a tie-break on that key.
  struct Segment {
    size_t begin, end;
    int tie_key;
  };

  // Full comparison of key k's values (the tie-break of a string prefix, or an unencoded key).
  int CompareValues(size_t k, const uint8_t* a, const uint8_t* b) const;
  // Whether key k's encoded bytes, equal in a and b, leave the values undecided.
  bool MayTie(size_t k, const uint8_t* a) const;

  std::vector<Key> keys_;
  std::vector<std::vector<const vector::Vector*>> values_;
  std::vector<Segment> segments_;
  size_t key_bytes_ = 0, width_ = 0;
  bool exact_ = true;  // no tie-breaks: memcmp over the whole entry decides
};

}  // namespace sluice::exec
