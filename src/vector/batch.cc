#include "vector/batch.h"

namespace sluice::vector {

Result<Batch> Batch::Make(std::shared_ptr<const types::Schema> schema, size_t capacity) {
  return MakeWith(&Vector::Make, std::move(schema), capacity);
}

Result<Batch> Batch::MakeForOverwrite(std::shared_ptr<const types::Schema> schema,
                                      size_t capacity) {
  return MakeWith(&Vector::MakeForOverwrite, std::move(schema), capacity);
}

Result<Batch> Batch::MakeWith(Result<Vector> (*make_column)(types::LogicalType, size_t),
                              std::shared_ptr<const types::Schema> schema, size_t capacity) {
  Batch batch;
  batch.capacity_ = capacity;
  for (const types::Field& field : schema->fields()) {
    SLUICE_ASSIGN_OR_RAISE(Vector v, make_column(field.type, capacity));
    batch.columns_.push_back(std::move(v));
  }
  batch.schema_ = std::move(schema);
  return batch;
}

Batch Batch::FromColumns(std::shared_ptr<const types::Schema> schema, std::vector<Vector> columns,
                         size_t rows) {
  Batch batch;
  batch.schema_ = std::move(schema);
  batch.columns_ = std::move(columns);
  batch.num_rows_ = rows;
  batch.capacity_ = rows;
  for (const Vector& v : batch.columns_) batch.capacity_ = std::min(batch.capacity_, v.capacity());
  return batch;
}

void Batch::Reset() {
  for (Vector& v : columns_) v.Reset();
  num_rows_ = 0;
  selection_.reset();
}

}  // namespace sluice::vector
