#pragma once

// The Jobs of a CronJob: which it controls and in what state, the Job it
// creates for a scheduled time (Kubernetes' getJobFromTemplate2). Pure.

#include <string>
#include <vector>

#include "herd/api/batch.hpp"
#include "herd/base/clock.hpp"
#include "core/object_store.hpp"

namespace herd::actors {

/// The annotation on each Job saying which scheduled time it runs for.
inline constexpr std::string_view kCronJobScheduledTimestamp = "batch.kubernetes.io/cronjob-scheduled-timestamp";

/// A CronJob's Jobs (controller ownerReference to its uid), each list in
/// start order (status.startTime, else creation; then name).
struct CronJobJobs {
  std::vector<ObjectPtr> active;     ///< Neither Complete nor Failed.
  std::vector<ObjectPtr> succeeded;  ///< Complete.
  std::vector<ObjectPtr> failed;     ///< Failed.
};

CronJobJobs classify_cronjob_jobs(const api::CronJob& cronjob, const ObjectStore& store);

/// "<cronjob>-<scheduled time in minutes since the epoch>": the same time
/// always gives the same name, so a repeated step never starts two Jobs
/// (creating an existing name fails).
std::string cronjob_job_name(const api::CronJob& cronjob, Clock::TimePoint scheduled);

/// The Job for `scheduled`: spec.jobTemplate's labels, annotations and spec,
/// the scheduled-timestamp annotation, a controlling ownerReference to the
/// CronJob, named by cronjob_job_name.
api::Job cronjob_job_from_template(const api::CronJob& cronjob, Clock::TimePoint scheduled);

/// A reference to `job` as status.active lists it.
api::ObjectReference cronjob_job_reference(const api::Job& job);

}  // namespace herd::actors
