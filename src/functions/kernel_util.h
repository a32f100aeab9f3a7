// Helpers for writing kernels: typed reads and writes of one row of a flat Vector, and
// MapRows, which lifts a function of plain C++ values to columns with Spark's default
// null rule (any NULL argument gives NULL; a function returning nullopt gives NULL).
// Pure templates: thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "common/status.h"
#include "types/decimal.h"
#include "types/interval.h"
#include "vector/string_ref.h"
#include "vector/vector.h"

namespace sluice::functions {

// Reads row `row` of a flat vector as T: bool, int8_t..int64_t (DATE is int32_t, TIMESTAMP
// int64_t), float, double, types::Int128 (a DECIMAL of either width), std::string_view
// (STRING or BINARY), types::Interval.
template <typename T>
T Get(const vector::Vector& v, size_t row) {
  if constexpr (std::is_same_v<T, std::string_view>) {
    return v.data<vector::StringRef>()[row].view();
  } else if constexpr (std::is_same_v<T, types::Int128>) {
    if (v.type().FixedWidth() == 8) return v.data<int64_t>()[row];
    return v.data<types::Int128>()[row];
  } else {
    return v.data<T>()[row];
  }
}

// Reads row `row` of a TINYINT, SMALLINT, INT or BIGINT vector as int64_t.
inline int64_t GetIntegral(const vector::Vector& v, size_t row) {
  switch (v.type().FixedWidth()) {
    case 1:
      return v.data<int8_t>()[row];
    case 2:
      return v.data<int16_t>()[row];
    case 4:
      return v.data<int32_t>()[row];
    default:
      return v.data<int64_t>()[row];
  }
}

// Writes `value` at `row` (valid); strings are copied into the vector's heap.
template <typename T>
void Set(vector::Vector& v, size_t row, const T& value) {
  if constexpr (std::is_same_v<T, std::string_view> || std::is_same_v<T, std::string>) {
    v.data<vector::StringRef>()[row] = v.heap().Add(std::string_view(value));
  } else if constexpr (std::is_same_v<T, types::Int128>) {
    if (v.type().FixedWidth() == 8)
      v.data<int64_t>()[row] = static_cast<int64_t>(value);
    else
      v.data<types::Int128>()[row] = value;
  } else {
    v.data<T>()[row] = value;
  }
  v.validity().SetValid(row);
}

namespace internal {
template <typename T>
struct Unwrap {
  using type = T;
};
template <typename T>
struct Unwrap<std::optional<T>> {
  using type = T;
};
template <typename T>
struct Unwrap<Result<T>> {
  using type = T;
};
template <typename T>
struct Unwrap<Result<std::optional<T>>> {
  using type = T;
};
}  // namespace internal

// out[i] = f(Get<Args>(args[0], i), ...) for every row whose arguments are all non-NULL.
// f returns Out, std::optional<Out> (nullopt: NULL), or Result<...> (an error stops).
template <typename... Args, typename F>
Status MapRows(const std::vector<const vector::Vector*>& args, size_t rows, vector::Vector& out,
               F&& f) {
  static_assert(sizeof...(Args) > 0);
  for (size_t row = 0; row < rows; ++row) {
    bool any_null = false;
    for (const vector::Vector* a : args) any_null |= a->IsNull(row);
    if (any_null) {
      out.SetNull(row);
      continue;
    }
    auto call = [&]<size_t... I>(std::index_sequence<I...>) {
      return f(Get<Args>(*args[I], row)...);
    };
    auto r = call(std::index_sequence_for<Args...>{});
    using R = decltype(r);
    if constexpr (std::is_same_v<R, Status>) {
      SLUICE_RETURN_NOT_OK(r);
    } else if constexpr (requires {
                           r.ok();
                           r.ValueOrDie();
                         }) {  // Result<...>
      if (!r.ok()) return r.status();
      auto value = std::move(r).ValueOrDie();
      if constexpr (requires {
                      value.has_value();
                      *value;
                    }) {
        if (value.has_value())
          Set(out, row, *value);
        else
          out.SetNull(row);
      } else {
        Set(out, row, value);
      }
    } else if constexpr (requires {
                           r.has_value();
                           *r;
                         }) {
      if (r.has_value())
        Set(out, row, *r);
      else
        out.SetNull(row);
    } else {
      Set(out, row, r);
    }
  }
  return Status::OK();
}

}  // namespace sluice::functions
