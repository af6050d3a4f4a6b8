// Revisions, the new ReplicaSet, proportional scaling and the history limit.

#include <gtest/gtest.h>

#include "deployment/deployment_testing.hpp"
#include "deployment/deployment_util.hpp"
#include "herd/api/codec.hpp"
#include "herd/events/event_types.hpp"

namespace herd::actors::deployment {
namespace {

using testing::FakeCluster;

std::string annotation(const api::ReplicaSet& rs, std::string_view key) {
  auto it = rs.metadata.annotations.find(std::string(key));
  return it == rs.metadata.annotations.end() ? "<none>" : it->second;
}

TEST(DeploymentSync, CreatesTheNewReplicaSetNamedByTemplateHash) {
  FakeCluster c(testing::deployment_yaml(3, {}, "kubernetes.io/change-cause: first"));
  std::string hash = template_hash(c.deployment().spec.pod_template, std::nullopt);
  Plan plan = c.step();
  EXPECT_EQ(testing::scalings(plan), std::vector<std::string>{"web-" + hash + " +3"});
  EXPECT_EQ(testing::event_types(plan), std::vector<std::string>{"DeploymentRevisionCreated"});
  EXPECT_EQ(api::to_json(testing::event_data(plan, events::types::kDeploymentRevisionCreated)),
            "{\"revision\":1,\"replicaSet\":\"web-" + hash + "\"}");

  api::ReplicaSet rs = c.rs("web-" + hash);
  api::StringMap labels{{"app", "web"}, {"pod-template-hash", hash}};
  EXPECT_EQ(rs.metadata.labels, labels);
  EXPECT_EQ(rs.spec.pod_template.metadata.labels, labels);
  EXPECT_EQ(rs.spec.selector->match_labels, labels);
  ASSERT_EQ(rs.metadata.owner_references.size(), 1u);
  const api::OwnerReference& owner = rs.metadata.owner_references[0];
  EXPECT_EQ(owner.kind, "Deployment");
  EXPECT_EQ(owner.uid, "uid-web");
  EXPECT_EQ(owner.controller, true);
  EXPECT_EQ(owner.block_owner_deletion, true);
  EXPECT_EQ(annotation(rs, kRevisionAnnotation), "1");
  EXPECT_EQ(annotation(rs, kDesiredReplicasAnnotation), "3");
  EXPECT_EQ(annotation(rs, kMaxReplicasAnnotation), "4");  // 3 + 25% rounded up
  EXPECT_EQ(annotation(rs, kChangeCauseAnnotation), "first");
  EXPECT_EQ(c.deployment().metadata.annotations.at(std::string(kRevisionAnnotation)), "1");
}

TEST(DeploymentSync, NewTemplateGetsTheNextRevision) {
  FakeCluster c(testing::deployment_yaml(2));
  testing::run_until_stable(c);
  c.set_image("web:2");
  Plan plan = c.step();
  EXPECT_EQ(testing::event_data(plan, events::types::kDeploymentRevisionCreated).find("revision")->as_int(), 2);
  EXPECT_EQ(c.replica_sets().size(), 2u);
  EXPECT_EQ(c.rs_with_revision(2).spec.pod_template.spec.containers[0].image, "web:2");
}

TEST(DeploymentSync, TemplateThatComesBackReusesItsReplicaSetWithTheNextRevision) {
  FakeCluster c(testing::deployment_yaml(2));
  testing::run_until_stable(c);
  std::string first = c.rs_with_revision(1).metadata.name;
  c.set_image("web:2");
  testing::run_until_stable(c);
  c.set_image("web:1");  // re-applied, or kubectl rollout undo copying the template back
  Plan plan = c.step();
  EXPECT_EQ(c.replica_sets().size(), 2u);  // no new ReplicaSet
  EXPECT_EQ(annotation(c.rs(first), kRevisionAnnotation), "3");
  EXPECT_EQ(api::to_json(testing::event_data(plan, events::types::kDeploymentRevisionCreated)),
            "{\"revision\":3,\"replicaSet\":\"" + first + "\"}");
  testing::run_until_stable(c);
  EXPECT_EQ(rs_replicas(c.rs(first)), 2);
  EXPECT_EQ(c.deployment().metadata.annotations.at(std::string(kRevisionAnnotation)), "3");
}

TEST(DeploymentSync, ScalingTheOnlyReplicaSet) {
  FakeCluster c(testing::deployment_yaml(3));
  testing::run_until_stable(c);
  c.set_replicas(5);
  Plan plan = c.step();
  std::string name = c.rs_with_revision(1).metadata.name;
  EXPECT_EQ(testing::scalings(plan), std::vector<std::string>{name + " 3->5"});
  EXPECT_EQ(annotation(c.rs(name), kDesiredReplicasAnnotation), "5");
  EXPECT_EQ(annotation(c.rs(name), kMaxReplicasAnnotation), "7");
}

// 10 replicas, maxSurge 3, maxUnavailable 2; the new template crash-loops,
// so the rollout stops at old 8 + new 5 (none of them available).
constexpr std::string_view kStuckSpec = "  strategy:\n    rollingUpdate: {maxSurge: 3, maxUnavailable: 2}\n";

void stuck_rollout(FakeCluster& c) {
  testing::start_rollout(c, "web:2", 6);
  EXPECT_EQ(rs_replicas(c.rs_with_revision(1)), 8);
  EXPECT_EQ(rs_replicas(c.rs_with_revision(2)), 5);
}

TEST(DeploymentSync, ScalingMidRolloutIsProportionalWithinSurge) {
  FakeCluster c(testing::deployment_yaml(10, kStuckSpec));
  stuck_rollout(c);
  std::string old_rs = c.rs_with_revision(1).metadata.name, new_rs = c.rs_with_revision(2).metadata.name;
  c.set_replicas(15);
  Plan plan = c.step();
  // 18 allowed (15 + 3): old 8 -> round(8*18/13) = 11, new 5 -> round(5*18/13) = 7.
  EXPECT_EQ(testing::scalings(plan), (std::vector<std::string>{old_rs + " 8->11", new_rs + " 5->7"}));
  EXPECT_EQ(c.total_spec(), 18);
  EXPECT_EQ(annotation(c.rs(old_rs), kMaxReplicasAnnotation), "18");
  EXPECT_EQ(annotation(c.rs(new_rs), kDesiredReplicasAnnotation), "15");
  // The next step is no scaling event any more: the rollout goes on from here.
  EXPECT_TRUE(testing::scalings(c.reconcile()).empty());
}

TEST(DeploymentSync, EqualSizesGrowNewestFirstAndShrinkOldestFirst) {
  FakeCluster c(testing::deployment_yaml(4, "  strategy:\n    rollingUpdate: {maxSurge: 0, maxUnavailable: 2}\n"));
  testing::start_rollout(c, "web:2", 4);
  std::string old_rs = c.rs_with_revision(1).metadata.name, new_rs = c.rs_with_revision(2).metadata.name;
  ASSERT_EQ(rs_replicas(c.rs(old_rs)), 2);
  ASSERT_EQ(rs_replicas(c.rs(new_rs)), 2);

  c.set_replicas(5);
  EXPECT_EQ(testing::scalings(c.step()), std::vector<std::string>{new_rs + " 2->3"});
  c.catch_up();
  c.set_replicas(3);
  // 5 -> 3: round(3*3/5) = 2 for new (-1), round(2*3/5) = 1 for old (-1).
  EXPECT_EQ(testing::scalings(c.step()), (std::vector<std::string>{old_rs + " 2->1", new_rs + " 3->2"}));
  c.catch_up();
  c.set_replicas(2);
  // 3 -> 2 with 2 and 1: the larger gives first.
  EXPECT_EQ(testing::scalings(c.step()), std::vector<std::string>{new_rs + " 2->1"});
}

TEST(DeploymentSync, ShrinkingEqualSizesTakesFromTheOlder) {
  FakeCluster c(testing::deployment_yaml(4, "  strategy:\n    rollingUpdate: {maxSurge: 0, maxUnavailable: 2}\n"));
  testing::start_rollout(c, "web:2", 4);
  std::string old_rs = c.rs_with_revision(1).metadata.name;
  c.set_replicas(3);
  // 4 -> 3 over 2 + 2: round(2*3/4) = 2 leaves both; the leftover -1 goes to the older.
  EXPECT_EQ(testing::scalings(c.step()), std::vector<std::string>{old_rs + " 2->1"});
}

TEST(DeploymentSync, HistoryLimitDeletesTheOldestIdleReplicaSets) {
  FakeCluster c(testing::deployment_yaml(1, "  revisionHistoryLimit: 2\n"));
  testing::run_until_stable(c);
  for (const char* image : {"web:2", "web:3", "web:4"}) {
    c.set_image(image);
    testing::run_until_stable(c);
  }
  std::vector<std::string> revisions;
  for (const api::ReplicaSet& rs : c.replica_sets()) revisions.push_back(annotation(rs, kRevisionAnnotation));
  EXPECT_EQ(revisions, (std::vector<std::string>{"2", "3", "4"}));  // the current one and 2 old ones
}

TEST(DeploymentSync, HistoryLimitKeepsReplicaSetsThatStillHavePods) {
  FakeCluster c(testing::deployment_yaml(1, "  revisionHistoryLimit: 0\n"));
  testing::run_until_stable(c);
  std::string first = c.rs_with_revision(1).metadata.name;
  c.add_pod(first, "straggler", "Running", /*terminating=*/true);
  c.set_image("web:2");
  testing::run_until_stable(c);
  EXPECT_EQ(c.replica_sets().size(), 2u);
  c.remove_pod("straggler");
  testing::run_until_stable(c);
  EXPECT_EQ(c.replica_sets().size(), 1u);
  EXPECT_EQ(annotation(c.replica_sets()[0], kRevisionAnnotation), "2");
}

TEST(DeploymentSync, NameCollisionBumpsCollisionCountAndHashesAgain) {
  FakeCluster c(testing::deployment_yaml(1));
  std::string taken = "web-" + template_hash(c.deployment().spec.pod_template, std::nullopt);
  api::ReplicaSet other;
  other.metadata.name = taken;
  other.metadata.namespace_ = "default";
  other.metadata.labels = {{"app", "other"}};
  other.spec.selector = api::LabelSelector{{{"app", "other"}}, {}};
  auto stored = std::make_shared<StoredObject>();
  stored->key = "ReplicaSet/default/" + taken;
  stored->object = other;
  c.store.put(stored);

  Plan plan = c.step();
  EXPECT_TRUE(testing::scalings(plan).empty());
  EXPECT_EQ(c.deployment().status.collision_count, 1);
  plan = c.step();
  std::string second = "web-" + template_hash(c.deployment().spec.pod_template, 1);
  EXPECT_EQ(testing::scalings(plan), std::vector<std::string>{second + " +1"});
}

}  // namespace
}  // namespace herd::actors::deployment
