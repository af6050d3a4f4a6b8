#include "job/job_manage.hpp"

#include <algorithm>

#include "core/controller.hpp"
#include "job/job_backoff.hpp"
#include "job/job_status.hpp"

namespace herd::actors {

int32_t job_wanted_active(const api::Job& job, int32_t active) {
  int32_t parallelism = job_parallelism(job.spec);
  std::optional<int32_t> completions = job_completions(job.spec);
  if (!completions) {
    // A work queue: once one pod succeeded, each pod can tell the work is
    // done, so let the running ones finish and start no more.
    return job.status.succeeded > 0 ? active : parallelism;
  }
  return std::clamp(*completions - job.status.succeeded, 0, std::max(parallelism, 0));
}

int32_t manage_job_pods(const api::Job& job, const JobPods& pods, Clock::TimePoint now, Plan& plan) {
  int32_t active = static_cast<int32_t>(pods.active.size());
  int32_t wanted = job_suspended(job) ? 0 : job_wanted_active(job, active);
  if (active > wanted) {
    int32_t remove = std::min(active - wanted, kMaxPodChangesPerStep);
    delete_job_pods(job_pods_to_delete(pods.active, static_cast<std::size_t>(remove)), plan);
    return active - remove;
  }
  int32_t missing = wanted - active;
  if (job.spec.pod_replacement_policy == "Failed") missing -= pods.terminating;
  if (missing <= 0) return active;
  std::chrono::milliseconds delay = job_pod_creation_delay(pods, now);
  if (delay.count() > 0) {
    plan.requeue(delay);
    return active;
  }
  missing = std::min(missing, kMaxPodChangesPerStep);
  for (int32_t i = 0; i < missing; ++i) {
    plan.commands.push_back(Command::create(job_pod_from_template(job), controller_actor("Job")));
  }
  return active + missing;
}

}  // namespace herd::actors
