#include "cronjob/cronjob_jobs.hpp"

#include <algorithm>

#include "job/batch_time.hpp"
#include "job/job_pods.hpp"
#include "job/job_status.hpp"

namespace herd::actors {
namespace {

/// Kubernetes' byJobStartTime: started ones by startTime, then the rest; ties by name.
void sort_by_start(std::vector<ObjectPtr>& jobs) {
  auto start = [](const ObjectPtr& o) {
    const api::Job& j = o->as<api::Job>();
    return batch_time_point(j.status.start_time.empty() ? j.metadata.creation_timestamp : j.status.start_time)
        .value_or(Clock::TimePoint::max());
  };
  std::stable_sort(jobs.begin(), jobs.end(), [&](const ObjectPtr& a, const ObjectPtr& b) {
    if (start(a) != start(b)) return start(a) < start(b);
    return a->meta().name < b->meta().name;
  });
}

}  // namespace

CronJobJobs classify_cronjob_jobs(const api::CronJob& cronjob, const ObjectStore& store) {
  CronJobJobs jobs;
  for (const ObjectPtr& o : store.owned_by(cronjob.metadata.uid)) {
    if (!o->is<api::Job>() || !controlled_by_uid(o->meta(), cronjob.metadata.uid)) continue;
    const api::JobStatus& status = o->as<api::Job>().status;
    if (job_condition_true(status, kJobComplete)) {
      jobs.succeeded.push_back(o);
    } else if (job_condition_true(status, kJobFailed)) {
      jobs.failed.push_back(o);
    } else {
      jobs.active.push_back(o);
    }
  }
  for (auto* list : {&jobs.active, &jobs.succeeded, &jobs.failed}) sort_by_start(*list);
  return jobs;
}

std::string cronjob_job_name(const api::CronJob& cronjob, Clock::TimePoint scheduled) {
  auto minutes = std::chrono::floor<std::chrono::minutes>(scheduled.time_since_epoch()).count();
  return cronjob.metadata.name + "-" + std::to_string(minutes);
}

api::Job cronjob_job_from_template(const api::CronJob& cronjob, Clock::TimePoint scheduled) {
  const api::JobTemplateSpec& tmpl = cronjob.spec.job_template;
  api::Job job;
  job.api_version = "batch/v1";
  job.kind = "Job";
  job.metadata.name = cronjob_job_name(cronjob, scheduled);
  job.metadata.namespace_ = cronjob.metadata.namespace_;
  job.metadata.labels = tmpl.metadata.labels;
  job.metadata.annotations = tmpl.metadata.annotations;
  job.metadata.annotations[std::string(kCronJobScheduledTimestamp)] = batch_time_text(scheduled);
  job.metadata.owner_references.push_back(
      api::OwnerReference{"batch/v1", "CronJob", cronjob.metadata.name, cronjob.metadata.uid, true, true});
  job.spec = tmpl.spec;
  return job;
}

api::ObjectReference cronjob_job_reference(const api::Job& job) {
  api::ObjectReference ref;
  ref.kind = "Job";
  ref.namespace_ = job.metadata.namespace_;
  ref.name = job.metadata.name;
  ref.uid = job.metadata.uid;
  ref.api_version = "batch/v1";
  return ref;
}

}  // namespace herd::actors
