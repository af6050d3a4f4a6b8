// Status, conditions, the progress deadline, pause and resume.

#include <gtest/gtest.h>

#include <limits>

#include "deployment/deployment_testing.hpp"
#include "deployment/deployment_util.hpp"

namespace herd::actors::deployment {
namespace {

using testing::FakeCluster;
using std::chrono::milliseconds;
using std::chrono::seconds;

api::Condition progressing(const FakeCluster& c) { return testing::condition(c.deployment(), kProgressing); }
api::Condition available(const FakeCluster& c) { return testing::condition(c.deployment(), kAvailable); }

TEST(DeploymentProgress, ConditionsFollowTheRollout) {
  FakeCluster c(testing::deployment_yaml(2));
  std::string name = "web-" + template_hash(c.deployment().spec.pod_template, std::nullopt);
  c.step();
  EXPECT_EQ(progressing(c).status, "True");
  EXPECT_EQ(progressing(c).reason, kNewReplicaSetCreated);
  EXPECT_EQ(progressing(c).message, "Created new replica set \"" + name + "\"");
  EXPECT_EQ(available(c).status, "False");
  EXPECT_EQ(available(c).reason, kMinimumReplicasUnavailable);

  c.set_rs_status(name, 1);
  c.step();
  EXPECT_EQ(progressing(c).reason, kReplicaSetUpdated);
  EXPECT_EQ(progressing(c).message, "ReplicaSet \"" + name + "\" is progressing.");
  EXPECT_EQ(progressing(c).last_update_time, "2026-01-01T00:00:01Z");
  EXPECT_EQ(progressing(c).last_transition_time, "2026-01-01T00:00:00Z");

  c.settle();
  c.step();
  EXPECT_EQ(progressing(c).reason, kNewReplicaSetAvailable);
  EXPECT_EQ(progressing(c).message, "ReplicaSet \"" + name + "\" has successfully progressed.");
  EXPECT_EQ(available(c).status, "True");
  EXPECT_EQ(available(c).reason, kMinimumReplicasAvailable);
  const api::DeploymentStatus& st = c.deployment().status;
  EXPECT_EQ(st.observed_generation, 1);
  EXPECT_EQ(st.replicas, 2);
  EXPECT_EQ(st.updated_replicas, 2);
  EXPECT_EQ(st.ready_replicas, 2);
  EXPECT_EQ(st.available_replicas, 2);
  EXPECT_EQ(st.unavailable_replicas, 0);
}

TEST(DeploymentProgress, UnavailableCountsWantedPodsNotYetAvailable) {
  FakeCluster c(testing::deployment_yaml(4));
  c.step();
  c.set_rs_status(c.replica_sets()[0].metadata.name, 3);
  c.step();
  EXPECT_EQ(c.deployment().status.unavailable_replicas, 1);
  EXPECT_EQ(available(c).status, "True");  // 3 >= 4 - 25%
}

TEST(DeploymentProgress, RequeuesForTheDeadlineWithoutProgress) {
  FakeCluster c(testing::deployment_yaml(2));
  Plan first = c.step();  // Progressing updated at t0
  ASSERT_TRUE(first.requeue_after.has_value());
  EXPECT_EQ(*first.requeue_after, milliseconds(601'000));
  c.now += seconds(99);  // t0 + 100s
  EXPECT_EQ(c.reconcile().requeue_after, milliseconds(501'000));
}

TEST(DeploymentProgress, MissedDeadlineSetsProgressingFalseOnce) {
  FakeCluster c(testing::deployment_yaml(2, "  progressDeadlineSeconds: 30\n"));
  c.step();
  c.now += seconds(30);  // t0 + 31s: the deadline (t0 + 30s) has passed
  c.step();
  api::Condition p = progressing(c);
  EXPECT_EQ(p.status, "False");
  EXPECT_EQ(p.reason, kProgressDeadlineExceeded);
  EXPECT_EQ(p.message, "ReplicaSet \"" + c.replica_sets()[0].metadata.name + "\" has timed out progressing.");
  Plan again = c.reconcile();
  EXPECT_TRUE(again.empty());
  EXPECT_FALSE(again.requeue_after.has_value());
  // Progress after all: Progressing is True again.
  c.settle();
  c.step();
  EXPECT_EQ(progressing(c).reason, kNewReplicaSetAvailable);
}

TEST(DeploymentProgress, NoProgressingConditionWithoutADeadline) {
  FakeCluster c(testing::deployment_yaml(1, "  progressDeadlineSeconds: " +
                                                std::to_string(std::numeric_limits<int32_t>::max()) + "\n"));
  Plan plan = c.step();
  EXPECT_FALSE(plan.requeue_after.has_value());
  EXPECT_EQ(progressing(c).status, "");
  EXPECT_EQ(available(c).reason, kMinimumReplicasUnavailable);
}

TEST(DeploymentProgress, PausedMakesNoRolloutProgressButScales) {
  FakeCluster c(testing::deployment_yaml(3));
  testing::run_until_stable(c);
  c.edit([](api::Deployment& d) { d.spec.paused = true; });
  c.step();
  EXPECT_EQ(progressing(c).status, "Unknown");
  EXPECT_EQ(progressing(c).reason, kDeploymentPaused);

  c.set_image("web:2");
  EXPECT_TRUE(testing::scalings(c.step()).empty());
  EXPECT_EQ(c.replica_sets().size(), 1u);

  c.set_replicas(5);
  std::string name = c.replica_sets()[0].metadata.name;
  EXPECT_EQ(testing::scalings(c.step()), std::vector<std::string>{name + " 3->5"});

  // Paused long past the deadline: no timeout, and resuming restarts it.
  c.now += seconds(3600);
  c.step();
  EXPECT_EQ(progressing(c).reason, kDeploymentPaused);
  c.edit([](api::Deployment& d) { d.spec.paused = false; });
  Plan resumed = c.step();
  EXPECT_EQ(c.replica_sets().size(), 2u);  // the rollout goes on
  EXPECT_EQ(progressing(c).reason, kNewReplicaSetCreated);
  EXPECT_EQ(resumed.requeue_after, milliseconds(601'000));
  testing::run_until_stable(c);
  EXPECT_EQ(c.replica_sets().back().spec.pod_template.spec.containers[0].image, "web:2");
  EXPECT_EQ(rs_replicas(c.replica_sets().back()), 5);
}

TEST(DeploymentProgress, ResumeMidRolloutRestartsTheDeadline) {
  FakeCluster c(testing::deployment_yaml(3, "  strategy:\n    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}\n"));
  testing::run_until_stable(c);
  c.set_image("web:2");
  c.step();
  c.catch_up();
  c.step();
  ASSERT_EQ(progressing(c).reason, kReplicaSetUpdated);
  c.edit([](api::Deployment& d) { d.spec.paused = true; });
  c.step();
  c.now += seconds(3600);
  c.edit([](api::Deployment& d) { d.spec.paused = false; });
  Plan plan = c.step();
  EXPECT_EQ(progressing(c).status, "Unknown");
  EXPECT_EQ(progressing(c).reason, kDeploymentResumed);
  EXPECT_EQ(plan.requeue_after, milliseconds(601'000));
}

TEST(DeploymentProgress, ResumingACompleteDeploymentReportsItComplete) {
  FakeCluster c(testing::deployment_yaml(1));
  testing::run_until_stable(c);
  c.edit([](api::Deployment& d) { d.spec.paused = true; });
  c.step();
  c.edit([](api::Deployment& d) { d.spec.paused = false; });
  c.step();
  EXPECT_EQ(progressing(c).status, "True");
  EXPECT_EQ(progressing(c).reason, kNewReplicaSetAvailable);
}

}  // namespace
}  // namespace herd::actors::deployment
