#pragma once

// herd-bench controlplane: a whole control plane (ControlPlane::start) over a
// real event log with M simulated nodes (SimulatedRuntime: no containers
// run), one Deployment of N replicas, timed from its creation until every
// pod is Running and Ready; then the raw append rate of the same log, as the
// baseline (docs/benchmarks.md, "Control plane (simulated nodes)").

#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

namespace herd::bench {

struct ControlPlaneBenchOptions {
  std::string log_uri;
  int nodes = 100;
  int pods = 3000;
  int start_delay_ms = 100;  ///< SimulatedRuntimeOptions::start_delay.
  int heartbeat_ms = 10'000;
  int timer_tick_ms = 10;
  int max_seconds = 300;  ///< Limit of the timed window (and of the baseline).
  int baseline_threads = 4;
  int baseline_inflight = 32;
  bool keep = false;
  std::string kafka_script = HERD_SOURCE_DIR "/scripts/kafka";
};

/// Adds the controlplane subcommand's options to `command`.
void add_controlplane_options(CLI::App& command, ControlPlaneBenchOptions& o);

/// Runs the benchmark and prints its table. 0 when the table was printed
/// (even cut short), 1 when the log or the control plane could not start,
/// 2 for an unknown --log scheme.
int run_controlplane(const ControlPlaneBenchOptions& o);

}  // namespace herd::bench
