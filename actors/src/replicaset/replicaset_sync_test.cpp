#include <gtest/gtest.h>

#include "replicaset/replicaset_reconcile.hpp"
#include "replicaset/replicaset_testing.hpp"

namespace herd::actors {
namespace {

using namespace herd::actors::testing;
using Op = Command::Op;

std::vector<ObjectPtr> built(const std::vector<PodBuilder>& builders) {
  std::vector<ObjectPtr> out;
  for (const PodBuilder& b : builders) out.push_back(b.build());
  return out;
}

TEST(ReplicaSetSync, SlowStartBatchIsOneMoreThanActiveCappedAtBurst) {
  EXPECT_EQ(slow_start_batch(0, 0), 0);
  EXPECT_EQ(slow_start_batch(5, 0), 1);
  EXPECT_EQ(slow_start_batch(5, 1), 2);
  EXPECT_EQ(slow_start_batch(5, 3), 4);
  EXPECT_EQ(slow_start_batch(3, 7), 3);  // never more than missing
  EXPECT_EQ(slow_start_batch(30000, 511), kBurstReplicas);
  EXPECT_EQ(slow_start_batch(30000, 2'000'000'000), kBurstReplicas);
}

TEST(ReplicaSetSync, ScaleUpFromNothingCreatesOnePodThenDoubles) {
  api::ReplicaSet rs = replica_set(10);
  ReplicaTarget target = replica_target(rs);
  std::vector<ObjectPtr> claimed;
  std::vector<size_t> batches;
  for (int step = 0; step < 10 && static_cast<int32_t>(claimed.size()) < 10; ++step) {
    std::vector<Command> commands = manage_replicas(target, claimed);
    batches.push_back(commands.size());
    for (size_t i = 0; i < commands.size(); ++i) {
      claimed.push_back(owned_pod("web-" + std::to_string(claimed.size())).build());
    }
  }
  EXPECT_EQ(batches, (std::vector<size_t>{1, 2, 4, 3}));
}

TEST(ReplicaSetSync, ThirtyThousandReplicasNeverExceedBurstPerStep) {
  api::ReplicaSet rs = replica_set(30000);
  ReplicaTarget target = replica_target(rs);
  std::vector<ObjectPtr> claimed;
  claimed.reserve(30000);
  ObjectPtr pod = owned_pod("web-x").build();  // identical pods are enough to count
  size_t steps = 0, largest = 0;
  while (claimed.size() < 30000 && steps < 1000) {
    std::vector<Command> commands = manage_replicas(target, claimed);
    ASSERT_FALSE(commands.empty());
    largest = std::max(largest, commands.size());
    claimed.insert(claimed.end(), commands.size(), pod);
    ++steps;
  }
  EXPECT_EQ(claimed.size(), 30000u);
  EXPECT_EQ(largest, static_cast<size_t>(kBurstReplicas));
  EXPECT_EQ(steps, 9u + 59u);  // 1+2+...+256 = 511, then 58 steps of 500 and one of 489
  EXPECT_TRUE(manage_replicas(target, claimed).empty());
}

TEST(ReplicaSetSync, CreatedPodsCarryTemplateAndControllerReference) {
  api::ReplicaSet rs = replica_set(1);
  rs.spec.pod_template.metadata.name = "ignored";
  std::vector<Command> commands = manage_replicas(replica_target(rs), {});
  ASSERT_EQ(commands.size(), 1u);
  ASSERT_EQ(commands[0].op, Op::kCreate);
  EXPECT_EQ(commands[0].actor, "controller:replicaset");
  const api::Pod& pod = std::get<api::Pod>(*commands[0].object);
  EXPECT_EQ(pod.metadata.name, "");
  EXPECT_EQ(pod.metadata.generate_name, "web-");
  EXPECT_EQ(pod.metadata.namespace_, "default");
  EXPECT_EQ(pod.metadata.labels, rs.spec.pod_template.metadata.labels);
  EXPECT_EQ(pod.metadata.annotations, rs.spec.pod_template.metadata.annotations);
  EXPECT_EQ(pod.spec, rs.spec.pod_template.spec);
  ASSERT_EQ(pod.metadata.owner_references.size(), 1u);
  EXPECT_EQ(pod.metadata.owner_references[0],
            (api::OwnerReference{"apps/v1", "ReplicaSet", "web", kSetUid, true, true}));
}

TEST(ReplicaSetSync, ScaleDownDeletesUnscheduledThenPendingThenNotReadyThenNewest) {
  std::vector<ObjectPtr> claimed = built({
      owned_pod("old-ready").running("n1").ready_since(10).created(1),
      owned_pod("new-ready").running("n1").ready_since(10).created(5),
      owned_pod("not-ready").running("n1").not_ready().created(1),
      owned_pod("pending").scheduled("n1").created(1),
      owned_pod("unscheduled").created(1),
  });
  std::vector<ObjectPtr> order = pods_to_delete(claimed, 5);
  std::vector<std::string> names;
  for (const ObjectPtr& o : order) names.push_back(o->meta().name);
  EXPECT_EQ(names, (std::vector<std::string>{"unscheduled", "pending", "not-ready", "new-ready", "old-ready"}));

  // replicas 3 of 5: the first two of that order go.
  std::vector<Command> commands = manage_replicas(replica_target(replica_set(3)), claimed);
  EXPECT_EQ(keys_of(commands, Op::kDelete),
            (std::vector<std::string>{"Pod/default/unscheduled", "Pod/default/pending"}));
  EXPECT_EQ(commands[0].expect_uid, "uid-unscheduled");
}

TEST(ReplicaSetSync, ScaleDownIsCappedAtBurst) {
  std::vector<ObjectPtr> claimed;
  for (int i = 0; i < 700; ++i) claimed.push_back(owned_pod("p" + std::to_string(i)).build());
  EXPECT_EQ(manage_replicas(replica_target(replica_set(0)), claimed).size(), static_cast<size_t>(kBurstReplicas));
}

TEST(ReplicaSetSync, TerminatingPodsAreNeitherCountedNorDeletedAgain) {
  std::vector<ObjectPtr> claimed = built({
      owned_pod("a").running("n1").ready_since(1),
      owned_pod("b").running("n1").ready_since(1).terminating(),
  });
  // replicas 2: b is on its way out, so one more pod is created.
  std::vector<Command> up = manage_replicas(replica_target(replica_set(2)), claimed);
  EXPECT_EQ(keys_of(up, Op::kCreate).size(), 1u);
  EXPECT_TRUE(keys_of(up, Op::kDelete).empty());
  // replicas 0: only a is deleted.
  EXPECT_EQ(keys_of(manage_replicas(replica_target(replica_set(0)), claimed), Op::kDelete),
            (std::vector<std::string>{"Pod/default/a"}));
}

TEST(ReplicaSetSync, FailedPodsAreDeletedAndReplaced) {
  std::vector<ObjectPtr> claimed = built({
      owned_pod("ok").running("n1").ready_since(1),
      owned_pod("failed").running("n1").phase("Failed"),
      owned_pod("failed-going").running("n1").phase("Failed").terminating(),
      owned_pod("done").running("n1").phase("Succeeded"),
  });
  std::vector<Command> commands = manage_replicas(replica_target(replica_set(2)), claimed);
  EXPECT_EQ(keys_of(commands, Op::kDelete), (std::vector<std::string>{"Pod/default/failed"}));
  EXPECT_EQ(keys_of(commands, Op::kCreate).size(), 1u);
  EXPECT_EQ(commands[0].op, Op::kDelete);  // the failed pod goes first
}

TEST(ReplicaSetSync, ReplicationControllerWithoutTemplateCreatesNothing) {
  api::ReplicationController rc;
  rc.metadata.name = "rc";
  rc.metadata.namespace_ = "default";
  rc.spec.replicas = 3;
  rc.spec.selector = {{"app", "x"}};
  EXPECT_TRUE(manage_replicas(replica_target(rc), {}).empty());
}

}  // namespace
}  // namespace herd::actors
