#pragma once

// How a Job ends: failing (backoffLimit exhausted, activeDeadlineSeconds
// passed) or completing (enough pods succeeded), and the plan that records
// it. Kubernetes: syncJob's finishedCondition and deleteActivePods.
//
// Both endings are one batch of own events: a StatusUpdated with the final
// counts, then the domain event (JobFailed or JobCompleted) whose apply sets
// the Failed or Complete condition (events/src/object_apply.cpp), plus the
// deletion of the pods still running. Finished pods are kept for their logs.

#include <chrono>
#include <optional>
#include <string>

#include "herd/api/batch.hpp"
#include "herd/base/clock.hpp"
#include "core/object_store.hpp"
#include "core/plan.hpp"
#include "job/job_pods.hpp"

namespace herd::actors {

inline constexpr std::string_view kReasonBackoffLimitExceeded = "BackoffLimitExceeded";
inline constexpr std::string_view kReasonDeadlineExceeded = "DeadlineExceeded";

/// Why a Job fails.
struct JobFailure {
  std::string reason;   ///< kReasonBackoffLimitExceeded or kReasonDeadlineExceeded.
  std::string message;  ///< Kubernetes' wording.
  bool operator==(const JobFailure&) const = default;
};

/// The failure `job` has reached at `now`, if any. `job.status` must hold
/// this step's counts and startTime. Backoff is checked before the deadline,
/// as Kubernetes does; a suspended Job never passes its deadline (its clock
/// restarts on resume).
std::optional<JobFailure> job_failure(const api::Job& job, const JobPods& pods, Clock::TimePoint now);

/// Time left until activeDeadlineSeconds passes, measured from the stored
/// status.startTime (so a fresh controller after a restart agrees); nullopt
/// when the Job has no deadline, no startTime or is suspended.
std::optional<std::chrono::milliseconds> job_time_to_deadline(const api::Job& job, Clock::TimePoint now);

/// Whether `job` (with this step's counts and active) is complete: with
/// completions, once status.succeeded reaches them and no pod is active;
/// as a work queue (no completions), once any pod succeeded and none is active.
bool job_complete(const api::Job& job);

/// Fails `self`: deletes the active pods (counted as failed, as Kubernetes
/// does), writes `updated`'s status (active and ready 0) and records JobFailed.
Plan fail_job(const StoredObject& self, api::Job updated, const JobPods& pods, const JobFailure& failure,
              Clock::TimePoint now);

/// Completes `self`: keeps the commands of `plan` (pods deleted this step),
/// writes `updated`'s status and records JobCompleted.
Plan complete_job(const StoredObject& self, api::Job updated, Plan plan, Clock::TimePoint now);

}  // namespace herd::actors
