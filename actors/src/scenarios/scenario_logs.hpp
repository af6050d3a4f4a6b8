#pragma once

// The scenario suites run whole control planes on simulated nodes over a real
// event log backend, chosen by the binary that instantiates them:
//
//   herd_actors_scenario_test        (unit)         the embedded file log
//   herd_actors_scenario_kafka_test  (integration)  Kafka, HERD_KAFKA_BOOTSTRAP
//
// Each suite is a value-parameterized fixture over an EventLogFactory (the
// conformance suite's: open a fresh log, reopen the same one, clean up).
// The scenario files define the TEST_Ps once; HERD_INSTANTIATE_SCENARIOS
// (in the backend's file) instantiates every suite for one backend, giving
// names such as `File/SeedWorkloadsSimulated.RcexReplacesADeletedPod/File`.
//
// Every scenario ends with expect_replay_matches(log()): its log, replayed
// into a fresh ClusterState, must give the live plane's digest.

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "actors/testing/control_plane_fixture.hpp"
#include "events/testing/event_log_conformance.hpp"
#include "herd/events/log_factory.hpp"

namespace herd::actors::scenarios {

using events::testing::EventLogFactory;

class ScenarioTest : public testing::ControlPlaneFixture, public ::testing::WithParamInterface<EventLogFactory> {
 protected:
  void SetUp() override {
    log_ = GetParam().open_fresh();
    ASSERT_NE(log_, nullptr) << "could not open a " << GetParam().name << " log";
  }
  void TearDown() override {
    stop();
    log_.reset();
    if (GetParam().cleanup) GetParam().cleanup();
  }

  events::EventLog& log() { return *log_; }

  /// Stops the control plane, closes the log, reopens it and starts a new
  /// control plane over it with `simulated_nodes` nodes: a process restart.
  void restart(int simulated_nodes) {
    stop();
    log_.reset();
    log_ = GetParam().reopen_same();
    ASSERT_NE(log_, nullptr) << "could not reopen the " << GetParam().name << " log";
    start(*log_, simulated_nodes);
  }

 private:
  std::unique_ptr<events::EventLog> log_;
};

// One fixture per concern (one scenario file each).
class SeedWorkloadsSimulated : public ScenarioTest {};
class JobScenarioSimulated : public ScenarioTest {};
class ClusterScenarioSimulated : public ScenarioTest {};
class RestartScenarioSimulated : public ScenarioTest {};
class SchedulerScenarioSimulated : public ScenarioTest {};
class PodStatusScenarioSimulated : public ScenarioTest {};

/// The embedded file log in a fresh directory under /tmp, opened by URI.
inline EventLogFactory file_scenario_logs() {
  auto dir = std::make_shared<std::string>();
  auto open = [dir]() -> std::unique_ptr<events::EventLog> {
    Result<std::unique_ptr<events::EventLog>> log = events::open_event_log("file://" + *dir, events::LogOptions{});
    if (!log.ok()) {
      ADD_FAILURE() << "open_event_log(file://" << *dir << "): " << log.status().to_string();
      return nullptr;
    }
    return std::move(log).value();
  };
  return {
      .name = "File",
      .open_fresh =
          [dir, open] {
            char path[] = "/tmp/herd-scenario-XXXXXX";
            *dir = mkdtemp(path) == nullptr ? "" : path;
            return open();
          },
      .reopen_same = open,
      .cleanup =
          [dir] {
            std::error_code ignored;
            if (!dir->empty()) std::filesystem::remove_all(*dir, ignored);
          },
  };
}

}  // namespace herd::actors::scenarios

/// Instantiates every scenario suite for one backend.
#define HERD_INSTANTIATE_SCENARIOS(prefix, factory_expr)                                                     \
  INSTANTIATE_TEST_SUITE_P(prefix, SeedWorkloadsSimulated, ::testing::Values(factory_expr),                  \
                           [](const auto& info) { return info.param.name; });                              \
  INSTANTIATE_TEST_SUITE_P(prefix, JobScenarioSimulated, ::testing::Values(factory_expr),                    \
                           [](const auto& info) { return info.param.name; });                              \
  INSTANTIATE_TEST_SUITE_P(prefix, ClusterScenarioSimulated, ::testing::Values(factory_expr),                \
                           [](const auto& info) { return info.param.name; });                              \
  INSTANTIATE_TEST_SUITE_P(prefix, RestartScenarioSimulated, ::testing::Values(factory_expr),                \
                           [](const auto& info) { return info.param.name; });                              \
  INSTANTIATE_TEST_SUITE_P(prefix, SchedulerScenarioSimulated, ::testing::Values(factory_expr),              \
                           [](const auto& info) { return info.param.name; });                              \
  INSTANTIATE_TEST_SUITE_P(prefix, PodStatusScenarioSimulated, ::testing::Values(factory_expr),              \
                           [](const auto& info) { return info.param.name; })
