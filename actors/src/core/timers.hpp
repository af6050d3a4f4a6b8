#pragma once

// Timers: callbacks due at a time of the control plane's Clock. Controllers'
// requeue_after, node heartbeats and the simulated runtime's delays all go
// through here, so a test that drives a FakeClock fires them by calling
// fire_due() — nothing in the control plane sleeps on real time.
//
// Thread-safe. Callbacks run on the thread that calls fire_due(), outside
// the lock; they should only send messages.

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>

#include "herd/base/clock.hpp"

namespace herd::actors {

class Timers {
 public:
  explicit Timers(const Clock& clock) : clock_(clock) {}

  /// Runs `fn` once the clock reaches now + `delay`.
  void after(std::chrono::nanoseconds delay, std::function<void()> fn);
  /// Runs every callback whose time has come; returns how many ran.
  std::size_t fire_due();
  /// When the next callback is due; nullopt when none is waiting.
  std::optional<Clock::TimePoint> next_due() const;
  std::size_t pending() const;

  const Clock& clock() const { return clock_; }

 private:
  const Clock& clock_;
  mutable std::mutex mu_;
  std::multimap<Clock::TimePoint, std::function<void()>> due_;
};

}  // namespace herd::actors
