#pragma once

#include <atomic>

#include "herd/base/clock.hpp"

namespace herd::testing {

/// A Clock that moves only when a test calls advance() or set().
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start = TimePoint{}) : now_(start) {}
  TimePoint now() const override { return now_.load(); }
  void set(TimePoint t) { now_.store(t); }
  void advance(std::chrono::nanoseconds d) { now_.store(now_.load() + d); }

 private:
  std::atomic<TimePoint> now_;
};

}  // namespace herd::testing
