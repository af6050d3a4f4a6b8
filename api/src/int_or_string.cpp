#include "herd/api/int_or_string.hpp"

#include <charconv>

namespace herd::api {

Result<int32_t> IntOrString::scaled_value(int32_t total, bool round_up) const {
  if (!is_string_) return int_;
  if (str_.size() < 2 || str_.back() != '%') {
    return Status::invalid_argument("invalid value \"" + str_ + "\": must be an integer or a percentage");
  }
  int64_t percent = 0;
  auto [end, ec] = std::from_chars(str_.data(), str_.data() + str_.size() - 1, percent);
  if (ec != std::errc() || end != str_.data() + str_.size() - 1 || percent < 0) {
    return Status::invalid_argument("invalid value \"" + str_ + "\": must be an integer or a percentage");
  }
  int64_t scaled = static_cast<int64_t>(total) * percent;
  return static_cast<int32_t>(round_up ? (scaled + 99) / 100 : scaled / 100);
}

}  // namespace herd::api
