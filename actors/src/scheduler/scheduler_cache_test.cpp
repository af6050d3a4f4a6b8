#include "scheduler/scheduler_cache.hpp"

#include <gtest/gtest.h>

#include "scheduler/scheduler_test_util.hpp"

namespace herd::actors::sched {
namespace {

using testing::node;
using testing::pod;
using testing::q;

constexpr int64_t kGi = 1024LL * 1024 * 1024;
constexpr int64_t kMi = 1024LL * 1024;

TEST(SchedulerCache, AllocatableFallsBackToCapacity) {
  api::Node n = node("n1");
  n.status.allocatable = {{"cpu", q("3500m")}};
  n.status.capacity = {{"cpu", q("4")}, {"memory", q("16Gi")}, {"pods", q("50")}};
  SchedulerCache cache;
  cache.update_node(n);
  const NodeInfo* info = cache.node("n1");
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->allocatable.milli_cpu, 3500);
  EXPECT_EQ(info->allocatable.memory, 16 * kGi);
  EXPECT_EQ(info->allowed_pods, 50);
  EXPECT_TRUE(info->ready);
}

TEST(SchedulerCache, ReadsReadinessTaintsLabelsAndUnschedulable) {
  api::Node n = node("n1");
  n.status.conditions[0].status = "Unknown";
  n.spec.unschedulable = true;
  n.spec.taints.push_back(testing::taint("k", "v", "NoSchedule"));
  n.metadata.labels["zone"] = "a";
  SchedulerCache cache;
  cache.update_node(n);
  const NodeInfo* info = cache.node("n1");
  EXPECT_FALSE(info->ready);
  EXPECT_TRUE(info->unschedulable);
  EXPECT_EQ(info->taints.size(), 1u);
  EXPECT_EQ(info->labels.at("zone"), "a");
}

TEST(SchedulerCache, SumsRequestsAndCountsPodsPerOwner) {
  SchedulerCache cache;
  cache.update_node(node("n1"));
  cache.add_pod("Pod/default/a", pod("a", "500m", "1Gi", "rs-1"), "n1");
  cache.add_pod("Pod/default/b", pod("b", "250m", "", "rs-1"), "n1");
  const NodeInfo* info = cache.node("n1");
  EXPECT_EQ(info->requested, (Resources{750, kGi}));
  EXPECT_EQ(info->pod_count, 2);
  EXPECT_EQ(info->owner_count("rs-1"), 2);
  EXPECT_EQ(info->owner_count("rs-2"), 0);
}

TEST(SchedulerCache, CapacityIsFreedOnRemovePod) {
  SchedulerCache cache;
  cache.update_node(node("n1"));
  cache.add_pod("Pod/default/a", pod("a", "1", "1Gi", "rs-1"), "n1");
  cache.remove_pod("Pod/default/a");
  const NodeInfo* info = cache.node("n1");
  EXPECT_EQ(info->requested, Resources{});
  EXPECT_EQ(info->pod_count, 0);
  EXPECT_EQ(info->owner_count("rs-1"), 0);
  EXPECT_TRUE(info->pods_by_owner.empty());
  cache.remove_pod("Pod/default/unknown");  // ignored
}

TEST(SchedulerCache, AssumedPodCountsOnceWhenItsBindingArrives) {
  SchedulerCache cache;
  cache.update_node(node("n1"));
  api::Pod p = pod("a", "1", "1Gi");
  cache.assume("Pod/default/a", p, "n1");
  EXPECT_TRUE(cache.is_assumed("Pod/default/a"));
  EXPECT_EQ(cache.node("n1")->requested.milli_cpu, 1000);
  cache.add_pod("Pod/default/a", p, "n1");
  EXPECT_FALSE(cache.is_assumed("Pod/default/a"));
  EXPECT_EQ(cache.node("n1")->requested.milli_cpu, 1000);
  EXPECT_EQ(cache.node("n1")->pod_count, 1);
}

TEST(SchedulerCache, MovingAPodToAnotherNodeMovesItsRequests) {
  SchedulerCache cache;
  cache.update_node(node("n1"));
  cache.update_node(node("n2"));
  cache.assume("Pod/default/a", pod("a", "1"), "n1");
  cache.add_pod("Pod/default/a", pod("a", "1"), "n2");
  EXPECT_EQ(cache.node("n1")->pod_count, 0);
  EXPECT_EQ(cache.node("n2")->requested.milli_cpu, 1000);
}

TEST(SchedulerCache, FinishedPodsFreeTheirRequests) {
  SchedulerCache cache;
  cache.update_node(node("n1"));
  api::Pod p = pod("a", "1", "1Gi");
  cache.add_pod("Pod/default/a", p, "n1");
  p.status.phase = "Succeeded";
  cache.add_pod("Pod/default/a", p, "n1");
  EXPECT_EQ(cache.node("n1")->pod_count, 0);
  EXPECT_EQ(cache.pod_count(), 0u);
}

TEST(SchedulerCache, PodSeenBeforeItsNodeIsCountedWhenTheNodeAppears) {
  SchedulerCache cache;
  cache.add_pod("Pod/default/a", pod("a", "1"), "n1");
  EXPECT_TRUE(cache.nodes().empty());  // a placeholder is no candidate
  cache.update_node(node("n1"));
  ASSERT_EQ(cache.nodes().size(), 1u);
  EXPECT_EQ(cache.nodes()[0]->requested.milli_cpu, 1000);
}

TEST(SchedulerCache, RemovedNodeLeavesTheCandidatesButKeepsItsPodsAccounted) {
  SchedulerCache cache;
  cache.update_node(node("n1"));
  cache.update_node(node("n2"));
  cache.add_pod("Pod/default/a", pod("a", "1"), "n1");
  cache.remove_node("n1");
  ASSERT_EQ(cache.nodes().size(), 1u);
  EXPECT_EQ(cache.nodes()[0]->name, "n2");
  EXPECT_EQ(cache.node("n1")->pod_count, 1);
  cache.remove_pod("Pod/default/a");
  EXPECT_EQ(cache.node("n1"), nullptr);  // nothing left to remember
}

TEST(SchedulerCache, UpdateNodeSaysWhetherSchedulingCouldChange) {
  SchedulerCache cache;
  api::Node n = node("n1");
  EXPECT_TRUE(cache.update_node(n));  // new
  n.status.conditions[0].last_heartbeat_time = "2026-01-01T00:00:10Z";
  EXPECT_FALSE(cache.update_node(n));  // a heartbeat only
  n.spec.taints.push_back(testing::taint("k", "v", "NoSchedule"));
  EXPECT_TRUE(cache.update_node(n));
  n.status.conditions[0].status = "Unknown";
  EXPECT_TRUE(cache.update_node(n));
  n.status.allocatable["cpu"] = q("8");
  EXPECT_TRUE(cache.update_node(n));
  cache.remove_node("n1");
  EXPECT_TRUE(cache.update_node(n));  // back
}

TEST(SchedulerCache, NodesAreSortedByName) {
  SchedulerCache cache;
  for (const char* n : {"c", "a", "b"}) cache.update_node(node(n));
  cache.update_node(node("a"));  // refresh: no duplicate
  ASSERT_EQ(cache.nodes().size(), 3u);
  EXPECT_EQ(cache.nodes()[0]->name, "a");
  EXPECT_EQ(cache.nodes()[1]->name, "b");
  EXPECT_EQ(cache.nodes()[2]->name, "c");
}

TEST(SchedulerCache, FromStoreReadsNodesAndTheirPods) {
  ObjectStore store;
  auto put = [&](std::string key, api::Object o) {
    auto s = std::make_shared<StoredObject>();
    s->key = std::move(key);
    s->object = std::move(o);
    store.put(s);
  };
  put("Node//n1", node("n1"));
  api::Pod bound = pod("a", "2", "1Gi", "rs-1");
  bound.spec.node_name = "n1";
  put("Pod/default/a", bound);
  put("Pod/default/b", pod("b", "1"));  // unscheduled: not accounted
  SchedulerCache cache = SchedulerCache::from_store(store);
  ASSERT_EQ(cache.nodes().size(), 1u);
  EXPECT_EQ(cache.node("n1")->requested, (Resources{2000, kGi}));
  EXPECT_EQ(cache.node("n1")->owner_count("rs-1"), 1);
  EXPECT_EQ(cache.pod_count(), 1u);
}

TEST(PodRequests, InitContainersCountByTheirMaximum) {
  api::Pod p = pod("a", "250m", "64Mi");
  api::Container second;
  second.resources.requests["cpu"] = q("250m");
  p.spec.containers.push_back(second);
  api::Container init;
  init.resources.requests = {{"cpu", q("1")}, {"memory", q("16Mi")}};
  p.spec.init_containers.push_back(init);
  PodRequests r = pod_requests(p);
  EXPECT_EQ(r.requested, (Resources{1000, 64 * kMi}));
}

TEST(PodRequests, SidecarsAddToContainersAndLaterInitContainers) {
  api::Pod p = pod("a", "500m");
  api::Container sidecar;
  sidecar.restart_policy = "Always";
  sidecar.resources.requests["cpu"] = q("200m");
  api::Container init;
  init.resources.requests["cpu"] = q("600m");
  p.spec.init_containers = {sidecar, init};
  // Containers 500m + sidecar 200m = 700m; init 600m + sidecar 200m = 800m.
  EXPECT_EQ(pod_requests(p).requested.milli_cpu, 800);
}

TEST(PodRequests, PodsWithoutRequestsScoreAsSmallDefaults) {
  PodRequests r = pod_requests(pod("a"));
  EXPECT_EQ(r.requested, Resources{});
  EXPECT_EQ(r.non_zero, (Resources{100, 200 * kMi}));
}

}  // namespace
}  // namespace herd::actors::sched
