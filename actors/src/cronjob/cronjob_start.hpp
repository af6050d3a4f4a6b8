#pragma once

// When a CronJob starts a Job, and which (Kubernetes' syncCronJob and
// mostRecentScheduleTime, pkg/controller/cronjob/utils.go).
//
// From the stored status and `now` alone: the most recent scheduled time t
// with lastScheduleTime (or creation) < t <= now is due, unless
// startingDeadlineSeconds says it is too late (t < now - deadline). Only that
// latest time is started, however many were missed: a control plane that
// was down a weekend starts one hourly Job, not sixty. Then the
// concurrencyPolicy decides (Allow: start; Forbid: not while a Job is
// active, so the time stays due and starts late once it finishes; Replace:
// delete the active Jobs first), and the Job is named by its scheduled time
// so the same time never starts twice.

#include <optional>

#include "herd/api/batch.hpp"
#include "herd/base/clock.hpp"
#include "core/object_store.hpp"
#include "core/plan.hpp"
#include "cronjob/cron_schedule.hpp"
#include "cronjob/cronjob_jobs.hpp"

namespace herd::actors {

/// More missed times than this are reported (TooManyMissedTimes): a sign of
/// clock skew or a long outage. Kubernetes' limit.
inline constexpr int kMaxMissedSchedules = 100;

/// What the schedule says at `now`.
struct DueTime {
  /// The scheduled time to start a Job for now, if one is due.
  std::optional<Clock::TimePoint> due;
  /// How many scheduled times were unmet, counted up to kMaxMissedSchedules + 1.
  int unmet = 0;
  /// The next scheduled time after `now` (for the requeue); nullopt when the
  /// schedule never fires again.
  std::optional<Clock::TimePoint> next;
};

/// The due time of `cronjob` under `schedule` at `now`.
DueTime cronjob_due_time(const api::CronJob& cronjob, const CronSchedule& schedule, Clock::TimePoint now);

/// True when spec.timeZone is unset, empty or UTC: herd has no time zone
/// database, so any other zone would run at the wrong times.
bool cronjob_time_zone_supported(const api::CronJob& cronjob);

/// One scheduling step of `self` (a CronJob that is neither suspended nor
/// being deleted): starts the due Job if the policy allows, sets
/// `status.lastScheduleTime` when it does (or finds the Job already
/// there), drops replaced Jobs from `status.active`, reports problems, and
/// requeues at the next scheduled time.
void schedule_cronjob(const StoredObject& self, api::CronJobStatus& status, const CronJobJobs& jobs,
                      const ObjectStore& store, Clock::TimePoint now, Plan& plan);

}  // namespace herd::actors
