#pragma once

#include <chrono>

namespace herd {

/// The source of wall-clock time for everything that timestamps or schedules.
/// Injected so tests can drive time by hand (see base/testing/fake_clock.hpp).
/// Implementations are thread-safe.
class Clock {
 public:
  using TimePoint = std::chrono::system_clock::time_point;
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

/// The real clock.
class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

}  // namespace herd
