// Values an aggregate state keeps: HeldValue (one value, replaced as better ones arrive:
// min/max, first/last, min_by) and ValueList (every value seen: collect_list, mode,
// percentiles). Both own their bytes (strings and nested values are copied in).
// Not thread-safe; each belongs to one state.
#pragma once

#include <cstdint>
#include <vector>

#include "common/check.h"
#include "types/logical_type.h"
#include "vector/vector.h"
#include "vector/vector_ops.h"

namespace sluice::functions {

class HeldValue {
 public:
  explicit HeldValue(const types::LogicalType& type)
      : value_(std::move(vector::Vector::Make(type, 1)).ValueOrDie()) {}
  bool has_value() const { return has_value_; }
  const vector::Vector& value() const { return value_; }
  // Keeps src[row] (NULL included).
  void Set(const vector::Vector& src, size_t row) {
    value_.Reset();
    SLUICE_CHECK(vector::CopyRow(src, row, value_, 0).ok());
    has_value_ = true;
  }
  // Writes the value at out[row], NULL when nothing was kept.
  Status Write(vector::Vector& out, size_t row) const {
    if (!has_value_) {
      out.SetNull(row);
      return Status::OK();
    }
    return vector::CopyRow(value_, 0, out, row);
  }

 private:
  vector::Vector value_;
  bool has_value_ = false;
};

class ValueList {
 public:
  explicit ValueList(const types::LogicalType& type)
      : values_(std::move(vector::Vector::Make(type, 8)).ValueOrDie()) {}
  size_t size() const { return size_; }
  const vector::Vector& values() const { return values_; }
  void Append(const vector::Vector& src, size_t row) {
    if (size_ == values_.capacity()) SLUICE_CHECK(values_.Reserve(2 * size_).ok());
    SLUICE_CHECK(vector::CopyRow(src, row, values_, size_).ok());
    ++size_;
  }
  void AppendAll(const ValueList& other) {
    for (size_t i = 0; i < other.size_; ++i) Append(other.values_, i);
  }
  // Writes values[rows[0]], values[rows[1]], ... as the array at out[row].
  Status WriteArray(const std::vector<uint32_t>& rows, vector::Vector& out, size_t row) const {
    SLUICE_ASSIGN_OR_RAISE(uint32_t at,
                           out.AppendListEntry(row, static_cast<uint32_t>(rows.size())));
    out.validity().SetValid(row);
    for (size_t i = 0; i < rows.size(); ++i)
      SLUICE_RETURN_NOT_OK(vector::CopyRow(values_, rows[i], out.children()[0], at + i));
    return Status::OK();
  }

 private:
  vector::Vector values_;
  size_t size_ = 0;
};

}  // namespace sluice::functions
