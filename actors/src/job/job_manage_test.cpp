#include "job/job_manage.hpp"

#include <gtest/gtest.h>

#include "job/batch_testing.hpp"

namespace herd::actors {
namespace {

using namespace herd::actors::testing;
using Op = Command::Op;

/// `running` active pods of `job` in a store, plus whatever `extra` adds.
struct Scene {
  api::Job job;
  ObjectStore store;
  Scene(api::Job j, int running) : job(std::move(j)) {
    for (int i = 0; i < running; ++i) store.put(job_pod(job, "run-" + std::to_string(i)).running("n").build());
  }
  Plan manage(int64_t now_seconds, int32_t* active = nullptr) {
    Plan plan;
    int32_t a = manage_job_pods(job, classify_job_pods(job, store), at(now_seconds), plan);
    if (active != nullptr) *active = a;
    return plan;
  }
};

TEST(JobManage, WantsTheSmallerOfParallelismAndRemainingCompletions) {
  api::Job job = job_with("  completions: 5\n  parallelism: 2\n");
  EXPECT_EQ(job_wanted_active(job, 0), 2);
  job.status.succeeded = 4;
  EXPECT_EQ(job_wanted_active(job, 0), 1);
  job.status.succeeded = 6;
  EXPECT_EQ(job_wanted_active(job, 0), 0);
  // Unset fields as a CronJob's Job has them: completions 1, parallelism 1.
  api::Job bare = job_with("");
  bare.spec.completions.reset();
  bare.spec.parallelism.reset();
  EXPECT_EQ(job_wanted_active(bare, 0), 1);
}

TEST(JobManage, CreatesPodsUpToParallelism) {
  Scene s(job_with("  completions: 5\n  parallelism: 3\n"), 1);
  int32_t active = 0;
  Plan plan = s.manage(0, &active);
  EXPECT_EQ(count_ops(plan, Op::kCreate), 2);
  EXPECT_EQ(active, 3);  // the created ones count at once, as in Kubernetes
  const api::Pod& pod = std::get<api::Pod>(*plan.commands[0].object);
  EXPECT_EQ(pod.metadata.generate_name, "work-");
  EXPECT_EQ(plan.commands[0].actor, "controller:job");
}

TEST(JobManage, DeletesPodsBeyondWhatIsWanted) {
  Scene s(job_with("  completions: 5\n  parallelism: 1\n"), 3);
  int32_t active = 0;
  Plan plan = s.manage(0, &active);
  EXPECT_EQ(count_ops(plan, Op::kDelete), 2);
  EXPECT_EQ(count_ops(plan, Op::kCreate), 0);
  EXPECT_EQ(active, 1);
}

TEST(JobManage, SuspendedDeletesEveryActivePod) {
  Scene s(job_with("  completions: 5\n  parallelism: 3\n  suspend: true\n"), 3);
  int32_t active = 9;
  Plan plan = s.manage(0, &active);
  EXPECT_EQ(count_ops(plan, Op::kDelete), 3);
  EXPECT_EQ(active, 0);
}

TEST(JobManage, ReplacementWaitsOutTheBackoff) {
  Scene s(job_with("  completions: 1\n"), 0);
  PodBuilder failed = job_pod(s.job, "failed");
  finish_pod(failed.pod(), "Failed", 100);
  s.store.put(failed.build());
  s.job.status.failed = 1;
  Plan waiting = s.manage(103);
  EXPECT_TRUE(waiting.commands.empty());
  EXPECT_EQ(waiting.requeue_after, std::chrono::seconds(7));
  Plan replacing = s.manage(110);
  EXPECT_EQ(count_ops(replacing, Op::kCreate), 1);
  EXPECT_FALSE(replacing.requeue_after.has_value());
}

TEST(JobManage, WorkQueueStartsNoMorePodsAfterASuccess) {
  Scene s(job_with("  parallelism: 3\n"), 1);
  s.job.status.succeeded = 1;
  int32_t active = 0;
  Plan plan = s.manage(0, &active);
  EXPECT_TRUE(plan.commands.empty());
  EXPECT_EQ(active, 1);
  s.job.status.succeeded = 0;
  EXPECT_EQ(count_ops(s.manage(0), Op::kCreate), 2);
}

TEST(JobManage, TerminatingPodsAreReplacedAtOnceUnlessPolicyIsFailed) {
  Scene s(job_with("  completions: 2\n  parallelism: 2\n"), 1);
  s.store.put(job_pod(s.job, "stopping").running("n").terminating().build());
  EXPECT_EQ(count_ops(s.manage(0), Op::kCreate), 1);
  s.job.spec.pod_replacement_policy = "Failed";
  EXPECT_EQ(count_ops(s.manage(0), Op::kCreate), 0);
}

TEST(JobManage, ChangesAtMostFiveHundredPodsPerStep) {
  Scene s(job_with("  completions: 2000\n  parallelism: 1000\n"), 0);
  int32_t active = 0;
  Plan plan = s.manage(0, &active);
  EXPECT_EQ(count_ops(plan, Op::kCreate), 500);
  EXPECT_EQ(active, 500);
}

}  // namespace
}  // namespace herd::actors
