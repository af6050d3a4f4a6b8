#pragma once

// The CronJob controller, as Kubernetes' pkg/controller/cronjob
// (ControllerV2): creates Jobs on a cron schedule. This file only
// dispatches; each concern has its own file:
//
//   cron_schedule    the schedule's grammar and the times it names
//   cronjob_jobs     which Jobs the CronJob controls; the Job for a time
//   cronjob_history  status.active, lastSuccessfulTime, history limits
//   cronjob_start    the due time, concurrencyPolicy, starting the Job
//   cronjob_report   Warning Events (bad time zone or schedule, missed times)
//
// One step, level-based (the stored CronJob, its Jobs, `now`):
//
//   status from the Jobs (active, lastSuccessfulTime)
//   delete finished Jobs beyond the history limits
//   unless suspended or being deleted: start the due Job, requeue at the next time
//   write the status when it changed

#include <memory>

#include "core/controller.hpp"

namespace herd::actors {

/// A new CronJob controller. Stateless: any instance gives the same plans.
std::unique_ptr<Controller> make_cronjob_controller();

}  // namespace herd::actors
