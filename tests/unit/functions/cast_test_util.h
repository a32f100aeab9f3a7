// Helpers for the cast tests: vectors built from listed values, a cast run, and the raw
// values read back (expected values are written by hand from Spark's behaviour).
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "functions/cast.h"
#include "types/civil_date.h"
#include "types/decimal.h"
#include "vector/vector.h"

namespace sluice::functions::testing {

using types::LogicalType;
using types::TypeId;
using vector::Vector;

template <typename T>
using Column = std::vector<std::optional<T>>;
using Strings = Column<std::string>;

inline const types::TimeZone& Zone(const std::string& name) {
  static std::vector<std::pair<std::string, types::TimeZone>> zones;
  for (auto& [n, z] : zones) {
    if (n == name) return z;
  }
  zones.emplace_back(name, *types::TimeZone::Load(name));
  return zones.back().second;
}

inline CastOptions Legacy(const std::string& zone = "UTC") {
  return CastOptions{false, false, &Zone(zone)};
}
inline CastOptions Ansi(const std::string& zone = "UTC") {
  return CastOptions{true, false, &Zone(zone)};
}
inline CastOptions Try(const std::string& zone = "UTC") {
  return CastOptions{false, true, &Zone(zone)};
}

// A vector of `type` holding `values` (T is the storage type; std::string for STRING and
// BINARY). Its capacity is the number of rows.
template <typename T>
Vector Make(const LogicalType& type, const Column<T>& values) {
  Vector v = *Vector::Make(type, std::max<size_t>(values.size(), 1));
  for (size_t i = 0; i < values.size(); ++i) {
    if (!values[i]) {
      v.SetNull(i);
    } else if constexpr (std::is_same_v<T, std::string>) {
      v.data<vector::StringRef>()[i] = v.heap().Add(*values[i]);
    } else {
      v.data<T>()[i] = *values[i];
    }
  }
  return v;
}

inline Vector MakeStrings(const Strings& values) {
  return Make<std::string>(TypeId::kString, values);
}

inline Result<Vector> Cast(const Vector& in, size_t rows, const LogicalType& to,
                           const CastOptions& options) {
  SLUICE_ASSIGN_OR_RAISE(Vector out, Vector::Make(to, std::max<size_t>(rows, 1)));
  SLUICE_RETURN_NOT_OK(CastVector(in, rows, out, options));
  return out;
}

template <typename T>
Column<T> Read(const Vector& v, size_t rows) {
  Column<T> out;
  for (size_t i = 0; i < rows; ++i) {
    if (v.IsNull(i)) {
      out.push_back(std::nullopt);
    } else if constexpr (std::is_same_v<T, std::string>) {
      out.push_back(std::string(v.data<vector::StringRef>()[i].view()));
    } else {
      out.push_back(v.data<T>()[i]);
    }
  }
  return out;
}

// DECIMAL values as text, through the types layer's formatter.
inline Strings ReadDecimals(const Vector& v, size_t rows) {
  Strings out;
  for (size_t i = 0; i < rows; ++i) {
    if (v.IsNull(i)) {
      out.push_back(std::nullopt);
      continue;
    }
    const types::Int128 unscaled =
        v.type().precision() <= 18 ? v.data<int64_t>()[i] : v.data<types::Int128>()[i];
    out.push_back(types::FormatDecimal(unscaled, v.type().scale()));
  }
  return out;
}

// Casts `values` (storage type In) of type `from` to `to` and reads the result as Out;
// a failed cast fails the test.
template <typename Out, typename In>
Column<Out> CastValues(const LogicalType& from, const Column<In>& values, const LogicalType& to,
                       const CastOptions& options) {
  auto out = Cast(Make<In>(from, values), values.size(), to, options);
  if (!out.ok()) {
    ADD_FAILURE() << out.status().ToString();
    return {};
  }
  return Read<Out>(*out, values.size());
}

// The error of casting one value (empty when the cast succeeds).
template <typename In>
std::string CastError(const LogicalType& from, const In& value, const LogicalType& to,
                      const CastOptions& options) {
  auto out = Cast(Make<In>(from, Column<In>{value}), 1, to, options);
  return out.ok() ? std::string() : out.status().message();
}

// Micros of a UTC wall-clock reading, by the calendar.
inline int64_t UtcMicros(int64_t y, int m, int d, int hh = 0, int mm = 0, int ss = 0,
                         int micros = 0) {
  return (types::DaysFromCivil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss) *
             types::kMicrosPerSecond +
         micros;
}
inline int32_t Days(int64_t y, int m, int d) {
  return static_cast<int32_t>(types::DaysFromCivil(y, m, d));
}

}  // namespace sluice::functions::testing
