#include "scheduler/scheduler_schedule_one.hpp"

#include <gtest/gtest.h>

#include <set>

#include "scheduler/scheduler_test_util.hpp"

namespace herd::actors::sched {
namespace {

using testing::key_of;
using testing::node;
using testing::pod;
using testing::taint;

TEST(SchedulerScheduleOne, PicksTheLeastAllocatedNode) {
  SchedulerCache cache;
  cache.update_node(node("a", "4", "8Gi"));
  cache.update_node(node("b", "4", "8Gi"));
  cache.add_pod("Pod/default/x", pod("x", "2", "4Gi"), "a");
  ScheduleResult r = schedule_one(pod("p", "1", "1Gi"), cache);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.node, "b");
}

TEST(SchedulerScheduleOne, PrefersTheBiggerNodeForTheSameRequests) {
  SchedulerCache cache;
  cache.update_node(node("small", "2", "4Gi"));
  cache.update_node(node("big", "16", "64Gi"));
  EXPECT_EQ(schedule_one(pod("p", "1", "1Gi"), cache).node, "big");
}

TEST(SchedulerScheduleOne, TiesGoToTheNodeNamedFirst) {
  SchedulerCache cache;
  for (const char* n : {"c", "b", "a"}) cache.update_node(node(n));
  EXPECT_EQ(schedule_one(pod("p", "1"), cache).node, "a");
  ScheduleOptions from_c;
  from_c.start_index = 2;
  EXPECT_EQ(schedule_one(pod("p", "1"), cache, from_c).node, "a");
}

TEST(SchedulerScheduleOne, SpreadsThreeReplicasOverThreeNodes) {
  SchedulerCache cache;
  for (const char* n : {"n1", "n2", "n3"}) cache.update_node(node(n));
  std::set<std::string> used;
  for (const char* name : {"web-1", "web-2", "web-3"}) {
    api::Pod p = pod(name, "100m", "128Mi", "rs-web");
    ScheduleResult r = schedule_one(p, cache);
    ASSERT_TRUE(r.ok()) << r.message;
    used.insert(r.node);
    cache.assume(key_of(p), p, r.node);
  }
  EXPECT_EQ(used, (std::set<std::string>{"n1", "n2", "n3"}));
}

TEST(SchedulerScheduleOne, SpreadingOutweighsASlightlyEmptierNode) {
  SchedulerCache cache;
  cache.update_node(node("n1"));
  cache.update_node(node("n2"));
  cache.add_pod("Pod/default/other", pod("other", "500m", "512Mi"), "n2");
  cache.add_pod("Pod/default/web-1", pod("web-1", "100m", "128Mi", "rs-web"), "n1");
  EXPECT_EQ(schedule_one(pod("web-2", "100m", "128Mi", "rs-web"), cache).node, "n2");
}

TEST(SchedulerScheduleOne, FailureMessageCountsReasonsInKubernetesWords) {
  SchedulerCache cache;
  cache.update_node(node("a", "1"));
  for (const char* n : {"b", "c"}) {
    api::Node tainted = node(n);
    tainted.spec.taints.push_back(taint("key", "value", "NoSchedule"));
    cache.update_node(tainted);
  }
  ScheduleResult r = schedule_one(pod("p", "2"), cache);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.message,
            "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {key: value}.");
  EXPECT_EQ(r.nodes_evaluated, 3u);
}

TEST(SchedulerScheduleOne, FailureMessageListsEveryShortResourceOfANode) {
  SchedulerCache cache;
  cache.update_node(node("a", "1", "1Gi"));
  api::Node cordoned = node("b");
  cordoned.spec.unschedulable = true;
  cache.update_node(cordoned);
  EXPECT_EQ(schedule_one(pod("p", "2", "2Gi"), cache).message,
            "0/2 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 1 node(s) were unschedulable.");
}

TEST(SchedulerScheduleOne, NoNodesAtAll) {
  SchedulerCache cache;
  ScheduleResult r = schedule_one(pod("p"), cache);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.message, "no nodes available to schedule pods");
}

TEST(SchedulerScheduleOne, PlacementFreedByRemovePodIsUsableAgain) {
  SchedulerCache cache;
  cache.update_node(node("n1", "2"));
  cache.add_pod("Pod/default/a", pod("a", "2"), "n1");
  EXPECT_FALSE(schedule_one(pod("p", "1"), cache).ok());
  cache.remove_pod("Pod/default/a");
  EXPECT_EQ(schedule_one(pod("p", "1"), cache).node, "n1");
}

TEST(SchedulerScheduleOne, NodesToFindAdaptToClusterSize) {
  ScheduleOptions o;
  EXPECT_EQ(num_feasible_nodes_to_find(50, o), 50u);      // small: every node
  EXPECT_EQ(num_feasible_nodes_to_find(100, o), 100u);
  EXPECT_EQ(num_feasible_nodes_to_find(1000, o), 420u);   // 50 - 8 = 42%
  EXPECT_EQ(num_feasible_nodes_to_find(5000, o), 500u);   // 50 - 40 = 10%
  EXPECT_EQ(num_feasible_nodes_to_find(10000, o), 500u);  // floor of 5%
  o.percentage_of_nodes_to_score = 1;
  EXPECT_EQ(num_feasible_nodes_to_find(5000, o), 100u);   // never below the minimum
  o.percentage_of_nodes_to_score = 100;
  EXPECT_EQ(num_feasible_nodes_to_find(5000, o), 5000u);
}

TEST(SchedulerScheduleOne, SearchStopsAfterEnoughFeasibleNodesAndRotates) {
  SchedulerCache cache;
  for (const char* n : {"a", "b", "c", "d", "e"}) cache.update_node(node(n));
  ScheduleOptions o;
  o.min_feasible_nodes_to_find = 2;
  o.percentage_of_nodes_to_score = 1;
  ScheduleResult r = schedule_one(pod("p"), cache, o);
  EXPECT_EQ(r.node, "a");
  EXPECT_EQ(r.nodes_evaluated, 2u);
  EXPECT_EQ(r.next_start_index, 2u);
  o.start_index = r.next_start_index;
  r = schedule_one(pod("p"), cache, o);
  EXPECT_EQ(r.node, "c");  // c and d looked at
  EXPECT_EQ(r.next_start_index, 4u);
  o.start_index = r.next_start_index;
  r = schedule_one(pod("p"), cache, o);
  EXPECT_EQ(r.node, "a");  // e and (wrapping) a
  EXPECT_EQ(r.next_start_index, 1u);
}

TEST(SchedulerScheduleOne, InfeasibleNodesDoNotCountTowardsTheSearchLimit) {
  SchedulerCache cache;
  for (const char* n : {"a", "b", "c"}) cache.update_node(node(n, "1"));
  cache.update_node(node("d", "8"));
  ScheduleOptions o;
  o.min_feasible_nodes_to_find = 1;
  o.percentage_of_nodes_to_score = 1;
  ScheduleResult r = schedule_one(pod("p", "2"), cache, o);
  EXPECT_EQ(r.node, "d");
  EXPECT_EQ(r.nodes_evaluated, 4u);
  EXPECT_EQ(r.feasible_nodes, 1u);
}

}  // namespace
}  // namespace herd::actors::sched
