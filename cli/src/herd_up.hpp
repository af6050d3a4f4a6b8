#pragma once

// `herd up`: the whole control plane in this process — the event log, an
// actor per object with its controller, the scheduler, node agents — and the
// HTTP server in front of it, until told to stop.

#include <chrono>
#include <functional>
#include <iosfwd>
#include <string>

#include "herd/cli/herd_log_commands.hpp"

namespace herd::cli {

struct UpOptions {
  /// Created (mode 0700) when missing; holds the default log and key.
  std::string data_dir;
  LogLocation log;
  /// HOST:PORT on loopback; port 0 picks a free one (printed when up).
  std::string listen = "127.0.0.1:8080";
  /// Node agents on the simulated runtime, named sim-node-<i>: they run no
  /// containers (pods only look Running). 0 = no node at all: this build
  /// has no containerd node agent yet, so pods stay Pending.
  int simulated_nodes = 0;
  /// How often node agents post their Ready heartbeat.
  std::chrono::milliseconds heartbeat_interval{10'000};
};

/// Starts the log, the control plane (replaying the log) and the HTTP
/// server, prints `herd is up: http://HOST:PORT (log: URI, N simulated
/// nodes)` to `out`, calls `wait_for_stop` (which returns when the process
/// should stop, e.g. on SIGTERM), then stops the server, lets the control
/// plane settle and stops it. Progress and errors go to `err` and the log
/// lines (stderr). Returns 0 after a clean stop, 1 when something could not
/// start (bad listen address, log unavailable, port in use).
int run_up(const UpOptions& options, const std::function<void()>& wait_for_stop, std::ostream& out,
           std::ostream& err);

}  // namespace herd::cli
