// Casts to DATE, TIMESTAMP, TIMESTAMP_NTZ and BINARY. A TIMESTAMP is an instant: it meets
// DATE and TIMESTAMP_NTZ through the session time zone; numbers are seconds since the
// epoch (BOOLEAN alone counts microseconds, as Spark's castToTimestamp does).
#include <cmath>
#include <cstring>
#include <limits>

#include "functions/cast_kernel.h"
#include "types/civil_date.h"

namespace sluice::functions::internal {
namespace {

using types::Int128;
using types::kMicrosPerDay;
using types::kMicrosPerSecond;
using types::TypeId;
using vector::StringRef;
using vector::Vector;

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
constexpr int64_t kInt64Min = std::numeric_limits<int64_t>::min();

// Wall-clock micros of an instant in `zone`, wider than int64 near the range's ends.
Int128 WallClock(const types::TimeZone& zone, int64_t utc) {
  return Int128{utc} + Int128{zone.OffsetSecondsAt(utc)} * kMicrosPerSecond;
}

// WallClock as a TIMESTAMP_NTZ; kFail past its range (Spark's convertTz throws an
// ArithmeticException there).
Outcome UtcToLocal(const types::TimeZone& zone, int64_t utc, int64_t* local) {
  const Int128 v = WallClock(zone, utc);
  if (v > kInt64Max || v < kInt64Min) return Outcome::kFail;
  *local = static_cast<int64_t>(v);
  return kValue;
}

// The instant of a wall-clock reading in `zone`; readings within a day of the range's ends
// would overflow in the zone's arithmetic and fail as Spark's do.
Outcome LocalToUtc(const types::TimeZone& zone, int64_t local, int64_t* utc) {
  if (local > kInt64Max - kMicrosPerDay || local < kInt64Min + kMicrosPerDay) {
    return Outcome::kFail;
  }
  *utc = zone.LocalToUtc(local);
  return kValue;
}

// DateTimeUtils.daysToMicros: the start of the day (the first instant of it when midnight
// falls in a DST gap); kFail past the range of a TIMESTAMP.
Outcome DaysToMicros(int32_t days, const types::TimeZone* zone, int64_t* out) {
  int64_t local;
  if (__builtin_mul_overflow(int64_t{days}, kMicrosPerDay, &local)) return Outcome::kFail;
  if (zone == nullptr) {
    *out = local;
    return kValue;
  }
  return LocalToUtc(*zone, local, out);
}

// Double seconds to micros: Java's saturating (long) without ANSI; with it, NaN and the
// infinities are malformed and values past the range overflow.
Outcome SecondsToMicros(double seconds, bool ansi, int64_t* out) {
  if (!std::isfinite(seconds)) return Outcome::kInvalid;
  const double micros = seconds * kMicrosPerSecond;
  constexpr double kLimit = 9223372036854775808.0;  // 2^63
  if (ansi && (std::floor(micros) > kLimit || std::ceil(micros) < -kLimit)) {
    return Outcome::kOverflow;
  }
  if (micros >= kLimit) {
    *out = kInt64Max;
  } else if (micros <= -kLimit) {
    *out = kInt64Min;
  } else {
    *out = static_cast<int64_t>(micros);
  }
  return kValue;
}

Status ToTimestamp(const Vector& in, Vector& out, const RowRange& r, const CastState& st) {
  const types::TimeZone& zone = *st.zone;
  // TimeUnit.SECONDS.toMicros saturates.
  auto from_seconds = [](auto v, int64_t* o) {
    const int64_t seconds = v;
    if (__builtin_mul_overflow(seconds, kMicrosPerSecond, o)) {
      *o = seconds < 0 ? kInt64Min : kInt64Max;
    }
    return kValue;
  };
  const bool ansi = st.ansi;
  auto from_floating = [ansi](double seconds, int64_t* o) {
    return SecondsToMicros(seconds, ansi, o);
  };
  switch (in.type().id()) {
    case TypeId::kString:
      return MapRows<StringRef, int64_t>(in, out, r, st, [&](StringRef s, int64_t* o) {
        return StringToTimestamp(s.view(), &zone, o);
      });
    case TypeId::kBoolean:
      return MapRows<uint8_t, int64_t>(in, out, r, st, [](uint8_t b, int64_t* o) {
        *o = b ? 1 : 0;
        return kValue;
      });
    case TypeId::kTinyInt:
      return MapRows<int8_t, int64_t>(in, out, r, st, from_seconds);
    case TypeId::kSmallInt:
      return MapRows<int16_t, int64_t>(in, out, r, st, from_seconds);
    case TypeId::kInt:
      return MapRows<int32_t, int64_t>(in, out, r, st, from_seconds);
    case TypeId::kBigInt:
      return MapRows<int64_t, int64_t>(in, out, r, st, from_seconds);
    case TypeId::kFloat:
      return MapRows<float, int64_t>(in, out, r, st, from_floating);
    case TypeId::kDouble:
      return MapRows<double, int64_t>(in, out, r, st, from_floating);
    case TypeId::kDecimal: {
      // (d * 1000000).longValue: truncated, then the low 64 bits (unsigned arithmetic keeps
      // them right even when the product passes 128 bits).
      const int scale = in.type().scale();
      return MapDecimal<int64_t>(in, out, r, st, [scale](Int128 v, int64_t* o) {
        using U128 = unsigned __int128;
        const Int128 micros =
            scale >= 6 ? v / types::PowerOfTen(scale - 6)
                       : static_cast<Int128>(static_cast<U128>(v) *
                                             static_cast<U128>(types::PowerOfTen(6 - scale)));
        *o = static_cast<int64_t>(micros);
        return kValue;
      });
    }
    case TypeId::kDate:
      return MapRows<int32_t, int64_t>(
          in, out, r, st, [&](int32_t days, int64_t* o) { return DaysToMicros(days, &zone, o); });
    case TypeId::kTimestampNtz:
      return MapRows<int64_t, int64_t>(
          in, out, r, st, [&](int64_t local, int64_t* o) { return LocalToUtc(zone, local, o); });
    default:
      return Status::NotImplemented("cast from " + in.type().ToString() + " to TIMESTAMP");
  }
}

Status ToTimestampNtz(const Vector& in, Vector& out, const RowRange& r, const CastState& st) {
  const types::TimeZone& zone = *st.zone;
  switch (in.type().id()) {
    case TypeId::kString:
      return MapRows<StringRef, int64_t>(in, out, r, st, [](StringRef s, int64_t* o) {
        return StringToTimestamp(s.view(), nullptr, o);
      });
    case TypeId::kDate:
      return MapRows<int32_t, int64_t>(
          in, out, r, st, [](int32_t days, int64_t* o) { return DaysToMicros(days, nullptr, o); });
    case TypeId::kTimestamp:
      return MapRows<int64_t, int64_t>(
          in, out, r, st, [&](int64_t utc, int64_t* o) { return UtcToLocal(zone, utc, o); });
    default:
      return Status::NotImplemented("cast from " + in.type().ToString() + " to TIMESTAMP_NTZ");
  }
}

}  // namespace

Status CastToDate(const Vector& in, Vector& out, const RowRange& r, const CastState& st) {
  const types::TimeZone& zone = *st.zone;
  switch (in.type().id()) {
    case TypeId::kString:
      return MapRows<StringRef, int32_t>(
          in, out, r, st, [](StringRef s, int32_t* o) { return StringToDate(s.view(), o); });
    case TypeId::kTimestamp:
      return MapRows<int64_t, int32_t>(in, out, r, st, [&](int64_t utc, int32_t* o) {
        const Int128 local = WallClock(zone, utc);
        Int128 days = local / kMicrosPerDay;
        if (local % kMicrosPerDay < 0) --days;
        *o = static_cast<int32_t>(days);
        return kValue;
      });
    case TypeId::kTimestampNtz:
      return MapRows<int64_t, int32_t>(in, out, r, st, [](int64_t local, int32_t* o) {
        *o = static_cast<int32_t>(types::FloorDiv(local, kMicrosPerDay));
        return kValue;
      });
    default:
      return Status::NotImplemented("cast from " + in.type().ToString() + " to DATE");
  }
}

Status CastToTimestamp(const Vector& in, Vector& out, const RowRange& r, const CastState& st) {
  if (out.type().id() == TypeId::kTimestampNtz) return ToTimestampNtz(in, out, r, st);
  return ToTimestamp(in, out, r, st);
}

Status CastToBinary(const Vector& in, Vector& out, const RowRange& r, const CastState& st) {
  // NumberConverter.toBinary: the value's bytes at its width, big-endian.
  auto big_endian = [&out](auto v, StringRef* o) {
    char bytes[sizeof(v)];
    for (size_t i = 0; i < sizeof(v); ++i) {
      bytes[i] = static_cast<char>(static_cast<uint64_t>(v) >> (8 * (sizeof(v) - 1 - i)));
    }
    *o = out.heap().Add(std::string_view(bytes, sizeof(v)));
    return kValue;
  };
  switch (in.type().id()) {
    case TypeId::kString:
      return MapRows<StringRef, StringRef>(in, out, r, st, [&out](StringRef s, StringRef* o) {
        *o = out.heap().Add(s.view());
        return kValue;
      });
    case TypeId::kTinyInt:
      return MapRows<int8_t, StringRef>(in, out, r, st, big_endian);
    case TypeId::kSmallInt:
      return MapRows<int16_t, StringRef>(in, out, r, st, big_endian);
    case TypeId::kInt:
      return MapRows<int32_t, StringRef>(in, out, r, st, big_endian);
    case TypeId::kBigInt:
      return MapRows<int64_t, StringRef>(in, out, r, st, big_endian);
    default:
      return Status::NotImplemented("cast from " + in.type().ToString() + " to BINARY");
  }
}

}  // namespace sluice::functions::internal
