#include "core/timers.hpp"

#include <vector>

namespace herd::actors {

void Timers::after(std::chrono::nanoseconds delay, std::function<void()> fn) {
  Clock::TimePoint at = clock_.now() + std::chrono::duration_cast<Clock::TimePoint::duration>(delay);
  std::lock_guard lock(mu_);
  due_.emplace(at, std::move(fn));
}

std::size_t Timers::fire_due() {
  std::vector<std::function<void()>> ready;
  {
    std::lock_guard lock(mu_);
    Clock::TimePoint now = clock_.now();
    auto end = due_.upper_bound(now);
    for (auto it = due_.begin(); it != end; ++it) ready.push_back(std::move(it->second));
    due_.erase(due_.begin(), end);
  }
  for (auto& fn : ready) fn();
  return ready.size();
}

std::optional<Clock::TimePoint> Timers::next_due() const {
  std::lock_guard lock(mu_);
  if (due_.empty()) return std::nullopt;
  return due_.begin()->first;
}

std::size_t Timers::pending() const {
  std::lock_guard lock(mu_);
  return due_.size();
}

}  // namespace herd::actors
