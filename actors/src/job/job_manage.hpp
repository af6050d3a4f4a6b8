#pragma once

// Keeping the right number of a Job's pods running (Kubernetes' manageJob):
// min(parallelism, remaining completions) active pods, fewer when the Job
// is suspended (none) or a work queue that has seen a success (no new ones).
// Replacements for failed pods wait out the failure back-off.

#include <cstdint>

#include "herd/api/batch.hpp"
#include "herd/base/clock.hpp"
#include "core/plan.hpp"
#include "job/job_pods.hpp"

namespace herd::actors {

/// At most this many pods are created or deleted in one step (Kubernetes'
/// MaxPodCreateDeletePerSync), so a step stays bounded.
inline constexpr int32_t kMaxPodChangesPerStep = 500;

/// How many active pods `job` wants, given `active` now and its
/// status.succeeded. Worked example: completions 5, parallelism 2,
/// succeeded 4 -> min(5 - 4, 2) = 1.
int32_t job_wanted_active(const api::Job& job, int32_t active);

/// Adds to `plan` the pod creations and deletions of one step toward
/// job_wanted_active, or a requeue when new pods must wait for the back-off.
/// `job.status` holds this step's counts. Returns the number of active pods
/// once the plan is carried out (deleted ones gone, created ones counted).
/// With podReplacementPolicy "Failed", pods still terminating hold their
/// place until they are gone.
int32_t manage_job_pods(const api::Job& job, const JobPods& pods, Clock::TimePoint now, Plan& plan);

}  // namespace herd::actors
