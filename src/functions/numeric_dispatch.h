// Calls a generic lambda with the C++ type of a numeric or date/time TypeId:
// f.template operator()<int32_t>() for INT and DATE, and so on.
#pragma once

#include <cstdint>

#include "types/decimal.h"
#include "types/logical_type.h"

namespace sluice::functions {

template <typename F>
auto DispatchFixedWidth(types::TypeId id, F&& f) {
  using types::TypeId;
  switch (id) {
    case TypeId::kBoolean:
      return f.template operator()<bool>();
    case TypeId::kTinyInt:
      return f.template operator()<int8_t>();
    case TypeId::kSmallInt:
      return f.template operator()<int16_t>();
    case TypeId::kInt:
    case TypeId::kDate:
    case TypeId::kYearMonthInterval:
      return f.template operator()<int32_t>();
    case TypeId::kFloat:
      return f.template operator()<float>();
    case TypeId::kDouble:
      return f.template operator()<double>();
    case TypeId::kDecimal:
      return f.template operator()<types::Int128>();
    default:
      return f.template operator()<int64_t>();  // BIGINT, TIMESTAMP(_NTZ), DAY-TIME INTERVAL
  }
}

}  // namespace sluice::functions
