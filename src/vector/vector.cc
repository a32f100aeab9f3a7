#include "vector/vector.h"

namespace sluice::vector {

using types::TypeId;

Result<Vector> Vector::Make(types::LogicalType type, size_t capacity) {
  Vector v(std::move(type));
  for (const types::Field& field : v.type_.children()) {
    SLUICE_ASSIGN_OR_RAISE(Vector child, Make(field.type, capacity));
    v.storage_->children.push_back(std::move(child));
  }
  SLUICE_RETURN_NOT_OK(v.Reserve(capacity));
  return v;
}

Result<Vector> Vector::MakeForOverwrite(types::LogicalType type, size_t capacity) {
  if (type.IsNested()) return Make(std::move(type), capacity);
  Vector v(std::move(type));
  SLUICE_RETURN_NOT_OK(v.Grow(capacity, memory::TrackedBuffer::NewBytes::kUndefined));
  return v;
}

Vector Vector::Share() const {
  Vector v(type_);
  v.storage_ = storage_;
  v.constant_ = constant_;
  v.dictionary_ = dictionary_;
  return v;
}

void Vector::Unshare() {
  const std::shared_ptr<Storage> old = storage_;
  auto own = std::make_shared<Storage>();
  own->capacity = old->capacity;
  own->buffer.CopyFrom(old->buffer);
  own->validity = old->validity;
  // Strings stay where they are: the old storage is kept alive for them.
  own->heap.Pin(old);
  for (const Vector& child : old->children) own->children.push_back(child.Share());
  own->child_size = old->child_size;
  storage_ = std::move(own);
}

Status Vector::Reserve(size_t rows) { return Grow(rows, memory::TrackedBuffer::NewBytes::kZeroed); }

Status Vector::Grow(size_t rows, memory::TrackedBuffer::NewBytes fill) {
  if (rows <= capacity()) return Status::OK();
  Storage& s = Own();
  size_t width = type_.IsNested() ? 0 : static_cast<size_t>(type_.FixedWidth());
  if (type_.id() == TypeId::kArray || type_.id() == TypeId::kMap) width = sizeof(ListEntry);
  if (width > 0) SLUICE_RETURN_NOT_OK(s.buffer.Reserve(rows * width, fill));
  if (type_.id() == TypeId::kStruct) {
    for (Vector& child : s.children) SLUICE_RETURN_NOT_OK(child.Reserve(rows));
  }
  s.capacity = rows;
  return Status::OK();
}

Result<uint32_t> Vector::AppendListEntry(size_t row, uint32_t length) {
  SLUICE_CHECK(type_.id() == TypeId::kArray || type_.id() == TypeId::kMap);
  SLUICE_CHECK(row < capacity());
  Storage& s = Own();
  uint32_t offset = static_cast<uint32_t>(s.child_size);
  size_t needed = s.child_size + length;
  for (Vector& child : s.children) {
    if (needed > child.capacity())
      SLUICE_RETURN_NOT_OK(child.Reserve(std::max(needed, child.capacity() * 2)));
  }
  data<ListEntry>()[row] = ListEntry{offset, length};
  s.child_size = needed;
  return offset;
}

size_t Vector::memory_bytes() const {
  const Storage& s = *storage_;
  size_t bytes = s.buffer.capacity() + s.validity.memory_bytes() + s.heap.allocated_bytes();
  for (const Vector& child : s.children) bytes += child.memory_bytes();
  return bytes;
}

void Vector::Reset() {
  if (storage_.use_count() != 1) {
    // Shared (a scan passed these values on): new storage, rather than a copy of values
    // about to be forgotten.
    Result<Vector> fresh = Make(type_, capacity());
    if (fresh.ok()) {
      *this = std::move(*fresh);
      return;
    }
  }
  Storage& s = Own();
  s.validity.Reset();
  s.heap.Clear();
  s.child_size = 0;
  for (Vector& child : s.children) child.Reset();
}

}  // namespace sluice::vector
