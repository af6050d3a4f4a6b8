// Pod rows against kubectl's output for the same pod states (printPod).

#include <string>

#include <gtest/gtest.h>

#include "herd/api/codec.hpp"
#include "printers/printers_testing.hpp"

namespace herd::server::printers {
namespace {

// A pod "web", created 10 minutes ago, with containers app and sidecar;
// `spec` adds spec fields (indented by two), `status` is the status body.
std::string pod(std::string_view status, std::string_view spec = "", std::string_view metadata = "") {
  return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  creationTimestamp: " + ago(600) + "\n" +
         std::string(metadata) +
         "spec:\n  containers:\n  - {name: app, image: nginx}\n  - {name: sidecar, image: envoy}\n" +
         std::string(spec) + "status:\n" + std::string(status);
}

// containerStatuses of app and sidecar, each given as its YAML flow body.
std::string containers(std::string_view app, std::string_view sidecar) {
  return "  containerStatuses:\n  - {name: app, " + std::string(app) + "}\n  - {name: sidecar, " +
         std::string(sidecar) + "}\n";
}

constexpr std::string_view kRunningReady = "ready: true, state: {running: {}}";
constexpr std::string_view kReadyCondition = "  conditions:\n  - {type: Ready, status: \"True\"}\n";

TEST(PodPrinter, RunningPodIsReadyWithNoRestarts) {
  api::Value t = table_of_yaml(
      pod("  phase: Running\n" + std::string(kReadyCondition) + containers(kRunningReady, kRunningReady)));
  EXPECT_EQ(text_cell(t, "Name"), "web");
  EXPECT_EQ(text_cell(t, "Ready"), "2/2");
  EXPECT_EQ(text_cell(t, "Status"), "Running");
  EXPECT_EQ(text_cell(t, "Restarts"), "0");
  EXPECT_EQ(text_cell(t, "Age"), "10m");
}

TEST(PodPrinter, RestartsSayWhenTheLastContainerRestarted) {
  std::string app =
      "ready: true, restartCount: 3, state: {running: {}}, lastState: {terminated: {exitCode: 1, "
      "finishedAt: '" +
      ago(120) + "'}}";
  std::string sidecar =
      "ready: false, restartCount: 1, state: {running: {}}, lastState: {terminated: "
      "{exitCode: 1, finishedAt: '" +
      ago(300) + "'}}";
  api::Value t = table_of_yaml(pod("  phase: Running\n" + containers(app, sidecar)));
  EXPECT_EQ(text_cell(t, "Ready"), "1/2");
  EXPECT_EQ(text_cell(t, "Status"), "Running");
  EXPECT_EQ(text_cell(t, "Restarts"), "4 (2m ago)");
}

TEST(PodPrinter, RestartsWithoutAFinishTimeAreJustCounted) {
  api::Value t = table_of_yaml(
      pod("  phase: Running\n" + containers("ready: true, restartCount: 2, state: {running: {}}", kRunningReady)));
  EXPECT_EQ(text_cell(t, "Restarts"), "2");
}

TEST(PodPrinter, FirstContainersWaitingReasonIsTheStatus) {
  for (std::string reason : {"ContainerCreating", "CrashLoopBackOff", "ErrImagePull", "ImagePullBackOff"}) {
    std::string app = "state: {waiting: {reason: " + reason + "}}";
    api::Value t = table_of_yaml(pod("  phase: Running\n" + containers(app, kRunningReady)));
    EXPECT_EQ(text_cell(t, "Status"), reason);
    EXPECT_EQ(text_cell(t, "Ready"), "1/2");
  }
}

TEST(PodPrinter, TerminatedContainersGiveReasonSignalOrExitCode) {
  auto status = [](std::string_view terminated) {
    std::string app = "state: {terminated: {" + std::string(terminated) + "}}";
    return status_of(
        pod("  phase: Failed\n" + containers(app, "state: {terminated: {exitCode: 0, reason: Completed}}")));
  };
  EXPECT_EQ(status("exitCode: 1, reason: Error"), "Error");
  EXPECT_EQ(status("exitCode: 137, reason: OOMKilled"), "OOMKilled");
  EXPECT_EQ(status("exitCode: 3"), "ExitCode:3");
  EXPECT_EQ(status("exitCode: 143, signal: 15"), "Signal:15");
}

TEST(PodPrinter, SucceededPodIsCompletedAndItsRowMarkedSo) {
  std::string done = "state: {terminated: {exitCode: 0, reason: Completed}}";
  api::Value t = table_of_yaml(pod("  phase: Succeeded\n" + containers(done, done)));
  EXPECT_EQ(text_cell(t, "Status"), "Completed");
  EXPECT_EQ(text_cell(t, "Ready"), "0/2");
  const api::Value& row = t.find("rows")->as_array()[0];
  ASSERT_NE(row.find("conditions"), nullptr);
  EXPECT_EQ(
      api::to_json(*row.find("conditions")),
      R"([{"type":"Completed","status":"True","reason":"Succeeded","message":"The pod has completed successfully."}])");
}

TEST(PodPrinter, CompletedContainerBesideARunningOneIsRunningOrNotReady) {
  std::string status = containers("state: {terminated: {exitCode: 0, reason: Completed}}", kRunningReady);
  EXPECT_EQ(status_of(pod("  phase: Running\n" + std::string(kReadyCondition) + status)), "Running");
  EXPECT_EQ(status_of(pod("  phase: Running\n" + status)), "NotReady");
}

// Init containers init-db and init-cache; `statuses` are their flow bodies.
std::string initializing(std::string_view init_db, std::string_view init_cache, std::string_view extra = "") {
  std::string spec = "  initContainers:\n  - {name: init-db, image: busybox}\n  - {name: init-cache, image: busybox}\n";
  std::string status =
      "  phase: Pending\n" + std::string(extra) + "  initContainerStatuses:\n  - {name: init-db, " +
      std::string(init_db) + "}\n  - {name: init-cache, " + std::string(init_cache) + "}\n" +
      containers("state: {waiting: {reason: PodInitializing}}", "state: {waiting: {reason: PodInitializing}}");
  return pod(status, spec);
}

TEST(PodPrinter, InitContainersShowProgressOrTheirReason) {
  constexpr std::string_view kWaiting = "state: {waiting: {reason: PodInitializing}}";
  constexpr std::string_view kDone = "state: {terminated: {exitCode: 0, reason: Completed}}";
  EXPECT_EQ(status_of(initializing("state: {running: {}}", kWaiting)), "Init:0/2");
  EXPECT_EQ(status_of(initializing(kDone, "state: {running: {}}")), "Init:1/2");
  EXPECT_EQ(status_of(initializing("state: {waiting: {reason: CrashLoopBackOff}}", kWaiting)), "Init:CrashLoopBackOff");
  EXPECT_EQ(status_of(initializing("state: {terminated: {exitCode: 1, reason: Error}}", kWaiting)), "Init:Error");
  EXPECT_EQ(status_of(initializing("state: {terminated: {exitCode: 2}}", kWaiting)), "Init:ExitCode:2");
  EXPECT_EQ(status_of(initializing("state: {terminated: {exitCode: 137, signal: 9}}", kWaiting)), "Init:Signal:9");
}

TEST(PodPrinter, InitContainerRestartsCountWhileInitializingOnly) {
  std::string crashing =
      "restartCount: 4, state: {waiting: {reason: CrashLoopBackOff}}, lastState: "
      "{terminated: {exitCode: 1, finishedAt: '" +
      ago(30) + "'}}";
  api::Value t = table_of_yaml(initializing(crashing, "state: {waiting: {reason: PodInitializing}}"));
  EXPECT_EQ(text_cell(t, "Restarts"), "4 (30s ago)");
  EXPECT_EQ(text_cell(t, "Ready"), "0/2");

  std::string done_after_restarts = "restartCount: 4, state: {terminated: {exitCode: 0, reason: Completed}}";
  std::string initialized = "  conditions:\n  - {type: Initialized, status: \"True\"}\n";
  t = table_of_yaml(
      initializing(done_after_restarts, "state: {terminated: {exitCode: 0, reason: Completed}}", initialized));
  EXPECT_EQ(text_cell(t, "Status"), "PodInitializing");
  EXPECT_EQ(text_cell(t, "Restarts"), "0");
}

TEST(PodPrinter, StartedSidecarsCountAsReadyContainersAndTheirRestarts) {
  std::string spec = "  initContainers:\n  - {name: proxy, image: envoy, restartPolicy: Always}\n";
  std::string status = "  phase: Running\n" + std::string(kReadyCondition) +
                       "  initContainerStatuses:\n  - {name: proxy, ready: true, started: true, restartCount: 1, "
                       "state: {running: {}}, lastState: {terminated: {exitCode: 1, finishedAt: '" +
                       ago(60) + "'}}}\n" + containers(kRunningReady, kRunningReady);
  api::Value t = table_of_yaml(pod(status, spec));
  EXPECT_EQ(text_cell(t, "Ready"), "3/3");
  EXPECT_EQ(text_cell(t, "Status"), "Running");
  EXPECT_EQ(text_cell(t, "Restarts"), "1 (60s ago)");
}

TEST(PodPrinter, DeletedPodIsTerminatingUnlessFinishedOrItsNodeIsLost) {
  std::string deleted = "  deletionTimestamp: " + ago(5) + "\n";
  std::string running = "  phase: Running\n" + containers(kRunningReady, kRunningReady);
  EXPECT_EQ(status_of(pod(running, "", deleted)), "Terminating");
  std::string done = "state: {terminated: {exitCode: 0, reason: Completed}}";
  EXPECT_EQ(status_of(pod("  phase: Succeeded\n" + containers(done, done), "", deleted)), "Completed");
  EXPECT_EQ(
      status_of(pod("  phase: Running\n  reason: NodeLost\n" + containers(kRunningReady, kRunningReady), "", deleted)),
      "Unknown");
}

TEST(PodPrinter, PodReasonOrPhaseWhenNoContainerSaysMore) {
  EXPECT_EQ(status_of(pod("  phase: Pending\n")), "Pending");
  EXPECT_EQ(status_of(pod("  phase: Failed\n  reason: Evicted\n")), "Evicted");
  EXPECT_EQ(status_of(pod("  phase: Pending\n  conditions:\n  - {type: PodScheduled, status: \"False\", reason: "
                          "SchedulingGated}\n")),
            "SchedulingGated");
}

TEST(PodPrinter, WideColumnsShowIpNodeAndNoneForTheRest) {
  api::Value t = table_of_yaml(pod("  phase: Running\n  podIP: 10.244.0.7\n" + containers(kRunningReady, kRunningReady),
                                   "  nodeName: node-1\n"));
  EXPECT_EQ(text_cell(t, "IP"), "10.244.0.7");
  EXPECT_EQ(text_cell(t, "Node"), "node-1");
  EXPECT_EQ(text_cell(t, "Nominated Node"), "<none>");
  EXPECT_EQ(text_cell(t, "Readiness Gates"), "<none>");
  t = table_of_yaml(pod("  phase: Pending\n"));
  EXPECT_EQ(text_cell(t, "IP"), "<none>");
  EXPECT_EQ(text_cell(t, "Node"), "<none>");
}

}  // namespace
}  // namespace herd::server::printers
