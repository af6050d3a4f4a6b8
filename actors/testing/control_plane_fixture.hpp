#pragma once

// A gtest fixture that runs a whole ControlPlane over an event log of the
// test's choice, with a FakeClock and (optionally) simulated nodes. The
// simulated nodes run no containers; tests that use them say so in their
// names (…Simulated…).
//
// Time never passes by itself: advance() moves the clock, fires the timers
// that came due and waits until the actors are idle again.

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "herd/actors/control_plane.hpp"
#include "herd/api/manifest.hpp"
#include "base/testing/fake_clock.hpp"
#include "herd/events/cluster_state.hpp"
#include "herd/events/event_log.hpp"

namespace herd::actors::testing {

class ControlPlaneFixture : public ::testing::Test {
 protected:
  /// Starts (or restarts, over the same log) a control plane with
  /// `simulated_nodes` simulated nodes "sim-node-<i>".
  void start(events::EventLog& log, int simulated_nodes = 0);
  void stop() { plane_.reset(); }
  /// Stops the control plane before the test's own members (its log) go.
  void TearDown() override { stop(); }

  ControlPlane& plane() { return *plane_; }
  herd::testing::FakeClock& clock() { return clock_; }

  /// Moves the clock in steps of at most `step`, firing timers and letting
  /// the actors settle after each.
  void advance(std::chrono::milliseconds by, std::chrono::milliseconds step = std::chrono::milliseconds(1000));
  /// Waits (real time, bounded) until the actors are idle; fails the test if not.
  void settle();

  /// Decodes one manifest document (YAML) and creates it.
  ObjectView apply_yaml(const std::string& yaml);
  /// Creates every object of a manifest file under examples/.
  void apply_file(const std::string& path);
  /// Decodes a manifest file under examples/ without creating anything, so a
  /// test can adjust the objects (e.g. script simulated pods) first.
  std::vector<api::Object> read_file(const std::string& path);

  /// Advances the clock in `step`s until `done()` holds, at most `limit`
  /// (clock time). Returns whether it holds; `done` is checked first.
  bool advance_until(const std::function<bool()>& done, std::chrono::milliseconds limit,
                     std::chrono::milliseconds step = std::chrono::milliseconds(1000));

  /// Replays `log` into a fresh ClusterState and checks its digest equals the
  /// live control plane's.
  void expect_replay_matches(events::EventLog& log);

  /// Simulated node settings used by start().
  std::chrono::milliseconds pod_start_delay{1000};
  std::chrono::milliseconds heartbeat{10'000};

 private:
  herd::testing::FakeClock clock_{std::chrono::system_clock::time_point(std::chrono::seconds(1'790'000'000))};
  std::unique_ptr<ControlPlane> plane_;
};

}  // namespace herd::actors::testing
