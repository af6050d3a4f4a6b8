#pragma once

// Kubernetes' resource.Quantity ("500m", "64Mi", "1e3") with exact integer
// arithmetic: no floating point anywhere.

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "herd/base/result.hpp"

namespace herd::api {

/// A signed 128-bit integer: a Quantity's exact value in nano-units (10^-9).
/// `__extension__` keeps -Wpedantic builds quiet; gcc and clang both have it.
__extension__ typedef __int128 QuantityNanos;

/// How a Quantity prints, remembered from the suffix it was parsed with
/// (Kubernetes' resource.Format).
enum class QuantityFormat {
  kBinarySI,         ///< Powers of 1024: "Ki" "Mi" "Gi" "Ti" "Pi" "Ei" (e.g. "12Mi").
  kDecimalSI,        ///< Powers of 1000: "n" "u" "m" "" "k" "M" "G" "T" "P" "E" (e.g. "12M").
  kDecimalExponent,  ///< Powers of ten written out: "12e6", "2e-3".
};

/// A fixed-point resource amount: CPU, memory, storage, extended resources.
///
/// Value type; immutable except through assignment; safe to share between
/// threads for reading. The value is an exact signed count of nano-units, so
/// 1n (10^-9) is the smallest step and anything finer is rounded up, away
/// from zero, as Kubernetes does ("0.1n" is 1n, "-0.1n" is -1n).
///
/// Representable range: magnitude at most kMaxNanos = 2^127 - 1 nano-units,
/// about 1.7 * 10^29 units (so "100000E" = 10^23 fits; "1e30" does not).
/// That is far wider than any real resource amount; Kubernetes' arbitrary-
/// precision fallback also accepts larger decimal values, which parse()
/// rejects here with "quantity too large".
///
/// Equality and ordering are by value only: "1Gi" == "1024Mi" and
/// "1" == "1000m"; the format only affects to_string().
class Quantity {
 public:
  /// Largest magnitude, in nano-units, that a Quantity holds.
  static constexpr QuantityNanos kMaxNanos = ((QuantityNanos{1} << 126) - 1) * 2 + 1;

  /// Zero, formatted as DecimalSI ("0").
  Quantity() = default;

  /// Parses Kubernetes' quantity syntax:
  ///   <quantity> ::= <sign>? <number> <suffix>
  ///   <number>   ::= <digits> | <digits> "." | "." <digits> | <digits> "." <digits>
  ///   <suffix>   ::= "" | n u m k M G T P E | Ki Mi Gi Ti Pi Ei | (e|E) <sign>? <digits>
  /// No whitespace is allowed anywhere (trim JSON/YAML strings before calling).
  /// The format comes from the suffix (a plain number is DecimalSI), except
  /// that a BinarySI value strictly between -1 and 1 becomes DecimalSI. Like
  /// Kubernetes, a BinarySI magnitude above 2^63 - 1 is capped at 2^63 - 1.
  /// Returns kInvalidArgument with Kubernetes' messages:
  ///  - "quantities must match the regular expression
  ///    '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" when the text has
  ///    the wrong shape (empty, whitespace, two dots, a letter outside that
  ///    set) or has no digit at all (".", "-", "Ki": Kubernetes reads those
  ///    as zero, we refuse them);
  ///  - "unable to parse quantity's suffix" when the shape is right but the
  ///    suffix is unknown ("1K", "1ki", "1e") or its exponent leaves int32;
  ///  - "quantity too large" when the magnitude exceeds kMaxNanos.
  static Result<Quantity> parse(std::string_view text);

  /// `value` whole units, e.g. from_int(512, kBinarySI). Never fails.
  static Quantity from_int(int64_t value, QuantityFormat format = QuantityFormat::kDecimalSI);
  /// `milli` thousandths of a unit, e.g. from_milli(250) is "250m". Never fails.
  static Quantity from_milli(int64_t milli, QuantityFormat format = QuantityFormat::kDecimalSI);
  /// Exactly `nanos` nano-units. -2^127 (the one value outside the range) is
  /// clamped to -kMaxNanos.
  static Quantity from_nanos(QuantityNanos nanos, QuantityFormat format);

  /// The canonical form Kubernetes' Quantity.String() prints: no fractional
  /// digits, the largest suffix that loses no precision, sign only when
  /// negative, "0" for zero. Examples: "1.5Gi" -> "1536Mi", "0.5" -> "500m",
  /// "1000" -> "1k", "1e3" -> "1e3", "0.1Gi" -> "107374182400m". BinarySI
  /// values in (-1024, 1024) or with a fractional part print as DecimalSI.
  /// Values no suffix of their format can express (DecimalSI above "E",
  /// BinarySI above "Ei") fall back to exponent notation ("1000E" -> "1e21")
  /// rather than losing magnitude. The result always parses back to an equal
  /// Quantity.
  std::string to_string() const;

  /// The format remembered from parsing or construction.
  QuantityFormat format() const { return format_; }
  /// The exact value in nano-units.
  QuantityNanos nanos() const { return nanos_; }
  bool is_zero() const { return nanos_ == 0; }
  /// -1, 0 or 1.
  int sign() const { return nanos_ < 0 ? -1 : (nanos_ > 0 ? 1 : 0); }

  /// Whole units rounded away from zero (Kubernetes' Value()): "1100m" is 2,
  /// "-1100m" is -2. Saturates at the int64 limits instead of overflowing.
  int64_t value() const;
  /// Thousandths rounded away from zero (Kubernetes' MilliValue()): "1.0001"
  /// is 1001. Saturates at the int64 limits.
  int64_t milli_value() const;

  /// Sum, saturating at +/-kMaxNanos. The result keeps this operand's format,
  /// or takes `other`'s when this one is zero (as Kubernetes' Add does).
  Quantity operator+(const Quantity& other) const;
  /// Difference, saturating at +/-kMaxNanos; format as for operator+.
  Quantity operator-(const Quantity& other) const;
  /// Negation; keeps the format. Never overflows (the range is symmetric).
  Quantity operator-() const { return Quantity(-nanos_, format_); }
  Quantity& operator+=(const Quantity& other) { return *this = *this + other; }
  Quantity& operator-=(const Quantity& other) { return *this = *this - other; }

  /// Like operator+ but returns kInvalidArgument "quantity too large" instead
  /// of saturating; for sums over untrusted input (quota, node capacity).
  Result<Quantity> checked_add(const Quantity& other) const;
  /// Like operator- but returns kInvalidArgument "quantity too large".
  Result<Quantity> checked_sub(const Quantity& other) const;

  /// Semantic equality: 1Gi == 1024Mi regardless of format.
  bool operator==(const Quantity& other) const { return nanos_ == other.nanos_; }
  /// Orders by value.
  std::strong_ordering operator<=>(const Quantity& other) const;

 private:
  Quantity(QuantityNanos nanos, QuantityFormat format) : nanos_(nanos), format_(format) {}
  /// this + delta saturated at +/-kMaxNanos, `overflow` set when it saturated;
  /// the format is `other_format` when this is zero (Kubernetes' Add).
  Quantity plus(QuantityNanos delta, QuantityFormat other_format, bool& overflow) const;

  QuantityNanos nanos_ = 0;
  QuantityFormat format_ = QuantityFormat::kDecimalSI;
};

}  // namespace herd::api
