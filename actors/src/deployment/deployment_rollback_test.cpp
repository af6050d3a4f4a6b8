// Rollback requests (the rollback-to annotation) and herd's automatic rollback.

#include <gtest/gtest.h>

#include "deployment/deployment_testing.hpp"
#include "deployment/deployment_util.hpp"
#include "herd/events/event_types.hpp"

namespace herd::actors::deployment {
namespace {

using testing::FakeCluster;

void request_rollback(FakeCluster& c, const std::string& revision) {
  c.edit([&](api::Deployment& d) { d.metadata.annotations[std::string(kRollbackToAnnotation)] = revision; });
}

const std::string& image(const FakeCluster& c) { return c.deployment().spec.pod_template.spec.containers[0].image; }

// Revisions 1..n with images web:1..web:n, each rolled out.
void roll_revisions(FakeCluster& c, int n) {
  testing::run_until_stable(c);
  for (int i = 2; i <= n; ++i) {
    c.set_image("web:" + std::to_string(i));
    testing::run_until_stable(c);
  }
}

api::Value rolled_back(const Plan& plan) { return testing::event_data(plan, events::types::kDeploymentRolledBack); }

TEST(DeploymentRollback, EmptyRequestGoesToThePreviousRevision) {
  FakeCluster c(testing::deployment_yaml(2));
  roll_revisions(c, 2);
  std::string first = c.rs_with_revision(1).metadata.name;
  request_rollback(c, "");
  Plan plan = c.step();
  api::Value data = rolled_back(plan);
  ASSERT_TRUE(data.is_object());
  EXPECT_EQ(data.find("fromRevision")->as_int(), 2);
  EXPECT_EQ(data.find("toRevision")->as_int(), 1);
  EXPECT_EQ(data.find("template")->find("metadata")->find("labels")->find("pod-template-hash"), nullptr);
  EXPECT_EQ(image(c), "web:1");
  EXPECT_EQ(c.deployment().metadata.annotations.count(std::string(kRollbackToAnnotation)), 0u);

  // The old ReplicaSet comes back as revision 3 and takes the pods again.
  testing::run_until_stable(c);
  EXPECT_EQ(c.replica_sets().size(), 2u);
  EXPECT_EQ(revision_of(c.rs(first).metadata), 3);
  EXPECT_EQ(rs_replicas(c.rs(first)), 2);
  EXPECT_EQ(c.deployment().metadata.annotations.at(std::string(kRevisionAnnotation)), "3");
}

TEST(DeploymentRollback, ZeroAlsoMeansThePreviousRevision) {
  FakeCluster c(testing::deployment_yaml(2));
  roll_revisions(c, 3);
  request_rollback(c, "0");
  EXPECT_EQ(rolled_back(c.step()).find("toRevision")->as_int(), 2);
  EXPECT_EQ(image(c), "web:2");
}

TEST(DeploymentRollback, ToAGivenRevision) {
  FakeCluster c(testing::deployment_yaml(2));
  roll_revisions(c, 3);
  request_rollback(c, "1");
  Plan plan = c.step();
  EXPECT_EQ(rolled_back(plan).find("toRevision")->as_int(), 1);
  EXPECT_EQ(rolled_back(plan).find("reason")->as_string(), "rolled back to revision 1 on request");
  EXPECT_EQ(image(c), "web:1");
  testing::run_until_stable(c);
  EXPECT_EQ(rs_replicas(c.rs_with_revision(4)), 2);
  EXPECT_EQ(c.rs_with_revision(4).spec.pod_template.spec.containers[0].image, "web:1");
}

TEST(DeploymentRollback, MissingRevisionIsRefusedAndCleared) {
  FakeCluster c(testing::deployment_yaml(2));
  roll_revisions(c, 2);
  request_rollback(c, "7");
  Plan plan = c.step();
  EXPECT_EQ(rolled_back(plan).find("reason")->as_string(),
            "DeploymentRollbackRevisionNotFound: revision 7 does not exist");
  EXPECT_EQ(rolled_back(plan).find("toRevision")->as_int(), 2);
  EXPECT_EQ(image(c), "web:2");
  EXPECT_EQ(c.deployment().metadata.annotations.count(std::string(kRollbackToAnnotation)), 0u);
  EXPECT_TRUE(c.step().empty());
}

// The reason a request is refused with, after rolling out web:1..web:`revisions`.
std::string refusal(int revisions, const std::string& request) {
  FakeCluster c(testing::deployment_yaml(2));
  roll_revisions(c, revisions);
  request_rollback(c, request);
  api::Value data = rolled_back(c.step());
  EXPECT_EQ(image(c), "web:" + std::to_string(revisions)) << "the template must stay";
  EXPECT_EQ(c.deployment().metadata.annotations.count(std::string(kRollbackToAnnotation)), 0u);
  return data.is_object() ? data.find("reason")->as_string() : "<no DeploymentRolledBack>";
}

TEST(DeploymentRollback, NoPreviousRevisionIsRefused) {
  EXPECT_EQ(refusal(1, ""), "DeploymentRollbackRevisionNotFound: unable to find the previous revision");
}

TEST(DeploymentRollback, CurrentTemplateIsRefused) {
  EXPECT_EQ(refusal(2, "2"), "DeploymentRollbackTemplateUnchanged: revision 2 has the current template");
}

TEST(DeploymentRollback, NonNumberIsRefused) {
  EXPECT_EQ(refusal(2, "latest"), "DeploymentRollbackRevisionNotFound: \"latest\" is not a revision");
}

TEST(DeploymentRollback, WaitsWhilePaused) {
  FakeCluster c(testing::deployment_yaml(2));
  roll_revisions(c, 2);
  c.edit([](api::Deployment& d) { d.spec.paused = true; });
  request_rollback(c, "1");
  EXPECT_TRUE(rolled_back(c.step()).is_null());
  c.edit([](api::Deployment& d) { d.spec.paused = false; });
  EXPECT_EQ(rolled_back(c.step()).find("toRevision")->as_int(), 1);
}

// Auto-rollback --------------------------------------------------------------

constexpr std::string_view kAuto = "herd.io/auto-rollback: \"true\"";
constexpr std::string_view kSpec =
    "  progressDeadlineSeconds: 60\n  strategy:\n    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}\n";

// The current template never gets an available pod and misses its deadline.
void miss_deadline(FakeCluster& c) {
  testing::step_with_pods(c, 1);
  c.step();
  c.now += std::chrono::seconds(61);
  c.step();
  ASSERT_EQ(testing::condition(c.deployment(), kProgressing).reason, kProgressDeadlineExceeded);
}

void fail_revision_two(FakeCluster& c) {
  c.set_image("web:2");
  miss_deadline(c);
}

TEST(DeploymentAutoRollback, MissedDeadlineGoesBackToTheLastAvailableRevisionOnce) {
  FakeCluster c(testing::deployment_yaml(2, kSpec, kAuto));
  roll_revisions(c, 1);
  std::string good = c.rs_with_revision(1).metadata.name;
  EXPECT_EQ(c.rs(good).metadata.annotations.at(std::string(kAvailableAnnotation)), "true");
  fail_revision_two(c);
  std::string failed = c.rs_with_revision(2).metadata.name;

  Plan plan = c.step();
  api::Value data = rolled_back(plan);
  ASSERT_TRUE(data.is_object());
  EXPECT_EQ(data.find("reason")->as_string(),
            "revision 2 missed its progress deadline of 60s; rolled back to revision 1");
  EXPECT_EQ(data.find("fromRevision")->as_int(), 2);
  EXPECT_EQ(data.find("toRevision")->as_int(), 1);
  EXPECT_EQ(image(c), "web:1");
  EXPECT_EQ(c.rs(failed).metadata.annotations.at(std::string(kAutoRolledBackAnnotation)), "2");
  EXPECT_EQ(testing::condition(c.deployment(), kProgressing).reason, kDeploymentRolledBack);

  // The old template takes over again; no second rollback, ever.
  for (int i = 0; i < 10; ++i) {
    Plan p = c.step();
    EXPECT_TRUE(rolled_back(p).is_null()) << "step " << i;
    c.settle();
    c.now += std::chrono::seconds(30);
  }
  EXPECT_EQ(rs_replicas(c.rs(good)), 2);
  EXPECT_EQ(rs_replicas(c.rs(failed)), 0);
  EXPECT_EQ(revision_of(c.rs(good).metadata), 3);
  EXPECT_EQ(testing::condition(c.deployment(), kProgressing).reason, kNewReplicaSetAvailable);
}

TEST(DeploymentAutoRollback, ReappliedFailedTemplateIsANewRevisionThatMayRollBackAgain) {
  FakeCluster c(testing::deployment_yaml(2, kSpec, kAuto));
  roll_revisions(c, 1);
  fail_revision_two(c);
  c.step();  // rolled back
  testing::run_until_stable(c);
  fail_revision_two(c);  // web:2 again: its ReplicaSet is reused as revision 4
  EXPECT_EQ(rolled_back(c.step()).find("fromRevision")->as_int(), 4);
}

TEST(DeploymentAutoRollback, OnlyWhenTheDeploymentAsksForIt) {
  FakeCluster c(testing::deployment_yaml(2, kSpec, {}));
  roll_revisions(c, 1);
  fail_revision_two(c);
  EXPECT_TRUE(rolled_back(c.step()).is_null());
  EXPECT_EQ(image(c), "web:2");
}

TEST(DeploymentAutoRollback, NothingToGoBackToWithoutAnAvailableRevision) {
  FakeCluster c(testing::deployment_yaml(2, kSpec, kAuto));
  miss_deadline(c);
  EXPECT_TRUE(rolled_back(c.step()).is_null());
}

}  // namespace
}  // namespace herd::actors::deployment
