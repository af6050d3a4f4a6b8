#include "cronjob/cronjob_start.hpp"

#include <algorithm>
#include <string>

#include "core/controller.hpp"
#include "cronjob/cronjob_report.hpp"
#include "job/batch_time.hpp"
#include "job/job_pods.hpp"

namespace herd::actors {
namespace {

using std::chrono::seconds;

/// Deletes the active Jobs (Background, as Kubernetes) for Replace, and
/// drops them from status.active.
void replace_active_jobs(const CronJobJobs& jobs, api::CronJobStatus& status, Plan& plan) {
  for (const ObjectPtr& o : jobs.active) {
    if (!o->meta().deletion_timestamp.empty()) continue;
    plan.commands.push_back(
        Command::remove(o->key, o->meta().uid, controller_actor("CronJob"), Propagation::kBackground));
    std::erase_if(status.active, [&](const api::ObjectReference& r) { return r.uid == o->meta().uid; });
  }
}

/// Starts the Job for `due` unless it was started before or the
/// concurrencyPolicy forbids it now.
void start_due_job(const api::CronJob& cronjob, api::CronJobStatus& status, const CronJobJobs& jobs,
                   const ObjectStore& store, Clock::TimePoint due, Plan& plan) {
  std::string scheduled = batch_time_text(due);
  if (status.last_schedule_time == scheduled) return;  // started already
  api::Job job = cronjob_job_from_template(cronjob, due);
  if (ObjectPtr existing = store.get("Job", job.metadata.namespace_, job.metadata.name)) {
    // Created by an earlier step whose status write was lost; someone
    // else's Job of that name is left alone (and blocks this time).
    if (controlled_by_uid(existing->meta(), cronjob.metadata.uid)) status.last_schedule_time = scheduled;
    return;
  }
  const std::string& policy = cronjob.spec.concurrency_policy;
  if (policy == "Forbid" && !jobs.active.empty()) return;  // stays due; starts late once they finish
  if (policy == "Replace") replace_active_jobs(jobs, status, plan);
  plan.commands.push_back(Command::create(std::move(job), controller_actor("CronJob")));
  status.last_schedule_time = scheduled;
}

}  // namespace

DueTime cronjob_due_time(const api::CronJob& cronjob, const CronSchedule& schedule, Clock::TimePoint now) {
  std::optional<Clock::TimePoint> earliest = batch_time_point(cronjob.status.last_schedule_time);
  if (!earliest) earliest = batch_time_point(cronjob.metadata.creation_timestamp);
  Clock::TimePoint from = earliest.value_or(now);
  DueTime result;
  result.next = schedule.next(std::max(now, from));
  // Times older than the starting deadline are never started: count from there.
  if (cronjob.spec.starting_deadline_seconds) {
    from = std::max(from, now - seconds(*cronjob.spec.starting_deadline_seconds));
  }
  result.due = schedule.latest(from, now);
  if (result.due) result.unmet = schedule.count(from, now, kMaxMissedSchedules + 1);
  return result;
}

bool cronjob_time_zone_supported(const api::CronJob& cronjob) {
  const std::optional<std::string>& zone = cronjob.spec.time_zone;
  return !zone || zone->empty() || *zone == "UTC" || *zone == "Etc/UTC";
}

void schedule_cronjob(const StoredObject& self, api::CronJobStatus& status, const CronJobJobs& jobs,
                      const ObjectStore& store, Clock::TimePoint now, Plan& plan) {
  const api::CronJob& cronjob = self.as<api::CronJob>();
  std::string generation = std::to_string(cronjob.metadata.generation);
  if (!cronjob_time_zone_supported(cronjob)) {
    report_cronjob_warning(self, store, "UnknownTimeZone",
                           "timeZone \"" + *cronjob.spec.time_zone +
                               "\" is not supported: herd runs schedules in UTC only, so no Job is started",
                           generation, now, plan);
    return;
  }
  Result<CronSchedule> schedule = CronSchedule::parse(cronjob.spec.schedule);
  if (!schedule.ok()) {
    report_cronjob_warning(self, store, "UnparseableSchedule",
                           "unparseable schedule: \"" + cronjob.spec.schedule + "\" : " + schedule.status().message(),
                           generation, now, plan);
    return;
  }
  DueTime due = cronjob_due_time(cronjob, *schedule, now);
  if (due.next) {
    plan.requeue(batch_delay_until(*due.next, now));
  } else {
    report_cronjob_warning(self, store, "InvalidSchedule",
                           "invalid schedule: " + cronjob.spec.schedule + " : it names no time in the next five years",
                           generation, now, plan);
  }
  if (!due.due) return;
  if (due.unmet > kMaxMissedSchedules) {
    std::string minutes = std::to_string(std::chrono::floor<std::chrono::minutes>(due.due->time_since_epoch()).count());
    report_cronjob_warning(self, store, "TooManyMissedTimes",
                           "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check "
                           "clock skew",
                           minutes, now, plan);
  }
  start_due_job(cronjob, status, jobs, store, *due.due, plan);
}

}  // namespace herd::actors
