#include "types/decimal.h"

#include <cctype>

namespace sluice::types {

Int128 PowerOfTen(int n) {
  Int128 v = 1;
  for (int i = 0; i < n; ++i) v *= 10;
  return v;
}

int DecimalDigits(Int128 v) {
  if (v < 0) v = -v;
  int n = 1;
  while (v >= 10) {
    v /= 10;
    ++n;
  }
  return n;
}

bool ParseDecimal(std::string_view s, int precision, int scale, Int128* out) {
  size_t pos = 0;
  bool negative = false;
  if (pos < s.size() && (s[pos] == '-' || s[pos] == '+')) negative = s[pos++] == '-';
  // Collect significant digits and the position of the decimal point.
  Int128 digits = 0;
  int ndigits = 0;   // significant digits kept in `digits`
  int exponent = 0;  // value = digits * 10^exponent
  bool any = false, dot = false;
  int dropped_first = -1;  // first digit that did not fit, for rounding
  for (; pos < s.size(); ++pos) {
    char c = s[pos];
    if (c == '.') {
      if (dot) return false;
      dot = true;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(c))) break;
    any = true;
    int d = c - '0';
    if (ndigits == 0 && d == 0) {
      if (dot) --exponent;
      continue;
    }
    if (ndigits < 38) {
      digits = digits * 10 + d;
      ++ndigits;
      if (dot) --exponent;
    } else {
      if (dropped_first < 0) dropped_first = d;
      if (!dot) ++exponent;
    }
  }
  if (!any) return false;
  if (pos < s.size() && (s[pos] == 'e' || s[pos] == 'E')) {
    ++pos;
    bool eneg = false;
    if (pos < s.size() && (s[pos] == '-' || s[pos] == '+')) eneg = s[pos++] == '-';
    int e = 0;
    size_t start = pos;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos])) && e < 100000) {
      e = e * 10 + (s[pos++] - '0');
    }
    if (pos == start) return false;
    exponent += eneg ? -e : e;
  }
  if (pos != s.size()) return false;
  // Rescale to `scale` fractional digits.
  int shift = exponent + scale;
  if (shift >= 0) {
    if (digits != 0 && ndigits + shift > precision) return false;
    if (digits != 0) digits *= PowerOfTen(shift);  // 0e100 would overflow 10^shift
  } else {
    int drop = -shift;
    if (drop > 38) {
      digits = 0;
    } else {
      Int128 divisor = PowerOfTen(drop);
      Int128 remainder = digits % divisor;
      digits /= divisor;
      if (remainder >= divisor - remainder) ++digits;  // HALF_UP; 2 * remainder may overflow
    }
    dropped_first = -1;
  }
  if (dropped_first >= 5) ++digits;
  if (DecimalDigits(digits) > precision) return false;
  *out = negative ? -digits : digits;
  return true;
}

std::string FormatDecimal(Int128 unscaled, int scale) {
  bool negative = unscaled < 0;
  if (negative) unscaled = -unscaled;
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(unscaled % 10)));
    unscaled /= 10;
  } while (unscaled != 0);
  if (scale > 0) {
    if (static_cast<int>(digits.size()) <= scale) digits.insert(0, scale - digits.size() + 1, '0');
    digits.insert(digits.size() - scale, ".");
  }
  return negative ? "-" + digits : digits;
}

Int128 DivideHalfUp(Int128 a, Int128 b) {
  Int128 q = a / b, r = a % b;
  if (r < 0) r = -r;
  const Int128 abs_b = b < 0 ? -b : b;
  if (2 * r >= abs_b) q += ((a < 0) != (b < 0)) ? -1 : 1;
  return q;
}

}  // namespace sluice::types
