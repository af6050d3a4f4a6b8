// The controller as the core sees it: registration, dispatch, idempotence,
// adoption, and the seed talk's Deployment end to end.

#include "deployment/deployment_controller.hpp"

#include <gtest/gtest.h>

#include "deployment/deployment_reconcile.hpp"
#include "deployment/deployment_testing.hpp"
#include "deployment/deployment_util.hpp"

namespace herd::actors::deployment {
namespace {

using testing::FakeCluster;

void put_rs(FakeCluster& c, const api::ReplicaSet& rs) {
  auto o = std::make_shared<StoredObject>();
  o->key = "ReplicaSet/default/" + rs.metadata.name;
  o->object = rs;
  o->seq = 1;
  c.store.put(o);
}

// Same state, same plan: reconcile twice and compare everything.
void expect_idempotent(const FakeCluster& c, const char* when) {
  EXPECT_EQ(testing::describe(c.reconcile()), testing::describe(c.reconcile())) << when;
}

TEST(DeploymentController, IsTheControllerOfKindDeployment) {
  EXPECT_NE(make_controller("Deployment"), nullptr);
  EXPECT_EQ(actor_name(), "controller:deployment");
}

TEST(DeploymentController, SeedSiseDeployRollsOut) {
  FakeCluster c(testing::read_text(HERD_SOURCE_DIR "/examples/seed/deployment-sise-deploy.yaml"));
  std::string name = "sise-deploy-" + template_hash(c.deployment().spec.pod_template, std::nullopt);
  Plan plan = c.step();
  EXPECT_EQ(testing::scalings(plan), std::vector<std::string>{name + " +2"});
  api::ReplicaSet rs = c.rs(name);
  EXPECT_EQ(rs.metadata.labels.at("app"), "sise");
  EXPECT_EQ(rs.spec.pod_template.spec.containers.at(0).image, "mhausenblas/simple-service:0.5.0");
  EXPECT_EQ(rs.spec.selector->match_labels.at("pod-template-hash"), rs.metadata.labels.at("pod-template-hash"));
  testing::run_until_stable(c);
  const api::Deployment& d = c.deployment();
  EXPECT_TRUE(deployment_complete(d, d.status));
  EXPECT_EQ(testing::condition(d, kAvailable).status, "True");
  EXPECT_EQ(testing::condition(d, kProgressing).reason, kNewReplicaSetAvailable);
  EXPECT_EQ(d.metadata.annotations.at(std::string(kRevisionAnnotation)), "1");
  EXPECT_EQ(c.rs(name).metadata.annotations.at(std::string(kAvailableAnnotation)), "true");
}

TEST(DeploymentController, SameStateGivesTheSamePlan) {
  FakeCluster c(testing::deployment_yaml(3, "  progressDeadlineSeconds: 30\n", "herd.io/auto-rollback: \"true\""));
  expect_idempotent(c, "new Deployment");
  testing::run_until_stable(c);
  expect_idempotent(c, "complete");
  c.set_image("web:2");
  expect_idempotent(c, "new template");
  c.step();
  c.catch_up();
  expect_idempotent(c, "mid-rollout");
  c.now += std::chrono::seconds(40);
  c.step();
  expect_idempotent(c, "deadline missed, auto-rollback due");
  c.set_replicas(6);
  expect_idempotent(c, "scaling event");
  c.edit([](api::Deployment& d) { d.metadata.annotations["deployment.kubernetes.io/rollback-to"] = "1"; });
  expect_idempotent(c, "rollback request");
}

TEST(DeploymentController, DeletedDeploymentIsLeftToTheGarbageCollector) {
  FakeCluster c(testing::deployment_yaml(3));
  testing::run_until_stable(c);
  auto deleting = std::make_shared<StoredObject>(c.deployment_object());
  api::Deployment& d = std::get<api::Deployment>(deleting->object);
  d.metadata.deletion_timestamp = format_seconds(c.now);
  d.spec.replicas = 1;
  c.store.put(deleting);
  Plan plan = c.reconcile();
  EXPECT_TRUE(plan.empty());
  EXPECT_FALSE(plan.requeue_after.has_value());
}

TEST(DeploymentController, SelectorMatchingEverythingOnlyObservesTheGeneration) {
  FakeCluster c(testing::deployment_yaml(3));
  c.edit([](api::Deployment& d) { d.spec.selector = api::LabelSelector{}; });
  Plan plan = c.step();
  EXPECT_TRUE(plan.commands.empty());
  EXPECT_EQ(c.deployment().status.observed_generation, c.deployment().metadata.generation);
  EXPECT_TRUE(c.replica_sets().empty());
}

TEST(DeploymentController, AdoptsMatchingOrphansBeforeAnythingElse) {
  FakeCluster c(testing::deployment_yaml(2));
  api::ReplicaSet orphan;
  orphan.metadata.name = "web-by-hand";
  orphan.metadata.namespace_ = "default";
  orphan.metadata.uid = "uid-orphan";
  orphan.metadata.labels = {{"app", "web"}};
  orphan.spec.replicas = 2;
  orphan.spec.selector = api::LabelSelector{{{"app", "web"}}, {}};
  orphan.spec.pod_template = c.deployment().spec.pod_template;
  put_rs(c, orphan);
  api::ReplicaSet foreign = orphan;  // another controller's: left alone
  foreign.metadata.name = "web-foreign";
  foreign.metadata.uid = "uid-foreign";
  foreign.metadata.owner_references.push_back({"apps/v1", "Deployment", "other", "uid-other", true, true});
  put_rs(c, foreign);

  Plan plan = c.step();
  ASSERT_EQ(plan.commands.size(), 1u);
  EXPECT_EQ(plan.commands[0].op, Command::Op::kUpdate);
  EXPECT_TRUE(plan.events.empty());
  const api::OwnerReference& ref = c.rs("web-by-hand").metadata.owner_references.at(0);
  EXPECT_EQ(ref.uid, "uid-web");
  EXPECT_EQ(ref.controller, true);

  // Adopted with the Deployment's template: it is the new ReplicaSet, revision 1.
  plan = c.step();
  EXPECT_EQ(testing::event_types(plan), std::vector<std::string>{"DeploymentRevisionCreated"});
  EXPECT_EQ(c.replica_sets().size(), 2u);
  EXPECT_EQ(testing::condition(c.deployment(), kProgressing).reason, kFoundNewReplicaSet);
}

TEST(DeploymentController, ReleasesReplicaSetsItsSelectorNoLongerMatches) {
  FakeCluster c(testing::deployment_yaml(1));
  testing::run_until_stable(c);
  std::string name = c.replica_sets()[0].metadata.name;
  c.edit([](api::Deployment& d) {
    d.spec.selector->match_labels = {{"app", "web2"}};
    d.spec.pod_template.metadata.labels = {{"app", "web2"}};
  });
  Plan plan = c.step();
  ASSERT_EQ(plan.commands.size(), 1u);
  EXPECT_TRUE(c.rs(name).metadata.owner_references.empty());
}

}  // namespace
}  // namespace herd::actors::deployment
