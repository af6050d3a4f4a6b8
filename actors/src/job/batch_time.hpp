#pragma once

// Times as the batch controllers (Job, CronJob) read and write them: API
// times are RFC 3339 strings in whole seconds ("2026-11-27T09:03:05Z", as
// Kubernetes' metav1.Time), the control plane's clock is a TimePoint.
// Everything a controller decides comes from these stored strings and the
// `now` it is given, so a restarted control plane decides the same.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "herd/base/clock.hpp"

namespace herd::actors {

/// `t` as RFC 3339 in whole seconds (the fraction is dropped, not rounded).
std::string batch_time_text(Clock::TimePoint t);

/// The time an API time string names, or nullopt when it is empty or not
/// RFC 3339.
std::optional<Clock::TimePoint> batch_time_point(std::string_view text);

/// `later - now` rounded up to whole milliseconds, so that a requeue never
/// fires before `later`; zero when `later` has passed.
std::chrono::milliseconds batch_delay_until(Clock::TimePoint later, Clock::TimePoint now);

}  // namespace herd::actors
