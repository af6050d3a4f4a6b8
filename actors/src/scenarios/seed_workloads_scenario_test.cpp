// The seed's long-running workloads through real actors on simulated nodes:
// the ReplicationController rcex and the Deployment sise-deploy (rolling
// update, rollback by annotation, garbage collection of its ReplicaSets and
// pods).

#include <gtest/gtest.h>

#include "scenarios/scenario_helpers.hpp"
#include "scenarios/scenario_logs.hpp"

namespace herd::actors::scenarios {
namespace {

using std::chrono::seconds;

TEST_P(SeedWorkloadsSimulated, RcexRunsOneReadyPodAndReplacesADeletedOne) {
  start(log(), 2);
  apply_file(kSeedRcex);
  const std::string rc_uid = uid_of(plane(), "ReplicationController", "default", "rcex");
  ASSERT_FALSE(rc_uid.empty());
  ASSERT_TRUE(advance_until([&] { return running_ready_count(plane(), "default", rc_uid) == 1; }, seconds(30)));
  std::vector<api::Pod> pods = pods_owned_by(plane(), "default", rc_uid);
  ASSERT_EQ(pods.size(), 1u);
  const std::string first = pods[0].metadata.name;
  EXPECT_FALSE(pods[0].spec.node_name.empty());
  EXPECT_FALSE(pods[0].status.pod_ip.empty());
  EXPECT_TRUE(condition_true(pods[0].status.conditions, "PodScheduled"));
  EXPECT_TRUE(condition_true(pods[0].status.conditions, "ContainersReady"));

  ASSERT_TRUE(plane().remove("Pod", "default", first, DeletePropagation::kBackground, "user:test").ok());
  ASSERT_TRUE(advance_until(
      [&] {
        std::vector<api::Pod> now = pods_owned_by(plane(), "default", rc_uid);
        return now.size() == 1 && now[0].metadata.name != first && running_and_ready(now[0]);
      },
      seconds(30)));
  EXPECT_FALSE(plane().get("Pod", "default", first)) << "the deleted pod is stopped and removed";
  auto rc = get_as<api::ReplicationController>(plane(), "ReplicationController", "default", "rcex");
  ASSERT_TRUE(rc);
  EXPECT_EQ(rc->status.replicas, 1);
  EXPECT_EQ(rc->status.ready_replicas, 1);
  expect_replay_matches(log());
}

TEST_P(SeedWorkloadsSimulated, RcexScalesUpAndDown) {
  start(log(), 2);
  apply_file(kSeedRcex);
  const std::string rc_uid = uid_of(plane(), "ReplicationController", "default", "rcex");
  ASSERT_TRUE(advance_until([&] { return running_ready_count(plane(), "default", rc_uid) == 1; }, seconds(30)));
  ASSERT_TRUE(change_object<api::ReplicationController>(plane(), "ReplicationController", "default", "rcex",
                                                       [](api::ReplicationController& rc) { rc.spec.replicas = 4; })
                  .ok());
  ASSERT_TRUE(advance_until([&] { return running_ready_count(plane(), "default", rc_uid) == 4; }, seconds(30)));
  ASSERT_TRUE(change_object<api::ReplicationController>(plane(), "ReplicationController", "default", "rcex",
                                                       [](api::ReplicationController& rc) { rc.spec.replicas = 2; })
                  .ok());
  ASSERT_TRUE(advance_until([&] { return pods_owned_by(plane(), "default", rc_uid).size() == 2; }, seconds(30)));
  EXPECT_EQ(running_ready_count(plane(), "default", rc_uid), 2);
  expect_replay_matches(log());
}

// Sets the value of the seed's one env variable in sise-deploy's template.
Status set_env(ControlPlane& plane, const std::string& value) {
  return change_object<api::Deployment>(plane, "Deployment", "default", "sise-deploy", [&](api::Deployment& d) {
    d.spec.pod_template.spec.containers.at(0).env.at(0).value = value;
  });
}

TEST_P(SeedWorkloadsSimulated, SiseDeployRollsOutUpdatesAndRollsBack) {
  start(log(), 3);
  apply_file(kSeedSise);
  const std::string uid = uid_of(plane(), "Deployment", "default", "sise-deploy");
  ASSERT_FALSE(uid.empty());
  ASSERT_TRUE(advance_until([&] { return rolled_out(plane(), 2); }, seconds(60)));
  std::vector<api::ReplicaSet> rss = replica_sets_of(plane(), "default", uid);
  ASSERT_EQ(rss.size(), 1u);
  const api::ReplicaSet* rev1 = replica_set_at_revision(rss, "1");
  ASSERT_NE(rev1, nullptr);
  const std::string rev1_name = rev1->metadata.name;
  EXPECT_EQ(running_ready_count(plane(), "default", rev1->metadata.uid), 2);

  // Change the template: a new ReplicaSet (revision 2) takes over.
  ASSERT_TRUE(set_env(plane(), "1.0").ok());
  ASSERT_TRUE(advance_until([&] { return rolled_out(plane(), 2); }, seconds(120)));
  rss = replica_sets_of(plane(), "default", uid);
  ASSERT_EQ(rss.size(), 2u);
  const api::ReplicaSet* rev2 = replica_set_at_revision(rss, "2");
  ASSERT_NE(rev2, nullptr);
  EXPECT_NE(rev2->metadata.name, rev1_name);
  EXPECT_EQ(rev2->spec.replicas.value_or(-1), 2);
  EXPECT_EQ(rev2->spec.pod_template.spec.containers[0].env[0].value, "1.0");
  const api::ReplicaSet* old = replica_set_at_revision(rss, "1");
  ASSERT_NE(old, nullptr);
  EXPECT_EQ(old->spec.replicas.value_or(-1), 0);
  ASSERT_TRUE(advance_until([&] { return pods_owned_by(plane(), "default", old->metadata.uid).empty(); }, seconds(30)));
  EXPECT_EQ(running_ready_count(plane(), "default", rev2->metadata.uid), 2);
  auto after = get_as<api::Deployment>(plane(), "Deployment", "default", "sise-deploy");
  EXPECT_EQ(annotation(after->metadata, kRevisionAnnotation), "2");
  EXPECT_TRUE(condition_true(after->status.conditions, "Available"));
  EXPECT_TRUE(condition_true(after->status.conditions, "Progressing"));

  // Roll back to revision 1: its ReplicaSet comes back as revision 3.
  ASSERT_TRUE(change_object<api::Deployment>(plane(), "Deployment", "default", "sise-deploy", [](api::Deployment& d) {
                d.metadata.annotations["deployment.kubernetes.io/rollback-to"] = "1";
              }).ok());
  ASSERT_TRUE(advance_until(
      [&] {
        auto now = get_as<api::Deployment>(plane(), "Deployment", "default", "sise-deploy");
        return rolled_out(plane(), 2) && annotation(now->metadata, kRevisionAnnotation) == "3";
      },
      seconds(120)));
  auto back = get_as<api::Deployment>(plane(), "Deployment", "default", "sise-deploy");
  EXPECT_EQ(back->spec.pod_template.spec.containers[0].env[0].value, "0.9");
  EXPECT_FALSE(back->metadata.annotations.count("deployment.kubernetes.io/rollback-to"));
  rss = replica_sets_of(plane(), "default", uid);
  ASSERT_EQ(rss.size(), 2u) << "the rollback reuses revision 1's ReplicaSet";
  const api::ReplicaSet* rev3 = replica_set_at_revision(rss, "3");
  ASSERT_NE(rev3, nullptr);
  EXPECT_EQ(rev3->metadata.name, rev1_name);
  EXPECT_EQ(rev3->spec.replicas.value_or(-1), 2);
  const api::ReplicaSet* rev2_after = replica_set_at_revision(rss, "2");
  ASSERT_NE(rev2_after, nullptr);
  EXPECT_EQ(rev2_after->spec.replicas.value_or(-1), 0);
  ASSERT_TRUE(
      advance_until([&] { return pods_owned_by(plane(), "default", rev2_after->metadata.uid).empty(); }, seconds(30)));
  EXPECT_EQ(running_ready_count(plane(), "default", rev3->metadata.uid), 2);
  expect_replay_matches(log());
}

// The seed asks for automatic rollback: a revision whose pods never get
// ready misses its progress deadline and the Deployment goes back to the
// last revision that was available.
TEST_P(SeedWorkloadsSimulated, SiseDeployRollsBackByItselfWhenANewRevisionMissesItsDeadline) {
  start(log(), 2);
  std::vector<api::Object> objects = read_file(kSeedSise);
  api::Deployment d = std::get<api::Deployment>(objects.at(0));
  d.metadata.annotations["herd.io/auto-rollback"] = "true";
  d.spec.progress_deadline_seconds = 60;
  ASSERT_TRUE(plane().create(d, "user:test").ok());
  ASSERT_TRUE(advance_until([&] { return rolled_out(plane(), 2); }, seconds(60)));
  ASSERT_TRUE(change_object<api::Deployment>(plane(), "Deployment", "default", "sise-deploy", [](api::Deployment& d) {
                d.spec.pod_template.spec.containers.at(0).env.at(0).value = "broken";
                d.spec.pod_template.metadata.annotations["sim.herd.io/ready"] = "false";
              }).ok());
  advance(seconds(30), seconds(5));
  auto mid = get_as<api::Deployment>(plane(), "Deployment", "default", "sise-deploy");
  EXPECT_EQ(mid->spec.pod_template.spec.containers[0].env[0].value, "broken") << "rolled back before the deadline";
  ASSERT_TRUE(advance_until(
      [&] {
        auto now = get_as<api::Deployment>(plane(), "Deployment", "default", "sise-deploy");
        return now->spec.pod_template.spec.containers[0].env[0].value == "0.9" && rolled_out(plane(), 2);
      },
      seconds(120), seconds(5)));
  auto back = get_as<api::Deployment>(plane(), "Deployment", "default", "sise-deploy");
  EXPECT_EQ(annotation(back->metadata, kRevisionAnnotation), "3");
  const std::string uid = uid_of(plane(), "Deployment", "default", "sise-deploy");
  std::vector<api::ReplicaSet> rss = replica_sets_of(plane(), "default", uid);
  const api::ReplicaSet* failed = replica_set_at_revision(rss, "2");
  ASSERT_NE(failed, nullptr);
  EXPECT_EQ(failed->spec.replicas.value_or(-1), 0);
  EXPECT_EQ(annotation(failed->metadata, "herd.io/auto-rolled-back-revision"), "2") << "why is recorded";
  // It stays rolled back: the failed revision is not tried again.
  advance(seconds(120), seconds(10));
  EXPECT_EQ(get_as<api::Deployment>(plane(), "Deployment", "default", "sise-deploy")
                ->spec.pod_template.spec.containers[0].env[0].value,
            "0.9");
  expect_replay_matches(log());
}

TEST_P(SeedWorkloadsSimulated, DeletingSiseDeployCollectsReplicaSetsAndPods) {
  start(log(), 2);
  apply_file(kSeedSise);
  const std::string uid = uid_of(plane(), "Deployment", "default", "sise-deploy");
  ASSERT_TRUE(advance_until([&] { return rolled_out(plane(), 2); }, seconds(60)));
  ASSERT_TRUE(set_env(plane(), "2.0").ok());
  ASSERT_TRUE(advance_until([&] { return rolled_out(plane(), 2); }, seconds(120)));
  ASSERT_EQ(replica_sets_of(plane(), "default", uid).size(), 2u);

  ASSERT_TRUE(plane().remove("Deployment", "default", "sise-deploy", DeletePropagation::kBackground, "user:test").ok());
  ASSERT_TRUE(advance_until(
      [&] {
        return plane().list("ReplicaSet", "default").empty() && plane().list("Pod", "default").empty();
      },
      seconds(60)));
  EXPECT_FALSE(plane().get("Deployment", "default", "sise-deploy"));
  expect_replay_matches(log());
}

TEST_P(SeedWorkloadsSimulated, ForegroundDeletionRemovesTheDeploymentLast) {
  start(log(), 2);
  apply_file(kSeedSise);
  ASSERT_TRUE(advance_until([&] { return rolled_out(plane(), 2); }, seconds(60)));
  Result<ObjectView> r =
      plane().remove("Deployment", "default", "sise-deploy", DeletePropagation::kForeground, "user:test");
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  settle();
  // The pods stop on their nodes; until they are gone the owner stays.
  if (!plane().list("Pod", "default").empty()) {
    auto d = get_as<api::Deployment>(plane(), "Deployment", "default", "sise-deploy");
    ASSERT_TRUE(d) << "the owner went before its dependents";
    EXPECT_FALSE(d->metadata.deletion_timestamp.empty());
  }
  ASSERT_TRUE(advance_until([&] { return !plane().get("Deployment", "default", "sise-deploy"); }, seconds(60)));
  EXPECT_TRUE(plane().list("ReplicaSet", "default").empty());
  EXPECT_TRUE(plane().list("Pod", "default").empty());
  expect_replay_matches(log());
}

}  // namespace
}  // namespace herd::actors::scenarios
