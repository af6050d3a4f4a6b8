#include "cronjob/cronjob_history.hpp"

#include <gtest/gtest.h>

#include "job/batch_testing.hpp"

namespace herd::actors {
namespace {

using namespace herd::actors::testing;

std::vector<std::string> deleted(const Plan& plan) {
  std::vector<std::string> out;
  for (const Command& c : plan.commands) {
    EXPECT_EQ(c.op, Command::Op::kDelete);
    EXPECT_EQ(c.propagation, Propagation::kBackground);
    EXPECT_EQ(c.actor, "controller:cronjob");
    out.push_back(c.key);
  }
  return out;
}

TEST(CronJobHistory, ActiveListsTheRunningJobs) {
  api::CronJob cj = cronjob_with("* * * * *");
  ObjectStore store;
  store.put(stored(cronjob_child(cj, "a", 100)));
  store.put(stored(cronjob_child(cj, "b", 200, "Complete", 250)));
  api::CronJobStatus status;
  status.active = {api::ObjectReference{"Job", "default", "gone", "uid-gone", "batch/v1", "", ""}};
  update_cronjob_status(status, classify_cronjob_jobs(cj, store));
  ASSERT_EQ(status.active.size(), 1u);
  EXPECT_EQ(status.active[0], (api::ObjectReference{"Job", "default", "a", "uid-a", "batch/v1", "", ""}));
}

TEST(CronJobHistory, LastSuccessfulTimeOnlyMovesForward) {
  api::CronJob cj = cronjob_with("* * * * *");
  ObjectStore store;
  store.put(stored(cronjob_child(cj, "old", 100, "Complete", 150)));
  store.put(stored(cronjob_child(cj, "new", 200, "Complete", 250)));
  store.put(stored(cronjob_child(cj, "failed", 300, "Failed", 350)));
  api::CronJobStatus status;
  update_cronjob_status(status, classify_cronjob_jobs(cj, store));
  EXPECT_EQ(status.last_successful_time, batch_time_text(at(250)));
  // The Jobs were cleaned up; a later success recorded before stays.
  status.last_successful_time = batch_time_text(at(900));
  update_cronjob_status(status, classify_cronjob_jobs(cj, store));
  EXPECT_EQ(status.last_successful_time, batch_time_text(at(900)));
}

TEST(CronJobHistory, DeletesTheOldestFinishedJobsBeyondTheLimits) {
  api::CronJob cj = cronjob_with("* * * * *");  // defaults: 3 successful, 1 failed
  ObjectStore store;
  for (int i = 0; i < 5; ++i) {
    store.put(stored(cronjob_child(cj, "ok-" + std::to_string(i), 100 * i, "Complete", 100 * i + 50)));
  }
  store.put(stored(cronjob_child(cj, "bad-new", 900, "Failed", 950)));
  store.put(stored(cronjob_child(cj, "bad-old", 800, "Failed", 850)));
  store.put(stored(cronjob_child(cj, "running", 10)));
  Plan plan;
  clean_up_finished_jobs(cj, classify_cronjob_jobs(cj, store), plan);
  EXPECT_EQ(deleted(plan), (std::vector<std::string>{"Job/default/ok-0", "Job/default/ok-1", "Job/default/bad-old"}));
}

TEST(CronJobHistory, LimitZeroKeepsNoneAndJobsBeingDeletedAreLeftAlone) {
  api::CronJob cj = cronjob_with("* * * * *", "  successfulJobsHistoryLimit: 0\n");
  ObjectStore store;
  store.put(stored(cronjob_child(cj, "ok-a", 100, "Complete", 150)));
  api::Job going = cronjob_child(cj, "ok-b", 200, "Complete", 250);
  going.metadata.deletion_timestamp = batch_time_text(at(260));
  store.put(stored(going));
  Plan plan;
  clean_up_finished_jobs(cj, classify_cronjob_jobs(cj, store), plan);
  EXPECT_EQ(deleted(plan), (std::vector<std::string>{"Job/default/ok-a"}));
}

}  // namespace
}  // namespace herd::actors
