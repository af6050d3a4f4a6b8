#pragma once

#include <cstdint>
#include <string>

#include "herd/base/result.hpp"

namespace herd::api {

/// A field that holds either an integer or a string, as Kubernetes'
/// intstr.IntOrString: ports (`8080` or `"http"`) and rollout bounds
/// (`1` or `"25%"`). Encoded as a JSON number or string accordingly.
class IntOrString {
 public:
  IntOrString() = default;
  static IntOrString from_int(int32_t v) { IntOrString x; x.int_ = v; return x; }
  static IntOrString from_string(std::string s) {
    IntOrString x;
    x.is_string_ = true;
    x.str_ = std::move(s);
    return x;
  }

  bool is_string() const { return is_string_; }
  int32_t int_value() const { return int_; }
  const std::string& string_value() const { return str_; }
  /// "8080" or "http".
  std::string to_string() const { return is_string_ ? str_ : std::to_string(int_); }

  /// Resolves an absolute or percentage value against `total`, as Kubernetes'
  /// GetScaledValueFromIntOrPercent: "25%" of 10 is 3 when rounding up, 2 when
  /// down. Returns kInvalidArgument for a string that is not "<int>%".
  Result<int32_t> scaled_value(int32_t total, bool round_up) const;

  bool operator==(const IntOrString&) const = default;

 private:
  bool is_string_ = false;
  int32_t int_ = 0;
  std::string str_;
};

/// Binary data (a Secret's values): raw bytes in memory, base64 in YAML/JSON.
struct Bytes {
  std::string data;
  bool operator==(const Bytes&) const = default;
};

}  // namespace herd::api
