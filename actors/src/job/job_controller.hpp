#pragma once

// The Job controller, as Kubernetes' pkg/controller/job: runs a Job's pods
// until enough of them succeed, or the Job fails. This file only
// dispatches; each concern has its own file:
//
//   job_pods      which pods the Job owns and their states; the pod template
//   job_backoff   backoffLimit and the back-off before replacing a failed pod
//   job_manage    creating and deleting pods toward the wanted number
//   job_finish    failing (BackoffLimitExceeded, DeadlineExceeded), completing
//   job_status    conditions and the spec's defaults
//
// One step, level-based (the stored Job, its pods, `now`; nothing kept in
// memory, so a restarted control plane carries on exactly):
//
//   finished (Complete/Failed True) -> nothing
//   count pods; startTime on the first running step and on resume
//   backoffLimit exceeded or deadline passed -> fail
//   manage pods (not while the Job is being deleted)
//   enough succeeded -> complete
//   else Suspended condition, status, requeue at the deadline or back-off

#include <memory>

#include "core/controller.hpp"

namespace herd::actors {

/// A new Job controller. Stateless: any instance gives the same plans.
std::unique_ptr<Controller> make_job_controller();

}  // namespace herd::actors
