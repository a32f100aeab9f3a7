#include "formats/row_filter.h"

#include "formats/partition_value.h"

namespace sluice::formats {

using types::TypeId;
using Scalar = BoundPredicates::Scalar;

std::optional<Scalar> ScalarOfRow(const vector::Vector& v, size_t row) {
  if (v.IsNull(row)) return std::nullopt;
  const types::LogicalType& type = v.type();
  switch (type.id()) {
    case TypeId::kBoolean:
      return Scalar(types::Int128(v.data<uint8_t>()[row] != 0));
    case TypeId::kTinyInt:
      return Scalar(types::Int128(v.data<int8_t>()[row]));
    case TypeId::kSmallInt:
      return Scalar(types::Int128(v.data<int16_t>()[row]));
    case TypeId::kInt:
    case TypeId::kDate:
      return Scalar(types::Int128(v.data<int32_t>()[row]));
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
      return Scalar(types::Int128(v.data<int64_t>()[row]));
    case TypeId::kDecimal:
      return Scalar(type.precision() > types::LogicalType::kMaxInt64DecimalPrecision
                        ? v.data<types::Int128>()[row]
                        : types::Int128(v.data<int64_t>()[row]));
    case TypeId::kFloat:
      return Scalar(static_cast<double>(v.data<float>()[row]));
    case TypeId::kDouble:
      return Scalar(v.data<double>()[row]);
    case TypeId::kString:
    case TypeId::kBinary:
      return Scalar(std::string(v.data<vector::StringRef>()[row].view()));
    default:
      return Scalar(types::Int128(0));  // nested: only IS [NOT] NULL applies
  }
}

Result<RowFilter> RowFilter::Make(std::vector<ColumnPredicate> predicates,
                                  const types::Schema& schema,
                                  const types::TimeZone& session_time_zone, bool case_sensitive) {
  RowFilter f;
  SLUICE_ASSIGN_OR_RAISE(f.predicates_, BoundPredicates::Make(std::move(predicates), schema,
                                                              session_time_zone, case_sensitive));
  return f;
}

void RowFilter::Apply(vector::Batch* batch) const {
  if (empty()) return;
  auto kept = std::make_unique<vector::SelectionVector>();
  for (size_t i = 0; i < batch->num_selected(); ++i) {
    const size_t row = batch->selected_row(i);
    bool keep = true;
    for (size_t p = 0; keep && p < predicates_.size(); ++p)
      keep = predicates_.Matches(p, ScalarOfRow(batch->column(predicates_.field(p)), row));
    if (keep) kept->Append(static_cast<uint32_t>(row));
  }
  batch->set_selection(std::move(kept));
}

bool PartitionValueMayMatch(const BoundPredicates& predicates, size_t i, const types::Field& field,
                            const std::optional<std::string>& raw,
                            const types::TimeZone& session_time_zone) {
  auto value = vector::Vector::Make(field.type, 1);
  if (!value.ok() || !FillPartitionColumn(field.name, raw, session_time_zone, 1, &*value).ok())
    return true;
  return predicates.Matches(i, ScalarOfRow(*value, 0));
}

}  // namespace sluice::formats
