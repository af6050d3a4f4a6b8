// The scheduler through real actors on simulated nodes: a pod that fits
// nowhere gets PodScheduled=False and a FailedScheduling Event with the
// reason, and is bound once room appears; a nodeSelector no node matches
// keeps a pod pending.

#include <gtest/gtest.h>

#include "scenarios/scenario_helpers.hpp"
#include "scenarios/scenario_logs.hpp"

namespace herd::actors::scenarios {
namespace {

using std::chrono::seconds;

std::string pod_yaml(const std::string& name, const std::string& cpu, const std::string& extra_spec = "") {
  return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name + "\nspec:\n" + extra_spec +
         "  containers:\n  - name: c\n    image: busybox\n    resources:\n      requests: {cpu: \"" + cpu +
         "\"}\n";
}

std::vector<api::Event> failed_scheduling_events(const ControlPlane& plane, const std::string& pod) {
  std::vector<api::Event> out;
  for (api::Event& e : list_as<api::Event>(plane, "Event", "default")) {
    if (e.reason == "FailedScheduling" && e.involved_object.name == pod) out.push_back(std::move(e));
  }
  return out;
}

bool running_on(const ControlPlane& plane, const std::string& pod, const std::string& node) {
  auto p = get_as<api::Pod>(plane, "Pod", "default", pod);
  return p && p->spec.node_name == node && p->status.phase == "Running";
}

// The simulated node has 32 CPUs: a 30-CPU pod leaves no room for an 8-CPU one
// until it is deleted.
TEST_P(SchedulerScenarioSimulated, UnschedulablePodIsReportedAndBoundWhenRoomAppears) {
  start(log(), 1);
  apply_yaml(pod_yaml("hog", "30"));
  ASSERT_TRUE(advance_until([&] { return running_on(plane(), "hog", "sim-node-0"); }, seconds(10)));

  apply_yaml(pod_yaml("big", "8"));
  advance(seconds(5));
  auto big = get_as<api::Pod>(plane(), "Pod", "default", "big");
  ASSERT_TRUE(big);
  EXPECT_TRUE(big->spec.node_name.empty());
  const api::Condition* scheduled = find_condition(big->status.conditions, "PodScheduled");
  ASSERT_NE(scheduled, nullptr);
  EXPECT_EQ(scheduled->status, "False");
  EXPECT_EQ(scheduled->reason, "Unschedulable");
  std::vector<api::Event> events = failed_scheduling_events(plane(), "big");
  ASSERT_EQ(events.size(), 1u) << "one FailedScheduling event while the reason stays the same";
  EXPECT_EQ(events[0].type, "Warning");
  EXPECT_NE(events[0].message.find("Insufficient cpu"), std::string::npos) << events[0].message;

  ASSERT_TRUE(plane().remove("Pod", "default", "hog", DeletePropagation::kBackground, "user:test").ok());
  ASSERT_TRUE(advance_until([&] { return running_on(plane(), "big", "sim-node-0"); }, seconds(60)))
      << "the pending pod was not retried when the hog's room was freed";
  EXPECT_FALSE(plane().get("Pod", "default", "hog").has_value());
  big = get_as<api::Pod>(plane(), "Pod", "default", "big");
  EXPECT_TRUE(condition_true(big->status.conditions, "PodScheduled"));
  expect_replay_matches(log());
}

TEST_P(SchedulerScenarioSimulated, NodeSelectorThatNoNodeMatchesKeepsThePodPending) {
  start(log(), 2);
  apply_yaml(pod_yaml("picky", "100m", "  nodeSelector: {disktype: ssd}\n"));
  apply_yaml(pod_yaml("easy", "100m"));
  ASSERT_TRUE(advance_until([&] { return running_on(plane(), "easy", "sim-node-0") ||
                                         running_on(plane(), "easy", "sim-node-1"); },
                            seconds(10)));
  advance(seconds(5));
  auto picky = get_as<api::Pod>(plane(), "Pod", "default", "picky");
  ASSERT_TRUE(picky);
  EXPECT_TRUE(picky->spec.node_name.empty());
  EXPECT_EQ(picky->status.phase, "Pending");
  std::vector<api::Event> events = failed_scheduling_events(plane(), "picky");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_NE(events[0].message.find("didn't match Pod's node affinity/selector"), std::string::npos)
      << events[0].message;
  expect_replay_matches(log());
}

}  // namespace
}  // namespace herd::actors::scenarios
