#include <gtest/gtest.h>

#include "replicaset/replicaset_reconcile.hpp"
#include "replicaset/replicaset_testing.hpp"

namespace herd::actors {
namespace {

using namespace herd::actors::testing;
using Op = Command::Op;

std::vector<std::string> names(const std::vector<ObjectPtr>& pods) {
  std::vector<std::string> out;
  for (const ObjectPtr& p : pods) out.push_back(p->meta().name);
  return out;
}

const api::Pod& pod_in(const Command& c) { return std::get<api::Pod>(*c.object); }

TEST(ReplicaSetClaim, AdoptsActiveMatchingOrphansWithAConditionalUpdate) {
  ObjectStore store;
  store.put(PodBuilder("orphan").label("app", "web").running("n1").build(/*seq=*/7));
  ClaimedPods claimed = claim_pods(replica_target(replica_set(1)), store);
  EXPECT_EQ(names(claimed.pods), (std::vector<std::string>{"orphan"}));
  ASSERT_EQ(claimed.commands.size(), 1u);
  const Command& c = claimed.commands[0];
  EXPECT_EQ(c.op, Op::kUpdate);
  EXPECT_EQ(c.key, "Pod/default/orphan");
  EXPECT_EQ(c.expect_uid, "uid-orphan");
  EXPECT_EQ(c.expect_resource_version, "7");
  EXPECT_EQ(pod_in(c).metadata.owner_references,
            (std::vector<api::OwnerReference>{{"apps/v1", "ReplicaSet", "web", kSetUid, true, true}}));
  EXPECT_EQ(pod_in(c).spec.node_name, "n1");  // the rest of the pod as it was
  EXPECT_TRUE(claimed.complete);
}

TEST(ReplicaSetClaim, LeavesPodsThatAreNotAdoptable) {
  ObjectStore store;
  store.put(PodBuilder("other-label").label("app", "db").build());
  store.put(PodBuilder("other-owner").label("app", "web").controlled_by("ReplicaSet", "x", "uid-x").build());
  store.put(PodBuilder("terminating").label("app", "web").terminating().build());
  store.put(PodBuilder("failed").label("app", "web").phase("Failed").build());
  store.put(PodBuilder("other-ns", "kube-system").label("app", "web").build());
  ClaimedPods claimed = claim_pods(replica_target(replica_set(1)), store);
  EXPECT_TRUE(claimed.pods.empty());
  EXPECT_TRUE(claimed.commands.empty());
}

TEST(ReplicaSetClaim, ReleasesOwnedPodsThatNoLongerMatch) {
  ObjectStore store;
  store.put(owned_pod("kept").build());
  PodBuilder relabelled = owned_pod("relabelled");
  relabelled.label("app", "debug");  // taken out of rotation by hand
  relabelled.pod().metadata.owner_references.push_back({"v1", "ConfigMap", "c", "uid-c", false, false});
  store.put(relabelled.build(3));
  ClaimedPods claimed = claim_pods(replica_target(replica_set(1)), store);
  EXPECT_EQ(names(claimed.pods), (std::vector<std::string>{"kept"}));
  ASSERT_EQ(claimed.commands.size(), 1u);
  EXPECT_EQ(claimed.commands[0].key, "Pod/default/relabelled");
  EXPECT_EQ(claimed.commands[0].expect_resource_version, "3");
  // Only our reference goes; the other owner stays.
  EXPECT_EQ(pod_in(claimed.commands[0]).metadata.owner_references,
            (std::vector<api::OwnerReference>{{"v1", "ConfigMap", "c", "uid-c", false, false}}));
}

TEST(ReplicaSetClaim, TerminatingPodThatNoLongerMatchesIsNotReleased) {
  ObjectStore store;
  PodBuilder going = owned_pod("going");
  going.label("app", "debug").terminating();
  store.put(going.build());
  ClaimedPods claimed = claim_pods(replica_target(replica_set(1)), store);
  EXPECT_TRUE(claimed.pods.empty());
  EXPECT_TRUE(claimed.commands.empty());
}

TEST(ReplicaSetClaim, MatchExpressionsSelectPods) {
  api::ReplicaSet rs = replica_set(1);
  rs.spec.selector = api::LabelSelector{{}, {{"tier", "In", {"front", "edge"}}}};
  ObjectStore store;
  store.put(PodBuilder("edge").label("tier", "edge").build());
  store.put(PodBuilder("back").label("tier", "back").build());
  EXPECT_EQ(names(claim_pods(replica_target(rs), store).pods), (std::vector<std::string>{"edge"}));
}

TEST(ReplicaSetClaim, ReplicationControllerSelectorIsALabelMap) {
  auto rc = named<api::ReplicationController>("rc");
  rc.spec.selector = {{"app", "web"}, {"track", "stable"}};
  ObjectStore store;
  store.put(PodBuilder("both").label("app", "web").label("track", "stable").build());
  store.put(PodBuilder("one").label("app", "web").build());
  ClaimedPods claimed = claim_pods(replica_target(rc), store);
  EXPECT_EQ(names(claimed.pods), (std::vector<std::string>{"both"}));
  ASSERT_EQ(claimed.commands.size(), 1u);
  EXPECT_EQ(pod_in(claimed.commands[0]).metadata.owner_references[0],
            (api::OwnerReference{"v1", "ReplicationController", "rc", "uid-rc", true, true}));
}

TEST(ReplicaSetClaim, MissingSelectorAdoptsNothing) {
  api::ReplicaSet rs = replica_set(1);
  rs.spec.selector.reset();
  ObjectStore store;
  store.put(PodBuilder("orphan").label("app", "web").build());
  EXPECT_TRUE(claim_pods(replica_target(rs), store).commands.empty());
}

TEST(ReplicaSetClaim, MoreThanBurstAdoptionsLeaveTheClaimIncomplete) {
  ObjectStore store;
  for (int i = 0; i < kBurstReplicas + 100; ++i) {
    store.put(PodBuilder("orphan-" + std::to_string(i)).label("app", "web").build());
  }
  ClaimedPods claimed = claim_pods(replica_target(replica_set(1)), store);
  EXPECT_EQ(claimed.commands.size(), static_cast<size_t>(kBurstReplicas));
  EXPECT_FALSE(claimed.complete);
}

}  // namespace
}  // namespace herd::actors
