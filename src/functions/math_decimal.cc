#include "functions/math_decimal.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace sluice::functions {

using types::Int128;

namespace {

using U128 = unsigned __int128;

// An unsigned 512-bit integer: a 38-digit value times 10^76 still fits, so every
// intermediate of a decimal operation is exact.
struct Wide {
  std::array<uint64_t, 8> limb{};  // little-endian

  static Wide Of(U128 v) {
    Wide w;
    w.limb[0] = static_cast<uint64_t>(v);
    w.limb[1] = static_cast<uint64_t>(v >> 64);
    return w;
  }
  bool IsZero() const {
    return std::all_of(limb.begin(), limb.end(), [](uint64_t l) { return l == 0; });
  }
  bool FitsU128() const {
    return std::all_of(limb.begin() + 2, limb.end(), [](uint64_t l) { return l == 0; });
  }
  U128 ToU128() const { return (static_cast<U128>(limb[1]) << 64) | limb[0]; }
  int Bits() const {
    for (int i = 7; i >= 0; --i)
      if (limb[i] != 0) return i * 64 + 64 - __builtin_clzll(limb[i]);
    return 0;
  }
  bool Bit(int i) const { return (limb[i / 64] >> (i % 64)) & 1; }
};

int Compare(const Wide& a, const Wide& b) {
  for (int i = 7; i >= 0; --i)
    if (a.limb[i] != b.limb[i]) return a.limb[i] < b.limb[i] ? -1 : 1;
  return 0;
}

Wide Add(const Wide& a, const Wide& b) {
  Wide r;
  U128 carry = 0;
  for (int i = 0; i < 8; ++i) {
    carry += static_cast<U128>(a.limb[i]) + b.limb[i];
    r.limb[i] = static_cast<uint64_t>(carry);
    carry >>= 64;
  }
  return r;
}

// a - b for a >= b.
Wide Sub(const Wide& a, const Wide& b) {
  Wide r;
  uint64_t borrow = 0;
  for (int i = 0; i < 8; ++i) {
    const uint64_t x = a.limb[i], y = b.limb[i];
    r.limb[i] = x - y - borrow;
    borrow = (x < y || (x == y && borrow)) ? 1 : 0;
  }
  return r;
}

// a * m; false on overflow past 512 bits.
bool MulSmall(Wide& a, uint64_t m) {
  U128 carry = 0;
  for (int i = 0; i < 8; ++i) {
    carry += static_cast<U128>(a.limb[i]) * m;
    a.limb[i] = static_cast<uint64_t>(carry);
    carry >>= 64;
  }
  return carry == 0;
}

Wide Mul(U128 a, U128 b) {
  const uint64_t x[2] = {static_cast<uint64_t>(a), static_cast<uint64_t>(a >> 64)};
  const uint64_t y[2] = {static_cast<uint64_t>(b), static_cast<uint64_t>(b >> 64)};
  Wide r;
  for (int i = 0; i < 2; ++i) {
    U128 carry = 0;
    for (int j = 0; j < 2; ++j) {
      carry += static_cast<U128>(x[i]) * y[j] + r.limb[i + j];
      r.limb[i + j] = static_cast<uint64_t>(carry);
      carry >>= 64;
    }
    r.limb[i + 2] = static_cast<uint64_t>(carry);
  }
  return r;
}

// a /= d; returns the remainder.
uint64_t DivSmall(Wide& a, uint64_t d) {
  U128 rem = 0;
  for (int i = 7; i >= 0; --i) {
    const U128 cur = (rem << 64) | a.limb[i];
    a.limb[i] = static_cast<uint64_t>(cur / d);
    rem = cur % d;
  }
  return static_cast<uint64_t>(rem);
}

// a / b and a % b (b != 0): shift-and-subtract, or by limbs when b fits 64 bits.
void DivMod(const Wide& a, const Wide& b, Wide* q, Wide* r) {
  if (b.Bits() <= 64) {
    *q = a;
    *r = Wide::Of(DivSmall(*q, b.limb[0]));
    return;
  }
  *q = Wide();
  *r = Wide();
  for (int i = a.Bits() - 1; i >= 0; --i) {
    // r = r * 2 + bit i of a (r < b < 2^511, so no bit is lost).
    for (int j = 7; j > 0; --j) r->limb[j] = (r->limb[j] << 1) | (r->limb[j - 1] >> 63);
    r->limb[0] = (r->limb[0] << 1) | (a.Bit(i) ? 1 : 0);
    if (Compare(*r, b) >= 0) {
      *r = Sub(*r, b);
      q->limb[i / 64] |= uint64_t{1} << (i % 64);
    }
  }
}

constexpr uint64_t kTen19 = 10000000000000000000ull;

bool MulPow10(Wide& a, int n) {
  for (; n >= 19; n -= 19)
    if (!MulSmall(a, kTen19)) return false;
  uint64_t f = 1;
  for (int i = 0; i < n; ++i) f *= 10;
  return MulSmall(a, f);
}

// Decimal digits of a (0 has 1).
int Digits(const Wide& a) {
  if (a.FitsU128()) {
    U128 v = a.ToU128();
    int n = 1;
    while (v >= 10) {
      v /= 10;
      ++n;
    }
    return n;
  }
  Wide v = a;
  int n = 0;
  while (!v.FitsU128()) {
    DivSmall(v, kTen19);
    n += 19;
  }
  return n + Digits(v);
}

// |a| / 10^n rounded with `mode` (the value's sign is `negative`).
Wide DivPow10(const Wide& a, int n, Rounding mode, bool negative) {
  if (n <= 0) return a;
  Wide q = a;
  bool sticky = false;  // a digit below the first dropped one is not zero
  int rest = n - 1;
  for (; rest >= 19; rest -= 19) sticky |= DivSmall(q, kTen19) != 0;
  if (rest > 0) {
    uint64_t f = 1;
    for (int i = 0; i < rest; ++i) f *= 10;
    sticky |= DivSmall(q, f) != 0;
  }
  const uint64_t first = DivSmall(q, 10);
  bool up = false;
  switch (mode) {
    case Rounding::kHalfUp:
      up = first >= 5;
      break;
    case Rounding::kHalfEven:
      up = first > 5 || (first == 5 && (sticky || (q.limb[0] & 1)));
      break;
    case Rounding::kFloor:
      up = negative && (first != 0 || sticky);
      break;
    case Rounding::kCeiling:
      up = !negative && (first != 0 || sticky);
      break;
  }
  if (up) q = Add(q, Wide::Of(1));
  return q;
}

// |v| at scale `from` to scale `to` (>= 0) with `mode`; false on 512-bit overflow.
bool Rescale(const Wide& v, int from, int to, Rounding mode, bool negative, Wide* out) {
  *out = v;
  if (to >= from) return MulPow10(*out, to - from);
  *out = DivPow10(v, from - to, mode, negative);
  return true;
}

U128 Magnitude(Int128 v) { return v < 0 ? -static_cast<U128>(v) : static_cast<U128>(v); }

bool Finish(const Wide& magnitude, bool negative, int precision, Int128* out) {
  if (!magnitude.FitsU128() || Digits(magnitude) > precision) return false;
  const Int128 v = static_cast<Int128>(magnitude.ToU128());
  *out = negative ? -v : v;
  return true;
}

// 10^n as U128 for n in 0..38.
U128 Pow10(int n) { return static_cast<U128>(types::PowerOfTen(n)); }

// The common cases in 128 bits: + - * of values whose exact result has at most 38 digits
// (so MathContext(38) changes nothing), and / when one rounding gives what Spark's two do.
// False when the wide path must decide.
bool FastArithmetic(char op, Int128 a, int sa, Int128 b, int sb, int precision, int scale,
                    Int128* out) {
  const U128 ma = Magnitude(a), mb = Magnitude(b);
  const U128 limit = Pow10(38);
  U128 r;
  bool negative;
  int r_scale;
  if (op == '*') {
    if ((ma >> 64) != 0 || (mb >> 64) != 0) return false;
    r = ma * mb;
    negative = (a < 0) != (b < 0);
    r_scale = sa + sb;
  } else if (op == '+' || op == '-') {
    r_scale = std::max(sa, sb);
    const U128 fa = Pow10(r_scale - sa), fb = Pow10(r_scale - sb);
    if (ma >= limit / fa || mb >= limit / fb) return false;
    const U128 x = ma * fa, y = mb * fb;  // each < 10^38: their sum fits
    const bool y_negative = op == '+' ? b < 0 : !(b < 0);
    if ((a < 0) == y_negative) {
      r = x + y;
      negative = a < 0;
    } else {
      r = x >= y ? x - y : y - x;
      negative = x >= y ? a < 0 : y_negative;
    }
  } else if (op == '/') {
    // Spark rounds the quotient to scale 38, then to `scale`. With m = 38 - scale, the two
    // HALF_UP roundings equal one of a / b at `scale` when b < 10^m (or m = 0): the second
    // rounding is floor((a/b + 1/2 + 10^m/2) / 10^m), and b / 10^m < 1 cannot carry past
    // an integer the numerator 2a·10^j + b, over 2b, did not reach already.
    const int j = scale + sb - sa;
    if (mb == 0 || j < 0 || j > 38 || (scale < 38 && mb >= Pow10(38 - scale))) return false;
    const U128 f = Pow10(j);
    if (ma > (~U128{0} - mb) / 2 / f) return false;
    r = (2 * ma * f + mb) / (2 * mb);
    if (r >= Pow10(precision)) return false;
    *out = (a < 0) != (b < 0) ? -static_cast<Int128>(r) : static_cast<Int128>(r);
    return true;
  } else {
    return false;
  }
  if (r >= limit || r_scale > 38) return false;
  if (scale < r_scale) {
    const U128 d = Pow10(r_scale - scale), rem = r % d;
    r = r / d + (rem >= d - rem ? 1 : 0);  // HALF_UP
  } else if (scale > r_scale) {
    if (r >= limit / Pow10(scale - r_scale)) return false;
    r *= Pow10(scale - r_scale);
  }
  if (r >= Pow10(precision)) return false;
  *out = negative ? -static_cast<Int128>(r) : static_cast<Int128>(r);
  return true;
}

}  // namespace

bool RescaleDecimal(Int128 v, int from, int to, int precision, Rounding mode, Int128* out) {
  const bool negative = v < 0;
  Wide r;
  if (to >= 0) {
    if (!Rescale(Wide::Of(Magnitude(v)), from, to, mode, negative, &r)) return false;
  } else {
    r = DivPow10(Wide::Of(Magnitude(v)), from - to, mode, negative);
    if (!MulPow10(r, -to)) return false;
  }
  return Finish(r, negative, precision, out);
}

bool DecimalArithmetic(char op, Int128 a, int sa, Int128 b, int sb, int precision, int scale,
                       Int128* out) {
  if (FastArithmetic(op, a, sa, b, sb, precision, scale, out)) return true;
  const bool na = a < 0, nb = b < 0;
  Wide x = Wide::Of(Magnitude(a)), y = Wide::Of(Magnitude(b));
  Wide r;
  bool negative = false;
  int r_scale = 0;
  switch (op) {
    case '+':
    case '-': {
      r_scale = std::max(sa, sb);
      MulPow10(x, r_scale - sa);
      MulPow10(y, r_scale - sb);
      const bool y_negative = op == '+' ? nb : !nb;
      if (na == y_negative) {
        r = Add(x, y);
        negative = na;
      } else if (Compare(x, y) >= 0) {
        r = Sub(x, y);
        negative = na;
      } else {
        r = Sub(y, x);
        negative = y_negative;
      }
      break;
    }
    case '*': {
      r = Mul(Magnitude(a), Magnitude(b));
      negative = na != nb;
      r_scale = sa + sb;
      // MathContext(38, HALF_UP): the exact product to 38 significant digits.
      const int extra = Digits(r) - 38;
      if (extra > 0) {
        r = DivPow10(r, extra, Rounding::kHalfUp, negative);
        r_scale -= extra;
      }
      break;
    }
    case '/': {
      if (b == 0) return false;
      negative = na != nb;
      // The quotient at scale 38 (HALF_UP), as BigDecimal.divide(b, 38, HALF_UP).
      r_scale = 38;
      MulPow10(x, 38 + sb - sa);
      Wide rem;
      DivMod(x, y, &r, &rem);
      if (Compare(Sub(y, rem), rem) <= 0) r = Add(r, Wide::Of(1));
      break;
    }
    case '%':
    case 'q': {
      if (b == 0) return false;
      negative = op == '%' ? na : na != nb;
      const int common = std::max(sa, sb);
      MulPow10(x, common - sa);
      MulPow10(y, common - sb);
      Wide q, rem;
      DivMod(x, y, &q, &rem);
      r = op == '%' ? rem : q;
      r_scale = op == '%' ? common : 0;
      break;
    }
    default:
      return false;
  }
  Wide result;
  if (!Rescale(r, r_scale, scale, Rounding::kHalfUp, negative, &result)) return false;
  return Finish(result, negative && !result.IsZero(), precision, out);
}

}  // namespace sluice::functions
