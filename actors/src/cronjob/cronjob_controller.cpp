#include "cronjob/cronjob_controller.hpp"

#include "cronjob/cronjob_history.hpp"
#include "cronjob/cronjob_jobs.hpp"
#include "cronjob/cronjob_start.hpp"

namespace herd::actors {
namespace {

class CronJobController final : public Controller {
 public:
  Plan reconcile(const StoredObject& self, const ObjectStore& store, Clock::TimePoint now) override {
    const api::CronJob& cronjob = self.as<api::CronJob>();
    CronJobJobs jobs = classify_cronjob_jobs(cronjob, store);
    api::CronJob updated = cronjob;
    update_cronjob_status(updated.status, jobs);
    Plan plan;
    clean_up_finished_jobs(cronjob, jobs, plan);
    // Suspended: start nothing, and no requeue (resuming is a spec change,
    // which wakes this step; a time missed meanwhile is then due).
    bool suspended = cronjob.spec.suspend.value_or(false);
    if (self.meta().deletion_timestamp.empty() && !suspended) {
      schedule_cronjob(self, updated.status, jobs, store, now, plan);
    }
    if (std::optional<OwnEvent> status = status_change(self.object, updated)) plan.events.push_back(std::move(*status));
    return plan;
  }
};

}  // namespace

std::unique_ptr<Controller> make_cronjob_controller() { return std::make_unique<CronJobController>(); }

}  // namespace herd::actors
