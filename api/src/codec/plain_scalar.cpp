// Typing of plain (unquoted) YAML scalars, after YAML 1.2's core schema, plus
// YAML 1.1's leading-zero octal (docs/decisions/0002).

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "herd/api/codec.hpp"

namespace herd::api {
namespace {

bool all_of(std::string_view s, int (*pred)(int)) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!pred(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool is_decimal_int(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  return all_of(s, isdigit);
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool is_float(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  std::size_t int_digits = 0, frac_digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++int_digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    std::size_t exp_digits = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == s.size();
}

Value integer_or_number(const std::string& text, std::string_view digits, int base, bool negative) {
  uint64_t magnitude = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
  if (ec == std::errc() && end == digits.data() + digits.size()) {
    if (!negative && magnitude <= uint64_t(INT64_MAX)) return Value::integer(static_cast<int64_t>(magnitude));
    if (negative && magnitude <= uint64_t(INT64_MAX) + 1) {
      return Value::integer(static_cast<int64_t>(0 - magnitude));
    }
  }
  return Value::number(std::strtod(text.c_str(), nullptr), text);
}

}  // namespace

Value resolve_plain_scalar(const std::string& text) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") return Value::null();
  if (text == "true" || text == "True" || text == "TRUE") return Value::boolean(true);
  if (text == "false" || text == "False" || text == "FALSE") return Value::boolean(false);
  std::string_view s = text;
  // 0644 is octal, as YAML 1.1 (and so Kubernetes) reads it: file modes.
  if (s.size() > 1 && s[0] == '0' && all_of(s.substr(1), isdigit) &&
      s.find_first_of("89") == std::string_view::npos) {
    return integer_or_number(text, s.substr(1), 8, false);
  }
  if (is_decimal_int(s)) {
    bool negative = s[0] == '-';
    if (s[0] == '-' || s[0] == '+') s.remove_prefix(1);
    return integer_or_number(text, s, 10, negative);
  }
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) {
    std::string_view digits = s.substr(2);
    int base = s[1] == 'x' ? 16 : 8;
    if (all_of(digits, base == 16 ? isxdigit : isdigit)) return integer_or_number(text, digits, base, false);
  }
  if (is_float(s)) return Value::number(std::strtod(text.c_str(), nullptr), text);
  if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "+.inf" || s == "+.Inf" || s == "+.INF") {
    return Value::number(HUGE_VAL, text);
  }
  if (s == "-.inf" || s == "-.Inf" || s == "-.INF") return Value::number(-HUGE_VAL, text);
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return Value::number(NAN, text);
  return Value::string(text);
}

}  // namespace herd::api
