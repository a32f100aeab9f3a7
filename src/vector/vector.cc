#include "vector/vector.h"

namespace sluice::vector {

using types::TypeId;

Result<Vector> Vector::Make(types::LogicalType type, size_t capacity) {
  Vector v(std::move(type));
  for (const types::Field& field : v.type_.children()) {
    SLUICE_ASSIGN_OR_RAISE(Vector child, Make(field.type, capacity));
    v.children_.push_back(std::move(child));
  }
  SLUICE_RETURN_NOT_OK(v.Reserve(capacity));
  return v;
}

Status Vector::Reserve(size_t rows) {
  if (rows <= capacity_) return Status::OK();
  size_t width = type_.IsNested() ? 0 : static_cast<size_t>(type_.FixedWidth());
  if (type_.id() == TypeId::kArray || type_.id() == TypeId::kMap) width = sizeof(ListEntry);
  if (width > 0) SLUICE_RETURN_NOT_OK(buffer_.Reserve(rows * width));
  if (type_.id() == TypeId::kStruct) {
    for (Vector& child : children_) SLUICE_RETURN_NOT_OK(child.Reserve(rows));
  }
  capacity_ = rows;
  return Status::OK();
}

Result<uint32_t> Vector::AppendListEntry(size_t row, uint32_t length) {
  SLUICE_CHECK(type_.id() == TypeId::kArray || type_.id() == TypeId::kMap);
  SLUICE_CHECK(row < capacity_);
  uint32_t offset = static_cast<uint32_t>(child_size_);
  size_t needed = child_size_ + length;
  for (Vector& child : children_) {
    if (needed > child.capacity())
      SLUICE_RETURN_NOT_OK(child.Reserve(std::max(needed, child.capacity() * 2)));
  }
  data<ListEntry>()[row] = ListEntry{offset, length};
  child_size_ = needed;
  return offset;
}

size_t Vector::memory_bytes() const {
  size_t bytes = buffer_.capacity() + validity_.memory_bytes() + heap_->allocated_bytes();
  for (const Vector& child : children_) bytes += child.memory_bytes();
  return bytes;
}

void Vector::Reset() {
  validity_.Reset();
  heap_->Clear();
  child_size_ = 0;
  for (Vector& child : children_) child.Reset();
}

}  // namespace sluice::vector
