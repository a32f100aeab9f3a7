// Vector: one column of up to `capacity` rows of one LogicalType: a flat buffer of
// fixed-width values (16-byte StringRefs for strings), a ValidityMask, and for nested
// types child vectors (ARRAY and MAP rows are ListEntry ranges into their children).
// Not thread-safe; a Vector belongs to one thread at a time.
#pragma once

#include <memory>
#include <vector>

#include "common/status.h"
#include "memory/tracked_buffer.h"
#include "types/logical_type.h"
#include "vector/string_heap.h"
#include "vector/validity_mask.h"

namespace sluice::vector {

constexpr size_t kVectorSize = 2048;

struct ListEntry {
  uint32_t offset;
  uint32_t length;
};

class Vector {
 public:
  // Allocates room for `capacity` rows (children of nested types start with the same).
  static Result<Vector> Make(types::LogicalType type, size_t capacity = kVectorSize);
  Vector(Vector&&) noexcept = default;
  Vector& operator=(Vector&&) noexcept = default;

  const types::LogicalType& type() const { return type_; }
  size_t capacity() const { return capacity_; }

  template <typename T>
  T* data() {
    return reinterpret_cast<T*>(buffer_.data());
  }
  template <typename T>
  const T* data() const {
    return reinterpret_cast<const T*>(buffer_.data());
  }
  ValidityMask& validity() { return validity_; }
  const ValidityMask& validity() const { return validity_; }
  bool IsNull(size_t row) const { return !validity_.IsValid(row); }
  void SetNull(size_t row) { validity_.SetInvalid(row); }

  StringHeap& heap() { return *heap_; }

  // STRUCT: one child per field; ARRAY: {elements}; MAP: {keys, values}.
  std::vector<Vector>& children() { return children_; }
  const std::vector<Vector>& children() const { return children_; }
  // Rows used in the children of an ARRAY or MAP vector.
  size_t child_size() const { return child_size_; }
  // Appends an empty range for `row` and returns the first child index to fill,
  // growing the children to hold `length` more elements.
  Result<uint32_t> AppendListEntry(size_t row, uint32_t length);

  // Grows to hold at least `rows` rows, keeping contents.
  Status Reserve(size_t rows);
  // The bytes it holds: buffers, NULL flags, strings, children.
  size_t memory_bytes() const;
  // Forgets contents (nulls, strings, child rows); capacity stays.
  void Reset();

 private:
  explicit Vector(types::LogicalType type) : type_(std::move(type)) {}

  types::LogicalType type_;
  size_t capacity_ = 0;
  memory::TrackedBuffer buffer_;
  ValidityMask validity_;
  std::unique_ptr<StringHeap> heap_ = std::make_unique<StringHeap>();
  std::vector<Vector> children_;
  size_t child_size_ = 0;
};

}  // namespace sluice::vector
