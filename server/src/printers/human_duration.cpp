#include "printers/human_duration.hpp"

#include "herd/events/event.hpp"

namespace herd::server::printers {
namespace {

constexpr int64_t kSecond = 1'000'000'000;
constexpr int64_t kMinute = 60 * kSecond;
constexpr int64_t kHour = 60 * kMinute;

// "<whole><unit>", or "<whole><unit><rest><rest_unit>" when rest is not 0.
std::string two_units(int64_t whole, const char* unit, int64_t rest, const char* rest_unit) {
  std::string text = std::to_string(whole) + unit;
  if (rest != 0) text += std::to_string(rest) + rest_unit;
  return text;
}

}  // namespace

std::string human_duration(int64_t nanoseconds) {
  // Integer division truncates toward zero, as Go's int(d.Seconds()) does:
  // -1.9s is -1 ("0s"), -2s is "<invalid>".
  int64_t seconds = nanoseconds / kSecond;
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 2 * 60) return std::to_string(seconds) + "s";
  int64_t minutes = nanoseconds / kMinute;
  if (minutes < 10) return two_units(minutes, "m", seconds % 60, "s");
  if (minutes < 3 * 60) return std::to_string(minutes) + "m";
  int64_t hours = nanoseconds / kHour;
  if (hours < 8) return two_units(hours, "h", minutes % 60, "m");
  if (hours < 48) return std::to_string(hours) + "h";
  int64_t days = hours / 24;
  if (hours < 24 * 8) return two_units(days, "d", hours % 24, "h");
  if (hours < 24 * 365 * 2) return std::to_string(days) + "d";
  if (hours < 24 * 365 * 8) return two_units(days / 365, "y", days % 365, "d");
  return std::to_string(days / 365) + "y";
}

std::optional<int64_t> parse_model_time(std::string_view rfc3339) {
  if (rfc3339.empty()) return std::nullopt;
  Result<int64_t> parsed = events::parse_time(rfc3339);
  if (!parsed.ok()) return std::nullopt;
  return *parsed;
}

std::string time_since(std::string_view rfc3339, int64_t now_ns) {
  std::optional<int64_t> time = parse_model_time(rfc3339);
  if (!time) return "<unknown>";
  return human_duration(now_ns - *time);
}

}  // namespace herd::server::printers
