#pragma once

// What a CronJob's status says about its Jobs, and how many finished Jobs
// it keeps (Kubernetes' syncCronJob status bookkeeping and
// cleanupFinishedJobs). Pure.

#include "herd/api/batch.hpp"
#include "core/plan.hpp"
#include "cronjob/cronjob_jobs.hpp"

namespace herd::actors {

/// Writes status.active (references to the active Jobs, in start order) and
/// moves status.lastSuccessfulTime to the latest completionTime of a
/// Complete Job, never back: Jobs removed by the history limits keep their mark.
void update_cronjob_status(api::CronJobStatus& status, const CronJobJobs& jobs);

/// Adds to `plan` the deletion (Background, so their pods go too) of the
/// oldest finished Jobs beyond spec.successfulJobsHistoryLimit (default 3)
/// and spec.failedJobsHistoryLimit (default 1). Jobs already being deleted
/// neither count nor are deleted again.
void clean_up_finished_jobs(const api::CronJob& cronjob, const CronJobJobs& jobs, Plan& plan);

}  // namespace herd::actors
