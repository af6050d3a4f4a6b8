#include "job/job_controller.hpp"

#include <gtest/gtest.h>

#include "job/batch_testing.hpp"
#include "job/job_status.hpp"

namespace herd::actors {
namespace {

using namespace herd::actors::testing;
using Op = Command::Op;
using std::chrono::milliseconds;
using std::chrono::seconds;

const api::Condition* condition(const FakeBatchCore& core, std::string_view type) {
  return find_job_condition(core.self_as<api::Job>().status, type);
}

/// Puts the pods of the Job on a node and running (what scheduler and node do).
void run_pods(FakeBatchCore& core) {
  for (const ObjectPtr& p : core.owned("Pod")) {
    if (p->as<api::Pod>().status.phase != "Pending") continue;
    core.edit<api::Pod>(p->key, [](api::Pod& pod) {
      pod.spec.node_name = "node-1";
      pod.status.phase = "Running";
    });
  }
}

void finish(FakeBatchCore& core, const std::string& key, const std::string& phase, int64_t at_seconds) {
  core.edit<api::Pod>(key, [&](api::Pod& pod) { finish_pod(pod, phase, at_seconds); });
}

TEST(JobController, SeedPiWithTimeoutFailsAtItsDeadline) {
  FakeBatchCore core(make_job_controller(), created_from_seed("job-pi-with-timeout.yaml"));
  Plan first = core.step(0);
  ASSERT_EQ(count_ops(first, Op::kCreate), 1);
  const api::Pod& pod = std::get<api::Pod>(*first.commands[0].object);
  EXPECT_EQ(pod.metadata.generate_name, "pi-with-timeout-");
  EXPECT_EQ(pod.metadata.labels.at("job-name"), "pi-with-timeout");
  EXPECT_EQ(pod.spec.containers.at(0).image, "perl");
  EXPECT_EQ(first.requeue_after, milliseconds(seconds(100)));  // activeDeadlineSeconds
  const api::JobStatus& status = core.self_as<api::Job>().status;
  EXPECT_EQ(status.start_time, batch_time_text(at(0)));
  EXPECT_EQ(status.active, 1);

  run_pods(core);
  Plan waiting = core.step(60);
  EXPECT_TRUE(waiting.empty());
  EXPECT_EQ(waiting.requeue_after, milliseconds(seconds(40)));

  Plan failing = core.step(100);
  EXPECT_EQ(count_ops(failing, Op::kDelete), 1);
  ASSERT_EQ(failing.events.size(), 2u);
  EXPECT_EQ(failing.events[1].type, "JobFailed");
  const api::Condition* failed = condition(core, "Failed");
  ASSERT_NE(failed, nullptr);
  EXPECT_EQ(failed->status, "True");
  EXPECT_EQ(failed->reason, "DeadlineExceeded");
  EXPECT_EQ(core.self_as<api::Job>().status.failed, 1);
  EXPECT_EQ(core.self_as<api::Job>().status.active, 0);

  // A finished Job does nothing more.
  Plan after = core.step(500);
  EXPECT_TRUE(after.empty());
  EXPECT_FALSE(after.requeue_after.has_value());
}

TEST(JobController, DeadlineComesFromStoredStartTimeAfterARestart) {
  FakeBatchCore core(make_job_controller(), created_from_seed("job-pi-with-timeout.yaml"));
  core.step(0);
  run_pods(core);
  // A fresh controller, as after the control plane restarted, given only the stored state.
  ObjectPtr self = stored(core.self());
  Plan resumed = make_job_controller()->reconcile(*self, core.store(), at(70));
  EXPECT_TRUE(resumed.empty());
  EXPECT_EQ(resumed.requeue_after, milliseconds(seconds(30)));
  Plan due = make_job_controller()->reconcile(*self, core.store(), at(100));
  ASSERT_FALSE(due.events.empty());
  EXPECT_EQ(due.events.back().type, "JobFailed");
  EXPECT_EQ(due.events.back().data.find("reason")->as_string(), "DeadlineExceeded");
}

TEST(JobController, SameStateGivesTheSamePlan) {
  FakeBatchCore core(make_job_controller(),
                     job_with("  completions: 3\n  parallelism: 2\n  activeDeadlineSeconds: 900\n"));
  core.expect_same_plan(0);  // creating
  core.step(0);
  run_pods(core);
  core.expect_same_plan(5);  // status only
  finish(core, core.owned("Pod")[0]->key, "Failed", 6);
  core.expect_same_plan(8);  // back-off
  core.expect_same_plan(950);  // deadline
}

TEST(JobController, NeverPolicyReplacesAFailedPodAfterTheBackoff) {
  FakeBatchCore core(make_job_controller(), job_with("  completions: 1\n"));
  core.step(0);
  run_pods(core);
  finish(core, core.owned("Pod")[0]->key, "Failed", 10);
  Plan waiting = core.step(12);
  EXPECT_EQ(count_ops(waiting, Op::kCreate), 0);
  EXPECT_EQ(waiting.requeue_after, milliseconds(seconds(8)));
  EXPECT_EQ(core.self_as<api::Job>().status.failed, 1);
  EXPECT_EQ(core.self_as<api::Job>().status.active, 0);
  EXPECT_EQ(count_ops(core.step(20), Op::kCreate), 1);
  EXPECT_EQ(core.owned("Pod").size(), 2u);  // the failed pod is kept for its logs

  run_pods(core);
  finish(core, core.owned("Pod")[1]->key, "Failed", 25);
  EXPECT_EQ(core.step(26).requeue_after, milliseconds(seconds(19)));  // second failure: 20s
  EXPECT_EQ(count_ops(core.step(45), Op::kCreate), 1);
}

TEST(JobController, FailuresBeyondBackoffLimitFailTheJob) {
  FakeBatchCore core(make_job_controller(), job_with("  backoffLimit: 1\n"));
  core.step(0);
  run_pods(core);
  finish(core, core.owned("Pod")[0]->key, "Failed", 5);
  core.step(15);  // replacement
  run_pods(core);
  finish(core, core.owned("Pod")[1]->key, "Failed", 20);
  Plan failing = core.step(21);
  ASSERT_FALSE(failing.events.empty());
  EXPECT_EQ(failing.events.back().type, "JobFailed");
  const api::Condition* failed = condition(core, "Failed");
  ASSERT_NE(failed, nullptr);
  EXPECT_EQ(failed->reason, "BackoffLimitExceeded");
  EXPECT_EQ(core.self_as<api::Job>().status.failed, 2);
}

TEST(JobController, OnFailureRestartsCountTowardBackoffLimit) {
  FakeBatchCore core(make_job_controller(), job_with("  backoffLimit: 2\n", "OnFailure"));
  core.step(0);
  run_pods(core);
  std::string key = core.owned("Pod")[0]->key;
  core.edit<api::Pod>(key, [](api::Pod& p) { p.status.container_statuses = {container_restarted("main", 1)}; });
  EXPECT_TRUE(core.step(10).empty());
  core.edit<api::Pod>(key, [](api::Pod& p) { p.status.container_statuses[0].restart_count = 2; });
  Plan failing = core.step(20);
  EXPECT_EQ(count_ops(failing, Op::kDelete), 1);
  EXPECT_EQ(condition(core, "Failed")->reason, "BackoffLimitExceeded");
  EXPECT_EQ(core.self_as<api::Job>().status.failed, 1);  // the pod deleted with the Job's failure
}

TEST(JobController, CompletesWhenCompletionsSucceed) {
  FakeBatchCore core(make_job_controller(), job_with("  completions: 2\n  parallelism: 1\n"));
  core.step(0);
  run_pods(core);
  finish(core, core.owned("Pod")[0]->key, "Succeeded", 5);
  EXPECT_EQ(count_ops(core.step(6), Op::kCreate), 1);  // no back-off after a success
  EXPECT_EQ(core.self_as<api::Job>().status.succeeded, 1);
  run_pods(core);
  finish(core, core.owned("Pod")[1]->key, "Succeeded", 9);
  Plan done = core.step(10);
  EXPECT_TRUE(done.commands.empty());  // finished pods stay for their logs
  ASSERT_EQ(done.events.size(), 2u);
  EXPECT_EQ(done.events[1].type, "JobCompleted");
  const api::JobStatus& status = core.self_as<api::Job>().status;
  EXPECT_EQ(status.succeeded, 2);
  EXPECT_EQ(status.completion_time, batch_time_text(at(10)));
  EXPECT_TRUE(job_condition_true(status, "Complete"));
  EXPECT_TRUE(core.step(11).empty());
}

TEST(JobController, CompletionDeletesPodsStillRunning) {
  FakeBatchCore core(make_job_controller(), job_with("  completions: 3\n  parallelism: 3\n"));
  core.step(0);
  run_pods(core);
  api::Job fewer = core.self_as<api::Job>();
  fewer.spec.completions = 2;
  core.set_self(fewer);
  std::vector<ObjectPtr> pods = core.owned("Pod");
  finish(core, pods[0]->key, "Succeeded", 5);
  finish(core, pods[1]->key, "Succeeded", 6);
  Plan done = core.step(7);
  EXPECT_EQ(count_ops(done, Op::kDelete), 1);
  EXPECT_EQ(done.commands[0].key, pods[2]->key);
  EXPECT_EQ(done.events.back().type, "JobCompleted");
}

TEST(JobController, WorkQueueCompletesWhenAPodSucceededAndTheRestFinished) {
  FakeBatchCore core(make_job_controller(), job_with("  parallelism: 2\n"));
  EXPECT_EQ(count_ops(core.step(0), Op::kCreate), 2);
  run_pods(core);
  std::vector<ObjectPtr> pods = core.owned("Pod");
  finish(core, pods[0]->key, "Succeeded", 5);
  Plan one_done = core.step(6);
  EXPECT_TRUE(one_done.commands.empty());
  EXPECT_FALSE(job_finished(core.self_as<api::Job>()));
  finish(core, pods[1]->key, "Succeeded", 8);
  EXPECT_EQ(core.step(9).events.back().type, "JobCompleted");
}

TEST(JobController, WritesStatusOnlyWhenItChanges) {
  FakeBatchCore core(make_job_controller(), job_with("  completions: 2\n  parallelism: 2\n"));
  core.step(0);
  EXPECT_TRUE(core.step(1).empty());
  run_pods(core);
  EXPECT_TRUE(core.step(2).empty());  // running but not ready: nothing new to say
  core.edit<api::Pod>(core.owned("Pod")[0]->key, [](api::Pod& p) {
    p.status.conditions = {api::Condition{"Ready", "True", "", batch_time_text(at(3)), "", "", ""}};
  });
  Plan ready = core.step(3);
  ASSERT_EQ(ready.events.size(), 1u);
  EXPECT_EQ(ready.events[0].type, "StatusUpdated");
  EXPECT_EQ(core.self_as<api::Job>().status.ready, 1);
  EXPECT_TRUE(core.step(4).empty());
}

TEST(JobController, SuspendDeletesPodsAndResumeRestartsTheDeadlineClock) {
  FakeBatchCore core(make_job_controller(),
                     job_with("  completions: 4\n  parallelism: 2\n  activeDeadlineSeconds: 100\n"));
  core.step(0);
  run_pods(core);
  api::Job job = core.self_as<api::Job>();
  job.spec.suspend = true;
  core.set_self(job);
  Plan suspending = core.step(30);
  EXPECT_EQ(count_ops(suspending, Op::kDelete), 2);
  EXPECT_FALSE(suspending.requeue_after.has_value());  // no deadline while suspended
  const api::Condition* suspended = condition(core, "Suspended");
  ASSERT_NE(suspended, nullptr);
  EXPECT_EQ(suspended->status, "True");
  EXPECT_EQ(suspended->reason, "JobSuspended");
  EXPECT_EQ(core.self_as<api::Job>().status.active, 0);
  EXPECT_TRUE(core.step(31).empty());

  job = core.self_as<api::Job>();
  job.spec.suspend = false;
  core.set_self(job);
  Plan resuming = core.step(500);  // long after the first start's deadline
  EXPECT_EQ(count_ops(resuming, Op::kCreate), 2);
  EXPECT_EQ(resuming.requeue_after, milliseconds(seconds(100)));
  EXPECT_EQ(core.self_as<api::Job>().status.start_time, batch_time_text(at(500)));
  EXPECT_EQ(condition(core, "Suspended")->status, "False");
  EXPECT_EQ(condition(core, "Suspended")->reason, "JobResumed");
  EXPECT_FALSE(job_finished(core.self_as<api::Job>()));
}

TEST(JobController, CreatedSuspendedStartsNoClock) {
  FakeBatchCore core(make_job_controller(), job_with("  suspend: true\n  activeDeadlineSeconds: 10\n"));
  Plan plan = core.step(0);
  EXPECT_TRUE(plan.commands.empty());
  EXPECT_EQ(core.self_as<api::Job>().status.start_time, "");
  EXPECT_TRUE(job_condition_true(core.self_as<api::Job>().status, "Suspended"));
}

TEST(JobController, JobBeingDeletedStartsNoPods) {
  api::Job job = job_with("");
  job.metadata.deletion_timestamp = batch_time_text(at(0));
  job.metadata.finalizers = {"foregroundDeletion"};
  FakeBatchCore core(make_job_controller(), job);
  EXPECT_EQ(count_ops(core.step(0), Op::kCreate), 0);
}

TEST(JobController, JobWithoutDefaultsRunsOnePod) {
  // As a CronJob's Job may arrive: completions, parallelism and backoffLimit unset.
  api::Job job = job_with("");
  job.spec.completions.reset();
  job.spec.parallelism.reset();
  job.spec.backoff_limit.reset();
  FakeBatchCore core(make_job_controller(), job);
  EXPECT_EQ(count_ops(core.step(0), Op::kCreate), 1);
  run_pods(core);
  finish(core, core.owned("Pod")[0]->key, "Succeeded", 3);
  EXPECT_EQ(core.step(4).events.back().type, "JobCompleted");
}

}  // namespace
}  // namespace herd::actors
