#pragma once

// herd-bench api: create and get latency and throughput of herd's
// Kubernetes API (docs/benchmarks.md, "API"), beside a Beast server that
// only answers (api_servers.hpp), both in this process on 127.0.0.1.
//
// For each client count: creates of ConfigMaps (closed loop) against herd,
// then the baseline; gets of the created ones against herd, then the
// baseline. Last, creates paced at --rate per second (open loop) against
// each: herd's p99 there is the target (< 20 ms at 500/s).

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace herd::bench {

struct ApiBenchOptions {
  std::vector<int> clients = {1, 16, 64};
  uint64_t requests = 5000;  ///< Per closed-loop phase.
  int max_seconds = 10;      ///< Limit of each closed-loop phase.
  double rate = 500;         ///< Paced creates per second.
  int paced_seconds = 20;    ///< Length of the paced schedule.
  int paced_clients = 32;    ///< Connections the paced creates go out on.
  std::string dir = "/tmp";  ///< The run's directory (herd's log) goes under it.
  bool keep = false;
};

/// Adds the api subcommand's options to `command`.
void add_api_options(CLI::App& command, ApiBenchOptions& o);

/// Runs the benchmark and prints its table. 0 when the table was printed
/// (figures are reported, never asserted), 1 when herd or the baseline
/// could not start or herd did not take the warm-up create.
int run_api(const ApiBenchOptions& o);

}  // namespace herd::bench
