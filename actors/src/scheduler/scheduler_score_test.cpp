#include "scheduler/scheduler_score.hpp"

#include <gtest/gtest.h>

#include "scheduler/scheduler_test_util.hpp"

namespace herd::actors::sched {
namespace {

using testing::node;
using testing::pod;

TEST(SchedulerScore, LeastAllocatedIsTheMeanFreeShareAfterPlacing) {
  SchedulerCache cache;
  cache.update_node(node("busy", "4", "8Gi"));
  cache.update_node(node("empty", "4", "8Gi"));
  cache.add_pod("Pod/default/a", pod("a", "1", "2Gi"), "busy");
  PodRequests r = pod_requests(pod("p", "1", "2Gi"));
  EXPECT_EQ(least_allocated_score(r, *cache.node("busy")), 50);   // (50 + 50) / 2
  EXPECT_EQ(least_allocated_score(r, *cache.node("empty")), 75);  // (75 + 75) / 2
}

TEST(SchedulerScore, LeastAllocatedScoresZeroWhenOverCommittedOrEmpty) {
  SchedulerCache cache;
  cache.update_node(node("small", "1", "1Gi"));
  cache.update_node(node("none", "0", "0"));
  PodRequests r = pod_requests(pod("p", "2", "2Gi"));
  EXPECT_EQ(least_allocated_score(r, *cache.node("small")), 0);
  EXPECT_EQ(least_allocated_score(r, *cache.node("none")), 0);
}

TEST(SchedulerScore, PodsWithoutRequestsStillPreferTheEmptierNode) {
  SchedulerCache cache;
  cache.update_node(node("busy", "1", "1Gi"));
  cache.update_node(node("empty", "1", "1Gi"));
  cache.add_pod("Pod/default/a", pod("a"), "busy");
  PodRequests r = pod_requests(pod("p"));
  EXPECT_LT(least_allocated_score(r, *cache.node("busy")), least_allocated_score(r, *cache.node("empty")));
}

TEST(SchedulerScore, SpreadingFavoursNodesWithFewerPodsOfTheWorkload) {
  EXPECT_EQ(spreading_score(2, 2), 0);
  EXPECT_EQ(spreading_score(1, 2), 50);
  EXPECT_EQ(spreading_score(0, 2), 100);
  EXPECT_EQ(spreading_score(0, 0), 100);
}

TEST(SchedulerScore, TotalIsTheWeightedSum) {
  SchedulerCache cache;
  cache.update_node(node("n", "4", "8Gi"));
  PodRequests r = pod_requests(pod("p", "1", "2Gi"));  // least-allocated 75
  EXPECT_EQ(node_score(r, *cache.node("n"), 1, 2, ScoreWeights{}), 75 + 2 * 50);
  EXPECT_EQ(node_score(r, *cache.node("n"), 1, 2, ScoreWeights{3, 0}), 3 * 75);
}

}  // namespace
}  // namespace herd::actors::sched
