#include "cronjob/cronjob_history.hpp"

#include <algorithm>

#include "core/controller.hpp"
#include "job/batch_time.hpp"

namespace herd::actors {
namespace {

constexpr int32_t kDefaultSuccessfulJobsHistoryLimit = 3;
constexpr int32_t kDefaultFailedJobsHistoryLimit = 1;

/// Deletes the oldest of `finished` (oldest first) beyond `limit`.
void remove_oldest(const std::vector<ObjectPtr>& finished, int32_t limit, Plan& plan) {
  std::vector<ObjectPtr> kept;
  for (const ObjectPtr& o : finished) {
    if (o->meta().deletion_timestamp.empty()) kept.push_back(o);
  }
  // Worked example: 5 finished, limit 3 -> the 2 oldest go.
  std::size_t keep = static_cast<std::size_t>(std::max(limit, 0));
  std::size_t excess = kept.size() > keep ? kept.size() - keep : 0;
  for (std::size_t i = 0; i < excess; ++i) {
    plan.commands.push_back(Command::remove(kept[i]->key, kept[i]->meta().uid, controller_actor("CronJob"),
                                            Propagation::kBackground));
  }
}

}  // namespace

void update_cronjob_status(api::CronJobStatus& status, const CronJobJobs& jobs) {
  status.active.clear();
  for (const ObjectPtr& o : jobs.active) status.active.push_back(cronjob_job_reference(o->as<api::Job>()));
  std::optional<Clock::TimePoint> latest = batch_time_point(status.last_successful_time);
  for (const ObjectPtr& o : jobs.succeeded) {
    std::optional<Clock::TimePoint> done = batch_time_point(o->as<api::Job>().status.completion_time);
    if (done && (!latest || *done > *latest)) latest = done;
  }
  if (latest) status.last_successful_time = batch_time_text(*latest);
}

void clean_up_finished_jobs(const api::CronJob& cronjob, const CronJobJobs& jobs, Plan& plan) {
  remove_oldest(jobs.succeeded, cronjob.spec.successful_jobs_history_limit.value_or(kDefaultSuccessfulJobsHistoryLimit),
                plan);
  remove_oldest(jobs.failed, cronjob.spec.failed_jobs_history_limit.value_or(kDefaultFailedJobsHistoryLimit), plan);
}

}  // namespace herd::actors
