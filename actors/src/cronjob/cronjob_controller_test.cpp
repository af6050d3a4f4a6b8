#include "cronjob/cronjob_controller.hpp"

#include <gtest/gtest.h>

#include "job/batch_testing.hpp"
#include "job/job_controller.hpp"

namespace herd::actors {
namespace {

using namespace herd::actors::testing;
using Op = Command::Op;
using std::chrono::milliseconds;
using std::chrono::seconds;

std::vector<std::string> created(const Plan& plan) {
  std::vector<std::string> out;
  for (const Command& c : plan.commands) {
    if (c.op == Op::kCreate) out.push_back(api::meta(*c.object).name);
  }
  return out;
}

const api::CronJobStatus& status_of(const FakeBatchCore& core) { return core.self_as<api::CronJob>().status; }

/// What the Job controller and the pods would do: marks Job `key` finished.
void finish_job(FakeBatchCore& core, const std::string& key, const std::string& condition, int64_t at_seconds) {
  core.edit<api::Job>(key, [&](api::Job& job) {
    job.status.conditions.push_back(api::Condition{condition, "True", "", batch_time_text(at(at_seconds)), "", "", ""});
    if (condition == "Complete") job.status.completion_time = batch_time_text(at(at_seconds));
  });
}

TEST(CronJobController, SeedHelloStartsAJobEveryMinute) {
  api::Object hello = created_from_seed("cronjob-hello.yaml", kT0 - 30);
  FakeBatchCore core(make_cronjob_controller(), hello);
  Plan early = core.step(kT0 - 10);
  EXPECT_TRUE(early.empty());
  EXPECT_EQ(early.requeue_after, milliseconds(seconds(10)));

  Plan first = core.step(kT0);
  EXPECT_EQ(created(first), (std::vector<std::string>{"hello-29539320"}));
  EXPECT_EQ(first.requeue_after, milliseconds(seconds(60)));
  EXPECT_EQ(status_of(core).last_schedule_time, "2026-03-01T10:00:00Z");
  std::vector<ObjectPtr> jobs = core.owned("Job");
  ASSERT_EQ(jobs.size(), 1u);
  const api::Job& job = jobs[0]->as<api::Job>();
  EXPECT_EQ(job.metadata.annotations.at("batch.kubernetes.io/cronjob-scheduled-timestamp"), "2026-03-01T10:00:00Z");
  EXPECT_EQ(job.spec.pod_template.spec.containers.at(0).image, "busybox");
  EXPECT_EQ(job.spec.pod_template.spec.restart_policy, "OnFailure");

  // The Job's creation wakes the CronJob: it now lists it as active.
  Plan noticed = core.step(kT0 + 1);
  EXPECT_TRUE(noticed.commands.empty());
  ASSERT_EQ(status_of(core).active.size(), 1u);
  EXPECT_EQ(status_of(core).active[0].name, "hello-29539320");
  EXPECT_EQ(status_of(core).active[0].uid, "uid-hello-29539320");

  EXPECT_EQ(created(core.step(kT0 + 60)), (std::vector<std::string>{"hello-29539321"}));  // Allow: beside the first
}

TEST(CronJobController, SeedJobRunsUnderTheJobController) {
  // The Job a CronJob creates has no Job defaults applied; the Job controller copes.
  FakeBatchCore cron(make_cronjob_controller(), created_from_seed("cronjob-hello.yaml", kT0 - 30));
  cron.step(kT0);
  FakeBatchCore job(make_job_controller(), cron.owned("Job").at(0)->object);
  Plan plan = job.step(kT0 + 1);
  EXPECT_EQ(created(plan).size(), 1u);
  EXPECT_EQ(std::get<api::Pod>(*plan.commands[0].object).metadata.generate_name, "hello-29539320-");
}

TEST(CronJobController, SameStateGivesTheSamePlan) {
  FakeBatchCore core(make_cronjob_controller(),
                     cronjob_with("*/5 * * * *", "  concurrencyPolicy: Replace\n", kT0 - 30));
  core.expect_same_plan(kT0);  // starting
  core.step(kT0);
  core.expect_same_plan(kT0 + 10);  // noticing the Job
  core.step(kT0 + 10);
  core.expect_same_plan(kT0 + 300);  // replacing it
}

TEST(CronJobController, FinishedJobsLeaveActiveAndSetLastSuccessfulTime) {
  FakeBatchCore core(make_cronjob_controller(), cronjob_with("* * * * *", "", kT0 - 30));
  core.step(kT0);
  core.step(kT0 + 1);
  finish_job(core, core.owned("Job")[0]->key, "Complete", kT0 + 20);
  Plan plan = core.step(kT0 + 21);
  EXPECT_TRUE(plan.commands.empty());
  EXPECT_TRUE(status_of(core).active.empty());
  EXPECT_EQ(status_of(core).last_successful_time, batch_time_text(at(kT0 + 20)));
}

TEST(CronJobController, KeepsOnlyTheHistoryLimits) {
  std::string limits = "  successfulJobsHistoryLimit: 1\n  failedJobsHistoryLimit: 1\n";
  FakeBatchCore core(make_cronjob_controller(), cronjob_with("* * * * *", limits, kT0 - 30));
  for (int i = 0; i < 3; ++i) {
    core.step(kT0 + 60 * i);
    finish_job(core, core.owned("Job").back()->key, "Complete", kT0 + 60 * i + 30);
  }
  // Each step deleted the oldest success beyond the one kept.
  Plan plan = core.step(kT0 + 150);
  ASSERT_EQ(plan.commands.size(), 1u);
  EXPECT_EQ(plan.commands[0].op, Op::kDelete);
  EXPECT_EQ(plan.commands[0].key, "Job/default/hello-29539321");
  ASSERT_EQ(core.owned("Job").size(), 1u);
  EXPECT_EQ(core.owned("Job")[0]->meta().name, "hello-29539322");
}

TEST(CronJobController, SuspendedStartsNothingAndResumeStartsTheLatestMissedTime) {
  FakeBatchCore core(make_cronjob_controller(), cronjob_with("* * * * *", "  suspend: true\n", kT0 - 30));
  Plan suspended = core.step(kT0 + 200);
  EXPECT_TRUE(suspended.commands.empty());
  EXPECT_FALSE(suspended.requeue_after.has_value());
  api::CronJob cj = core.self_as<api::CronJob>();
  cj.spec.suspend = false;
  core.set_self(cj);
  EXPECT_EQ(created(core.step(kT0 + 200)), (std::vector<std::string>{"hello-29539323"}));
}

TEST(CronJobController, AfterARestartOnlyTheLatestMissedTimeStarts) {
  api::CronJob cj = cronjob_with("0 * * * *", "", kT0 - 86400);
  cj.status.last_schedule_time = batch_time_text(at(kT0 - 7200));
  FakeBatchCore core(make_cronjob_controller(), cj);
  // The control plane was down from 08:00 to 10:30; a fresh controller takes over.
  Plan plan = core.step(kT0 + 1800);
  EXPECT_EQ(created(plan), (std::vector<std::string>{"hello-29539320"}));
  EXPECT_EQ(plan.requeue_after, milliseconds(seconds(1800)));
  EXPECT_TRUE(core.step(kT0 + 1801).commands.empty());
}

TEST(CronJobController, BeingDeletedStartsNothing) {
  api::CronJob cj = cronjob_with("* * * * *", "", kT0 - 30);
  cj.metadata.deletion_timestamp = batch_time_text(at(kT0 - 1));
  FakeBatchCore core(make_cronjob_controller(), cj);
  EXPECT_TRUE(core.step(kT0 + 60).commands.empty());
}

}  // namespace
}  // namespace herd::actors
