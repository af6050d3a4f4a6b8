#include "probe/probe_settings.hpp"

#include <gtest/gtest.h>

namespace herd::runtime::probe {
namespace {

using std::chrono::seconds;
using Kind = ProbeOutcome::Kind;
using Step = ResultTracker::Step;

api::Probe exec_probe() {
  api::Probe probe;
  probe.exec = api::ExecAction{{"true"}};
  return probe;
}

TEST(ProbeSettings, ZeroFieldsTakeTheApiDefaults) {
  auto settings = probe_settings(exec_probe(), ProbeKind::kReadiness);
  ASSERT_TRUE(settings.ok()) << settings.status().to_string();
  EXPECT_EQ(*settings, (ProbeSettings{seconds(0), seconds(10), seconds(1), 1, 3}));
}

TEST(ProbeSettings, GivenFieldsAreKept) {
  api::Probe probe = exec_probe();
  probe.initial_delay_seconds = 15;
  probe.period_seconds = 5;
  probe.timeout_seconds = 2;
  probe.success_threshold = 2;
  probe.failure_threshold = 4;
  auto settings = probe_settings(probe, ProbeKind::kReadiness);
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(*settings, (ProbeSettings{seconds(15), seconds(5), seconds(2), 2, 4}));
}

TEST(ProbeSettings, RefusesWhatTheApiRefuses) {
  api::Probe none;
  EXPECT_EQ(probe_settings(none, ProbeKind::kLiveness).status(),
            Status::invalid_argument("must specify a handler type"));
  api::Probe two = exec_probe();
  two.tcp_socket = api::TcpSocketAction{api::IntOrString::from_int(80), ""};
  EXPECT_EQ(probe_settings(two, ProbeKind::kLiveness).status(),
            Status::invalid_argument("may not specify more than 1 handler type"));
  api::Probe negative = exec_probe();
  negative.period_seconds = -1;
  EXPECT_EQ(probe_settings(negative, ProbeKind::kLiveness).status(),
            Status::invalid_argument("periodSeconds must not be negative: -1"));
  api::Probe twice = exec_probe();
  twice.success_threshold = 2;
  EXPECT_EQ(probe_settings(twice, ProbeKind::kLiveness).status(),
            Status::invalid_argument("successThreshold must be 1 for a Liveness probe, not 2"));
  EXPECT_FALSE(probe_settings(twice, ProbeKind::kStartup).ok());
  EXPECT_TRUE(probe_settings(twice, ProbeKind::kReadiness).ok());
  api::Probe empty_command;
  empty_command.exec = api::ExecAction{};
  EXPECT_FALSE(probe_settings(empty_command, ProbeKind::kReadiness).ok());
}

TEST(ProbeKindName, AsTheKubeletWritesIt) {
  EXPECT_EQ(probe_kind_name(ProbeKind::kLiveness), "Liveness");
  EXPECT_EQ(probe_kind_name(ProbeKind::kReadiness), "Readiness");
  EXPECT_EQ(probe_kind_name(ProbeKind::kStartup), "Startup");
}

TEST(ResultTracker, StartsAtTheKubeletsInitialResults) {
  EXPECT_EQ(ResultTracker(ProbeKind::kReadiness, 1, 3).result(), ProbeResult::kFailure);
  EXPECT_EQ(ResultTracker(ProbeKind::kLiveness, 1, 3).result(), ProbeResult::kSuccess);
  EXPECT_EQ(ResultTracker(ProbeKind::kStartup, 1, 3).result(), ProbeResult::kUnknown);
}

TEST(ResultTracker, ReadinessNeedsSuccessThresholdSuccessesInARow) {
  ResultTracker tracker(ProbeKind::kReadiness, 2, 3);
  EXPECT_FALSE(tracker.record(Kind::kSuccess).changed);
  EXPECT_FALSE(tracker.record(Kind::kFailure).changed);  // breaks the run
  EXPECT_FALSE(tracker.record(Kind::kSuccess).changed);
  EXPECT_EQ(tracker.record(Kind::kWarning), (Step{.changed = true}));  // a warning is a success
  EXPECT_EQ(tracker.result(), ProbeResult::kSuccess);
}

TEST(ResultTracker, ErrorsCountNeitherWayNorBreakARun) {
  ResultTracker tracker(ProbeKind::kReadiness, 1, 2);
  tracker.record(Kind::kSuccess);
  EXPECT_FALSE(tracker.record(Kind::kFailure).changed);
  EXPECT_FALSE(tracker.record(Kind::kError).changed);
  EXPECT_TRUE(tracker.record(Kind::kFailure).changed);
  EXPECT_EQ(tracker.result(), ProbeResult::kFailure);
}

TEST(ResultTracker, ReadinessFailureNeitherRestartsNorStops) {
  ResultTracker tracker(ProbeKind::kReadiness, 1, 1);
  tracker.record(Kind::kSuccess);
  EXPECT_EQ(tracker.record(Kind::kFailure), (Step{.changed = true}));
}

TEST(ResultTracker, LivenessRestartsAfterFailureThreshold) {
  ResultTracker tracker(ProbeKind::kLiveness, 1, 3);
  EXPECT_EQ(tracker.record(Kind::kFailure), Step{});
  EXPECT_EQ(tracker.record(Kind::kFailure), Step{});
  EXPECT_EQ(tracker.record(Kind::kFailure), (Step{.changed = true, .restart = true, .done = true}));
}

TEST(ResultTracker, StartupIsDoneAtItsFirstSuccess) {
  ResultTracker tracker(ProbeKind::kStartup, 1, 3);
  EXPECT_EQ(tracker.record(Kind::kFailure), Step{});
  EXPECT_EQ(tracker.record(Kind::kSuccess), (Step{.changed = true, .done = true}));
}

}  // namespace
}  // namespace herd::runtime::probe
