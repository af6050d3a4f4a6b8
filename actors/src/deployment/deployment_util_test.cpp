#include "deployment/deployment_util.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace herd::actors::deployment {
namespace {

api::Deployment rolling(int32_t replicas, std::optional<api::IntOrString> surge,
                        std::optional<api::IntOrString> unavailable) {
  api::Deployment d;
  d.spec.replicas = replicas;
  d.spec.strategy.type = "RollingUpdate";
  d.spec.strategy.rolling_update = api::RollingUpdateDeployment{unavailable, surge};
  return d;
}

api::IntOrString pct(const char* s) { return api::IntOrString::from_string(s); }
api::IntOrString num(int32_t n) { return api::IntOrString::from_int(n); }

api::PodTemplateSpec tmpl(const std::string& image) {
  api::PodTemplateSpec t;
  t.metadata.labels = {{"app", "web"}};
  api::Container c;
  c.name = "web";
  c.image = image;
  t.spec.containers.push_back(c);
  return t;
}

TEST(DeploymentUtil, SurgeRoundsUpAndUnavailableRoundsDown) {
  Fenceposts f = resolve_fenceposts(rolling(10, pct("25%"), pct("25%")));
  EXPECT_EQ(f.max_surge, 3);        // 2.5 up
  EXPECT_EQ(f.max_unavailable, 2);  // 2.5 down
  f = resolve_fenceposts(rolling(4, num(1), num(0)));
  EXPECT_EQ(f.max_surge, 1);
  EXPECT_EQ(f.max_unavailable, 0);
}

TEST(DeploymentUtil, DefaultsAreTwentyFivePercent) {
  api::Deployment d = rolling(4, std::nullopt, std::nullopt);
  d.spec.strategy.rolling_update.reset();
  EXPECT_EQ(max_surge(d), 1);
  EXPECT_EQ(max_unavailable(d), 1);
}

TEST(DeploymentUtil, BothBoundsZeroAllowsOneSurgePod) {
  // 25% of 1 rounds down to 0, and no surge: the rollout could never move.
  Fenceposts f = resolve_fenceposts(rolling(1, pct("0%"), pct("25%")));
  EXPECT_EQ(f.max_surge, 1);
  EXPECT_EQ(f.max_unavailable, 0);
}

TEST(DeploymentUtil, UnavailableIsCappedAtReplicasAndZeroForRecreate) {
  EXPECT_EQ(max_unavailable(rolling(2, num(0), num(5))), 2);
  EXPECT_EQ(max_unavailable(rolling(0, num(1), num(1))), 0);
  api::Deployment recreate = rolling(3, num(1), num(1));
  recreate.spec.strategy.type = "Recreate";
  EXPECT_EQ(max_surge(recreate), 0);
  EXPECT_EQ(max_unavailable(recreate), 0);
}

TEST(DeploymentUtil, TemplateHashIsStableAndSafe) {
  std::string h = template_hash(tmpl("web:1"), std::nullopt);
  EXPECT_EQ(h, template_hash(tmpl("web:1"), std::nullopt));
  EXPECT_NE(h, template_hash(tmpl("web:2"), std::nullopt));
  EXPECT_NE(h, template_hash(tmpl("web:1"), 1));
  EXPECT_EQ(h.find_first_not_of("bcdfghjklmnpqrstvwxz2456789"), std::string::npos) << h;
  // The hash label a ReplicaSet's template carries is not part of the hash.
  api::PodTemplateSpec labelled = tmpl("web:1");
  labelled.metadata.labels["pod-template-hash"] = h;
  EXPECT_EQ(template_hash(labelled, std::nullopt), h);
}

TEST(DeploymentUtil, SafeEncodeAndFnvMatchKubernetes) {
  // FNV-1a 32 reference values; "0".."9" map as Kubernetes' SafeEncodeString does.
  EXPECT_EQ(fnv1a32(""), 2166136261u);
  EXPECT_EQ(fnv1a32("a"), 0xe40c292cu);
  EXPECT_EQ(safe_encode("0123456789"), "456789bcdf");
}

TEST(DeploymentUtil, EqualIgnoreHash) {
  api::PodTemplateSpec a = tmpl("web:1");
  api::PodTemplateSpec b = a;
  b.metadata.labels["pod-template-hash"] = "abc";
  EXPECT_TRUE(equal_ignore_hash(a, b));
  EXPECT_FALSE(equal_ignore_hash(a, tmpl("web:2")));
}

TEST(DeploymentUtil, RevisionsAndIntegerAnnotations) {
  api::ObjectMeta m;
  EXPECT_EQ(revision_of(m), 0);
  m.annotations["deployment.kubernetes.io/revision"] = "12";
  EXPECT_EQ(revision_of(m), 12);
  m.annotations["deployment.kubernetes.io/revision"] = "12x";
  EXPECT_EQ(revision_of(m), 0);
  EXPECT_EQ(parse_int(""), std::nullopt);
  EXPECT_EQ(parse_int("-3"), -3);
}

TEST(DeploymentUtil, CopiesAnnotationsButNotThePerObjectOnes) {
  api::Deployment d;
  d.metadata.annotations = {{"kubernetes.io/change-cause", "image web:2"},
                            {"deployment.kubernetes.io/revision", "4"},
                            {"deployment.kubernetes.io/rollback-to", "1"},
                            {"kubectl.kubernetes.io/last-applied-configuration", "{}"}};
  api::ReplicaSet rs;
  rs.metadata.annotations = {{"deployment.kubernetes.io/revision", "2"}};
  EXPECT_TRUE(copy_deployment_annotations(d, rs));
  EXPECT_EQ(rs.metadata.annotations, (api::StringMap{{"deployment.kubernetes.io/revision", "2"},
                                                     {"kubernetes.io/change-cause", "image web:2"}}));
  EXPECT_FALSE(copy_deployment_annotations(d, rs));
  EXPECT_TRUE(set_replicas_annotations(rs, 3, 4));
  EXPECT_FALSE(set_replicas_annotations(rs, 3, 4));
  EXPECT_EQ(rs.metadata.annotations.at("deployment.kubernetes.io/max-replicas"), "4");
}

TEST(DeploymentUtil, DeadlineAndHistoryDefaults) {
  api::Deployment d;
  EXPECT_EQ(progress_deadline_seconds(d), 600);
  EXPECT_EQ(revision_history_limit(d), 10);
  d.spec.progress_deadline_seconds = std::numeric_limits<int32_t>::max();
  d.spec.revision_history_limit = std::numeric_limits<int32_t>::max();
  EXPECT_EQ(progress_deadline_seconds(d), std::nullopt);
  EXPECT_EQ(revision_history_limit(d), std::nullopt);
}

TEST(DeploymentUtil, ConditionTransitionTimeMovesOnlyWithStatus) {
  Clock::TimePoint t0 = Clock::TimePoint(std::chrono::seconds(1767225600));
  api::DeploymentStatus s;
  set_condition(s, new_condition("Progressing", "True", "NewReplicaSetCreated", "m", t0));
  EXPECT_EQ(s.conditions[0].last_transition_time, "2026-01-01T00:00:00Z");
  // Same status and reason: nothing changes, not even the update time.
  set_condition(s, new_condition("Progressing", "True", "NewReplicaSetCreated", "m2", t0 + std::chrono::seconds(5)));
  EXPECT_EQ(s.conditions[0].message, "m");
  // Another reason, same status: updated, transition kept.
  set_condition(s, new_condition("Progressing", "True", "ReplicaSetUpdated", "m", t0 + std::chrono::seconds(9)));
  EXPECT_EQ(s.conditions[0].last_update_time, "2026-01-01T00:00:09Z");
  EXPECT_EQ(s.conditions[0].last_transition_time, "2026-01-01T00:00:00Z");
  set_condition(s, new_condition("Progressing", "False", "ProgressDeadlineExceeded", "m", t0 + std::chrono::seconds(20)));
  EXPECT_EQ(s.conditions[0].last_transition_time, "2026-01-01T00:00:20Z");
  ASSERT_EQ(s.conditions.size(), 1u);
  remove_condition(s, "Progressing");
  EXPECT_EQ(find_condition(s, "Progressing"), nullptr);
}

}  // namespace
}  // namespace herd::actors::deployment
