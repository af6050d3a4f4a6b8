// The seed's batch workloads through real actors on simulated nodes: the Job
// pi-with-timeout (completing, and failing by backoffLimit and by
// activeDeadlineSeconds) and the CronJob hello (a Job every minute on the
// FakeClock, history limits). Pods are scripted by sim.herd.io annotations.

#include <gtest/gtest.h>

#include <set>

#include "scenarios/scenario_helpers.hpp"
#include "scenarios/scenario_logs.hpp"

namespace herd::actors::scenarios {
namespace {

using std::chrono::seconds;

// The seed's Job, its pods scripted to exit with `code` after `after`.
api::Job pi_job(std::vector<api::Object> objects, const std::string& after, int code) {
  EXPECT_EQ(objects.size(), 1u);
  api::Job job = std::get<api::Job>(objects.at(0));
  job.spec.pod_template.metadata.annotations["sim.herd.io/exit-after"] = after;
  job.spec.pod_template.metadata.annotations["sim.herd.io/exit-code"] = std::to_string(code);
  return job;
}

std::optional<api::Job> job(const ControlPlane& plane, const std::string& name, const std::string& ns = "default") {
  return get_as<api::Job>(plane, "Job", ns, name);
}

TEST_P(JobScenarioSimulated, PiWithTimeoutCompletes) {
  start(log(), 2);
  ASSERT_TRUE(plane().create(pi_job(read_file(kSeedPi), "5s", 0), "user:test").ok());
  ASSERT_TRUE(advance_until([&] { return condition_true(job(plane(), "pi-with-timeout")->status.conditions, "Complete"); },
                            seconds(30)));
  api::Job j = *job(plane(), "pi-with-timeout");
  EXPECT_EQ(j.status.succeeded, 1);
  EXPECT_EQ(j.status.failed, 0);
  EXPECT_EQ(j.status.active, 0);
  EXPECT_FALSE(j.status.completion_time.empty());
  EXPECT_FALSE(condition_true(j.status.conditions, "Failed"));
  std::vector<api::Pod> pods = pods_owned_by(plane(), "default", j.metadata.uid);
  ASSERT_EQ(pods.size(), 1u);
  EXPECT_EQ(pods[0].status.phase, "Succeeded");
  // Nothing more happens once it completed, even past the deadline.
  advance(seconds(120), seconds(10));
  EXPECT_EQ(pods_owned_by(plane(), "default", j.metadata.uid).size(), 1u);
  EXPECT_FALSE(condition_true(job(plane(), "pi-with-timeout")->status.conditions, "Failed"));
  expect_replay_matches(log());
}

TEST_P(JobScenarioSimulated, FailingPiHitsItsActiveDeadline) {
  start(log(), 2);
  // backoffLimit 5 with back-off 10s, 20s, 40s...: the 100 s deadline comes first.
  ASSERT_TRUE(plane().create(pi_job(read_file(kSeedPi), "5s", 1), "user:test").ok());
  advance(seconds(90), seconds(5));
  api::Job j = *job(plane(), "pi-with-timeout");
  EXPECT_FALSE(condition_true(j.status.conditions, "Failed")) << "failed before its deadline";
  EXPECT_GE(j.status.failed, 2);
  ASSERT_TRUE(advance_until([&] { return condition_true(job(plane(), "pi-with-timeout")->status.conditions, "Failed"); },
                            seconds(15)));
  j = *job(plane(), "pi-with-timeout");
  const api::Condition* failed = find_condition(j.status.conditions, "Failed");
  ASSERT_NE(failed, nullptr);
  EXPECT_EQ(failed->reason, "DeadlineExceeded");
  EXPECT_FALSE(condition_true(j.status.conditions, "Complete"));
  EXPECT_LE(j.status.failed, 5);
  ASSERT_TRUE(advance_until([&] { return job(plane(), "pi-with-timeout")->status.active == 0; }, seconds(60)));
  for (const api::Pod& p : pods_owned_by(plane(), "default", j.metadata.uid)) {
    EXPECT_TRUE(p.status.phase == "Failed" || terminating(p)) << p.metadata.name << " still " << p.status.phase;
  }
  expect_replay_matches(log());
}

TEST_P(JobScenarioSimulated, FailingPiHitsItsBackoffLimit) {
  start(log(), 2);
  api::Job pi = pi_job(read_file(kSeedPi), "2s", 1);
  pi.spec.backoff_limit = 2;
  ASSERT_TRUE(plane().create(pi, "user:test").ok());
  ASSERT_TRUE(advance_until([&] { return condition_true(job(plane(), "pi-with-timeout")->status.conditions, "Failed"); },
                            seconds(95)));
  api::Job j = *job(plane(), "pi-with-timeout");
  EXPECT_EQ(find_condition(j.status.conditions, "Failed")->reason, "BackoffLimitExceeded");
  EXPECT_EQ(j.status.failed, 3);
  EXPECT_EQ(j.status.succeeded, 0);
  // restartPolicy Never: one new pod per failure.
  EXPECT_EQ(pods_owned_by(plane(), "default", j.metadata.uid).size(), 3u);
  expect_replay_matches(log());
}

TEST_P(JobScenarioSimulated, OnFailureRestartsInPlaceUntilTheBackoffLimit) {
  start(log(), 2);
  api::Job pi = pi_job(read_file(kSeedPi), "2s", 1);
  pi.spec.backoff_limit = 2;
  pi.spec.active_deadline_seconds.reset();
  pi.spec.pod_template.spec.restart_policy = "OnFailure";
  ASSERT_TRUE(plane().create(pi, "user:test").ok());
  const std::string uid = uid_of(plane(), "Job", "default", "pi-with-timeout");
  const auto created = clock().now();
  std::set<std::string> pod_names;
  int most_restarts = 0;
  ASSERT_TRUE(advance_until(
      [&] {
        for (const api::Pod& p : pods_owned_by(plane(), "default", uid)) {
          pod_names.insert(p.metadata.name);
          for (const api::ContainerStatus& c : p.status.container_statuses) {
            most_restarts = std::max(most_restarts, c.restart_count);
          }
        }
        return condition_true(job(plane(), "pi-with-timeout")->status.conditions, "Failed");
      },
      seconds(120)));
  api::Job j = *job(plane(), "pi-with-timeout");
  EXPECT_EQ(find_condition(j.status.conditions, "Failed")->reason, "BackoffLimitExceeded");
  EXPECT_EQ(pod_names.size(), 1u) << "OnFailure restarts the container, it makes no new pod";
  EXPECT_GE(most_restarts, 1);
  // Exits at 3 s, 15 s (back-off 10 s) and 37 s (back-off 20 s): the second
  // restart, at 35 s, reaches backoffLimit 2.
  EXPECT_GE(clock().now() - created, seconds(35)) << "failed before the second restart";
  EXPECT_LE(clock().now() - created, seconds(40));
  // The failed Job's running pod is deleted.
  ASSERT_TRUE(advance_until([&] { return pods_owned_by(plane(), "default", uid).empty(); }, seconds(60)));
  EXPECT_EQ(job(plane(), "pi-with-timeout")->status.active, 0);
  expect_replay_matches(log());
}

TEST_P(JobScenarioSimulated, CompletionsRunAtMostParallelismAtATime) {
  start(log(), 2);
  api::Job pi = pi_job(read_file(kSeedPi), "5s", 0);
  pi.spec.completions = 4;
  pi.spec.parallelism = 2;
  ASSERT_TRUE(plane().create(pi, "user:test").ok());
  int most_active = 0;
  ASSERT_TRUE(advance_until(
      [&] {
        api::Job j = *job(plane(), "pi-with-timeout");
        int running = 0;
        for (const api::Pod& p : pods_owned_by(plane(), "default", j.metadata.uid)) {
          running += (p.status.phase != "Succeeded" && p.status.phase != "Failed" && !terminating(p)) ? 1 : 0;
        }
        most_active = std::max(most_active, running);
        return condition_true(j.status.conditions, "Complete");
      },
      seconds(60)));
  api::Job j = *job(plane(), "pi-with-timeout");
  EXPECT_EQ(j.status.succeeded, 4);
  EXPECT_EQ(most_active, 2);
  EXPECT_EQ(pods_owned_by(plane(), "default", j.metadata.uid).size(), 4u);
  expect_replay_matches(log());
}

// The seed's CronJob, its pods scripted to exit with `code` after 5 s.
api::CronJob hello(std::vector<api::Object> objects, int code) {
  EXPECT_EQ(objects.size(), 1u);
  api::CronJob cj = std::get<api::CronJob>(objects.at(0));
  auto& annotations = cj.spec.job_template.spec.pod_template.metadata.annotations;
  annotations["sim.herd.io/exit-after"] = "5s";
  annotations["sim.herd.io/exit-code"] = std::to_string(code);
  return cj;
}

std::vector<api::Job> jobs_of(const ControlPlane& plane, const std::string& uid) {
  std::vector<api::Job> out;
  for (api::Job& j : list_as<api::Job>(plane, "Job", "default")) {
    if (owned_by(j.metadata, uid)) out.push_back(std::move(j));
  }
  return out;
}

TEST_P(JobScenarioSimulated, HelloStartsAJobEveryMinuteAndKeepsThreeSucceeded) {
  start(log(), 2);
  ASSERT_TRUE(plane().create(hello(read_file(kSeedHello), 0), "user:test").ok());
  const std::string uid = uid_of(plane(), "CronJob", "default", "hello");
  std::set<std::string> seen;
  std::size_t most_jobs = 0;
  for (int i = 0; i < 7 * 12; ++i) {  // 7 minutes in 5 s steps
    advance(seconds(5), seconds(5));
    std::vector<api::Job> jobs = jobs_of(plane(), uid);
    most_jobs = std::max(most_jobs, jobs.size());
    for (const api::Job& j : jobs) seen.insert(j.metadata.name);
  }
  // One Job per minute: 7 minutes hold 6 or 7 scheduled times.
  EXPECT_GE(seen.size(), 6u);
  EXPECT_LE(seen.size(), 7u);
  EXPECT_LE(most_jobs, 4u) << "3 succeeded kept, plus the one running";
  std::vector<api::Job> jobs = jobs_of(plane(), uid);
  int complete = 0;
  for (const api::Job& j : jobs) complete += condition_true(j.status.conditions, "Complete") ? 1 : 0;
  EXPECT_EQ(complete, 3);
  // The pods of the Jobs removed by the history limit are gone too.
  std::size_t pods = 0;
  for (const api::Job& j : jobs) pods += pods_owned_by(plane(), "default", j.metadata.uid).size();
  EXPECT_EQ(plane().list("Pod", "default").size(), pods);
  auto cj = get_as<api::CronJob>(plane(), "CronJob", "default", "hello");
  EXPECT_FALSE(cj->status.last_schedule_time.empty());
  EXPECT_FALSE(cj->status.last_successful_time.empty());
  expect_replay_matches(log());
}

TEST_P(JobScenarioSimulated, HelloKeepsOneFailedJob) {
  start(log(), 2);
  api::CronJob cj = hello(read_file(kSeedHello), 1);
  cj.spec.job_template.spec.backoff_limit = 0;
  cj.spec.job_template.spec.pod_template.spec.restart_policy = "Never";
  ASSERT_TRUE(plane().create(cj, "user:test").ok());
  const std::string uid = uid_of(plane(), "CronJob", "default", "hello");
  advance(seconds(4 * 60 + 30), seconds(5));
  std::vector<api::Job> jobs = jobs_of(plane(), uid);
  int failed = 0;
  for (const api::Job& j : jobs) failed += condition_true(j.status.conditions, "Failed") ? 1 : 0;
  EXPECT_EQ(failed, 1) << "failedJobsHistoryLimit defaults to 1";
  EXPECT_LE(jobs.size(), 2u);
  expect_replay_matches(log());
}

TEST_P(JobScenarioSimulated, HelloWithForbidRunsOneJobAtATime) {
  start(log(), 2);
  std::vector<api::Object> objects = read_file(kSeedHello);
  api::CronJob cj = std::get<api::CronJob>(objects.at(0));
  cj.spec.concurrency_policy = "Forbid";  // and its pods run until stopped
  ASSERT_TRUE(plane().create(cj, "user:test").ok());
  const std::string uid = uid_of(plane(), "CronJob", "default", "hello");
  advance(seconds(4 * 60), seconds(10));
  std::vector<api::Job> jobs = jobs_of(plane(), uid);
  ASSERT_EQ(jobs.size(), 1u) << "Forbid starts no Job while one runs";
  EXPECT_EQ(running_ready_count(plane(), "default", jobs[0].metadata.uid), 1);
  EXPECT_EQ(get_as<api::CronJob>(plane(), "CronJob", "default", "hello")->status.active.size(), 1u);
  expect_replay_matches(log());
}

TEST_P(JobScenarioSimulated, UnscriptedHelloJobsPileUpAsActive) {
  start(log(), 2);
  apply_file(kSeedHello);  // the pods run until stopped; concurrencyPolicy Allow
  const std::string uid = uid_of(plane(), "CronJob", "default", "hello");
  advance(seconds(3 * 60), seconds(10));
  std::vector<api::Job> jobs = jobs_of(plane(), uid);
  EXPECT_GE(jobs.size(), 2u);
  EXPECT_LE(jobs.size(), 3u);
  auto cj = get_as<api::CronJob>(plane(), "CronJob", "default", "hello");
  EXPECT_EQ(cj->status.active.size(), jobs.size());
  for (const api::Job& j : jobs) EXPECT_EQ(running_ready_count(plane(), "default", j.metadata.uid), 1) << j.metadata.name;
  expect_replay_matches(log());
}

}  // namespace
}  // namespace herd::actors::scenarios
