// Vector: one column of up to `capacity` rows of one LogicalType: a flat buffer of
// fixed-width values (16-byte StringRefs for strings), a ValidityMask, and for nested
// types child vectors (ARRAY and MAP rows are ListEntry ranges into their children).
// The storage may be shared by several Vectors (Share), copied when one of them writes.
// Every reader sees flat values. Two optional forms ride beside them for the code that
// profits (docs/architecture.md, "Decisions"): constant (every row holds row 0's value, so
// a kernel may read one value) and dictionary (each row's code into a shared dictionary,
// so a hash table may hash each distinct value once). Any write drops both marks.
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

struct DictionaryCodes;

class Vector {
 public:
  // Allocates room for `capacity` rows (children of nested types start with the same).
  // Every value slot starts zeroed, so rows a writer skips (NULL rows, usually) hold zero.
  static Result<Vector> Make(types::LogicalType type, size_t capacity = kVectorSize);
  // As Make, but the value slots of a fixed-width type start undefined: for a writer that
  // writes every row's slot, NULL rows included, before anything reads it (a gather), so
  // that a large buffer is not zeroed only to be overwritten. Nested types start zeroed.
  static Result<Vector> MakeForOverwrite(types::LogicalType type, size_t capacity = kVectorSize);
  Vector(Vector&&) noexcept = default;
  Vector& operator=(Vector&&) noexcept = default;

  // Another Vector over the same values, without copying them: a projection passes a column
  // through this way. Values are copied only when either is written to (copy on write), so
  // neither ever sees the other's writes. The two may live on different threads.
  Vector Share() const;

  const types::LogicalType& type() const { return type_; }
  size_t capacity() const { return storage_->capacity; }

  // Whether every row holds row 0's value (NULL or not).
  bool is_constant() const { return constant_; }
  // Declares the rows filled so far to be all equal to row 0.
  void MarkConstant() { constant_ = true; }
  // The rows' codes into a dictionary, when the values came that way; nullptr otherwise.
  const DictionaryCodes* dictionary() const { return dictionary_.get(); }
  // Declares the flat values to be dictionary values at these codes (set after writing them).
  void SetDictionary(std::shared_ptr<const DictionaryCodes> codes) {
    dictionary_ = std::move(codes);
  }

  // The non-const accessors below are for writing: on a shared Vector they copy first, and
  // they drop the forms (read through a const Vector& to keep them).
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
  const StringHeap& heap() const { return storage_->heap; }

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
  // The storage, made this Vector's own first if it is shared. Callers may write, which
  // voids the forms.
  Storage& Own() {
    if (storage_.use_count() != 1) Unshare();
    constant_ = false;
    dictionary_.reset();
    return *storage_;
  }
  void Unshare();
  Status Grow(size_t rows, memory::TrackedBuffer::NewBytes fill);

  types::LogicalType type_;
  std::shared_ptr<Storage> storage_;
  bool constant_ = false;
  std::shared_ptr<const DictionaryCodes> dictionary_;
};

// Row r of a dictionary-form vector is dictionary[codes[r]] unless the row is NULL (its code
// is then meaningless). The dictionary is shared by every batch of its source (a Parquet
// column chunk) and has no NULLs.
struct DictionaryCodes {
  Vector dictionary;
  std::vector<uint32_t> codes;
};

}  // namespace sluice::vector
