// The Recreate strategy: old down, wait for their pods, then new up.

#include <gtest/gtest.h>

#include "deployment/deployment_reconcile.hpp"
#include "deployment/deployment_testing.hpp"
#include "deployment/deployment_util.hpp"

namespace herd::actors::deployment {
namespace {

using testing::FakeCluster;

constexpr std::string_view kRecreate = "  strategy: {type: Recreate}\n";

TEST(DeploymentRecreate, FirstRolloutCreatesAtFullSize) {
  FakeCluster c(testing::deployment_yaml(3, kRecreate));
  std::string name = "web-" + template_hash(c.deployment().spec.pod_template, std::nullopt);
  EXPECT_EQ(testing::scalings(c.step()), std::vector<std::string>{name + " +3"});
}

TEST(DeploymentRecreate, OldDownThenWaitForItsPodsThenNewUp) {
  FakeCluster c(testing::deployment_yaml(2, kRecreate));
  testing::run_until_stable(c);
  std::string old_rs = c.rs_with_revision(1).metadata.name;
  c.add_pod(old_rs, "web-a", "Running", false);
  c.add_pod(old_rs, "web-b", "Running", false);
  c.set_image("web:2");

  // 1. Every old ReplicaSet to 0; nothing new yet.
  EXPECT_EQ(testing::scalings(c.step()), std::vector<std::string>{old_rs + " 2->0"});
  EXPECT_EQ(c.replica_sets().size(), 1u);

  // 2. The old ReplicaSet reports no pods, but its pods are still running.
  c.catch_up();
  EXPECT_TRUE(old_pods_running(Step(c.deployment_object(), c.store, c.now)));
  EXPECT_TRUE(c.step().commands.empty());
  EXPECT_EQ(c.replica_sets().size(), 1u);

  // 3. One pod finished, the other is terminating: neither runs any more.
  c.remove_pod("web-a");
  c.add_pod(old_rs, "web-a", "Succeeded", false);
  c.remove_pod("web-b");
  c.add_pod(old_rs, "web-b", "Running", /*terminating=*/true);
  Plan plan = c.step();
  std::string new_rs = "web-" + template_hash(c.deployment().spec.pod_template, std::nullopt);
  EXPECT_EQ(testing::scalings(plan), std::vector<std::string>{new_rs + " +2"});
  testing::run_until_stable(c);
  EXPECT_TRUE(deployment_complete(c.deployment(), c.deployment().status));
}

TEST(DeploymentRecreate, WaitsWhileTheOldReplicaSetStillReportsPods) {
  FakeCluster c(testing::deployment_yaml(2, kRecreate));
  testing::run_until_stable(c);
  c.set_image("web:2");
  c.step();  // old to 0; its status still says 2 (the ReplicaSet controller has not caught up)
  EXPECT_TRUE(testing::scalings(c.step()).empty());
  EXPECT_EQ(c.replica_sets().size(), 1u);
  c.catch_up();
  EXPECT_EQ(testing::scalings(c.step()).size(), 1u);  // the new one, at 2
}

}  // namespace
}  // namespace herd::actors::deployment
