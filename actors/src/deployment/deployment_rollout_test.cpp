// The RollingUpdate strategy, step by step: the test plays the ReplicaSet
// controller and the pods between the controller's steps.

#include <gtest/gtest.h>

#include "deployment/deployment_reconcile.hpp"
#include "deployment/deployment_testing.hpp"
#include "deployment/deployment_util.hpp"

namespace herd::actors::deployment {
namespace {

using testing::FakeCluster;

// Rolls the new template out, making the new ReplicaSet's pods available
// only when a step had nothing to do (pods take time); checks after every
// step and every change of the pods that there are never more than `max_pods`
// pods wanted nor fewer than `min_available` available. Returns every scaling.
std::vector<std::string> roll(FakeCluster& c, int32_t max_pods, int32_t min_available) {
  std::vector<std::string> all;
  for (int i = 0; i < 40; ++i) {
    Plan plan = c.step();
    for (const std::string& s : testing::scalings(plan)) all.push_back(s);
    EXPECT_LE(c.total_spec(), max_pods) << "after step " << i;
    c.catch_up();
    EXPECT_GE(c.total_available(), min_available) << "after step " << i;
    if (!plan.commands.empty()) continue;
    if (deployment_complete(c.deployment(), c.deployment().status) && plan.empty()) return all;
    const api::ReplicaSet newest = c.replica_sets().back();
    c.set_rs_status(newest.metadata.name, rs_replicas(newest));
  }
  ADD_FAILURE() << "the rollout did not complete";
  return all;
}

TEST(DeploymentRollout, SurgeOneUnavailableZeroReplacesOnePodAtATime) {
  FakeCluster c(testing::deployment_yaml(3, "  strategy:\n    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}\n"));
  testing::run_until_stable(c);
  std::string old_rs = c.rs_with_revision(1).metadata.name;
  c.set_image("web:2");
  std::vector<std::string> scalings = roll(c, /*max_pods=*/4, /*min_available=*/3);
  std::string new_rs = c.rs_with_revision(2).metadata.name;
  EXPECT_EQ(scalings, (std::vector<std::string>{new_rs + " +1", old_rs + " 3->2", new_rs + " 1->2",
                                                old_rs + " 2->1", new_rs + " 2->3", old_rs + " 1->0"}));
  const api::DeploymentStatus& st = c.deployment().status;
  EXPECT_EQ(st.replicas, 3);
  EXPECT_EQ(st.updated_replicas, 3);
  EXPECT_EQ(st.available_replicas, 3);
  EXPECT_EQ(st.unavailable_replicas, 0);
  EXPECT_EQ(testing::condition(c.deployment(), kProgressing).reason, kNewReplicaSetAvailable);
}

TEST(DeploymentRollout, SurgeZeroUnavailableOneScalesOldDownFirst) {
  FakeCluster c(testing::deployment_yaml(4, "  strategy:\n    rollingUpdate: {maxSurge: 0, maxUnavailable: 1}\n"));
  testing::run_until_stable(c);
  std::string old_rs = c.rs_with_revision(1).metadata.name;
  c.set_image("web:2");
  std::vector<std::string> scalings = roll(c, /*max_pods=*/4, /*min_available=*/3);
  std::string new_rs = c.rs_with_revision(2).metadata.name;
  ASSERT_GE(scalings.size(), 2u);
  // One step: the new ReplicaSet is created empty (4 pods are the most) and
  // one old pod may go at once.
  EXPECT_EQ(scalings[0], old_rs + " 4->3");
  EXPECT_EQ(scalings[1], new_rs + " +0");
  EXPECT_EQ(rs_replicas(c.rs(new_rs)), 4);
  EXPECT_EQ(rs_replicas(c.rs(old_rs)), 0);
}

TEST(DeploymentRollout, PercentagesRollOutWithinTheirBounds) {
  // 10 replicas, 25%/25%: at most 13 pods, at least 8 available.
  FakeCluster c(testing::deployment_yaml(10));
  testing::run_until_stable(c);
  c.set_image("web:2");
  roll(c, 13, 8);
  EXPECT_EQ(rs_replicas(c.rs_with_revision(2)), 10);
}

TEST(DeploymentRollout, NothingOldGoesWhileNewPodsAreUnavailable) {
  FakeCluster c(testing::deployment_yaml(3, "  strategy:\n    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}\n"));
  testing::run_until_stable(c);
  c.set_image("web:2");
  c.step();
  for (int i = 0; i < 5; ++i) {
    c.catch_up();  // the new pod never becomes available
    EXPECT_TRUE(testing::scalings(c.step()).empty());
  }
  EXPECT_EQ(rs_replicas(c.rs_with_revision(1)), 3);
  EXPECT_EQ(rs_replicas(c.rs_with_revision(2)), 1);
}

TEST(DeploymentRollout, UnhealthyOldReplicasAreCleanedUpFirst) {
  // 10 replicas, maxSurge 3, maxUnavailable 2: the new template crash-loops
  // at 5 pods beside 8 old ones. Going back to the old template makes the
  // crash-looping ReplicaSet old: 13 - 8 - 0 = 5 of its unhealthy pods may go.
  FakeCluster c(testing::deployment_yaml(10, "  strategy:\n    rollingUpdate: {maxSurge: 3, maxUnavailable: 2}\n"));
  testing::start_rollout(c, "web:2", 4);
  std::string crashing = c.rs_with_revision(2).metadata.name;
  ASSERT_EQ(rs_replicas(c.rs(crashing)), 5);
  c.set_image("web:1");
  EXPECT_EQ(testing::scalings(c.step()), std::vector<std::string>{crashing + " 5->0"});
}

TEST(DeploymentRollout, NewReplicaSetAboveReplicasIsScaledBack) {
  FakeCluster c(testing::deployment_yaml(3));
  testing::run_until_stable(c);
  api::ReplicaSet rs = c.rs_with_revision(1);
  rs.spec.replicas = 5;  // someone scaled the ReplicaSet by hand
  auto stored = std::make_shared<StoredObject>();
  stored->key = "ReplicaSet/default/" + rs.metadata.name;
  stored->object = rs;
  stored->seq = 99;
  c.store.put(stored);
  EXPECT_EQ(testing::scalings(c.step()), std::vector<std::string>{rs.metadata.name + " 5->3"});
}

}  // namespace
}  // namespace herd::actors::deployment
