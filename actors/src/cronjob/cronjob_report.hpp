#pragma once

// Warnings the CronJob controller reports, as Kubernetes' event recorder
// does: a core/v1 Event about the CronJob (reason UnknownTimeZone,
// UnparseableSchedule, InvalidSchedule, TooManyMissedTimes). CronJobStatus
// has no conditions, so an Event is where `kubectl describe cronjob` shows
// such a problem.
//
// Level-based like everything else: the Event's name is derived from the
// CronJob, the reason and the occasion (the spec's generation, or the
// scheduled time), and it is created only when the store does not hold it
// yet, so the same state reports once and a repeated step reports nothing.

#include <string>
#include <string_view>

#include "herd/base/clock.hpp"
#include "core/object_store.hpp"
#include "core/plan.hpp"

namespace herd::actors {

/// Adds to `plan` the creation of a Warning Event "<cronjob>.<reason in
/// lower case>.<occasion>" about `self` (a CronJob), unless it exists.
/// The Event is owned by the CronJob (not as its controller), so it goes
/// with it.
void report_cronjob_warning(const StoredObject& self, const ObjectStore& store, std::string_view reason,
                            std::string message, std::string_view occasion, Clock::TimePoint now, Plan& plan);

}  // namespace herd::actors
