// Vector: one column of up to `capacity` rows of one LogicalType: a flat buffer of
// fixed-width values (16-byte StringRefs for strings), a ValidityMask, and for nested
// types child vectors (ARRAY and MAP rows are ListEntry ranges into their children).
// The storage may be shared by several Vectors (Share), copied when one of them writes.
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

  // Another Vector over the same values, without copying them: a projection passes a column
  // through this way. Values are copied only when either is written to (copy on write), so
  // neither ever sees the other's writes. The two may live on different threads.
  Vector Share() const;

  const types::LogicalType& type() const { return type_; }
  size_t capacity() const { return storage_->capacity; }

  // The non-const accessors below are for writing: on a shared Vector they copy first.
  template <typename T>
  T* data() {
    return reinterpret_cast<T*>(Own().buffer.data());
  }
  template <typename T>
  const T* data() const {
    return reinterpret_cast<const T*>(storage_->buffer.data());
  }
  ValidityMask& validity() { return Own().validity; }
  const ValidityMask& validity() const { return storage_->validity; }
  bool IsNull(size_t row) const { return !storage_->validity.IsValid(row); }
  void SetNull(size_t row) { Own().validity.SetInvalid(row); }

  StringHeap& heap() { return Own().heap; }

  // STRUCT: one child per field; ARRAY: {elements}; MAP: {keys, values}.
  std::vector<Vector>& children() { return Own().children; }
  const std::vector<Vector>& children() const { return storage_->children; }
  // Rows used in the children of an ARRAY or MAP vector.
  size_t child_size() const { return storage_->child_size; }
  // Appends an empty range for `row` and returns the first child index to fill,
  // growing the children to hold `length` more elements.
  Result<uint32_t> AppendListEntry(size_t row, uint32_t length);

  // Grows to hold at least `rows` rows, keeping contents.
  Status Reserve(size_t rows);
  // The bytes it holds: buffers, NULL flags, strings, children (shared bytes count in
  // every Vector sharing them).
  size_t memory_bytes() const;
  // Forgets contents (nulls, strings, child rows); capacity stays.
  void Reset();

 private:
  struct Storage {
    size_t capacity = 0;
    memory::TrackedBuffer buffer;
    ValidityMask validity;
    StringHeap heap;
    std::vector<Vector> children;
    size_t child_size = 0;
  };

  explicit Vector(types::LogicalType type)
      : type_(std::move(type)), storage_(std::make_shared<Storage>()) {}
  // The storage, made this Vector's own first if it is shared.
  Storage& Own() {
    if (storage_.use_count() != 1) Unshare();
    return *storage_;
  }
  void Unshare();

  types::LogicalType type_;
  std::shared_ptr<Storage> storage_;
};

}  // namespace sluice::vector
