// A pod's status through real actors on simulated nodes, driven only by the
// node's events: conditions in order, a container that exits and is
// restarted in place (restartPolicy Always) with its restart count and last
// termination state.

#include <gtest/gtest.h>

#include "scenarios/scenario_helpers.hpp"
#include "scenarios/scenario_logs.hpp"

namespace herd::actors::scenarios {
namespace {

using std::chrono::seconds;

constexpr const char* kCrashingPod = R"(
apiVersion: v1
kind: Pod
metadata:
  name: crasher
  annotations:
    sim.herd.io/ready-after: "2s"
    sim.herd.io/exit-after: "5s"
    sim.herd.io/exit-code: "3"
spec:
  containers:
  - name: app
    image: busybox
)";

std::optional<api::Pod> crasher(const ControlPlane& plane) { return get_as<api::Pod>(plane, "Pod", "default", "crasher"); }

TEST_P(PodStatusScenarioSimulated, ConditionsRestartCountAndLastStateFollowTheNode) {
  pod_start_delay = std::chrono::milliseconds(1000);
  start(log(), 1);
  apply_yaml(kCrashingPod);

  ASSERT_TRUE(advance_until([&] { auto p = crasher(plane()); return p && running_and_ready(*p); }, seconds(10)));
  api::Pod pod = *crasher(plane());
  EXPECT_EQ(pod.spec.node_name, "sim-node-0");
  EXPECT_FALSE(pod.status.pod_ip.empty());
  for (const char* type : {"PodScheduled", "Initialized", "ContainersReady", "Ready"}) {
    EXPECT_TRUE(condition_true(pod.status.conditions, type)) << type;
  }
  ASSERT_EQ(pod.status.container_statuses.size(), 1u);
  EXPECT_EQ(pod.status.container_statuses[0].restart_count, 0);
  EXPECT_TRUE(pod.status.container_statuses[0].state.running.has_value());

  // The container exits with 3: not ready, terminated with the code.
  ASSERT_TRUE(advance_until(
      [&] {
        auto p = crasher(plane());
        return p && p->status.container_statuses.size() == 1 && p->status.container_statuses[0].state.terminated;
      },
      seconds(10)));
  pod = *crasher(plane());
  EXPECT_FALSE(condition_true(pod.status.conditions, "Ready"));
  EXPECT_FALSE(condition_true(pod.status.conditions, "ContainersReady"));
  EXPECT_EQ(pod.status.container_statuses[0].state.terminated->exit_code, 3);
  EXPECT_EQ(pod.status.phase, "Running") << "restartPolicy Always keeps the pod Running";

  // Restarted in place after the back-off: same pod, one restart, the exit kept as last state.
  const std::string uid = pod.metadata.uid;
  ASSERT_TRUE(advance_until(
      [&] {
        auto p = crasher(plane());
        return p && p->status.container_statuses[0].restart_count == 1 &&
               p->status.container_statuses[0].state.running.has_value() && running_and_ready(*p);
      },
      seconds(30)));
  pod = *crasher(plane());
  EXPECT_EQ(pod.metadata.uid, uid);
  ASSERT_TRUE(pod.status.container_statuses[0].last_state.terminated.has_value());
  EXPECT_EQ(pod.status.container_statuses[0].last_state.terminated->exit_code, 3);
  expect_replay_matches(log());
}

}  // namespace
}  // namespace herd::actors::scenarios
