#include <gtest/gtest.h>

#include "replicaset/replicaset_reconcile.hpp"
#include "replicaset/replicaset_testing.hpp"

namespace herd::actors {
namespace {

using namespace herd::actors::testing;
using std::chrono::milliseconds;

constexpr int64_t kSecond = 1'000'000'000;

TEST(ReplicaSetStatus, CountsActiveFullyLabeledAndReadyPods) {
  api::ReplicaSet rs = replica_set(4);
  rs.metadata.generation = 3;
  PodBuilder partly = owned_pod("partly");
  partly.pod().metadata.labels.erase("tier");  // still matches app=web, lacks a template label
  std::vector<ObjectPtr> claimed = {
      owned_pod("ready").running("n1").ready_since(1).build(),
      owned_pod("starting").running("n1").not_ready().build(),
      partly.build(),
      owned_pod("going").running("n1").ready_since(1).terminating().build(),
      owned_pod("failed").running("n1").phase("Failed").build(),
  };
  ReplicaStatusResult r = replica_status(replica_target(rs), claimed, 100 * kSecond);
  EXPECT_EQ(r.status.replicas, 3);
  EXPECT_EQ(r.status.fully_labeled_replicas, 2);
  EXPECT_EQ(r.status.ready_replicas, 1);
  EXPECT_EQ(r.status.available_replicas, 1);  // minReadySeconds 0: ready is available
  EXPECT_EQ(r.status.observed_generation, 3);
  EXPECT_FALSE(r.requeue_after);
}

TEST(ReplicaSetStatus, AvailableAfterMinReadySecondsWithARequeueForThen) {
  api::ReplicaSet rs = replica_set(2);
  rs.spec.min_ready_seconds = 10;
  std::vector<ObjectPtr> claimed = {
      owned_pod("a").running("n1").ready_since(100).build(),
      owned_pod("b").running("n1").ready_since(105).build(),
  };
  ReplicaTarget target = replica_target(rs);

  ReplicaStatusResult early = replica_status(target, claimed, 103 * kSecond);
  EXPECT_EQ(early.status.ready_replicas, 2);
  EXPECT_EQ(early.status.available_replicas, 0);
  EXPECT_EQ(early.requeue_after, milliseconds(7000));  // a becomes available at 110

  ReplicaStatusResult at_a = replica_status(target, claimed, 110 * kSecond);
  EXPECT_EQ(at_a.status.available_replicas, 1);
  EXPECT_EQ(at_a.requeue_after, milliseconds(5000));  // b at 115

  ReplicaStatusResult later = replica_status(target, claimed, 115 * kSecond);
  EXPECT_EQ(later.status.available_replicas, 2);
  EXPECT_FALSE(later.requeue_after);
}

TEST(ReplicaSetStatus, RequeueRoundsUpToTheMillisecond) {
  api::ReplicaSet rs = replica_set(1);
  rs.spec.min_ready_seconds = 5;
  std::vector<ObjectPtr> claimed = {owned_pod("a").running("n1").ready_since(10).build()};
  ReplicaStatusResult r = replica_status(replica_target(rs), claimed, 12 * kSecond - 400'000);  // 11.9996 s
  EXPECT_EQ(r.requeue_after, milliseconds(3001));
}

TEST(ReplicaSetStatus, KeepsConditions) {
  api::ReplicaSet rs = replica_set(1);
  rs.status.conditions.push_back(api::Condition{"ReplicaFailure", "True", "", "", "", "FailedCreate", "quota"});
  EXPECT_EQ(replica_status(replica_target(rs), {}, 0).status.conditions, rs.status.conditions);
}

}  // namespace
}  // namespace herd::actors
