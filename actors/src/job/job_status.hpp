#pragma once

// What a Job's status says and how the Job controller writes it: its
// conditions (Complete, Failed, Suspended), whether it has finished, and the
// spec values with Kubernetes' defaults for fields left unset (a Job created
// by a CronJob reaches the store without the API server's defaulting).
// The CronJob controller reads the same helpers to tell its Jobs apart.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "herd/api/batch.hpp"

namespace herd::actors {

inline constexpr std::string_view kJobComplete = "Complete";
inline constexpr std::string_view kJobFailed = "Failed";
inline constexpr std::string_view kJobSuspended = "Suspended";

/// The condition of `type`, or nullptr.
const api::Condition* find_job_condition(const api::JobStatus& status, std::string_view type);

/// True when condition `type` is present with status "True".
bool job_condition_true(const api::JobStatus& status, std::string_view type);

/// A Job is finished once Complete or Failed is True; its controller then
/// does nothing more.
bool job_finished(const api::Job& job);

bool job_suspended(const api::Job& job);

/// Kubernetes' ensureJobConditionStatus: sets condition `type` to `value`
/// with `reason` and `message`, moving its transition and probe times to
/// `time` only when the status changes. A condition that is absent is added
/// only when `value` is true (a Job never carries "Suspended: False" unless
/// it was suspended before). Returns whether anything changed.
bool ensure_job_condition(std::vector<api::Condition>& conditions, std::string_view type, bool value,
                          std::string_view reason, std::string_view message, const std::string& time);

/// spec.parallelism, 1 when unset.
int32_t job_parallelism(const api::JobSpec& spec);

/// spec.completions; when unset, 1 unless parallelism is set (then nullopt:
/// a work queue, complete once any pod succeeded and none is running).
std::optional<int32_t> job_completions(const api::JobSpec& spec);

/// spec.backoffLimit, 6 when unset.
int32_t job_backoff_limit(const api::JobSpec& spec);

}  // namespace herd::actors
