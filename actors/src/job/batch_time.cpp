#include "job/batch_time.hpp"

#include "herd/events/event.hpp"

namespace herd::actors {

std::string batch_time_text(Clock::TimePoint t) {
  auto ns = std::chrono::floor<std::chrono::seconds>(t).time_since_epoch();
  std::string full = events::format_time(std::chrono::duration_cast<std::chrono::nanoseconds>(ns).count());
  return full.substr(0, full.find('.')) + "Z";  // "...T09:03:05.000000000Z" -> "...T09:03:05Z"
}

std::optional<Clock::TimePoint> batch_time_point(std::string_view text) {
  if (text.empty()) return std::nullopt;
  Result<int64_t> ns = events::parse_time(text);
  if (!ns.ok()) return std::nullopt;
  return Clock::TimePoint(std::chrono::duration_cast<Clock::TimePoint::duration>(std::chrono::nanoseconds(*ns)));
}

std::chrono::milliseconds batch_delay_until(Clock::TimePoint later, Clock::TimePoint now) {
  if (later <= now) return std::chrono::milliseconds(0);
  return std::chrono::ceil<std::chrono::milliseconds>(later - now);
}

}  // namespace herd::actors
