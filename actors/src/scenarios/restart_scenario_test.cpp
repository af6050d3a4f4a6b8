// Restarting the control plane in the middle of work: the plane stops, the
// log is closed and reopened, a new plane replays it and its level-based
// controllers finish what was half done — a rolling update, a Job (its
// completions and its deadline), a namespace deletion — without redoing or
// losing anything.

#include <gtest/gtest.h>

#include "scenarios/scenario_helpers.hpp"
#include "scenarios/scenario_logs.hpp"

namespace herd::actors::scenarios {
namespace {

using std::chrono::seconds;

api::Deployment sise(std::vector<api::Object> objects, int replicas) {
  api::Deployment d = std::get<api::Deployment>(objects.at(0));
  d.spec.replicas = replicas;
  return d;
}

TEST_P(RestartScenarioSimulated, RollingUpdateCompletesAfterRestart) {
  start(log(), 3);
  ASSERT_TRUE(plane().create(sise(read_file(kSeedSise), 4), "user:test").ok());
  ASSERT_TRUE(advance_until([&] { return rolled_out(plane(), 4); }, seconds(60)));
  const std::string uid = uid_of(plane(), "Deployment", "default", "sise-deploy");

  // The new pods take 20 s to get ready, so the rollout takes several steps.
  ASSERT_TRUE(change_object<api::Deployment>(plane(), "Deployment", "default", "sise-deploy", [](api::Deployment& d) {
                d.spec.pod_template.spec.containers.at(0).env.at(0).value = "1.0";
                d.spec.pod_template.metadata.annotations["sim.herd.io/ready-after"] = "20s";
              }).ok());
  advance(seconds(5));
  std::vector<api::ReplicaSet> rss = replica_sets_of(plane(), "default", uid);
  ASSERT_EQ(rss.size(), 2u);
  const api::ReplicaSet* rev2 = replica_set_at_revision(rss, "2");
  ASSERT_NE(rev2, nullptr);
  const std::string rev2_name = rev2->metadata.name;
  ASSERT_GE(rev2->spec.replicas.value_or(0), 1);
  ASSERT_LT(rev2->spec.replicas.value_or(0), 4) << "the rollout is not half done";
  ASSERT_GT(replica_set_at_revision(rss, "1")->spec.replicas.value_or(0), 0);

  restart(3);
  ASSERT_TRUE(advance_until([&] { return rolled_out(plane(), 4); }, seconds(180)));
  rss = replica_sets_of(plane(), "default", uid);
  ASSERT_EQ(rss.size(), 2u) << "the restart made no new ReplicaSet";
  rev2 = replica_set_at_revision(rss, "2");
  ASSERT_NE(rev2, nullptr);
  EXPECT_EQ(rev2->metadata.name, rev2_name);
  EXPECT_EQ(rev2->spec.replicas.value_or(-1), 4);
  const api::ReplicaSet* rev1 = replica_set_at_revision(rss, "1");
  ASSERT_NE(rev1, nullptr);
  EXPECT_EQ(rev1->spec.replicas.value_or(-1), 0);
  ASSERT_TRUE(advance_until([&] { return pods_owned_by(plane(), "default", rev1->metadata.uid).empty(); }, seconds(60)));
  EXPECT_EQ(running_ready_count(plane(), "default", rev2->metadata.uid), 4);
  EXPECT_EQ(list_as<api::Pod>(plane(), "Pod", "default").size(), 4u);
  auto after = get_as<api::Deployment>(plane(), "Deployment", "default", "sise-deploy");
  EXPECT_EQ(annotation(after->metadata, kRevisionAnnotation), "2");
  EXPECT_TRUE(condition_true(after->status.conditions, "Available"));
  expect_replay_matches(log());
}

api::Job counted_job(std::vector<api::Object> objects, int completions, const char* exit_after) {
  api::Job job = std::get<api::Job>(objects.at(0));
  job.spec.completions = completions;
  job.spec.parallelism = 1;
  job.spec.active_deadline_seconds.reset();
  if (exit_after != nullptr) job.spec.pod_template.metadata.annotations["sim.herd.io/exit-after"] = exit_after;
  return job;
}

std::optional<api::Job> pi(const ControlPlane& plane) { return get_as<api::Job>(plane, "Job", "default", "pi-with-timeout"); }

TEST_P(RestartScenarioSimulated, JobCompletionsFinishAfterRestart) {
  start(log(), 2);
  ASSERT_TRUE(plane().create(counted_job(read_file(kSeedPi), 3, "10s"), "user:test").ok());
  ASSERT_TRUE(advance_until([&] { return pi(plane())->status.succeeded == 1; }, seconds(30)));
  advance(seconds(3));  // the second pod is running

  restart(2);
  ASSERT_TRUE(advance_until([&] { return condition_true(pi(plane())->status.conditions, "Complete"); }, seconds(60)));
  api::Job j = *pi(plane());
  EXPECT_EQ(j.status.succeeded, 3);
  EXPECT_EQ(j.status.failed, 0);
  EXPECT_EQ(j.status.active, 0);
  std::vector<api::Pod> pods = pods_owned_by(plane(), "default", j.metadata.uid);
  EXPECT_EQ(pods.size(), 3u) << "no completion is run twice";
  for (const api::Pod& p : pods) EXPECT_EQ(p.status.phase, "Succeeded") << p.metadata.name;
  expect_replay_matches(log());
}

TEST_P(RestartScenarioSimulated, JobDeadlineFiresOnTimeAfterRestart) {
  start(log(), 2);
  api::Job job = counted_job(read_file(kSeedPi), 1, nullptr);  // its pod runs until stopped
  job.spec.active_deadline_seconds = 100;
  ASSERT_TRUE(plane().create(job, "user:test").ok());
  advance(seconds(60), seconds(10));
  ASSERT_EQ(pi(plane())->status.active, 1);

  restart(2);
  advance(seconds(30), seconds(10));
  EXPECT_FALSE(condition_true(pi(plane())->status.conditions, "Failed")) << "the deadline fired early";
  ASSERT_TRUE(advance_until([&] { return condition_true(pi(plane())->status.conditions, "Failed"); }, seconds(15)));
  api::Job j = *pi(plane());
  EXPECT_EQ(find_condition(j.status.conditions, "Failed")->reason, "DeadlineExceeded");
  ASSERT_TRUE(advance_until([&] { return pi(plane())->status.active == 0; }, seconds(60)));
  expect_replay_matches(log());
}

TEST_P(RestartScenarioSimulated, NamespaceDeletionFinishesAfterRestart) {
  start(log(), 2);
  apply_yaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n");
  api::Deployment d = sise(read_file(kSeedSise), 2);
  d.metadata.namespace_ = "team";
  // Its pods ignore SIGTERM: they stop only when the 30 s grace period ends.
  d.spec.pod_template.metadata.annotations["sim.herd.io/ignore-sigterm"] = "true";
  d.spec.pod_template.spec.termination_grace_period_seconds = 30;
  ASSERT_TRUE(plane().create(d, "user:test").ok());
  apply_yaml("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: team\ndata: {a: b}\n");
  ASSERT_TRUE(advance_until([&] { return list_as<api::Pod>(plane(), "Pod", "team").size() == 2 &&
                                         rolled_out(plane(), 2, "team"); },
                            seconds(30)));

  ASSERT_TRUE(plane().remove("Namespace", "", "team", DeletePropagation::kBackground, "user:test").ok());
  advance(seconds(5));
  auto ns = get_as<api::Namespace>(plane(), "Namespace", "", "team");
  ASSERT_TRUE(ns) << "the namespace went before its pods stopped";
  EXPECT_EQ(ns->status.phase, "Terminating");
  EXPECT_FALSE(list_as<api::Pod>(plane(), "Pod", "team").empty());

  restart(2);
  ASSERT_TRUE(advance_until([&] { return !plane().get("Namespace", "", "team"); }, seconds(90)));
  for (const auto& [kind, n] : plane().count_by_kind()) {
    EXPECT_TRUE(plane().list(kind, "team").empty()) << kind << " left in the deleted namespace";
  }
  expect_replay_matches(log());
}

}  // namespace
}  // namespace herd::actors::scenarios
