#pragma once

// herd-bench podstart: pod start latency on a real containerd node, beside
// the floor of the same containerd (docs/benchmarks.md, "Pod start").
//
// herd: a ControlPlane (file log, system clock) with one node on the
// containerd runtime; the image is pulled by a warm-up pod first. Then
// --pods pods (busybox `sleep`), one at a time: each is timed from the
// create() call until the control plane's state shows its container running
// (scheduling, the log's appends, volumes, CNI, containerd, the task's start).
//
// Baseline: `ctr run -d` of the same image against the same containerd, one
// at a time, timed as the process's wall time (snapshot, container, task,
// start; ctr makes an empty network namespace, no CNI).

#include <string>

#include <CLI/CLI.hpp>

namespace herd::bench {

struct PodStartBenchOptions {
  std::string containerd;  ///< containerd's socket (scripts/containerd up prints it)
  std::string registry;    ///< HOST:PORT of the registry holding library/busybox (scripts/registry up)
  int pods = 50;
  int max_seconds = 300;   ///< Limit of each phase.
  bool keep = false;       ///< Keep the run directory (log, pod directories).
};

/// Adds the podstart subcommand's options to `command`.
void add_podstart_options(CLI::App& command, PodStartBenchOptions& o);

/// Runs the benchmark and prints its table. 0 when the table was printed
/// (even cut short), 1 when containerd, the registry or the control plane
/// could not be used.
int run_podstart(const PodStartBenchOptions& o);

}  // namespace herd::bench
