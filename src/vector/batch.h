// Batch: up to kVectorSize rows as one Vector per column of a Schema, plus an optional
// SelectionVector naming the rows still alive after a filter (no copies).
// Not thread-safe; a Batch belongs to one thread at a time.
#pragma once

#include <memory>
#include <vector>

#include "types/schema.h"
#include "vector/selection_vector.h"
#include "vector/vector.h"

namespace sluice::vector {

class Batch {
 public:
  static Result<Batch> Make(std::shared_ptr<const types::Schema> schema,
                            size_t capacity = kVectorSize);
  // Columns made with Vector::MakeForOverwrite: for a writer that fills every slot.
  static Result<Batch> MakeForOverwrite(std::shared_ptr<const types::Schema> schema,
                                        size_t capacity);
  // A batch of `rows` rows made of these columns (one per field of `schema`).
  static Batch FromColumns(std::shared_ptr<const types::Schema> schema, std::vector<Vector> columns,
                           size_t rows);

  const types::Schema& schema() const { return *schema_; }
  const std::shared_ptr<const types::Schema>& schema_ptr() const { return schema_; }
  size_t num_columns() const { return columns_.size(); }
  Vector& column(size_t i) { return columns_[i]; }
  const Vector& column(size_t i) const { return columns_[i]; }

  size_t num_rows() const { return num_rows_; }
  void set_num_rows(size_t n) { num_rows_ = n; }
  size_t capacity() const { return capacity_; }

  // The live rows: all of them when there is no selection.
  const SelectionVector* selection() const { return selection_.get(); }
  void set_selection(std::unique_ptr<SelectionVector> selection) {
    selection_ = std::move(selection);
  }
  size_t num_selected() const { return selection_ ? selection_->size() : num_rows_; }
  // The row index of the i-th live row.
  size_t selected_row(size_t i) const { return selection_ ? (*selection_)[i] : i; }

  void Reset();

 private:
  static Result<Batch> MakeWith(Result<Vector> (*make_column)(types::LogicalType, size_t),
                                std::shared_ptr<const types::Schema> schema, size_t capacity);
  std::shared_ptr<const types::Schema> schema_;
  std::vector<Vector> columns_;
  size_t num_rows_ = 0;
  size_t capacity_ = 0;
  std::unique_ptr<SelectionVector> selection_;
};

}  // namespace sluice::vector
