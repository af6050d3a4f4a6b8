#include "job/job_controller.hpp"

#include <algorithm>
#include <optional>

#include "job/batch_time.hpp"
#include "job/job_finish.hpp"
#include "job/job_manage.hpp"
#include "job/job_pods.hpp"
#include "job/job_status.hpp"

namespace herd::actors {
namespace {

int32_t size_of(const std::vector<ObjectPtr>& pods) { return static_cast<int32_t>(pods.size()); }

/// This step's counts. Succeeded and failed never go down: a finished pod
/// somebody deleted stays counted.
void count_pods(api::JobStatus& status, const JobPods& pods) {
  status.succeeded = std::max(status.succeeded, size_of(pods.succeeded));
  status.failed = std::max(status.failed, size_of(pods.failed));
  status.active = size_of(pods.active);
  status.ready = pods.ready;
}

/// activeDeadlineSeconds counts time running without a break: the clock
/// starts on the first step that is not suspended and starts again on
/// resume (Kubernetes resets startTime when a Job is resumed).
void start_clock(api::Job& job, Clock::TimePoint now) {
  if (job_suspended(job)) return;
  if (job.status.start_time.empty() || job_condition_true(job.status, kJobSuspended)) {
    job.status.start_time = batch_time_text(now);
  }
}

void update_suspended_condition(api::Job& job, Clock::TimePoint now) {
  if (job_suspended(job)) {
    (void)ensure_job_condition(job.status.conditions, kJobSuspended, true, "JobSuspended", "Job suspended",
                               batch_time_text(now));
  } else {
    (void)ensure_job_condition(job.status.conditions, kJobSuspended, false, "JobResumed", "Job resumed",
                               batch_time_text(now));
  }
}

class JobController final : public Controller {
 public:
  Plan reconcile(const StoredObject& self, const ObjectStore& store, Clock::TimePoint now) override {
    const api::Job& job = self.as<api::Job>();
    if (job_finished(job)) return Plan{};
    JobPods pods = classify_job_pods(job, store);
    api::Job updated = job;
    count_pods(updated.status, pods);
    start_clock(updated, now);
    if (std::optional<JobFailure> failure = job_failure(updated, pods, now)) {
      return fail_job(self, std::move(updated), pods, *failure, now);
    }
    Plan plan;
    // A Job being deleted (foreground) starts nothing new; its pods go with it.
    if (self.meta().deletion_timestamp.empty()) updated.status.active = manage_job_pods(updated, pods, now, plan);
    if (job_complete(updated)) return complete_job(self, std::move(updated), std::move(plan), now);
    update_suspended_condition(updated, now);
    if (std::optional<std::chrono::milliseconds> left = job_time_to_deadline(updated, now)) plan.requeue(*left);
    if (std::optional<OwnEvent> status = status_change(self.object, updated)) plan.events.push_back(std::move(*status));
    return plan;
  }
};

}  // namespace

std::unique_ptr<Controller> make_job_controller() { return std::make_unique<JobController>(); }

}  // namespace herd::actors
