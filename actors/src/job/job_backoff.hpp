#pragma once

// Failures of a Job's pods: when they exhaust spec.backoffLimit, and how
// long to wait before replacing a failed pod (Kubernetes'
// pkg/controller/job/backoff_utils.go, computed from the stored pods at
// every step instead of an in-memory record, so a restarted control plane
// waits exactly as long).

#include <chrono>
#include <cstdint>

#include "herd/api/batch.hpp"
#include "herd/base/clock.hpp"
#include "job/job_pods.hpp"

namespace herd::actors {

/// The delay before the first replacement; it doubles with each further
/// failure in a row, up to kMaxPodFailureBackoff.
inline constexpr std::chrono::seconds kPodFailureBackoff{10};
inline constexpr std::chrono::seconds kMaxPodFailureBackoff{6 * 60};

/// How long a new pod must still wait because of earlier failures: zero
/// when the latest finished pod succeeded or no pod failed. `n` failures in
/// a row since the last success wait 10s * 2^(n-1), capped at 6 minutes,
/// from the last failure's finish time.
std::chrono::milliseconds job_pod_creation_delay(const JobPods& pods, Clock::TimePoint now);

/// True when the Job has failed more often than spec.backoffLimit allows:
/// `failed` (the Job's count of failed pods) exceeds the limit, or, with
/// restartPolicy OnFailure, the container restarts of its unfinished pods
/// reach it (any restart at all when the limit is 0), as Kubernetes'
/// pastBackoffLimitOnFailure.
bool job_backoff_limit_exceeded(const api::Job& job, int32_t failed, const JobPods& pods);

}  // namespace herd::actors
