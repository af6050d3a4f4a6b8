#include "herd/api/quantity.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <system_error>

// Grammar (Kubernetes' resource.Quantity, see quantity.hpp):
//
//   <quantity> ::= <sign>? <number> <suffix>
//   <number>   ::= <digits> | <digits> "." | "." <digits> | <digits> "." <digits>
//   <suffix>   ::= "" | n u m k M G T P E | Ki Mi Gi Ti Pi Ei | (e|E) <sign>? <digits>
//
// Parsing splits the text the way Kubernetes' parseQuantityString scanner
// does, then turns <digits><fraction> x 10^a x 2^b into an exact count of
// nano-units with unsigned 128-bit integers, rounding any remainder below 1n
// up. Worked example, "0.1Gi": digits "01" -> "1", 10-exponent 9 (nano) - 1
// (fraction digit) = 8, 2-exponent 30, so 1 x 10^8 x 2^30 = 107374182400000000
// nano-units = 107374182.4 units.
//
// Printing follows Kubernetes' CanonicalizeBytes: decimal formats take the
// mantissa with all factors of ten moved to the exponent, then lower the
// exponent to a multiple of three (1500 = 15e2 -> 1500e0 -> "1500"); BinarySI
// divides out factors of 1024 (1610612736 = 1536 x 1024^2 -> "1536Mi").

namespace herd::api {
namespace {

__extension__ typedef unsigned __int128 U128;

constexpr U128 kMax = static_cast<U128>(Quantity::kMaxNanos);
constexpr U128 kNanosPerUnit = 1000000000;
// Kubernetes caps BinarySI at maxAllowed = 2^63 - 1 units while parsing.
constexpr U128 kBinaryCap = static_cast<U128>(INT64_MAX) * kNanosPerUnit;

constexpr std::string_view kErrFormatWrong =
    "quantities must match the regular expression "
    "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
constexpr std::string_view kErrSuffix = "unable to parse quantity's suffix";
constexpr std::string_view kErrTooLarge = "quantity too large";

Status invalid(std::string_view message) { return Status::invalid_argument(std::string(message)); }

// The first position at or after `pos` holding none of `chars` (or the end).
std::size_t skip(std::string_view s, std::size_t pos, std::string_view chars) {
  return std::min(s.find_first_not_of(chars, pos), s.size());
}
constexpr std::string_view kDigits = "0123456789";

// The pieces of a quantity string; views into the caller's text.
struct Scanned {
  bool negative = false;
  std::string_view whole;     // digits before the '.'
  std::string_view fraction;  // digits after the '.'
  std::string_view suffix;
};

// Kubernetes' parseQuantityString: sign, digits, optional '.' and digits,
// then suffix letters, an optional sign and digits, then the end.
bool scan(std::string_view s, Scanned& out) {
  std::size_t pos = 0;
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    out.negative = s[pos] == '-';
    ++pos;
  }
  std::size_t end = skip(s, pos, kDigits);
  out.whole = s.substr(pos, end - pos);
  pos = end;
  if (pos < s.size() && s[pos] == '.') {
    end = skip(s, pos + 1, kDigits);
    out.fraction = s.substr(pos + 1, end - pos - 1);
    pos = end;
  }
  std::size_t suffix_start = pos;
  pos = skip(s, pos, "eEinumkKMGTP");
  bool sign = pos < s.size() && (s[pos] == '+' || s[pos] == '-');
  pos = skip(s, sign ? pos + 1 : pos, kDigits);
  out.suffix = s.substr(suffix_start);
  return pos == s.size();
}

struct Suffix {
  int base;          // 10 or 2
  int64_t exponent;  // of the base
  QuantityFormat format;
};

// Go's strconv.ParseInt restricted, as in current Kubernetes, to exponents
// whose negation still fits an int32: [-2^31 + 1, 2^31 - 1].
bool parse_exponent(std::string_view s, int64_t& out) {
  if (s.size() > 1 && s[0] == '+' && s[1] != '-') {
    s.remove_prefix(1);  // from_chars takes '-' but not '+'
  }
  auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), out);
  return error == std::errc() && end == s.data() + s.size() && out >= -INT32_MAX &&
         out <= INT32_MAX;
}

std::optional<Suffix> interpret_suffix(std::string_view s) {
  using F = QuantityFormat;
  struct Entry {
    std::string_view text;
    Suffix suffix;
  };
  static constexpr std::array<Entry, 16> kTable = {{
      {"", {10, 0, F::kDecimalSI}},   {"n", {10, -9, F::kDecimalSI}},
      {"u", {10, -6, F::kDecimalSI}}, {"m", {10, -3, F::kDecimalSI}},
      {"k", {10, 3, F::kDecimalSI}},  {"M", {10, 6, F::kDecimalSI}},
      {"G", {10, 9, F::kDecimalSI}},  {"T", {10, 12, F::kDecimalSI}},
      {"P", {10, 15, F::kDecimalSI}}, {"E", {10, 18, F::kDecimalSI}},
      {"Ki", {2, 10, F::kBinarySI}},  {"Mi", {2, 20, F::kBinarySI}},
      {"Gi", {2, 30, F::kBinarySI}},  {"Ti", {2, 40, F::kBinarySI}},
      {"Pi", {2, 50, F::kBinarySI}},  {"Ei", {2, 60, F::kBinarySI}},
  }};
  for (const Entry& entry : kTable) {
    if (entry.text == s) {
      return entry.suffix;
    }
  }
  int64_t exponent = 0;
  if (s.size() > 1 && (s[0] == 'e' || s[0] == 'E') && parse_exponent(s.substr(1), exponent)) {
    return Suffix{10, exponent, F::kDecimalExponent};
  }
  return std::nullopt;
}

// v *= m, failing when the product would exceed kMax.
bool mul_checked(U128& v, U128 m) {
  if (v != 0 && m > kMax / v) {
    return false;
  }
  v *= m;
  return true;
}

bool add_checked(U128& v, U128 a) {
  if (a > kMax - v) {
    return false;
  }
  v += a;
  return true;
}

bool accumulate_digits(std::string_view digits, U128& v) {
  for (char c : digits) {
    if (!mul_checked(v, 10) || !add_checked(v, static_cast<U128>(c - '0'))) {
      return false;
    }
  }
  return true;
}

// floor(0.<zeros x '0'><frac> * pow2) into `carry`; `inexact` says whether
// anything was left over. Long multiplication from the last digit; every
// intermediate stays below 10 * 2^60.
void fraction_times(std::string_view frac, uint64_t zeros, U128 pow2, U128& carry,
                    bool& inexact) {
  carry = 0;
  inexact = false;
  for (std::size_t i = frac.size(); i-- > 0;) {
    U128 t = static_cast<U128>(frac[i] - '0') * pow2 + carry;
    inexact = inexact || t % 10 != 0;
    carry = t / 10;
  }
  for (uint64_t i = 0; i < zeros && carry != 0; ++i) {
    inexact = inexact || carry % 10 != 0;
    carry /= 10;
  }
}

// Magnitude of digits x 10^exp10 x 2^exp2, rounded up to an integer.
// `digits` is non-empty with no leading or trailing zero. False on overflow.
bool exact_magnitude(std::string_view digits, int64_t exp10, int exp2, U128& out) {
  const U128 pow2 = static_cast<U128>(1) << exp2;
  U128 v = 0;
  if (exp10 >= 0) {
    // 10^39 > kMax, so more digits than that overflow; checked before looping.
    if (static_cast<int64_t>(digits.size()) + exp10 > 40 || !accumulate_digits(digits, v)) {
      return false;
    }
    for (int64_t i = 0; i < exp10; ++i) {
      if (!mul_checked(v, 10)) {
        return false;
      }
    }
    out = v;
    return mul_checked(out, pow2);
  }
  const uint64_t frac_len = static_cast<uint64_t>(-exp10);
  const std::size_t whole_len = frac_len >= digits.size() ? 0 : digits.size() - frac_len;
  std::string_view frac = digits.substr(whole_len);
  if (!accumulate_digits(digits.substr(0, whole_len), v) || !mul_checked(v, pow2)) {
    return false;
  }
  // The fraction is > 0 (digits end in a non-zero digit). Only a power of two
  // can lift part of it above 1; 2^60 < 10^19, so beyond 19 leading zeros
  // nothing can.
  U128 carry = 0;
  bool inexact = true;
  const uint64_t zeros = frac_len - frac.size();
  if (exp2 > 0 && zeros <= 19) {
    fraction_times(frac, zeros, pow2, carry, inexact);
  }
  out = v;
  return add_checked(out, carry) && (!inexact || add_checked(out, 1));
}

U128 magnitude(QuantityNanos n) {
  return n < 0 ? static_cast<U128>(-n) : static_cast<U128>(n);
}

void append_u128(U128 v, std::string& out) {
  char buf[40];
  std::size_t len = 0;
  do {
    buf[len++] = static_cast<char>('0' + static_cast<int>(v % 10));
    v /= 10;
  } while (v != 0);
  while (len > 0) {
    out += buf[--len];
  }
}

// Kubernetes' AsCanonicalBytes plus the suffix for `format` (decimal ones).
// Exponents without a DecimalSI suffix (above "E") print as "e<exp>".
void append_decimal(U128 mag, QuantityFormat format, std::string& out) {
  static constexpr std::array<std::string_view, 10> kSi = {"n", "u", "m", "",  "k",
                                                           "M", "G", "T", "P", "E"};
  int exp = -9;
  while (mag % 10 == 0) {
    mag /= 10;
    ++exp;
  }
  while (exp % 3 != 0) {  // undoes at most the divisions above: cannot overflow
    mag *= 10;
    --exp;
  }
  append_u128(mag, out);
  if (format == QuantityFormat::kDecimalSI && exp <= 18) {
    out += kSi[static_cast<std::size_t>((exp + 9) / 3)];
  } else if (exp != 0) {
    out += 'e';
    out += std::to_string(exp);
  }
}

// Whole units as <n><Ki..Ei>; false when the value needs a suffix beyond Ei.
bool append_binary(U128 units, std::string& out) {
  static constexpr std::array<std::string_view, 7> kBinary = {"",   "Ki", "Mi", "Gi",
                                                              "Ti", "Pi", "Ei"};
  std::size_t exp = 0;
  while (units % 1024 == 0) {
    units /= 1024;
    ++exp;
  }
  if (exp >= kBinary.size()) {
    return false;
  }
  append_u128(units, out);
  out += kBinary[exp];
  return true;
}

// ceil(|nanos| / divisor) with the sign of nanos, saturated to int64.
int64_t scaled_round_up(QuantityNanos nanos, U128 divisor) {
  U128 mag = magnitude(nanos);
  U128 q = mag / divisor + (mag % divisor != 0 ? 1 : 0);
  if (nanos >= 0) {
    return q > static_cast<U128>(INT64_MAX) ? INT64_MAX : static_cast<int64_t>(q);
  }
  return q > static_cast<U128>(INT64_MAX) ? INT64_MIN : -static_cast<int64_t>(q);
}

}  // namespace

Result<Quantity> Quantity::parse(std::string_view text) {
  Scanned scanned;
  if (!scan(text, scanned)) {
    return invalid(kErrFormatWrong);
  }
  std::optional<Suffix> suffix = interpret_suffix(scanned.suffix);
  if (!suffix) {
    return invalid(kErrSuffix);
  }
  if (scanned.whole.empty() && scanned.fraction.empty()) {
    // Kubernetes' scanner reads ".", "-" or "Ki" as zero; the documented
    // grammar (and common sense) needs a digit, so we reject them.
    return invalid(kErrFormatWrong);
  }
  std::string digits;
  digits.reserve(scanned.whole.size() + scanned.fraction.size());
  digits.append(scanned.whole).append(scanned.fraction);
  int64_t exp10 = 9 - static_cast<int64_t>(scanned.fraction.size());
  exp10 += suffix->base == 10 ? suffix->exponent : 0;
  const int exp2 = suffix->base == 2 ? static_cast<int>(suffix->exponent) : 0;
  std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) {
    return Quantity(0, suffix->format);
  }
  std::size_t last = digits.find_last_not_of('0');
  exp10 += static_cast<int64_t>(digits.size() - 1 - last);
  std::string_view significant = std::string_view(digits).substr(first, last - first + 1);

  QuantityFormat format = suffix->format;
  U128 mag = 0;
  bool fits = exact_magnitude(significant, exp10, exp2, mag);
  if (format == QuantityFormat::kBinarySI) {
    if (!fits || mag > kBinaryCap) {
      mag = kBinaryCap;
      fits = true;
    }
    if (mag < kNanosPerUnit) {
      format = QuantityFormat::kDecimalSI;  // below 1 a binary suffix would round
    }
  }
  if (!fits) {
    return invalid(kErrTooLarge);
  }
  QuantityNanos nanos = static_cast<QuantityNanos>(mag);
  return Quantity(scanned.negative ? -nanos : nanos, format);
}

Quantity Quantity::from_int(int64_t value, QuantityFormat format) {
  return Quantity(static_cast<QuantityNanos>(value) * 1000000000, format);
}

Quantity Quantity::from_milli(int64_t milli, QuantityFormat format) {
  return Quantity(static_cast<QuantityNanos>(milli) * 1000000, format);
}

Quantity Quantity::from_nanos(QuantityNanos nanos, QuantityFormat format) {
  return Quantity(nanos < -kMaxNanos ? -kMaxNanos : nanos, format);
}

std::string Quantity::to_string() const {
  if (nanos_ == 0) {
    return "0";
  }
  const U128 mag = magnitude(nanos_);
  std::string out = nanos_ < 0 ? "-" : "";
  QuantityFormat format = format_;
  if (format == QuantityFormat::kBinarySI) {
    // Kubernetes prints BinarySI in (-1024, 1024), or with a fractional
    // part, as DecimalSI so nothing is rounded.
    if (mag < 1024 * kNanosPerUnit || mag % kNanosPerUnit != 0) {
      format = QuantityFormat::kDecimalSI;
    } else if (append_binary(mag / kNanosPerUnit, out)) {
      return out;
    } else {
      format = QuantityFormat::kDecimalExponent;  // beyond Ei: exact, in exponent form
    }
  }
  append_decimal(mag, format, out);
  return out;
}

int64_t Quantity::value() const { return scaled_round_up(nanos_, kNanosPerUnit); }

int64_t Quantity::milli_value() const { return scaled_round_up(nanos_, 1000000); }

Quantity Quantity::plus(QuantityNanos delta, QuantityFormat other_format,
                        bool& overflow) const {
  // Both operands are within +/-kMaxNanos, so neither bound below overflows.
  overflow = (delta > 0 && nanos_ > kMaxNanos - delta) ||
             (delta < 0 && nanos_ < -kMaxNanos - delta);
  QuantityNanos sum = overflow ? (delta > 0 ? kMaxNanos : -kMaxNanos) : nanos_ + delta;
  return Quantity(sum, is_zero() ? other_format : format_);
}

Quantity Quantity::operator+(const Quantity& other) const {
  bool overflow = false;  // saturating by contract
  return plus(other.nanos_, other.format_, overflow);
}

Quantity Quantity::operator-(const Quantity& other) const {
  bool overflow = false;  // saturating by contract
  return plus(-other.nanos_, other.format_, overflow);
}

Result<Quantity> Quantity::checked_add(const Quantity& other) const {
  bool overflow = false;
  Quantity sum = plus(other.nanos_, other.format_, overflow);
  return overflow ? Result<Quantity>(invalid(kErrTooLarge)) : Result<Quantity>(sum);
}

Result<Quantity> Quantity::checked_sub(const Quantity& other) const {
  bool overflow = false;
  Quantity difference = plus(-other.nanos_, other.format_, overflow);
  return overflow ? Result<Quantity>(invalid(kErrTooLarge)) : Result<Quantity>(difference);
}

std::strong_ordering Quantity::operator<=>(const Quantity& other) const {
  if (nanos_ < other.nanos_) {
    return std::strong_ordering::less;
  }
  if (nanos_ > other.nanos_) {
    return std::strong_ordering::greater;
  }
  return std::strong_ordering::equal;
}

}  // namespace herd::api
