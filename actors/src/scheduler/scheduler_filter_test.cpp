#include "scheduler/scheduler_filter.hpp"

#include <gtest/gtest.h>

#include "scheduler/scheduler_test_util.hpp"

namespace herd::actors::sched {
namespace {

using testing::node;
using testing::pod;
using testing::taint;
using testing::toleration;

// The filter verdict for `p` on a cache holding only `n` (with `on_node`
// pods already there).
struct Verdict {
  FilterResult result;
  std::vector<std::string> texts;
};

class SchedulerFilter : public ::testing::Test {
 protected:
  Verdict check(const api::Pod& p, const api::Node& n, const std::vector<api::Pod>& on_node = {}) {
    cache_ = SchedulerCache();
    cache_.update_node(n);
    for (const api::Pod& other : on_node) cache_.add_pod(testing::key_of(other), other, n.metadata.name);
    FilterResult r = filter_node(p, pod_requests(p), *cache_.node(n.metadata.name));
    return {r, reason_texts(r)};
  }
  SchedulerCache cache_;
};

TEST_F(SchedulerFilter, ReadyNodeWithRoomFits) {
  EXPECT_TRUE(check(pod("p", "1", "1Gi"), node("n1")).result.fits());
}

TEST_F(SchedulerFilter, NodeThatIsNotReadyIsFilteredOut) {
  api::Node n = node("n1");
  n.status.conditions[0].status = "Unknown";
  Verdict v = check(pod("p"), n);
  EXPECT_EQ(v.result.reasons, kNotReady);
  EXPECT_EQ(v.texts, std::vector<std::string>{"node(s) were not ready"});
  n.status.conditions.clear();  // never reported: not ready either
  EXPECT_EQ(check(pod("p"), n).result.reasons, kNotReady);
}

TEST_F(SchedulerFilter, UnschedulableNodeIsFilteredOutUnlessTolerated) {
  api::Node n = node("n1");
  n.spec.unschedulable = true;
  api::Pod p = pod("p");
  Verdict v = check(p, n);
  EXPECT_EQ(v.result.reasons, kUnschedulable);
  EXPECT_EQ(v.texts, std::vector<std::string>{"node(s) were unschedulable"});
  p.spec.tolerations.push_back(toleration("node.kubernetes.io/unschedulable", "Exists", "", "NoSchedule"));
  EXPECT_TRUE(check(p, n).result.fits());
}

TEST_F(SchedulerFilter, TooManyPods) {
  Verdict v = check(pod("p"), node("n1", "4", "8Gi", "2"), {pod("a"), pod("b")});
  EXPECT_EQ(v.result.reasons, kTooManyPods);
  EXPECT_EQ(v.texts, std::vector<std::string>{"Too many pods"});
  EXPECT_TRUE(check(pod("p"), node("n1", "4", "8Gi", "2"), {pod("a")}).result.fits());
}

TEST_F(SchedulerFilter, InsufficientCpuAndMemoryAreBothReported) {
  Verdict v = check(pod("p", "2", "4Gi"), node("n1", "4", "8Gi"), {pod("a", "3", "5Gi")});
  EXPECT_EQ(v.result.reasons, kInsufficientCpu | kInsufficientMemory);
  EXPECT_EQ(v.texts, (std::vector<std::string>{"Insufficient cpu", "Insufficient memory"}));
}

TEST_F(SchedulerFilter, RequestsThatExactlyFillTheNodeFit) {
  EXPECT_TRUE(check(pod("p", "1", "3Gi"), node("n1", "4", "8Gi"), {pod("a", "3", "5Gi")}).result.fits());
  EXPECT_EQ(check(pod("p", "1001m"), node("n1", "4"), {pod("a", "3")}).result.reasons, kInsufficientCpu);
}

TEST_F(SchedulerFilter, ZeroRequestsFitAFullNode) {
  EXPECT_TRUE(check(pod("p"), node("n1", "1", "1Gi"), {pod("a", "1", "1Gi")}).result.fits());
}

TEST_F(SchedulerFilter, NodeSelectorMustMatchEveryLabel) {
  api::Node n = node("n1");
  n.metadata.labels = {{"disk", "ssd"}, {"zone", "a"}};
  api::Pod p = pod("p");
  p.spec.node_selector = {{"disk", "ssd"}};
  EXPECT_TRUE(check(p, n).result.fits());
  p.spec.node_selector["zone"] = "b";
  Verdict v = check(p, n);
  EXPECT_EQ(v.result.reasons, kNodeSelectorMismatch);
  EXPECT_EQ(v.texts, std::vector<std::string>{"node(s) didn't match Pod's node affinity/selector"});
}

TEST_F(SchedulerFilter, UntoleratedNoScheduleAndNoExecuteTaintsFilterOut) {
  for (const char* effect : {"NoSchedule", "NoExecute"}) {
    api::Node n = node("n1");
    n.spec.taints.push_back(taint("dedicated", "gpu", effect));
    Verdict v = check(pod("p"), n);
    EXPECT_EQ(v.result.reasons, kUntoleratedTaint) << effect;
    EXPECT_EQ(v.texts, std::vector<std::string>{"node(s) had untolerated taint {dedicated: gpu}"});
  }
}

TEST_F(SchedulerFilter, PreferNoScheduleTaintDoesNotFilter) {
  api::Node n = node("n1");
  n.spec.taints.push_back(taint("dedicated", "gpu", "PreferNoSchedule"));
  EXPECT_TRUE(check(pod("p"), n).result.fits());
}

TEST_F(SchedulerFilter, ToleratedTaintLetsThePodIn) {
  api::Node n = node("n1");
  n.spec.taints.push_back(taint("dedicated", "gpu", "NoSchedule"));
  api::Pod p = pod("p");
  p.spec.tolerations.push_back(toleration("dedicated", "Equal", "gpu", "NoSchedule"));
  EXPECT_TRUE(check(p, n).result.fits());
}

TEST_F(SchedulerFilter, FirstFailingFilterDecides) {
  api::Node n = node("n1", "1");
  n.spec.taints.push_back(taint("k", "v", "NoSchedule"));
  EXPECT_EQ(check(pod("p", "2"), n).result.reasons, kUntoleratedTaint);  // not also Insufficient cpu
}

TEST(Tolerations, EqualNeedsTheSameKeyAndValue) {
  api::Taint t = taint("dedicated", "gpu", "NoSchedule");
  EXPECT_TRUE(tolerates(toleration("dedicated", "Equal", "gpu", "NoSchedule"), t));
  EXPECT_TRUE(tolerates(toleration("dedicated", "", "gpu", "NoSchedule"), t));  // operator defaults to Equal
  EXPECT_FALSE(tolerates(toleration("dedicated", "Equal", "cpu", "NoSchedule"), t));
  EXPECT_FALSE(tolerates(toleration("other", "Equal", "gpu", "NoSchedule"), t));
}

TEST(Tolerations, ExistsIgnoresTheValue) {
  api::Taint t = taint("dedicated", "gpu", "NoSchedule");
  EXPECT_TRUE(tolerates(toleration("dedicated", "Exists", "", "NoSchedule"), t));
  EXPECT_FALSE(tolerates(toleration("other", "Exists", "", "NoSchedule"), t));
}

TEST(Tolerations, EmptyKeyWithExistsToleratesEveryTaint) {
  api::Toleration all = toleration("", "Exists", "", "");
  EXPECT_TRUE(tolerates(all, taint("a", "1", "NoSchedule")));
  EXPECT_TRUE(tolerates(all, taint("b", "", "NoExecute")));
  api::Toleration all_no_execute = toleration("", "Exists", "", "NoExecute");
  EXPECT_TRUE(tolerates(all_no_execute, taint("b", "", "NoExecute")));
  EXPECT_FALSE(tolerates(all_no_execute, taint("a", "1", "NoSchedule")));
}

TEST(Tolerations, EffectMustMatchUnlessEmpty) {
  api::Taint t = taint("k", "v", "NoExecute");
  EXPECT_FALSE(tolerates(toleration("k", "Equal", "v", "NoSchedule"), t));
  EXPECT_TRUE(tolerates(toleration("k", "Equal", "v", ""), t));
}

TEST(Tolerations, UnknownOperatorToleratesNothing) {
  EXPECT_FALSE(tolerates(toleration("k", "Gt", "v", ""), taint("k", "v", "NoSchedule")));
}

}  // namespace
}  // namespace herd::actors::sched
