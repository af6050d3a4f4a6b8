#include "job/job_finish.hpp"

#include "herd/events/event_types.hpp"
#include "job/batch_time.hpp"
#include "job/job_backoff.hpp"
#include "job/job_status.hpp"

namespace herd::actors {
namespace {

/// The StatusUpdated (when the status changed) and then `event`.
void finish_events(const StoredObject& self, const api::Job& updated, OwnEvent event, Plan& plan) {
  if (std::optional<OwnEvent> status = status_change(self.object, updated)) plan.events.push_back(std::move(*status));
  plan.events.push_back(std::move(event));
}

}  // namespace

std::optional<JobFailure> job_failure(const api::Job& job, const JobPods& pods, Clock::TimePoint now) {
  if (job_backoff_limit_exceeded(job, job.status.failed, pods)) {
    return JobFailure{std::string(kReasonBackoffLimitExceeded), "Job has reached the specified backoff limit"};
  }
  std::optional<std::chrono::milliseconds> left = job_time_to_deadline(job, now);
  if (left && left->count() == 0) {
    return JobFailure{std::string(kReasonDeadlineExceeded), "Job was active longer than specified deadline"};
  }
  return std::nullopt;
}

std::optional<std::chrono::milliseconds> job_time_to_deadline(const api::Job& job, Clock::TimePoint now) {
  if (!job.spec.active_deadline_seconds || job_suspended(job)) return std::nullopt;
  std::optional<Clock::TimePoint> start = batch_time_point(job.status.start_time);
  if (!start) return std::nullopt;
  return batch_delay_until(*start + std::chrono::seconds(*job.spec.active_deadline_seconds), now);
}

bool job_complete(const api::Job& job) {
  if (job.status.active > 0) return false;
  std::optional<int32_t> completions = job_completions(job.spec);
  return completions ? job.status.succeeded >= *completions : job.status.succeeded > 0;
}

Plan fail_job(const StoredObject& self, api::Job updated, const JobPods& pods, const JobFailure& failure,
              Clock::TimePoint now) {
  Plan plan;
  delete_job_pods(pods.active, plan);
  updated.status.failed += static_cast<int32_t>(pods.active.size());
  updated.status.active = 0;
  updated.status.ready = 0;
  api::Value data = api::Value::object();
  data.set("reason", api::Value::string(failure.reason));
  data.set("message", api::Value::string(failure.message));
  data.set("time", api::Value::string(batch_time_text(now)));
  finish_events(self, updated, OwnEvent{std::string(events::types::kJobFailed), std::move(data)}, plan);
  return plan;
}

Plan complete_job(const StoredObject& self, api::Job updated, Plan plan, Clock::TimePoint now) {
  updated.status.active = 0;
  updated.status.ready = 0;
  api::Value data = api::Value::object();
  data.set("completionTime", api::Value::string(batch_time_text(now)));
  data.set("succeeded", api::Value::integer(updated.status.succeeded));
  plan.requeue_after.reset();
  finish_events(self, updated, OwnEvent{std::string(events::types::kJobCompleted), std::move(data)}, plan);
  return plan;
}

}  // namespace herd::actors
