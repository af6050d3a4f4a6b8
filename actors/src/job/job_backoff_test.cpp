#include "job/job_backoff.hpp"

#include <gtest/gtest.h>

#include "job/batch_testing.hpp"

namespace herd::actors {
namespace {

using namespace herd::actors::testing;
using std::chrono::milliseconds;
using std::chrono::seconds;

// Finished pods of `job`: each entry is (finish time in seconds, succeeded?).
JobPods finished_pods(const api::Job& job, std::vector<std::pair<int64_t, bool>> finished) {
  ObjectStore store;
  int n = 0;
  for (const auto& [when, ok] : finished) {
    PodBuilder b = job_pod(job, "p" + std::to_string(n++));
    finish_pod(b.pod(), ok ? "Succeeded" : "Failed", when);
    store.put(b.build());
  }
  return classify_job_pods(job, store);
}

TEST(JobBackoff, NoDelayWithoutFailures) {
  api::Job job = job_with("");
  EXPECT_EQ(job_pod_creation_delay(finished_pods(job, {}), at(100)), milliseconds(0));
  EXPECT_EQ(job_pod_creation_delay(finished_pods(job, {{90, true}}), at(100)), milliseconds(0));
}

TEST(JobBackoff, DelayDoublesWithEachFailureInARowFromTheLastFailure) {
  api::Job job = job_with("");
  EXPECT_EQ(job_pod_creation_delay(finished_pods(job, {{100, false}}), at(104)), seconds(6));
  EXPECT_EQ(job_pod_creation_delay(finished_pods(job, {{50, false}, {100, false}}), at(100)), seconds(20));
  EXPECT_EQ(job_pod_creation_delay(finished_pods(job, {{20, false}, {50, false}, {100, false}}), at(110)),
            seconds(30));
  // Past the back-off: no wait.
  EXPECT_EQ(job_pod_creation_delay(finished_pods(job, {{100, false}}), at(111)), milliseconds(0));
}

TEST(JobBackoff, DelayIsCappedAtSixMinutes) {
  api::Job job = job_with("");
  std::vector<std::pair<int64_t, bool>> failures;
  for (int64_t i = 1; i <= 40; ++i) failures.push_back({i, false});  // 10s * 2^39 would overflow
  EXPECT_EQ(job_pod_creation_delay(finished_pods(job, failures), at(40)), seconds(360));
}

TEST(JobBackoff, SuccessEndsTheRunOfFailures) {
  api::Job job = job_with("");
  EXPECT_EQ(job_pod_creation_delay(finished_pods(job, {{10, false}, {20, false}, {30, true}}), at(30)),
            milliseconds(0));
  EXPECT_EQ(job_pod_creation_delay(finished_pods(job, {{10, false}, {20, false}, {30, true}, {40, false}}), at(40)),
            seconds(10));
}

TEST(JobBackoff, LimitCountsFailedPods) {
  api::Job job = job_with("  backoffLimit: 2\n");
  JobPods none;
  EXPECT_FALSE(job_backoff_limit_exceeded(job, 2, none));
  EXPECT_TRUE(job_backoff_limit_exceeded(job, 3, none));
  api::Job defaulted = job_with("");
  EXPECT_EQ(defaulted.spec.backoff_limit, 6);
  defaulted.spec.backoff_limit.reset();  // as a Job a CronJob created, without defaulting
  EXPECT_FALSE(job_backoff_limit_exceeded(defaulted, 6, none));
  EXPECT_TRUE(job_backoff_limit_exceeded(defaulted, 7, none));
}

TEST(JobBackoff, OnFailureCountsContainerRestarts) {
  api::Job job = job_with("  backoffLimit: 3\n", "OnFailure");
  JobPods pods;
  pods.restarts = 2;
  EXPECT_FALSE(job_backoff_limit_exceeded(job, 0, pods));
  pods.restarts = 3;
  EXPECT_TRUE(job_backoff_limit_exceeded(job, 0, pods));
  job.spec.backoff_limit = 0;
  pods.restarts = 1;
  EXPECT_TRUE(job_backoff_limit_exceeded(job, 0, pods));
  pods.restarts = 0;
  EXPECT_FALSE(job_backoff_limit_exceeded(job, 0, pods));
}

TEST(JobBackoff, NeverIgnoresRestarts) {
  api::Job job = job_with("  backoffLimit: 1\n", "Never");
  JobPods pods;
  pods.restarts = 5;
  EXPECT_FALSE(job_backoff_limit_exceeded(job, 0, pods));
}

}  // namespace
}  // namespace herd::actors
