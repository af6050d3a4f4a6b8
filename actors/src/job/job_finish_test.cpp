#include "job/job_finish.hpp"

#include <gtest/gtest.h>

#include "herd/events/event_types.hpp"
#include "job/batch_testing.hpp"
#include "job/job_status.hpp"

namespace herd::actors {
namespace {

using namespace herd::actors::testing;
using std::chrono::milliseconds;
using std::chrono::seconds;

api::Job started_job(const std::string& spec, int64_t start_seconds) {
  api::Job job = job_with(spec);
  job.status.start_time = batch_time_text(at(start_seconds));
  return job;
}

TEST(JobFinish, DeadlineIsMeasuredFromStoredStartTime) {
  api::Job job = started_job("  activeDeadlineSeconds: 50\n", 100);
  EXPECT_EQ(job_time_to_deadline(job, at(120)), milliseconds(seconds(30)));
  EXPECT_EQ(job_failure(job, JobPods{}, at(120)), std::nullopt);
  std::optional<JobFailure> failure = job_failure(job, JobPods{}, at(150));
  ASSERT_TRUE(failure.has_value());
  EXPECT_EQ(failure->reason, "DeadlineExceeded");
  EXPECT_EQ(failure->message, "Job was active longer than specified deadline");
}

TEST(JobFinish, DeadlineRequeueRoundsUpSoItNeverFiresEarly) {
  api::Job job = started_job("  activeDeadlineSeconds: 10\n", 100);
  // 10s - 1.5ms = 9998.5ms, rounded up.
  EXPECT_EQ(job_time_to_deadline(job, at(100) + std::chrono::microseconds(1500)), milliseconds(9999));
}

TEST(JobFinish, NoDeadlineWithoutSpecStartTimeOrWhileSuspended) {
  EXPECT_EQ(job_time_to_deadline(started_job("", 100), at(1000)), std::nullopt);
  EXPECT_EQ(job_time_to_deadline(job_with("  activeDeadlineSeconds: 5\n"), at(1000)), std::nullopt);
  api::Job suspended = started_job("  activeDeadlineSeconds: 5\n  suspend: true\n", 100);
  EXPECT_EQ(job_time_to_deadline(suspended, at(1000)), std::nullopt);
  EXPECT_EQ(job_failure(suspended, JobPods{}, at(1000)), std::nullopt);
}

TEST(JobFinish, BackoffLimitIsCheckedBeforeTheDeadline) {
  api::Job job = started_job("  activeDeadlineSeconds: 5\n  backoffLimit: 0\n", 100);
  job.status.failed = 1;
  std::optional<JobFailure> failure = job_failure(job, JobPods{}, at(1000));
  ASSERT_TRUE(failure.has_value());
  EXPECT_EQ(failure->reason, "BackoffLimitExceeded");
  EXPECT_EQ(failure->message, "Job has reached the specified backoff limit");
}

TEST(JobFinish, CompleteOnceCompletionsSucceededAndNothingRuns) {
  api::Job job = job_with("  completions: 3\n");
  job.status.succeeded = 2;
  EXPECT_FALSE(job_complete(job));
  job.status.succeeded = 3;
  job.status.active = 1;
  EXPECT_FALSE(job_complete(job));
  job.status.active = 0;
  EXPECT_TRUE(job_complete(job));
}

TEST(JobFinish, WorkQueueCompletesAfterAnySuccessOnceIdle) {
  api::Job job = job_with("  parallelism: 3\n");
  ASSERT_EQ(job.spec.completions, std::nullopt);
  EXPECT_FALSE(job_complete(job));
  job.status.succeeded = 1;
  job.status.active = 2;
  EXPECT_FALSE(job_complete(job));
  job.status.active = 0;
  EXPECT_TRUE(job_complete(job));
}

TEST(JobFinish, FailingDeletesActivePodsCountsThemAndRecordsJobFailed) {
  api::Job job = started_job("  activeDeadlineSeconds: 50\n", 100);
  job.status.failed = 1;
  job.status.active = 2;
  ObjectStore store;
  store.put(job_pod(job, "a").running("n").build());
  store.put(job_pod(job, "b").build());
  JobPods pods = classify_job_pods(job, store);
  Plan plan = fail_job(*stored(job_with("")), job, pods, JobFailure{"DeadlineExceeded", "too long"}, at(150));

  ASSERT_EQ(plan.commands.size(), 2u);
  EXPECT_EQ(plan.commands[0].op, Command::Op::kDelete);
  EXPECT_EQ(plan.commands[1].key, "Pod/default/b");
  ASSERT_EQ(plan.events.size(), 2u);
  EXPECT_EQ(plan.events[0].type, "StatusUpdated");
  const api::Value& status = *plan.events[0].data.find("status");
  EXPECT_EQ(status.find("failed")->as_int(), 3);
  EXPECT_TRUE(status.find("active") == nullptr || status.find("active")->as_int() == 0);
  EXPECT_EQ(plan.events[1].type, "JobFailed");
  EXPECT_EQ(plan.events[1].data.find("reason")->as_string(), "DeadlineExceeded");
  EXPECT_EQ(plan.events[1].data.find("message")->as_string(), "too long");
  EXPECT_EQ(plan.events[1].data.find("time")->as_string(), batch_time_text(at(150)));
  EXPECT_FALSE(plan.requeue_after.has_value());
}

TEST(JobFinish, CompletingKeepsThisStepsDeletionsAndRecordsJobCompleted) {
  api::Job job = job_with("  completions: 1\n");
  job.status.succeeded = 1;
  Plan plan;
  plan.commands.push_back(Command::remove("Pod/default/extra", "uid-extra", "controller:job"));
  plan.requeue(seconds(5));
  Plan done = complete_job(*stored(job_with("")), job, std::move(plan), at(42));
  EXPECT_EQ(done.commands.size(), 1u);
  ASSERT_EQ(done.events.size(), 2u);
  EXPECT_EQ(done.events[0].type, "StatusUpdated");
  EXPECT_EQ(done.events[1].type, "JobCompleted");
  EXPECT_EQ(done.events[1].data.find("completionTime")->as_string(), batch_time_text(at(42)));
  EXPECT_EQ(done.events[1].data.find("succeeded")->as_int(), 1);
  EXPECT_FALSE(done.requeue_after.has_value());
}

}  // namespace
}  // namespace herd::actors
